# Copyright 2026 INAÉ
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "PEPITES — Parcours dans un vrai navigateur",
    "summary": "Tests de bout en bout : les parcours des visiteurs, des SIAE et d'INAÉ joués "
               "dans Chromium sans interface",
    "description": """
Real-browser journeys of PEPITES (tests only, no data, nothing to serve).

Its tests drive Debian's headless chromium through chromium-driver (Selenium 3.141) against the
HTTP server Odoo's test runner starts: a visitor applies to an ETI offer with a CV, a visitor is
wait-listed at a full rally day, a SIAE submits an offer, signs a PMSMP convention and downloads
a staff member's baked badge, INAÉ staff moderate the offer and issue badges in bulk in the back
office, and anyone checks a badge's verification page before and after its revocation. A
screenshot of each final page is written to ``var/screenshots/<journey>.png``.
""",
    "version": "11.0.1.0.0",
    "category": "PEPITES",
    "website": "https://www.inae-nouvelleaquitaine.org",
    "author": "INAÉ",
    "maintainers": ["inae"],
    "license": "AGPL-3",
    "depends": ["pepites_jobs", "pepites_badges", "pepites_kpi", "pepites_training"],
    "external_dependencies": {"python": ["selenium"]},
    "data": [],
    "installable": True,
}
