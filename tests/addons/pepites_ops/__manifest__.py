# Copyright 2026 INAÉ
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "PEPITES — Sauvegarde, restauration et mise à jour",
    "summary": "Test de bout en bout de make backup, make restore et make upgrade",
    "description": """
Tests only, no data, nothing to serve.

Its post_install test runs the real scripts (scripts/backup.sh, restore.sh, upgrade.sh) on the
test database: backs it up, restores it under another name, checks that every table's ids and
every file's checksum are identical and that the copy is neutralised (no active mail server, the
crons that contact people off, a mail created on it never reaches an SMTP server), updates the
copy with make upgrade, then drops it.
""",
    "version": "11.0.1.0.0",
    "category": "PEPITES",
    "website": "https://www.inae-nouvelleaquitaine.org",
    "author": "INAÉ",
    "maintainers": ["inae"],
    "license": "AGPL-3",
    # the neutralisation of copies lives in pepites_partners
    "depends": ["pepites_partners"],
    "data": [],
    "installable": True,
}
