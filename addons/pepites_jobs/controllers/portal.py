from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.pepites_partners.controllers.form_write import FormWrite
from odoo.addons.portal.controllers.portal import CustomerPortal, pager as portal_pager

from .. import portal_offer_form

#: the form's second button, "Save and submit": saves and submits in one request
SAVE_AND_SUBMIT = "save_and_submit"

#: the columns of the table of /my/offers (views/portal_templates.xml, ``portal_my_offers``)
MY_OFFERS_FIELDS = ["name", "pepites_state", "date_published", "date_expire",
                    "pepites_application_count", "view_count"]

#: the buttons of an offer's portal page and the workflow method each calls
OFFER_ACTIONS = {
    "submit": "action_submit",
    "filled": "action_mark_filled",
    "archive": "action_archive_offer",
    "draft": "action_reset_to_draft",
}


class PepitesJobsPortal(CustomerPortal):
    """`/my/offers`: a SIAE portal user manages the offers of their own SIAE and reads the
    applications to them. Every read and write goes through the record rules, as the user."""

    def _prepare_portal_layout_values(self):
        values = super(PepitesJobsPortal, self)._prepare_portal_layout_values()
        siae = request.env.user.pepites_siae_id
        values["offer_count"] = request.env["hr.job"].search_count(
            [("siae_id", "=", siae.id)]) if siae and self._is_siae_user() else 0
        return values

    def _is_siae_user(self):
        return request.env.user.has_group("pepites_partners.group_pepites_siae")

    def _my_offer(self, offer_id):
        """The offer, as the user, if it belongs to their SIAE.

        :raises NotFound: for another SIAE's offer, or one that does not exist
        """
        siae = request.env.user.pepites_siae_id
        offer = request.env["hr.job"].browse(offer_id)
        try:
            if siae and self._is_siae_user() and offer.exists() and offer.siae_id == siae:
                return offer
        except (AccessError, MissingError):
            pass
        raise NotFound()

    def _offer_form_values(self, **extra):
        Job = request.env["hr.job"]
        values = self._prepare_portal_layout_values()
        values.update({
            "job_families": request.env["pepites.job.family"].search([]),
            "departments": request.env["pepites.department"].search([]),
            "contract_types": Job._fields["contract_type"]._description_selection(request.env),
            "error": None,
            "form": {},
        })
        values.update(extra)
        return values

    @http.route(["/my/offers", "/my/offers/page/<int:page>"], type="http", auth="user",
                website=True)
    def portal_my_offers(self, page=1, **kwargs):
        siae = request.env.user.pepites_siae_id
        if not siae or not self._is_siae_user():
            return request.redirect("/my")
        Job = request.env["hr.job"]
        domain = [("siae_id", "=", siae.id)]
        pager = portal_pager(url="/my/offers", total=Job.search_count(domain), page=page,
                             step=self._items_per_page)
        offers = Job.search(domain, order="create_date desc, id desc",
                            limit=self._items_per_page, offset=pager["offset"])
        # the table's columns in one query, not whole rows (see main.BOARD_CARD_FIELDS)
        offers.read(MY_OFFERS_FIELDS, load="_classic_write")
        # as the user: the record rules count the applications to this SIAE's offers only
        new_counts = request.env["hr.applicant"]._pepites_count_by(
            "job_id", offers.ids, request.env["hr.applicant"]._pepites_new_domain())
        values = self._prepare_portal_layout_values()
        values.update({"offers": offers, "pager": pager, "page_name": "my_offers",
                       "siae": siae, "default_url": "/my/offers", "new_counts": new_counts})
        return request.render("pepites_jobs.portal_my_offers", values)

    @http.route(["/my/offers/new"], type="http", auth="user", website=True,
                methods=["GET", "POST"])
    def portal_offer_new(self, **post):
        siae = request.env.user.pepites_siae_id
        if not siae or not self._is_siae_user():
            return request.redirect("/my")
        if request.httprequest.method == "POST":
            form = portal_offer_form.posted(post)
            submit = bool(post.get(SAVE_AND_SUBMIT))
            with FormWrite() as attempt:
                offer = request.env["hr.job"].portal_create_offer(form, submit=submit)
            if not attempt.error:
                return request.redirect("/my/offers/%d?%s" % (
                    offer.id, "done=submit" if submit else "saved=1"))
            return request.render("pepites_jobs.portal_offer_new", self._offer_form_values(
                page_name="my_offer", error=attempt.error, form=form, siae=siae))
        form = portal_offer_form.new_form(siae.city, siae.department_id.id)
        return request.render("pepites_jobs.portal_offer_new", self._offer_form_values(
            page_name="my_offer", form=form, siae=siae))

    @http.route(["/my/offers/<int:offer_id>"], type="http", auth="user", website=True,
                methods=["GET", "POST"])
    def portal_offer(self, offer_id, **post):
        offer = self._my_offer(offer_id)
        error = None
        form = {}
        if request.httprequest.method == "POST":
            form = portal_offer_form.posted(post)
            submit = bool(post.get(SAVE_AND_SUBMIT))
            with FormWrite() as attempt:
                offer.portal_update_offer(form, submit=submit)
            error = attempt.error
            if not error:
                return request.redirect("/my/offers/%d?%s" % (
                    offer.id, "done=submit" if submit else "saved=1"))
        decided = post.get("decided")
        return self._render_offer(offer, error=error, form=form,
                                  saved=bool(post.get("saved")),
                                  done=post.get("done") in OFFER_ACTIONS and post.get("done"),
                                  decided=decided in ("accept", "refuse") and decided)

    def _render_offer(self, offer, **extra):
        # as the user: the record rules show the applications to this SIAE's offers only
        applicants = request.env["hr.applicant"].with_context(active_test=False).search(
            [("job_id", "=", offer.id)], order="create_date desc, id desc")
        attachments = request.env["ir.attachment"].search(
            [("res_model", "=", "hr.applicant"), ("res_id", "in", applicants.ids)])
        cvs = {}
        for attachment in attachments:
            cvs.setdefault(attachment.res_id, attachment)
        form = extra.pop("form", None) or portal_offer_form.format_offer(offer)
        Applicant = request.env["hr.applicant"]
        values = self._offer_form_values(
            page_name="my_offer", offer=offer, applicants=applicants, cvs=cvs, form=form,
            can_edit=offer._portal_can_edit(), siae=offer.siae_id, decision={},
            refusal_reasons=Applicant._fields["pepites_refusal_reason"]._description_selection(
                request.env))
        values.update(extra)
        return request.render("pepites_jobs.portal_my_offer", values)

    @http.route(["/my/offers/<int:offer_id>/<string:action>"], type="http", auth="user",
                website=True, methods=["POST"])
    def portal_offer_action(self, offer_id, action, **post):
        if action not in OFFER_ACTIONS:
            raise NotFound()
        offer = self._my_offer(offer_id)
        with FormWrite() as attempt:
            getattr(offer, OFFER_ACTIONS[action])()
        if attempt.error:
            return self._render_offer(offer, error=attempt.error)
        return request.redirect("/my/offers/%d?done=%s" % (offer.id, action))

    @http.route(["/my/offers/<int:offer_id>/applicants/<int:applicant_id>"], type="http",
                auth="user", website=True, methods=["POST"])
    def portal_applicant_decide(self, offer_id, applicant_id, **post):
        """The SIAE accepts or refuses an application to its offer; a bad reason or a decision
        the application already has comes back in the refusal's window, nothing written."""
        offer = self._my_offer(offer_id)
        # as the user: the record rules show the applications to this SIAE's offers only
        applicant = request.env["hr.applicant"].with_context(active_test=False).search(
            [("id", "=", applicant_id), ("job_id", "=", offer.id)])
        if not applicant:
            raise NotFound()
        decision = {"applicant_id": applicant.id, "decision": post.get("decision"),
                    "reason": post.get("reason"), "message": post.get("message") or ""}
        with FormWrite() as attempt:
            applicant.portal_decide(decision["decision"], reason=decision["reason"],
                                    message=decision["message"])
        if attempt.error:
            return self._render_offer(offer, error=attempt.error, decision=decision)
        return request.redirect("/my/offers/%d?decided=%s#applicants" % (
            offer.id, decision["decision"]))
