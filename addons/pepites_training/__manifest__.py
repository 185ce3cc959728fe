# Copyright 2026 INAÉ
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "PEPITES — Formation, certifications et Campus de l'Insertion",
    "summary": "Cartographie des formations, titres ETI/ETAIE et blocs, alternance, VAE par bloc, "
               "AFEST, Campus de l'Insertion, modules et suivi eLearning",
    "version": "11.0.1.0.0",
    "category": "PEPITES",
    "website": "https://www.inae-nouvelleaquitaine.org",
    "author": "INAÉ",
    "maintainers": ["inae"],
    "license": "LGPL-3",
    # website_slides: eLearning content of the modules and the communication kit;
    # survey: the modules' quizzes
    "depends": ["pepites_partners", "website_slides", "survey"],
    "data": [
        "security/pepites_training_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "data/pepites_certification_data.xml",
        "data/slide_channel_data.xml",
        "views/pepites_certification_views.xml",
        "views/pepites_training_offer_views.xml",
        "views/pepites_alternance_views.xml",
        "wizards/pepites_alternance_rupture_wizard_views.xml",
        "views/pepites_vae_views.xml",
        "views/pepites_afest_views.xml",
        "views/pepites_campus_views.xml",
        "views/pepites_training_templates.xml",
        "views/portal_templates.xml",
        "report/training_attestation_report.xml",
        "views/menus.xml",
    ],
    # the demo builds on pepites_partners' demo directory (SIAE, AFPA, FAS, Essaimons, Bâti…)
    "demo": [
        "demo/pepites_certification_demo.xml",
        "demo/pepites_training_offer_demo.xml",
        "demo/pepites_alternance_demo.xml",
        "demo/pepites_vae_demo.xml",
        "demo/pepites_afest_demo.xml",
        "demo/pepites_campus_demo.xml",
        "demo/slide_channel_demo.xml",
    ],
    "installable": True,
}
