"""The subject-access export of a person (issue 15): a ZIP download for INAÉ staff.

The ZIP is built on each request and sent as a download to the user who asked: no copy stays
in the database or the filestore (an attachment would be one more place holding the person's
data, readable by whoever may read the contact).
"""
from odoo import http
from odoo.exceptions import AccessError
from odoo.http import content_disposition, request


class PepitesPersonalDataController(http.Controller):

    @http.route("/pepites/personal-data/<int:partner_id>/export", type="http", auth="user")
    def export_personal_data(self, partner_id, **kwargs):
        """The ZIP of everything PEPITES holds about the contact ``partner_id``; 403 for anyone
        but INAÉ staff and managers, 404 for a contact that does not exist."""
        partner = request.env["res.partner"].browse(partner_id).exists()
        if not partner:
            return request.not_found()
        try:
            data = partner._pepites_export_zip()
        except AccessError:
            response = request.make_response("")
            response.status_code = 403
            return response
        return request.make_response(data, headers=[
            ("Content-Type", "application/zip"),
            ("Content-Disposition", content_disposition(
                "donnees-personnelles-%d.zip" % partner.id)),
            ("Cache-Control", "no-store"),
        ])
