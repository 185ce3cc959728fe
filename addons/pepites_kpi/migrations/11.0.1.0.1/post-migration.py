"""11.0.1.0.1 (issue 14): "Job offers published" counts the offers of a SIAE only, and the new
"Job offers online now" counts what ``/jobs`` lists, by the board's one rule.

Before, "Job offers published" also counted positions without employer (never on the board),
and ``/indicateurs`` had no figure of the board itself. The indicator is data kept by
``noupdate``: its shipped definition is rewritten here, unless a manager changed it; the new
indicator comes from the data file.
"""
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["pepites.kpi.indicator"]._migrate_offers_published_to_siae_offers()
