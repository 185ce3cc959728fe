"""11.0.1.0.4 (issue 17): the five indicators whose definition drifted from the plan are fixed
(ETI trained as trainers, ETI sessions in AFEST, durable exits counted from the hires, badges
issued to salariés, this year's offers against the yearly baseline). The indicators are data
kept by ``noupdate``: their shipped definitions are rewritten here, unless a manager changed
the domain. The action sheets, the new indicators and the milestones are new records: the
update creates them.
"""
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["pepites.kpi.indicator"]._migrate_plan_definitions()
