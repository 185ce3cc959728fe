from odoo import api, fields, models


class PepitesCompetenceBlock(models.Model):
    """Glue: the badges aligned to a competence block, kept in step with the block's reference
    data (name, RNCP block code, page) when INAÉ edits it."""

    _inherit = "pepites.competence.block"

    # staff's: the block is public reference data, the badges' alignments are not
    badge_alignment_ids = fields.One2many("pepites.badge.alignment", "block_id",
                                          string="Badges aligned",
                                          groups="pepites_partners.group_pepites_user")
    badge_class_ids = fields.Many2many("pepites.badge.class", string="Badges certifying it",
                                       compute="_compute_badge_class_ids",
                                       groups="pepites_partners.group_pepites_user")

    @api.depends("badge_alignment_ids.badge_class_id")
    def _compute_badge_class_ids(self):
        for block in self:
            block.badge_class_ids = block.badge_alignment_ids.mapped("badge_class_id")

    def write(self, vals):
        res = super(PepitesCompetenceBlock, self).write(vals)
        if {"name", "rncp_code", "code", "description", "certification_id"} & set(vals):
            self.mapped("badge_alignment_ids")._sync_blocks()
        return res
