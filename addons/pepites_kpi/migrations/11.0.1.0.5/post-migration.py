"""11.0.1.0.5 (issue 20): "Applications received through the JobBoard" counts the applications
on their own stored SIAE (``siae_id``, their offer's) rather than through ``job_id.siae_id``,
which listed every offer of a SIAE in the query. The indicator is data kept by ``noupdate``:
its shipped definition is rewritten here, unless a manager changed the domain.
"""
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["pepites.kpi.indicator"]._migrate_applications_stored_siae()
