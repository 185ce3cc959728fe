# Copyright 2026 INAÉ
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "PEPITES — Tenue en charge des inscriptions",
    "summary": "Test de charge : 200 inscriptions simultanées à un événement de 100 places "
               "sur deux nœuds Odoo derrière nginx, dont un tué en pleine course",
    "description": """
Load and cluster tests of PEPITES (tests only, no data, nothing to serve).

Its post_install tests start two real Odoo nodes (2 prefork workers each) on the test database
and data directory, crons on the first only, behind nginx rendered from the production
template (make cluster). They check that sessions, CVs and baked badges made on one node are
served by the other, that a due cron runs once, and fire 200 visitors' registrations (plus 10
re-posts of an email already used) at the same instant through nginx for a 100-seat event:
exactly 100 confirmed, 100 on the waiting list, no duplicate, no HTTP 500, a French page for
every visitor and server logs without errors; then the first node is killed in the middle of
a race and every email is still registered exactly once. Everything created is deleted.
""",
    "version": "11.0.1.0.0",
    "category": "PEPITES",
    "website": "https://www.inae-nouvelleaquitaine.org",
    "author": "INAÉ",
    "maintainers": ["inae"],
    "license": "AGPL-3",
    # pepites_prod: its test helpers (the production renderer, nginx), shared rather than copied
    "depends": ["pepites_jobs", "pepites_prod"],
    "data": [],
    "installable": True,
}
