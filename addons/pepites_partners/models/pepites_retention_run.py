from odoo import api, fields, models


class PepitesRetentionRun(models.Model):
    """One run of the retention cron: when, what it anonymised per category, its errors."""

    _name = "pepites.retention.run"
    _description = "Retention run"
    _order = "date desc, id desc"
    _rec_name = "date"

    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    state = fields.Selection([("running", "Running"), ("done", "Done"), ("error", "Errors")],
                             default="running", required=True, readonly=True)
    line_ids = fields.One2many("pepites.retention.run.line", "run_id", string="Categories",
                               readonly=True)
    record_count = fields.Integer(string="Records anonymised", compute="_compute_totals",
                                  store=True)
    file_count = fields.Integer(string="Files removed", compute="_compute_totals", store=True)
    errors = fields.Text(readonly=True)

    @api.depends("line_ids.record_count", "line_ids.file_count")
    def _compute_totals(self):
        for run in self:
            run.record_count = sum(run.line_ids.mapped("record_count"))
            run.file_count = sum(run.line_ids.mapped("file_count"))
