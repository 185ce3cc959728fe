# Copyright 2026 INAÉ
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "PEPITES — Open Badges",
    "summary": "Open Badges 2.0 de l'IAE en Nouvelle-Aquitaine : émetteurs, badges, assertions "
               "hébergées et signées, PNG « bakés », QR code, révocation, émission en masse, "
               "attribution automatique, portail « mes badges »",
    "version": "11.0.1.5.0",
    "development_status": "Beta",
    "category": "PEPITES",
    "website": "https://www.inae-nouvelleaquitaine.org",
    "author": "INAÉ",
    "maintainers": ["inae"],
    "license": "LGPL-3",
    "application": False,
    # portal: /my/badges; website: the public verification page uses the website layout;
    # pepites_training and event: award rules on module completion, VAE blocks, attendance
    "depends": ["pepites_partners", "pepites_training", "event", "mail", "portal", "website"],
    # pyld: PyLD 2.0.4, the JSON-LD 1.1 canonicaliser of the Data Integrity proofs. Also
    # cryptography (pinned in requirements.txt): not listed, Odoo's import check of it would log
    # its Python 3.7 deprecation warning. openbadges (the 1EdTech validator) and
    # openbadges_bakery are needed by the tests only.
    "external_dependencies": {"python": ["png", "qrcode", "PIL", "pyld"]},
    "data": [
        "security/pepites_badges_security.xml",
        "security/ir.model.access.csv",
        "data/pepites_badge_issuer_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "report/badge_certificate_report.xml",
        "views/pepites_badge_issuer_views.xml",
        "views/pepites_badge_class_views.xml",
        "views/pepites_badge_assertion_views.xml",
        "views/pepites_badge_award_rule_views.xml",
        "views/pepites_badge_tag_views.xml",
        "views/pepites_badge_external_views.xml",
        "views/pepites_vae_views.xml",
        "views/pepites_competence_block_views.xml",
        "views/res_partner_views.xml",
        "wizards/pepites_badge_issue_wizard_views.xml",
        "wizards/pepites_badge_revoke_wizard_views.xml",
        "wizards/pepites_badge_external_import_wizard_views.xml",
        "views/pepites_badges_templates.xml",
        "views/portal_templates.xml",
        "views/website_assets.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/pepites_badge_class_demo.xml",
        "demo/pepites_badge_award_rule_demo.xml",
        "demo/pepites_badge_assertion_demo.xml",
    ],
    "installable": True,
}
