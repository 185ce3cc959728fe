"""11.0.1.0.1: "Job offers published" counts the offers on the board, by the board's one rule
(issue 14).

Before, it counted every offer ever given a publication date, employer or not, expired or not:
``/indicateurs`` showed more offers than ``/jobs`` listed. The indicator is data kept by
``noupdate``: its shipped definition is rewritten here, unless a manager changed it.
"""
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["pepites.kpi.indicator"]._migrate_offers_published_to_board_rule()
