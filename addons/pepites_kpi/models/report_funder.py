import base64

from odoo import api, fields, models

from .. import chart


class ReportFunder(models.AbstractModel):
    """Values of the funder report (QWeb PDF): the indicators, their breakdown and the trend chart."""

    _name = "report.pepites_kpi.report_funder"
    _description = "Funder report"

    @api.model
    def get_report_values(self, docids, data=None):
        data = data or {}
        today = fields.Date.from_string(fields.Date.context_today(self))
        month_to = fields.Date.from_string(data.get("month_to")) if data.get("month_to") else today
        month_from = fields.Date.from_string(data.get("month_from")) if data.get("month_from") \
            else month_to.replace(year=month_to.year - 1)
        indicators = self.env["pepites.kpi.indicator"].browse(docids) if docids \
            else self.env["pepites.kpi.indicator"].search([])
        report = indicators._report_data(month_from, month_to)
        with_target = [row for row in report["rows"] if row["indicator"].target]
        series = {row["indicator"].name: [value or 0 for value in row["trend"]]
                  for row in with_target[:8]}
        png = chart.line_chart(series, [m.strftime("%m/%Y") for m in report["months"]])
        return dict(report, docs=indicators, month_from=month_from,
                    month_to=month_to, chart=base64.b64encode(png).decode(),
                    company=self.env.user.company_id)
