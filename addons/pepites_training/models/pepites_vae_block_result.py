from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.pepites_partners.personal_data import CLEAR

from ..training_rules import VAE_BLOCK_RESULTS


class PepitesVaeBlockResult(models.Model):
    """The jury's result on one competence block of a VAE."""

    _name = "pepites.vae.block.result"
    _inherit = ["pepites.privacy.mixin"]
    _description = "VAE result per block"
    _order = "vae_id, sequence, id"

    # personal-data map (issue 15), category "training": with its VAE
    _privacy_kind = "vae_blocks"
    _privacy_person_fields = ("candidate_id",)
    _privacy_blank = {"comment": CLEAR}
    _privacy_kept = ("vae_id", "block_id", "result", "result_date", "employer_id")
    _privacy_retention = {"training": ("vae_id.jury_date", "vae_id.write_date")}


    vae_id = fields.Many2one("pepites.vae", string="VAE", required=True, ondelete="cascade",
                             index=True)
    block_id = fields.Many2one("pepites.competence.block", string="Competence block",
                               required=True, ondelete="restrict", index=True)
    sequence = fields.Integer(related="block_id.sequence", store=True, readonly=True)
    result = fields.Selection(VAE_BLOCK_RESULTS, index=True,
                              help="Empty while the jury has not ruled.")
    result_date = fields.Date(string="Result date")
    comment = fields.Text(help="Jury's remarks, complementary training prescribed…")
    candidate_id = fields.Many2one(related="vae_id.candidate_id", store=True, readonly=True,
                                   string="Candidate")
    employer_id = fields.Many2one(related="vae_id.employer_id", store=True, readonly=True,
                                  string="Employer SIAE")

    _sql_constraints = [
        ("vae_block_unique", "unique(vae_id, block_id)",
         "This block already has a result line in this VAE."),
    ]

    @api.constrains("block_id", "vae_id")
    def _check_block(self):
        """:raises ValidationError: when the block does not belong to the VAE's certification."""
        for line in self:
            if line.block_id.certification_id != line.vae_id.certification_id:
                raise ValidationError(
                    _("The block %s is not a block of %s, the certification of %s.")
                    % (line.block_id.display_name, line.vae_id.certification_id.display_name,
                       line.vae_id.name))

    @api.constrains("result", "vae_id")
    def _check_result(self):
        """:raises ValidationError: when a result is given before a jury date is set."""
        for line in self.filtered("result"):
            if not line.vae_id.jury_date:
                raise ValidationError(
                    _("Set the jury date of %s before entering the result of block %s.")
                    % (line.vae_id.name, line.block_id.code))

    @api.model
    def create(self, vals):
        line = super(PepitesVaeBlockResult, self).create(vals)
        if line.result == "validated":
            line._on_block_validated()
        return line

    @api.multi
    def write(self, vals):
        before = self.filtered(lambda line: line.result != "validated") \
            if "result" in vals else self.browse()
        res = super(PepitesVaeBlockResult, self).write(vals)
        newly_validated = before.filtered(lambda line: line.result == "validated")
        if newly_validated:
            newly_validated._on_block_validated()
        return res

    def _on_block_validated(self):
        """Called on the result lines that just became 'validated' (once per change).

        Override it to react to a block validated by a VAE jury (the badges addon awards the
        block's badge to ``vae_id.candidate_id``); call ``super()``. The default posts a note on
        the VAE.
        """
        for line in self:
            line.vae_id.message_post(
                body=_("Block %s validated by the jury.") % line.block_id.display_name)
        return True
