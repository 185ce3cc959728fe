# Copyright 2026 INAÉ
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "PEPITES — Hostile inputs (tests)",
    "summary": "Generated bad inputs over XML-RPC, website forms and portal routes: every one "
               "answered with a clear error, no HTTP 500, no partial write",
    "version": "11.0.1.0.0",
    "category": "PEPITES",
    "website": "https://www.inae-nouvelleaquitaine.org",
    "author": "INAÉ",
    "maintainers": ["inae"],
    "license": "AGPL-3",
    # a test addon: no data, only tests over the five PEPITES addons
    "depends": ["pepites_jobs", "pepites_badges", "pepites_kpi", "pepites_training"],
    "data": [],
    "installable": True,
}
