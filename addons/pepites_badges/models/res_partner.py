from odoo import api, fields, models


class ResPartner(models.Model):
    """Badges held by a contact, and who supplied the contact to issue them."""

    _inherit = "res.partner"

    badge_supplier_id = fields.Many2one(
        "res.partner", string="Supplied for badges by", readonly=True, index=True, copy=False,
        ondelete="set null", groups="pepites_partners.group_pepites_user",
        help="The organisation that named this person by e-mail to issue them badges over "
             "XML-RPC: it may issue them badges again by this address, and reads nothing of "
             "the contact.")
    badge_assertion_ids = fields.One2many("pepites.badge.assertion", "recipient_partner_id",
                                          string="Badges")
    badge_count = fields.Integer(string="Badges held", compute="_compute_badge_count")

    @api.depends("badge_assertion_ids")
    def _compute_badge_count(self):
        counts = self.ids and self.env["pepites.badge.assertion"]._count_by(
            "recipient_partner_id", self.ids) or {}
        for partner in self:
            partner.badge_count = counts.get(partner.id, 0)

    @api.model
    def _pepites_privacy_models(self):
        """The badges a person holds (issue 15)."""
        return super(ResPartner, self)._pepites_privacy_models() + ["pepites.badge.assertion"]

    def action_view_badges(self):
        self.ensure_one()
        return self.env["pepites.badge.assertion"]._action_list(
            [("recipient_partner_id", "=", self.id)], {"default_recipient_partner_id": self.id})
