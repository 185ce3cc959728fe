from odoo import api, fields, models


class PepitesSector(models.Model):
    """A sector network ("filière") that SIAE and partner companies belong to."""

    _name = "pepites.sector"
    _description = "Sector network"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    member_ids = fields.Many2many(
        "res.partner", "pepites_sector_res_partner_rel", "sector_id", "partner_id",
        string="Members", domain=[("is_company", "=", True)])
    member_count = fields.Integer(compute="_compute_member_count", string="Member count")
    partnership_ids = fields.One2many("pepites.partnership", "sector_id", string="Partnerships")

    _sql_constraints = [
        ("code_unique", "unique(code)", "This sector code already exists."),
    ]

    @api.depends("member_ids")
    def _compute_member_count(self):
        for sector in self:
            sector.member_count = len(sector.member_ids)
