import json

from werkzeug.exceptions import NotFound

from odoo import _, http
from odoo.http import request

from odoo.addons.http_routing.models.ir_http import slug, unslug
from odoo.addons.pepites_partners import siae_page
from odoo.addons.pepites_partners.controllers.form_write import FormWrite
from odoo.addons.website_hr_recruitment.controllers.main import WebsiteHrRecruitment

from .. import feeds

#: the columns of an offer's card on the board (views/website_templates.xml, ``board``)
BOARD_CARD_FIELDS = ["name", "display_name", "siae_name", "siae_kind", "no_of_recruitment",
                     "city", "pepites_department_id", "contract_type", "weekly_hours",
                     "job_family_id", "date_published", "date_expire"]

#: the query-string filters of the public board
BOARD_FILTERS = ("department", "job_family", "contract_type", "siae_kind", "part_time",
                 "search")


class PepitesJobBoard(WebsiteHrRecruitment):
    """The public JobBoard INAÉ 2.0 replaces website_hr_recruitment's `/jobs` list for the
    offers of SIAE; positions without a SIAE keep the core pages (``super()``)."""

    _board_step = 20

    def sitemap_offers(env, rule, qs):
        if not qs or qs.lower() in "/jobs":
            yield {"loc": "/jobs"}

    def sitemap_offer_pages(env, rule, qs):
        """Every offer on the board (the sitemap is built as the public user)."""
        Job = env["hr.job"]
        for offer in Job.search(Job._board_domain(), order="date_published desc, id desc"):
            loc = "/jobs/detail/%s" % slug(offer)
            if not qs or qs.lower() in loc:
                yield {"loc": loc}

    @http.route(["/jobs", "/jobs/page/<int:page>"], type="http", auth="public", website=True,
                sitemap=sitemap_offers)
    def jobs(self, page=1, **kwargs):
        filters = {key: (kwargs.get(key) or "").strip() for key in BOARD_FILTERS}
        result = request.env["hr.job"].board_search(filters, page=page, step=self._board_step)
        pager = request.website.pager(
            url="/jobs", total=result["count"], page=page, step=self._board_step,
            url_args={key: value for key, value in filters.items() if value})
        # trust boundary: the offers were searched as the visitor (record rules); their SIAE's
        # name, kind and département are public on the board, visitors cannot read partners
        offers_sudo = result["offers"].sudo()
        # the cards' columns in one query, not whole rows: Odoo would prefetch every column
        # of the page's offers (their descriptions, each translated field joined to its
        # translations) for the first one it shows
        offers_sudo.read(BOARD_CARD_FIELDS, load="_classic_write")
        return request.render("pepites_jobs.board", dict(
            self._board_choices(), offers=offers_sudo, count=result["count"], pager=pager,
            filters=filters,
            # shown on the folded filters' button (phone): the visitor sees they are filtering
            active_filters=len([value for value in filters.values() if value])))

    def _board_choices(self):
        Job = request.env["hr.job"]
        return {
            "departments": request.env["pepites.department"].search([]),
            "job_families": request.env["pepites.job.family"].search([]),
            "contract_types": Job._fields["contract_type"]._description_selection(request.env),
            "siae_kinds": Job._fields["siae_kind"]._description_selection(request.env),
        }

    def _offer_from_slug(self, offer_slug):
        """The offer of a `/jobs/...` URL, as superuser, if the visitor may see its page.

        Unpublished or expired offers are not found (404) for visitors and partners; INAÉ
        staff and the owning SIAE see a preview.

        :raises NotFound: otherwise
        """
        _name, offer_id = unslug(offer_slug)
        if not offer_id:
            raise NotFound()
        # trust boundary: the visibility of the offer is decided just below
        offer_sudo = request.env["hr.job"].sudo().browse(offer_id).exists()
        if not offer_sudo:
            raise NotFound()
        if offer_sudo.siae_id and not offer_sudo._can_be_seen_by(request.env.user):
            raise NotFound()
        return offer_sudo

    def _offer_page_values(self, offer_sudo, **extra):
        values = {
            "offer": offer_sudo,
            "main_object": offer_sudo,
            "jsonld": offer_sudo._jsonld() if offer_sudo._is_public() else None,
            "error": None,
            "form": {},
            "applied": False,
            "cv_max_mb": request.env["hr.applicant"]._cv_max_size() // (1024 * 1024),
            # the employer's public page (pepites_partners' /siae/<slug>), when it has one
            "siae_page_path": offer_sudo.siae_id and offer_sudo.siae_id._pepites_has_public_page()
            and siae_page.page_path(offer_sudo.siae_id.id, offer_sudo.siae_id.name),
        }
        values.update(extra)
        return values

    @http.route(["/jobs/detail/<string:offer_slug>"], type="http", auth="public",
                website=True, sitemap=sitemap_offer_pages)
    def jobs_detail(self, offer_slug, **kwargs):
        offer_sudo = self._offer_from_slug(offer_slug)
        if not offer_sudo.siae_id:
            return super(PepitesJobBoard, self).jobs_detail(
                request.env["hr.job"].browse(offer_sudo.id), **kwargs)
        offer_sudo._count_visit_by(request.env.user)
        return request.render("pepites_jobs.offer_page", self._offer_page_values(
            offer_sudo, applied=bool(kwargs.get("applied"))))

    @http.route(["/jobs/apply/<string:offer_slug>"], type="http", auth="public",
                website=True, methods=["GET", "POST"])
    def jobs_apply(self, offer_slug, **post):
        offer_sudo = self._offer_from_slug(offer_slug)
        if not offer_sudo.siae_id:
            return super(PepitesJobBoard, self).jobs_apply(
                request.env["hr.job"].browse(offer_sudo.id), **post)
        if not offer_sudo._is_public():
            raise NotFound()
        if request.httprequest.method != "POST":
            return request.redirect("/jobs/detail/%s#apply" % slug(offer_sudo))
        cv = None
        upload = request.httprequest.files.get("cv")
        if upload and upload.filename:
            # read one byte more than allowed: enough to refuse, never the whole of a huge file
            cv = (upload.filename, upload.read(request.env["hr.applicant"]._cv_max_size() + 1))
        form = {key: post.get(key) for key in (
            "partner_name", "email_from", "partner_phone", "description", "pepites_consent")}
        with FormWrite() as attempt:
            request.env["hr.applicant"]._website_apply(
                request.env["hr.job"].browse(offer_sudo.id), form, cv)
        if attempt.error:
            return request.render("pepites_jobs.offer_page", self._offer_page_values(
                offer_sudo, error=attempt.error, form=form))
        return request.redirect("/jobs/detail/%s?applied=1#apply" % slug(offer_sudo))

    # ------------------------------------------------------------------ partner feeds

    def _feed_response(self, content_type, build):
        """The response of a feed: the document ``build()`` returns, or an HTTP 400 with a
        JSON message when a parameter is wrong."""
        try:
            body = build()
        except feeds.FeedError as error:
            return self._feed_error(error)
        return request.make_response(body, headers=[
            ("Content-Type", content_type), ("Cache-Control", "public, max-age=60")])

    def _feed_error(self, error):
        message = _(error.message)
        if error.message_args:
            message = message % error.message_args
        body = json.dumps({"error": "bad_request", "message": message}, ensure_ascii=False)
        response = request.make_response(body, headers=[
            ("Content-Type", "application/json; charset=utf-8")])
        response.status_code = 400
        return response

    @http.route(feeds.FEED_PATHS["json"], type="http", auth="public", website=True,
                methods=["GET"], sitemap=False)
    def jobs_feed_json(self, **kwargs):
        return self._feed_response("application/json; charset=utf-8",
                                   lambda: request.env["hr.job"]._feed_json(kwargs))

    @http.route(feeds.FEED_PATHS["rss"], type="http", auth="public", website=True,
                methods=["GET"], sitemap=False)
    def jobs_feed_rss(self, **kwargs):
        return self._feed_response(
            "application/rss+xml; charset=utf-8",
            lambda: request.env["hr.job"]._feed_rss(kwargs, request.httprequest.url))
