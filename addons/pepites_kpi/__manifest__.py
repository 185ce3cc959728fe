# Copyright 2026 INAÉ
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "PEPITES — Indicateurs du programme",
    "summary": "Indicateurs de réussite, cibles, valeurs par département et par mois, "
               "tableau de bord, rapport financeurs",
    "version": "11.0.1.0.3",
    "development_status": "Beta",
    "category": "PEPITES",
    "website": "https://www.inae-nouvelleaquitaine.org",
    "author": "INAÉ",
    "maintainers": ["inae"],
    "license": "LGPL-3",
    # every addon whose records the indicators count; website: the public page /indicateurs
    "depends": [
        "pepites_partners", "pepites_jobs", "pepites_training", "pepites_badges", "website",
    ],
    "external_dependencies": {"python": ["xlsxwriter", "PIL"]},
    "data": [
        "security/pepites_kpi_security.xml",
        "security/ir.model.access.csv",
        "data/pepites_kpi_indicator_data.xml",
        "data/pepites_kpi_indicator_jobs_data.xml",
        "data/pepites_kpi_indicator_training_data.xml",
        "data/pepites_kpi_indicator_badges_data.xml",
        "data/ir_cron_data.xml",
        "views/pepites_kpi_indicator_views.xml",
        "views/pepites_kpi_snapshot_views.xml",
        "views/pepites_kpi_templates.xml",
        "report/pepites_kpi_report.xml",
        "wizards/pepites_kpi_report_wizard_views.xml",
        "views/menus.xml",
    ],
    "installable": True,
}
