# Copyright 2026 INAÉ
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "PEPITES — Mode production, testé pour de vrai",
    "summary": "Tests du mode production : nginx en HTTPS devant Odoo (parcours, en-têtes, "
               "limites), configuration de production et fichier docker-compose",
    "description": """
Tests of PEPITES' production mode (tests only, no data, nothing to serve).

Its tests render the production nginx template (config/nginx/pepites.conf.in, as make prod does)
with the upstream pointed at the test server, start nginx on free ports with a local test CA,
and go through it over HTTPS: login, the job board, an application with a CV, an event
registration and a badge verification; the security headers, the HTTP to HTTPS redirect, the
French 413 page of an oversize upload and the 429 of the rate limits; the back office and the
website editor in Chromium under the Content-Security-Policy. Others read the production Odoo
configuration, docker-compose.yml's production profile, the Dockerfile and requirements.txt.
""",
    "version": "11.0.1.0.0",
    "category": "PEPITES",
    "website": "https://www.inae-nouvelleaquitaine.org",
    "author": "INAÉ",
    "maintainers": ["inae"],
    "license": "AGPL-3",
    # pepites_e2e: its fixtures (an offer on the board, a badge issued) and its browser set-up
    "depends": ["pepites_jobs", "pepites_badges", "pepites_e2e"],
    "external_dependencies": {"python": ["yaml", "requests"]},
    "data": [],
    "installable": True,
}
