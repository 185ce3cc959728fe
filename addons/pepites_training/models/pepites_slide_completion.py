from odoo import api, fields, models


class PepitesSlideCompletion(models.Model):
    """A slide of an eLearning channel that a learner completed on the website (Odoo 11 Slides
    keeps no learner progress of its own)."""

    _name = "pepites.slide.completion"
    _inherit = ["pepites.privacy.mixin"]
    _description = "Slide completed by a learner"
    _order = "date desc, id desc"

    # personal-data map (issue 15), category "training": 5 years after the content was completed
    _privacy_kind = "slide_completions"
    _privacy_person_fields = ("partner_id",)
    _privacy_blank = {}
    _privacy_kept = ("slide_id", "channel_id", "date")
    _privacy_retention = {"training": ("date",)}


    partner_id = fields.Many2one("res.partner", string="Learner", required=True,
                                 ondelete="cascade", index=True)
    slide_id = fields.Many2one("slide.slide", string="Content", required=True, ondelete="cascade",
                               index=True)
    channel_id = fields.Many2one(related="slide_id.channel_id", store=True, readonly=True,
                                 string="Channel", index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)

    _sql_constraints = [
        ("partner_slide_unique", "unique(partner_id, slide_id)",
         "This content is already completed by this learner."),
    ]

    @api.model
    def _record(self, slides, partner):
        """Record that ``partner`` completed ``slides`` (idempotent) and update the completion
        of the modules using their channels.

        :return: the completions created (the slides already completed are skipped)
        """
        known = self.search([("partner_id", "=", partner.id), ("slide_id", "in", slides.ids)])
        todo = slides - known.mapped("slide_id")
        created = self.browse()
        for slide in todo:
            created |= self.create({"partner_id": partner.id, "slide_id": slide.id})
        if created:
            self.env["pepites.training.module"]._update_completion_for_channels(
                created.mapped("channel_id"), partner)
        return created
