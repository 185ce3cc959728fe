"""11.0.1.0.3 (issue 16): the indicators counted for the region only are marked so (the
funder report prints "régional" and one figure rather than département columns of zeros), and
"Applications received through the JobBoard" counts every application received, refused
(archived) ones included, as the offers' "Applications received" do. The indicators are data
kept by ``noupdate``: their shipped definitions are rewritten here, unless a manager changed
the domain.
"""
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["pepites.kpi.indicator"]._migrate_regional_scope_and_applications()
