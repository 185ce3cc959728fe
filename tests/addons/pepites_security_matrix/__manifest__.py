# Copyright 2026 INAÉ
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "PEPITES — Security matrix (tests)",
    "summary": "Every PEPITES model x role x operation through the ORM, XML-RPC and the "
               "public and portal routes, against one explicit table of expected rights",
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
