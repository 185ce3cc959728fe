"""The OPCO's copy of alternance contracts: the CSV for INAÉ staff (the PDF summary is a report,
printed from the back office)."""
from werkzeug.exceptions import BadRequest, Forbidden

from odoo import _, http
from odoo.exceptions import AccessError
from odoo.http import request


class PepitesAlternanceExport(http.Controller):

    @http.route("/pepites/alternance/export.csv", type="http", auth="user")
    def alternance_export_csv(self, ids="", **kwargs):
        """The selected contracts as a CSV (``ids``: their ids, comma-separated). INAÉ staff
        only (the file holds personal data); a contract the user cannot read answers 404."""
        if not request.env.user.has_group("pepites_partners.group_pepites_user"):
            raise Forbidden()
        try:
            record_ids = [int(part) for part in ids.split(",") if part.strip()]
        except ValueError:
            raise BadRequest(_("Give the contracts' ids, comma-separated."))
        if not record_ids:
            raise BadRequest(_("Give the contracts' ids, comma-separated."))
        contracts = request.env["pepites.alternance"].browse(record_ids).exists()
        # answered, not raised: outside the website, core's 404 fallback looks for a website page
        # and fails (HTTP 500)
        if len(contracts) != len(set(record_ids)):
            return request.not_found()
        try:
            contracts.check_access_rule("read")
        except AccessError:
            return request.not_found()
        content = contracts._opco_csv()
        name = "alternance-%s.csv" % contracts.name.replace("/", "-") if len(contracts) == 1 \
            else "alternances.csv"
        return request.make_response(content, headers=[
            ("Content-Type", "text/csv; charset=utf-8"),
            ("Content-Disposition", 'attachment; filename="%s"' % name)])
