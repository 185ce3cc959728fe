import base64

from odoo import fields, models


class PepitesBadgeExternalImportWizard(models.TransientModel):
    """INAÉ staff bring a badge a person earned elsewhere (baked PNG or JSON/JWS file) into the
    person's record, after its verification (``pepites.badge.external``)."""

    _name = "pepites.badge.external.import.wizard"
    _description = "Import a badge earned elsewhere"

    partner_id = fields.Many2one("res.partner", string="Person", required=True)
    badge_file = fields.Binary(string="Badge file", required=True,
                               help="The baked badge image (PNG) or its assertion (JSON, or a "
                                    "signed badge).")
    badge_filename = fields.Char()

    def action_import(self):
        """Verify and keep the badge; a transient model is open to every user in Odoo 11, so
        the import's own check (:meth:`pepites.badge.external._staff_import`) guards it.

        :raises UserError: when the badge is refused (nothing written)
        """
        self.ensure_one()
        external = self.env["pepites.badge.external"]._staff_import(
            self.partner_id, base64.b64decode(self.badge_file or b""))
        return {"type": "ir.actions.act_window", "res_model": external._name,
                "res_id": external.id, "view_mode": "form", "target": "current"}
