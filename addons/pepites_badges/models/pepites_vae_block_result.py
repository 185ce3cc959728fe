from odoo import models


class PepitesVaeBlockResult(models.Model):
    """Glue: a VAE block validated by the jury runs the "VAE block validated" award rules."""

    _inherit = "pepites.vae.block.result"

    def _on_block_validated(self):
        res = super(PepitesVaeBlockResult, self)._on_block_validated()
        for line in self:
            self.env["pepites.badge.award.rule"]._award(
                "vae_block_validated", line, line.vae_id.candidate_id)
        return res
