# Copyright 2026 INAÉ
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "PEPITES — Annuaire des SIAE et des partenaires",
    "summary": "SIAE, partenaires, départements, filières, partenariats sectoriels, "
               "conseillers CEP et ambassadeurs métiers",
    "version": "11.0.1.0.0",
    "development_status": "Beta",
    "category": "PEPITES",
    "website": "https://www.inae-nouvelleaquitaine.org",
    "author": "INAÉ",
    "maintainers": ["inae"],
    "license": "LGPL-3",
    "application": True,
    # portal: SIAE users manage their own structure; website: the SIAE profile page lives there
    "depends": ["contacts", "mail", "portal", "website",
                # OCA: accounts that resist attack, the audit trail, the register of processing
                # activities and the legal pages (issue 15)
                "auth_brute_force", "password_security", "auth_totp", "auth_totp_password_security",
                "auth_session_timeout", "auditlog", "privacy", "website_legal_page"],
    "external_dependencies": {"python": ["stdnum", "pyotp", "qrcode"]},
    "data": [
        "security/pepites_partners_security.xml",
        "security/ir.model.access.csv",
        "data/pepites_department_data.xml",
        "data/pepites_partner_role_data.xml",
        "data/pepites_sector_data.xml",
        "data/pepites_job_family_data.xml",
        "data/pepites_accounts_data.xml",
        "views/pepites_department_views.xml",
        "views/pepites_partner_role_views.xml",
        "views/pepites_sector_views.xml",
        "views/pepites_job_family_views.xml",
        "views/res_partner_views.xml",
        "views/pepites_partnership_views.xml",
        "views/pepites_ambassador_views.xml",
        "views/portal_templates.xml",
        "views/report_templates.xml",
        "views/auth_templates.xml",
        "views/res_authentication_attempt_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_lang_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/res_users_demo.xml",
        "demo/pepites_ambassador_demo.xml",
        "demo/pepites_partnership_demo.xml",
    ],
    "installable": True,
}
