from odoo import _, http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from odoo.addons.pepites_partners.controllers.form_write import FormWrite
from odoo.addons.pepites_partners.controllers.report import report_error_page
from odoo.addons.portal.controllers.portal import CustomerPortal

from ..openbadges_engine import urls, verification


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
        return self._render_my_badges(saved=kw.get("saved") == "1",
                                      imported=kw.get("imported") == "1")

    def _render_my_badges(self, name_error=None, saved=False, import_error=None,
                          imported=False):
        """/my/badges, with the refusal of the name choice or of an import (never taken from
        the URL)."""
        values = self._prepare_portal_layout_values()
        values.update(request.env["pepites.badge.assertion"]._portal_badges())
        # as the user: the record rule shows the holder their own imported badges only
        values.update(page_name="my_badges", badge_path=urls.path, name_error=name_error,
                      name_saved=saved, import_error=import_error, imported=imported,
                      external_badges=request.env["pepites.badge.external"].search(
                          [("partner_id", "=", request.env.user.partner_id.id)]),
                      siae_issuer=request.env["pepites.badge.issuer"]._portal_siae_issuer(),
                      name_display=request.env.user.partner_id.badge_name_display)
        return request.render("pepites_badges.portal_my_badges", values)

    @http.route([urls.route("portal_import")], type="http", auth="user", website=True,
                methods=["POST"])
    def portal_my_badges_import(self, **post):
        """The holder imports a badge earned elsewhere (baked PNG, JSON or signed badge) onto
        their own contact (no id is taken from the form), after its verification; a refused
        file writes nothing and is said on the page."""
        upload = post.get("badge_file")
        data = upload.read(verification.MAX_FILE_BYTES + 1) if hasattr(upload, "read") else None
        with FormWrite() as attempt:
            request.env["pepites.badge.external"]._portal_import(data)
        if attempt.error:
            return self._render_my_badges(import_error=attempt.error)
        return request.redirect(urls.path("portal") + "?imported=1")

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

    # ----------------------------------------------------------------- a SIAE issues its badges
    def _render_issuing(self, error=None, status=200, form=None, revoke_error=None,
                        revoke_uuid=None, issued=None):
        """/my/badges/issue for the logged-in SIAE user; a 403 page saying why when its
        structure has no issuer endorsed by INAÉ."""
        values = self._prepare_portal_layout_values()
        values.update(page_name="badges_issue", badge_path=urls.path, error=error,
                      form=form or {}, revoke_error=revoke_error, revoke_uuid=revoke_uuid,
                      issued_now=issued)
        try:
            values.update(request.env["pepites.badge.class"]._portal_issuing())
        except AccessError as refusal:
            values.update(refusal=refusal.name)
            return request.render("pepites_badges.portal_badges_issue", values, status=403)
        return request.render("pepites_badges.portal_badges_issue", values, status=status)

    @http.route([urls.route("portal_issue")], type="http", auth="user", website=True,
                methods=["GET"])
    def portal_badges_issue(self, **kw):
        return self._render_issuing(issued=kw.get("issued"))

    @http.route([urls.route("portal_issue_class", "<int:class_id>")], type="http",
                auth="user", website=True, methods=["POST"])
    def portal_badges_issue_class(self, class_id, **post):
        """Issue the badge class ``class_id`` of the SIAE's endorsed issuer to one of its people
        (``partner_id``): another structure's class or person answers 404 before anything is
        written, an unendorsed structure 403."""
        issuer = request.env["pepites.badge.issuer"]._portal_siae_issuer()
        if not issuer:
            return self._render_issuing()
        Class = request.env["pepites.badge.class"]
        badge = Class.search([("id", "=", class_id), ("issuer_id", "=", issuer.id)])
        try:
            partner_id = int(post.get("partner_id") or 0)
        except ValueError:
            partner_id = 0
        person = Class._portal_siae_people().filtered(lambda p: p.id == partner_id)
        if not badge:
            return request.not_found()
        if not person:
            return self._render_issuing(
                error=_("Choose one of the people of your structure."), status=400, form=post)
        with FormWrite() as attempt:
            assertion = badge._portal_issue_to(person, post.get("narrative"))
        if attempt.error:
            return self._render_issuing(error=attempt.error, form=post)
        return request.redirect(urls.path("portal_issue") + "?issued=%s" % assertion.uuid)

    @http.route([urls.route("portal_issue_revoke", "<string:uuid>")], type="http",
                auth="user", website=True, methods=["POST"])
    def portal_badges_issue_revoke(self, uuid, **post):
        """Revoke, with a reason, a badge the SIAE's endorsed issuer issued to one of its
        people; a badge it did not issue answers 404 (nothing written)."""
        issuer = request.env["pepites.badge.issuer"]._portal_siae_issuer()
        # as the user: the SIAE's record rule shows its people's badges only
        assertion = request.env["pepites.badge.assertion"]._get_by_uuid(uuid)
        if not issuer or not assertion or assertion.issuer_id != issuer:
            return request.not_found()
        with FormWrite() as attempt:
            assertion._portal_revoke(post.get("reason"))
        if attempt.error:
            return self._render_issuing(revoke_error=attempt.error, revoke_uuid=uuid)
        return request.redirect(urls.path("portal_issue"))
