from odoo import api, models


class ResPartner(models.Model):
    """A person's training records join the personal-data map (issue 15)."""

    _inherit = "res.partner"

    @api.model
    def _pepites_privacy_models(self):
        """Training and Campus registrations, attendance, alternance, VAE and their block
        results, AFEST and their phases, eLearning progress and quiz answers."""
        return super(ResPartner, self)._pepites_privacy_models() + [
            "pepites.training.registration", "pepites.training.attendance",
            "pepites.alternance", "pepites.vae", "pepites.vae.block.result", "pepites.afest",
            "pepites.afest.phase", "pepites.module.completion", "pepites.slide.completion",
            "survey.user_input"]
