"""11.0.1.0.2 (issue 15): "Open Badges issued" keeps counting the badges revoked at their
holder's request (erasure of their personal data): they were issued, and erasing a person must
leave the indicators as they were. The indicator is data kept by ``noupdate``: its shipped
definition is rewritten here, unless a manager changed it.
"""
from odoo import SUPERUSER_ID, api

OLD_DOMAIN = "[('revoked', '=', False)]"
NEW_DOMAIN = "['|', ('revoked', '=', False), ('revoked_by_holder', '=', True)]"


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    indicator = env.ref("pepites_kpi.indicator_badges_issued", raise_if_not_found=False)
    if indicator and indicator.domain == OLD_DOMAIN:
        indicator.domain = NEW_DOMAIN
