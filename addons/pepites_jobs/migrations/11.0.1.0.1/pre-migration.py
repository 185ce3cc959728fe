"""11.0.1.0.1 (issue 20): offers store their employer's name (``siae_name``), shown by the
back-office list and the public board without reading the SIAE's contact. Filled here in one
UPDATE before the update, so that Odoo finds the column and does not recompute it offer by
offer (20,000 at region scale)."""
from odoo.addons.pepites_jobs.models.hr_job import fill_siae_names


def migrate(cr, version):
    if not version:
        return
    fill_siae_names(cr)
