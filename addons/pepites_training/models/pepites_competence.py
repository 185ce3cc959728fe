from odoo import fields, models


class PepitesCompetence(models.Model):
    """A competence of a reference frame, usually within a competence block."""

    _name = "pepites.competence"
    _description = "Competence"
    _order = "block_id, sequence, id"

    name = fields.Char(required=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    block_id = fields.Many2one("pepites.competence.block", string="Competence block",
                               ondelete="cascade", index=True)
    certification_id = fields.Many2one(
        related="block_id.certification_id", store=True, readonly=True, string="Certification")
