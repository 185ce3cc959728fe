from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PepitesKpiSnapshot(models.Model):
    """The value of an indicator for a month, for the region (no département) or a département.

    Snapshots keep the trend as it was reported, even when source records are corrected later.
    """

    _name = "pepites.kpi.snapshot"
    _description = "Indicator snapshot"
    _order = "month desc, indicator_id, department_id"
    _rec_name = "indicator_id"

    indicator_id = fields.Many2one("pepites.kpi.indicator", required=True, ondelete="cascade",
                                   index=True)
    action_sheet = fields.Selection(related="indicator_id.action_sheet", store=True)
    month = fields.Date(required=True, index=True, help="First day of the month.")
    department_id = fields.Many2one("pepites.department", index=True, ondelete="cascade",
                                    help="Empty: the whole region.")
    is_regional = fields.Boolean(compute="_compute_is_regional", store=True, index=True)
    value = fields.Float(digits=(16, 1), group_operator="sum")
    target = fields.Float(related="indicator_id.target", readonly=True)

    @api.model_cr
    def init(self):
        # one value per indicator, month and département — the region being "no département"
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS pepites_kpi_snapshot_unique "
            "ON pepites_kpi_snapshot (indicator_id, month, COALESCE(department_id, 0))")

    @api.depends("department_id")
    def _compute_is_regional(self):
        for snapshot in self:
            snapshot.is_regional = not snapshot.department_id

    @api.constrains("month")
    def _check_month(self):
        """:raises ValidationError: for a month that has not begun, or a day other than the 1st."""
        this_month = fields.Date.from_string(fields.Date.context_today(self)).replace(day=1)
        for snapshot in self:
            month = fields.Date.from_string(snapshot.month)
            if month > this_month:
                raise ValidationError(_("A snapshot cannot be taken for a future month (%s).")
                                      % snapshot.month)
            if month.day != 1:
                raise ValidationError(_("A snapshot month starts on the 1st (%s).")
                                      % snapshot.month)

    @api.model
    def _store(self, month, values):
        """Replace the snapshots of ``month`` for the indicators of ``values``
        ({indicator id: {département id or None: value}}) with these values."""
        month = fields.Date.to_string(month)
        self.search([("month", "=", month), ("indicator_id", "in", list(values))]).unlink()
        for indicator_id, by_department in values.items():
            for department_id, value in by_department.items():
                self.create({"indicator_id": indicator_id, "month": month,
                             "department_id": department_id or False, "value": value})
        return True
