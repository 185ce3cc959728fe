from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.pepites_partners.controllers.form_write import FormWrite
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
        return self._render_my_badges(saved=kw.get("saved") == "1")

    def _render_my_badges(self, name_error=None, saved=False):
        """/my/badges, with the refusal of the name choice (never taken from the URL)."""
        values = self._prepare_portal_layout_values()
        values.update(request.env["pepites.badge.assertion"]._portal_badges())
        values.update(page_name="my_badges", badge_path=urls.path, name_error=name_error,
                      name_saved=saved,
                      name_display=request.env.user.partner_id.badge_name_display)
        return request.render("pepites_badges.portal_my_badges", values)

    @http.route([urls.route("portal_name")], type="http", auth="user", website=True,
                methods=["POST"])
    def portal_my_badges_name(self, **post):
        """The holder's choice of how their name appears on their badges' verification pages:
        written on the session user's own contact only (no id is taken from the form), behind
        the CSRF check of every website POST."""
        with FormWrite() as attempt:
            request.env["res.partner"]._portal_set_badge_name_display(post.get("name_display"))
        if attempt.error:
            return self._render_my_badges(name_error=attempt.error)
        return request.redirect(urls.path("portal") + "?saved=1")

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
