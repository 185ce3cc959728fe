from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from .. import siae_page
from ..redirects import local_path
from .form_write import FormWrite


class PepitesPartnersPortal(CustomerPortal):
    """`/my/siae`: a SIAE portal user keeps the profile of their own structure up to date."""

    def _prepare_portal_layout_values(self):
        values = super(PepitesPartnersPortal, self)._prepare_portal_layout_values()
        values["pepites_siae"] = request.env.user.pepites_siae_id
        return values

    @http.route()
    def home(self, **kw):
        """``/my``: the "To do" block above the documents, lines given by each addon
        (``res.users._pepites_portal_todo``), counted as the user."""
        response = super(PepitesPartnersPortal, self).home(**kw)
        if getattr(response, "qcontext", None) is not None:
            response.qcontext["pepites_todo"] = request.env.user._pepites_portal_todo_lines()
        return response

    @http.route()
    def account(self, redirect=None, **post):
        """``/my/account?redirect=``: back to a page of the site only, as controllers/web.py."""
        redirect = local_path(redirect, request.httprequest.host, None)
        return super(PepitesPartnersPortal, self).account(redirect=redirect, **post)

    @http.route(["/my/siae"], type="http", auth="user", website=True, methods=["GET", "POST"])
    def portal_my_siae(self, **post):
        siae = request.env.user.pepites_siae_id
        if not siae:
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update({"siae": siae, "page_name": "my_siae", "error": None, "saved": False,
                       "sectors": request.env["pepites.sector"].search([]),
                       "siae_page_path": siae._pepites_has_public_page()
                       and siae_page.page_path(siae.id, siae.name)})
        if request.httprequest.method == "POST":
            sector_ids = request.httprequest.form.getlist("sector_ids")
            with FormWrite() as attempt:
                # as the user, not sudo: record rules and the field whitelist apply
                siae.portal_update_profile(dict(post, sector_ids=sector_ids))
            if attempt.error:
                values.update(error=attempt.error, post=post)
            else:
                values["saved"] = True
        return request.render("pepites_partners.portal_my_siae", values)
