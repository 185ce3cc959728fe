from werkzeug.exceptions import BadRequest, Forbidden

from odoo import _, fields, http
from odoo.http import request


class PepitesKpiController(http.Controller):

    @http.route("/indicateurs", type="http", auth="public", website=True)
    def public_indicators(self, **kwargs):
        """The programme's headline figures, for everyone: aggregates only, no personal data."""
        # trust boundary: the public may not read indicators, but these figures are public
        indicators_sudo = request.env["pepites.kpi.indicator"].sudo().search(
            [("is_public", "=", True)])
        return request.render("pepites_kpi.public_indicators",
                              {"rows": indicators_sudo._public_figures()})

    @http.route("/pepites_kpi/funder_report.xlsx", type="http", auth="user")
    def funder_report_xlsx(self, month_from=None, month_to=None, **kwargs):
        if not request.env.user.has_group("pepites_partners.group_pepites_user"):
            raise Forbidden()
        try:
            date_from = fields.Date.from_string(month_from)
            date_to = fields.Date.from_string(month_to)
        except (TypeError, ValueError):
            date_from = date_to = None
        if not date_from or not date_to or date_to < date_from:
            raise BadRequest(_("Give a valid period: month_from and month_to as YYYY-MM-DD."))
        content = request.env["pepites.kpi.indicator"].search([])._funder_xlsx(date_from, date_to)
        return request.make_response(content, headers=[
            ("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("Content-Disposition", 'attachment; filename="pepites-indicateurs.xlsx"'),
        ])
