"""11.0.1.1.0: the badges keep the Open Badges ids they were issued with (issue 13).

Before, every id was rebuilt from ``web.base.url`` at each request, which an admin's login through
another host name rewrote. The ids of the badges issued until now are read back from what their
holders have: the baked PNG (else the signed badge).
"""
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["pepites.badge.assertion"]._fill_issued_ids()
