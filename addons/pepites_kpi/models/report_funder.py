import base64

from odoo import api, fields, models

from .. import chart


class ReportFunder(models.AbstractModel):
    """Values of the funder report (QWeb PDF): the indicators, their breakdown and the trend
    charts, one per indicator (each on its own scale, months without a value left as gaps)."""

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
        labels = [month.strftime("%m/%Y") for month in report["months"]]
        # the trend as it was recorded: None (no snapshot that month) stays None to the chart
        charted = [row for row in report["rows"]
                   if any(value is not None for value in row["trend"])]
        pngs = chart.small_multiples([(row["indicator"].name, row["trend"]) for row in charted],
                                     labels)
        charts = [{"row": row, "png": base64.b64encode(png).decode()}
                  for row, (_name, png) in zip(charted, pngs)]
        return dict(report, docs=indicators, month_from=month_from, month_to=month_to,
                    month_labels=labels, charts=charts, company=self.env.user.company_id,
                    uncharted=[row for row in report["rows"] if row not in charted])
