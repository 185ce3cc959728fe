from odoo import api, fields, models


class ResUsers(models.Model):
    """Ties a portal user to the SIAE they work for (their commercial partner)."""

    _inherit = "res.users"

    pepites_siae_id = fields.Many2one(
        "res.partner", string="SIAE", compute="_compute_pepites_siae_id",
        help="The SIAE whose information this user manages on the portal.")

    @api.depends("partner_id.commercial_partner_id.is_siae")
    def _compute_pepites_siae_id(self):
        for user in self:
            user.pepites_siae_id = user.partner_id._pepites_siae()
