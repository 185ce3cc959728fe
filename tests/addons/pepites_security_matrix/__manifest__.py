# Copyright 2026 INAÉ
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "PEPITES — Security matrix (tests)",
    "summary": "Every model (core Odoo's included) x role x operation, every method and route "
               "that elevates rights, the generic ORM methods and core JSON routes, redirect "
               "targets: against explicit tables of expected rights, outsiders denied by default",
    "version": "11.0.1.0.0",
    "category": "PEPITES",
    "website": "https://www.inae-nouvelleaquitaine.org",
    "author": "INAÉ",
    "maintainers": ["inae"],
    "license": "AGPL-3",
    "depends": ["pepites_jobs", "pepites_badges", "pepites_kpi", "pepites_training"],
    "data": [],
    "installable": True,
}
