# Copyright 2026 INAÉ
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "PEPITES — JobBoard INAÉ 2.0 et accès aux métiers de l'IAE",
    "summary": "Offres d'emploi des SIAE (hr.job) avec modération, site d'offres et candidature "
               "en ligne, portail SIAE, flux JSON/RSS et API pour les partenaires emploi",
    "version": "11.0.1.0.1",
    "development_status": "Beta",
    "category": "PEPITES",
    "website": "https://www.inae-nouvelleaquitaine.org",
    "author": "INAÉ",
    "maintainers": ["inae"],
    "license": "LGPL-3",
    "application": False,
    # hr_recruitment / website_hr_recruitment: offers ARE core job positions (hr.job) and
    # applications ARE core applicants (hr.applicant); we extend them, no parallel model.
    # event / website_event: discovery events ARE core events and their registrations core
    # registrations (seats, mail schedulers, attendance), extended with a waiting list.
    "depends": ["pepites_partners", "hr_recruitment", "website_hr_recruitment", "event",
                "website_event"],
    "data": [
        "security/pepites_jobs_security.xml",
        "security/ir.model.access.csv",
        "data/mail_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "data/website_data.xml",
        "wizards/hr_job_refuse_wizard_views.xml",
        "views/hr_job_views.xml",
        "views/res_partner_views.xml",
        "views/hr_applicant_views.xml",
        "views/website_templates.xml",
        "views/portal_templates.xml",
        "security/pepites_jobs_events_security.xml",
        "data/pepites_events_data.xml",
        "report/pepites_immersion_reports.xml",
        "views/event_event_views.xml",
        "views/event_registration_views.xml",
        "views/pepites_orientation_views.xml",
        "views/pepites_immersion_views.xml",
        "views/pepites_poei_views.xml",
        "views/pepites_events_templates.xml",
        "views/website_core_templates.xml",
        "views/menus.xml",
        "data/auditlog_rule_data.xml",
        "data/pepites_home_queue_data.xml",
    ],
    "demo": [
        "demo/hr_job_demo.xml",
        "demo/pepites_pathways_demo.xml",
        "demo/pepites_privacy_demo.xml",
        "demo/pepites_path_demo.xml",
        "demo/website_core_demo.xml",
    ],
    "installable": True,
}
