from psycopg2 import IntegrityError
from werkzeug.exceptions import NotFound

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal, pager as portal_pager

#: the buttons of an offer's portal page and the workflow method each calls
OFFER_ACTIONS = {
    "submit": "action_submit",
    "filled": "action_mark_filled",
    "archive": "action_archive_offer",
    "draft": "action_reset_to_draft",
}
#: the fields of the offer form (strings, parsed by hr.job._parse_portal_form)
OFFER_FORM_FIELDS = (
    "name", "job_family_id", "rome_code", "contract_type", "weekly_hours", "salary_min",
    "salary_max", "city", "pepites_department_id", "date_start", "date_expire",
    "no_of_recruitment", "description", "profile",
)


def integrity_message(error):
    """The translated message of the SQL constraint an IntegrityError broke (as the RPC layer
    does), so that a form can say what is wrong instead of failing."""
    for key, message in request.env.registry._sql_error.items():
        if key in (error.pgerror or ""):
            return _(message)
    return _("The data you entered is not valid.")


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

    def _save(self, method, *args):
        """Run a model method in a savepoint; return the translated error, or None."""
        try:
            with request.env.cr.savepoint():
                method(*args)
        except (UserError, ValidationError, AccessError) as error:
            return error.name
        except IntegrityError as error:
            return integrity_message(error)
        return None

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
        values = self._prepare_portal_layout_values()
        values.update({"offers": offers, "pager": pager, "page_name": "my_offers",
                       "siae": siae, "default_url": "/my/offers"})
        return request.render("pepites_jobs.portal_my_offers", values)

    @http.route(["/my/offers/new"], type="http", auth="user", website=True,
                methods=["GET", "POST"])
    def portal_offer_new(self, **post):
        siae = request.env.user.pepites_siae_id
        if not siae or not self._is_siae_user():
            return request.redirect("/my")
        if request.httprequest.method == "POST":
            form = {key: post.get(key, "") for key in OFFER_FORM_FIELDS}
            created = []
            error = self._save(
                lambda: created.append(request.env["hr.job"].portal_create_offer(form)))
            if not error:
                return request.redirect("/my/offers/%d?saved=1" % created[0].id)
            return request.render("pepites_jobs.portal_offer_new", self._offer_form_values(
                page_name="my_offer", error=error, form=form, siae=siae))
        form = {"city": siae.city or "", "pepites_department_id": siae.department_id.id,
                "no_of_recruitment": "1"}
        return request.render("pepites_jobs.portal_offer_new", self._offer_form_values(
            page_name="my_offer", form=form, siae=siae))

    @http.route(["/my/offers/<int:offer_id>"], type="http", auth="user", website=True,
                methods=["GET", "POST"])
    def portal_offer(self, offer_id, **post):
        offer = self._my_offer(offer_id)
        error = None
        form = {}
        if request.httprequest.method == "POST":
            form = {key: post.get(key, "") for key in OFFER_FORM_FIELDS}
            error = self._save(offer.portal_update_offer, form)
            if not error:
                return request.redirect("/my/offers/%d?saved=1" % offer.id)
        return self._render_offer(offer, error=error, form=form,
                                  saved=bool(post.get("saved")),
                                  done=post.get("done") in OFFER_ACTIONS and post.get("done"))

    def _render_offer(self, offer, **extra):
        # as the user: the record rules show the applications to this SIAE's offers only
        applicants = request.env["hr.applicant"].with_context(active_test=False).search(
            [("job_id", "=", offer.id)], order="create_date desc, id desc")
        attachments = request.env["ir.attachment"].search(
            [("res_model", "=", "hr.applicant"), ("res_id", "in", applicants.ids)])
        cvs = {}
        for attachment in attachments:
            cvs.setdefault(attachment.res_id, attachment)
        form = extra.pop("form", None) or {
            "name": offer.name or "", "job_family_id": offer.job_family_id.id,
            "rome_code": offer.rome_code or "", "contract_type": offer.contract_type or "",
            "weekly_hours": offer.weekly_hours and "%g" % offer.weekly_hours or "",
            "salary_min": offer.salary_min and "%g" % offer.salary_min or "",
            "salary_max": offer.salary_max and "%g" % offer.salary_max or "",
            "city": offer.city or "", "pepites_department_id": offer.pepites_department_id.id,
            "date_start": offer.date_start or "", "date_expire": offer.date_expire or "",
            "no_of_recruitment": str(offer.no_of_recruitment or ""),
            "description": offer.description_text or "",
            "profile": offer.profile and offer._profile_text() or "",
        }
        values = self._offer_form_values(
            page_name="my_offer", offer=offer, applicants=applicants, cvs=cvs, form=form,
            can_edit=offer.pepites_state in ("draft", "refused"), siae=offer.siae_id)
        values.update(extra)
        return request.render("pepites_jobs.portal_my_offer", values)

    @http.route(["/my/offers/<int:offer_id>/<string:action>"], type="http", auth="user",
                website=True, methods=["POST"])
    def portal_offer_action(self, offer_id, action, **post):
        if action not in OFFER_ACTIONS:
            raise NotFound()
        offer = self._my_offer(offer_id)
        error = self._save(getattr(offer, OFFER_ACTIONS[action]))
        if error:
            return self._render_offer(offer, error=error)
        return request.redirect("/my/offers/%d?done=%s" % (offer.id, action))
