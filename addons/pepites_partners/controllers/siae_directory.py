"""The public directory of the SIAE (``/siae``) and each SIAE's public page (``/siae/<slug>``),
issue 18: what data·inclusion's ``lien_source`` and the offers' JobPosting ``sameAs`` point to.

Visitors cannot read partners: both routes read as superuser, at this trust boundary, only the
SIAE that have a public page (active, non-private SIAE organisations) and only the fields of
``res_partner_public_page.PUBLIC_PAGE_FIELDS``, the contacts only when the SIAE chose to
publish them; the templates get plain dicts, never a record. Any other partner id — a person, a
counsellor, INAÉ's company, an archived or private SIAE — answers 404 like an unknown id.

Other addons add to a SIAE's page by overriding :meth:`PepitesSiaeDirectory._siae_page_values`
(pepites_jobs: its open offers) and inheriting the ``pepites_partners.siae_page`` template.
"""
from werkzeug.exceptions import NotFound

from odoo import _, http
from odoo.http import request

from odoo.addons.http_routing.models.ir_http import unslug

from .. import siae_page

#: query-string filters of the directory: a département's code, a SIAE kind
DIRECTORY_FILTERS = ("department", "kind")


class PepitesSiaeDirectory(http.Controller):

    _directory_step = 20

    def sitemap_directory(env, rule, qs):
        if not qs or qs.lower() in siae_page.DIRECTORY_PATH:
            yield {"loc": siae_page.DIRECTORY_PATH}

    def sitemap_siae_pages(env, rule, qs):
        """Every SIAE page (the sitemap is built as the public user: read as superuser, the
        paths of the SIAE that have a page only)."""
        for loc in env["res.partner"].sudo()._pepites_public_siae_paths():
            if not qs or qs.lower() in loc:
                yield {"loc": loc}

    def _directory_filters(self, kwargs):
        """The filters of the query string that are valid values (a tampered one is ignored:
        the directory shows all SIAE rather than an error)."""
        filters = {key: (kwargs.get(key) or "").strip() for key in DIRECTORY_FILTERS}
        kinds = dict(request.env["res.partner"]._fields["siae_kind"].selection)
        if filters["kind"] not in kinds:
            filters["kind"] = ""
        if filters["department"] and not request.env["pepites.department"].search_count(
                [("code", "=", filters["department"])]):
            filters["department"] = ""
        return filters

    @http.route([siae_page.DIRECTORY_PATH, siae_page.DIRECTORY_PATH + "/page/<int:page>"],
                type="http", auth="public", website=True, methods=["GET"],
                sitemap=sitemap_directory)
    def siae_directory(self, page=1, **kwargs):
        filters = self._directory_filters(kwargs)
        step = self._directory_step
        # trust boundary: visitors cannot read partners; only the SIAE with a public page and
        # their public fields are read (res.partner._pepites_siae_directory)
        partners_sudo = request.env["res.partner"].sudo()
        count, cards = partners_sudo._pepites_siae_directory(
            filters["department"] or None, filters["kind"] or None,
            offset=(max(page, 1) - 1) * step, limit=step)
        pager = request.website.pager(
            url=siae_page.DIRECTORY_PATH, total=count, page=page, step=step,
            url_args={key: value for key, value in filters.items() if value})
        return request.render("pepites_partners.siae_directory", {
            "siaes": cards, "count": count, "pager": pager, "filters": filters,
            "departments": request.env["pepites.department"].search([]),
            "kinds": request.env["res.partner"]._fields["siae_kind"]._description_selection(
                request.env),
            "website_meta_description": _(
                "The directory of the work-integration enterprises (SIAE) of "
                "Nouvelle-Aquitaine: their activities, their place and their job offers."),
        })

    def _siae_page_values(self, siae):
        """The values of a SIAE's page; ``siae`` is its public card (a dict). Other addons add
        theirs here (pepites_jobs: the open offers)."""
        description = siae["presentation"] or _("%s, %s in %s.") % (
            siae["name"], siae["kind"], siae["city"] or siae["department"] or "")
        return {"siae": siae, "website_meta_description": " ".join(description.split())[:300]}

    @http.route([siae_page.DIRECTORY_PATH + "/<string:siae_slug>"], type="http",
                auth="public", website=True, methods=["GET"], sitemap=sitemap_siae_pages)
    def siae_page(self, siae_slug, **kwargs):
        _name, partner_id = unslug(siae_slug)
        if not partner_id or not 0 < partner_id < 2 ** 31:  # beyond, PostgreSQL would fail
            raise NotFound()
        # trust boundary: a page only for a SIAE that has one, its public fields only
        # (res.partner._pepites_siae_public_page); any other id is not found
        partners_sudo = request.env["res.partner"].sudo()
        siae = partners_sudo._pepites_siae_public_page(partner_id)
        if not siae:
            raise NotFound()
        if siae["path"] != "%s/%s" % (siae_page.DIRECTORY_PATH, siae_slug):
            return request.redirect(siae["path"], code=301)  # one address per page
        return request.render("pepites_partners.siae_page", self._siae_page_values(siae))
