from odoo import fields, models


class PepitesBadgeRevokeWizard(models.TransientModel):
    """Revoke one or many badges with a reason."""

    _name = "pepites.badge.revoke.wizard"
    _description = "Revoke badges"
    _order = "id desc"

    assertion_ids = fields.Many2many("pepites.badge.assertion", string="Badges", required=True)
    reason = fields.Char(required=True, help="Published in the revocation list.")

    def action_revoke(self):
        """Revoke the badges, with the caller's rights: a transient model is open to every user
        in Odoo 11, so the badges' own check (:meth:`_check_revoke_access`) is what guards it."""
        self.ensure_one()
        self.assertion_ids.action_revoke(self.reason)
        return {"type": "ir.actions.act_window_close"}
