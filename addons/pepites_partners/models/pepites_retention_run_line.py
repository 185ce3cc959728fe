from odoo import fields, models


class PepitesRetentionRunLine(models.Model):
    """What one retention run did in one category."""

    _name = "pepites.retention.run.line"
    _description = "Retention run: one category"
    _order = "run_id, id"

    run_id = fields.Many2one("pepites.retention.run", required=True, ondelete="cascade",
                             index=True, readonly=True)
    code = fields.Char(readonly=True)
    name = fields.Char(string="Category", readonly=True)
    cutoff = fields.Date(string="Due on or before", readonly=True)
    record_count = fields.Integer(string="Records anonymised", readonly=True)
    file_count = fields.Integer(string="Files removed", readonly=True)
