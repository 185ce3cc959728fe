# Copyright 2026 INAÉ
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "PEPITES — Tenue en charge des inscriptions",
    "summary": "Test de charge : 200 inscriptions simultanées sur un vrai serveur Odoo multi-"
               "processus pour un événement de 100 places",
    "description": """
Load test of PEPITES discovery-event registrations (tests only, no data, nothing to serve).

Its post_install test commits a published RDV Découverte IAE with 100 seats, starts a real Odoo
server with 4 prefork workers on the same database, and fires 200 visitors' registrations (plus
10 re-posts of an email already used) at the same instant through the website form. It checks
exactly 100 confirmed, 100 on the waiting list, no duplicate, no HTTP 500, a French page for every
visitor and a server log without errors, then deletes everything it created.
""",
    "version": "11.0.1.0.0",
    "category": "PEPITES",
    "website": "https://www.inae-nouvelleaquitaine.org",
    "author": "INAÉ",
    "maintainers": ["inae"],
    "license": "AGPL-3",
    "depends": ["pepites_jobs"],
    "data": [],
    "installable": True,
}
