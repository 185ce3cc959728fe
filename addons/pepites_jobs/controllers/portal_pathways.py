from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.pepites_partners.controllers.form_write import FormWrite
from odoo.addons.pepites_partners.controllers.report import portal_report_pdf
from odoo.addons.portal.controllers.portal import CustomerPortal

from .events import REGISTRATION_FIELDS, register

#: rows of the group registration form of a counsellor
GROUP_ROWS = 8


class PepitesPathwaysPortal(CustomerPortal):
    """`/my/immersions`: a host SIAE reads and signs its PMSMP conventions (through the record
    rules, as the user). `/my/events`: a CEP counsellor registers a group of people."""

    def _prepare_portal_layout_values(self):
        values = super(PepitesPathwaysPortal, self)._prepare_portal_layout_values()
        user = request.env.user
        values["immersion_count"] = request.env["pepites.immersion"].search_count([]) \
            if user.has_group("pepites_partners.group_pepites_siae") else 0
        values["is_counsellor"] = bool(user.partner_id.is_cep_counsellor)
        return values

    # immersions ---------------------------------------------------------------------------

    def _my_immersion(self, immersion_id):
        """The immersion, as the user, if the record rules let them read it.

        :raises NotFound: otherwise (another SIAE's, or one that does not exist)
        """
        if not request.env.user.has_group("pepites_partners.group_pepites_siae"):
            raise NotFound()
        immersion = request.env["pepites.immersion"].browse(immersion_id)
        try:
            immersion.check_access_rights("read")
            immersion.check_access_rule("read")
            if immersion.exists():
                return immersion
        except (AccessError, MissingError):
            pass
        raise NotFound()

    @http.route(["/my/immersions"], type="http", auth="user", website=True)
    def portal_my_immersions(self, **kwargs):
        if not request.env.user.has_group("pepites_partners.group_pepites_siae"):
            return request.redirect("/my")
        immersions = request.env["pepites.immersion"].search([])
        # the SIAE user sees these immersions (rendered as superuser below, so that the trail's
        # read wrapper does not see them): to the audit trail
        request.env["auditlog.rule"]._pepites_log_read(immersions)
        values = self._prepare_portal_layout_values()
        # trust boundary: the record rules chose these immersions (their own SIAE's); the
        # names of the parties (partners the portal user cannot read) are shown as superuser
        immersions_sudo = immersions.sudo()
        values.update({"immersions": immersions_sudo, "page_name": "my_immersions"})
        return request.render("pepites_jobs.portal_my_immersions", values)

    @http.route(["/my/immersions/<int:immersion_id>"], type="http", auth="user", website=True)
    def portal_my_immersion(self, immersion_id, **kwargs):
        immersion = self._my_immersion(immersion_id)
        return self._render_immersion(immersion, signed=bool(kwargs.get("signed")))

    def _render_immersion(self, immersion, **extra):
        # shown as superuser below: the SIAE user's view goes to the audit trail here
        request.env["auditlog.rule"]._pepites_log_read(immersion)
        values = self._prepare_portal_layout_values()
        # trust boundary: _my_immersion checked the record rules; the parties' names are read
        # as superuser (portal users cannot read these partners)
        immersion_sudo = immersion.sudo()
        values.update({"immersion": immersion_sudo, "page_name": "my_immersion", "error": None})
        values.update(extra)
        return request.render("pepites_jobs.portal_my_immersion", values)

    @http.route(["/my/immersions/<int:immersion_id>/convention.pdf"], type="http", auth="user",
                website=True)
    def portal_immersion_convention(self, immersion_id, **kwargs):
        """The convention as a PDF, readable before signing (the host reads what it signs);
        another SIAE's, or an unknown one, is a 404."""
        immersion = self._my_immersion(immersion_id)
        return self._immersion_pdf(immersion, "pepites_jobs.report_pepites_immersion_convention",
                                   "convention-%s.pdf")

    @http.route(["/my/immersions/<int:immersion_id>/attestation.pdf"], type="http",
                auth="user", website=True)
    def portal_immersion_attestation(self, immersion_id, **kwargs):
        """The attestation and assessment of an immersion carried out (state done)."""
        immersion = self._my_immersion(immersion_id)
        if immersion.state != "done":
            raise NotFound()
        return self._immersion_pdf(immersion, "pepites_jobs.report_pepites_immersion_assessment",
                                   "attestation-pmsmp-%s.pdf")

    def _immersion_pdf(self, immersion, report_xmlid, filename):
        # shown as superuser below: the SIAE user's reading goes to the audit trail here
        request.env["auditlog.rule"]._pepites_log_read(immersion)
        # _my_immersion checked the record rules; the report reads the parties as superuser
        return portal_report_pdf(report_xmlid, immersion,
                                 filename % immersion.sudo().name.replace("/", "-"),
                                 disposition="inline")

    @http.route(["/my/immersions/<int:immersion_id>/sign"], type="http", auth="user",
                website=True, methods=["POST"])
    def portal_sign_immersion(self, immersion_id, **kwargs):
        immersion = self._my_immersion(immersion_id)
        with FormWrite() as attempt:
            immersion.portal_sign()
        if attempt.error:
            return self._render_immersion(immersion, error=attempt.error)
        return request.redirect("/my/immersions/%d?signed=1" % immersion.id)

    # group registration by a CEP counsellor ---------------------------------------------------

    def _counsellor(self):
        partner = request.env.user.partner_id
        if request.env.user._is_public() or not partner.is_cep_counsellor:
            raise NotFound()
        return partner

    @http.route(["/my/events"], type="http", auth="user", website=True)
    def portal_my_events(self, **kwargs):
        counsellor = self._counsellor()
        # as the user: the record rules show the people this counsellor registered
        registrations = request.env["event.registration"].search(
            [("registered_by_id", "=", counsellor.id)], order="id desc")
        values = self._prepare_portal_layout_values()
        values.update({"events": request.env["event.event"]._pepites_open_events(),
                       "registrations": registrations, "page_name": "my_events"})
        return request.render("pepites_jobs.portal_my_events", values)

    @http.route(["/my/events/<int:event_id>/group"], type="http", auth="user", website=True,
                methods=["GET", "POST"])
    def portal_event_group(self, event_id, **post):
        counsellor = self._counsellor()
        event = request.env["event.event"]._pepites_open_events().filtered(
            lambda e: e.id == event_id)
        if not event:
            raise NotFound()
        rows = [{key: post.get("%d-%s" % (index, key), "") for key in REGISTRATION_FIELDS}
                for index in range(1, GROUP_ROWS + 1)]
        error = None
        if request.httprequest.method == "POST":
            # a row where only the checkbox is ticked is an empty row
            people = [row for row in rows if any(
                value for key, value in row.items() if key != "in_career_change")]
            # the same answer whether or not some of them were registered already
            outcomes, error = register(event, people, registered_by=counsellor,
                                       consent=post.get("pepites_consent"))
            if not error:
                return request.redirect("/my/events?registered=%d" % len(outcomes))
        values = self._prepare_portal_layout_values()
        values.update({"event": event, "rows": rows, "error": error,
                       "consent_checked": bool(post.get("pepites_consent")),
                       "page_name": "my_events"})
        return request.render("pepites_jobs.portal_event_group", values)
