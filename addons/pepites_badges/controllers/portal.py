from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.pepites_partners.controllers.report import report_error_page
from odoo.addons.portal.controllers.portal import CustomerPortal

from ..openbadges_engine import urls


class BadgesPortal(CustomerPortal):
    """`/my/badges`: a badge holder downloads, shares and proves their badges; a SIAE portal user
    also sees the badges of their structure's staff. Record rules decide what is listed."""

    def _prepare_portal_layout_values(self):
        values = super(BadgesPortal, self)._prepare_portal_layout_values()
        values["badge_count"] = request.env["pepites.badge.assertion"].search_count(
            [("recipient_partner_id", "=", request.env.user.partner_id.id)])
        return values

    @http.route([urls.route("portal")], type="http", auth="user", website=True)
    def portal_my_badges(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update(request.env["pepites.badge.assertion"]._portal_badges())
        values.update(page_name="my_badges", badge_path=urls.path)
        return request.render("pepites_badges.portal_my_badges", values)

    @http.route([urls.route("certificate", "<string:uuid>")], type="http", auth="user",
                website=True)
    def portal_badge_certificate(self, uuid, **kw):
        # as the user: record rules decide whether this badge is theirs (or their SIAE's)
        assertion = request.env["pepites.badge.assertion"]._get_by_uuid(uuid)
        if not assertion:
            return request.not_found()
        try:
            pdf = assertion._render_certificate()
        except UserError as error:
            return report_error_page(error)
        return request.make_response(pdf, headers=[
            ("Content-Type", "application/pdf"),
            ("Content-Disposition", 'attachment; filename="badge-%s.pdf"' % assertion.uuid)])
