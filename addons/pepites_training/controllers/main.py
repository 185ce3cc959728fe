import werkzeug

from odoo import http
from odoo.http import request


class PepitesTrainingWebsite(http.Controller):
    """Public catalogue of the regional training map, and eLearning progress of learners."""

    @http.route(["/training/catalogue"], type="http", auth="public", website=True)
    def catalogue(self, department=None, modality=None, **kwargs):
        offers, filters = request.env["pepites.training.offer"].catalogue_search(
            department=department, modality=modality)
        return request.render("pepites_training.training_catalogue", {
            "offers": offers,
            "details": offers._catalogue_details(),
            "filters": filters,
            "departments": request.env["pepites.department"].search([]),
            "modalities": request.env["pepites.training.offer"].modality_options(),
        })

    @http.route(["/training/offer/<string:offer_slug>"], type="http", auth="public",
                website=True)
    def offer(self, offer_slug, **kwargs):
        offer = request.env["pepites.training.offer"].find_published(offer_slug)
        if not offer:
            raise werkzeug.exceptions.NotFound()
        return request.render("pepites_training.training_offer_page", {
            "offer": offer, "main_object": offer})

    @http.route(['/slides/slide/<model("slide.slide"):slide>/pepites_complete'], type="json",
                auth="user", website=True)
    def slide_complete(self, slide, **kwargs):
        """Record that the logged-in user completed this content (called by the slide page)."""
        return slide.pepites_mark_completed()
