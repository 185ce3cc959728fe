from odoo import api, fields, models


class PepitesVaeBlockResult(models.Model):
    """Glue: a VAE block validated by the jury runs the "VAE block validated" award rules, and
    the result shows the badges aligned to its block and the badge it earned (the badge class
    shows the results back, :meth:`pepites.badge.class.action_view_vae_results`)."""

    _inherit = "pepites.vae.block.result"

    badge_class_ids = fields.Many2many("pepites.badge.class", string="Badges of the block",
                                       compute="_compute_badges",
                                       groups="pepites_partners.group_pepites_user",
                                       help="The badges aligned to this competence block.")
    badge_assertion_ids = fields.Many2many("pepites.badge.assertion", string="Badges issued",
                                           compute="_compute_badges",
                                           groups="pepites_partners.group_pepites_user",
                                           help="The badges the validation of this block "
                                                "awarded to the candidate.")

    @api.depends("block_id")
    def _compute_badges(self):
        Assertion = self.env["pepites.badge.assertion"]
        refs = {"%s,%d" % (self._name, line.id): line for line in self if line.id}
        issued = Assertion.search([("source_ref", "in", list(refs))]) if refs else Assertion
        by_line = {}
        for assertion in issued:
            by_line.setdefault(assertion.source_ref, Assertion)
            by_line[assertion.source_ref] |= assertion
        for line in self:
            line.badge_class_ids = line.block_id.badge_class_ids
            line.badge_assertion_ids = by_line.get("%s,%d" % (self._name, line.id), Assertion) \
                if line.id else Assertion

    def _on_block_validated(self):
        res = super(PepitesVaeBlockResult, self)._on_block_validated()
        for line in self:
            self.env["pepites.badge.award.rule"]._award(
                "vae_block_validated", line, line.vae_id.candidate_id)
        return res
