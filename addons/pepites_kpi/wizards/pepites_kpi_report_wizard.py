from odoo import _, api, fields, models
from odoo.exceptions import UserError


def _default_month_from(wizard):
    today = fields.Date.from_string(fields.Date.context_today(wizard))
    return fields.Date.to_string(today.replace(year=today.year - 1, day=1))


class PepitesKpiReportWizard(models.TransientModel):
    """Choose the period of the funder report, then get it as PDF or XLSX."""

    _name = "pepites.kpi.report.wizard"
    _description = "Funder report"

    month_from = fields.Date(string="From", required=True, default=_default_month_from)
    month_to = fields.Date(string="To", required=True, default=fields.Date.context_today)

    @api.constrains("month_from", "month_to")
    def _check_period(self):
        """:raises UserError: when the period ends before it starts."""
        for wizard in self:
            if wizard.month_to < wizard.month_from:
                raise UserError(_("The report period ends before it starts."))

    def action_print_pdf(self):
        self.ensure_one()
        data = {"month_from": self.month_from, "month_to": self.month_to}
        return self.env.ref("pepites_kpi.action_report_funder").report_action(
            self.env["pepites.kpi.indicator"].search([]), data=data)

    def action_export_xlsx(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "target": "self",
                "url": "/pepites_kpi/funder_report.xlsx?month_from=%s&month_to=%s"
                       % (self.month_from, self.month_to)}
