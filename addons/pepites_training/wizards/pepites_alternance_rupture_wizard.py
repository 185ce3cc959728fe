from odoo import fields, models

from ..models.pepites_alternance import RUPTURE_REASONS


class PepitesAlternanceRuptureWizard(models.TransientModel):
    """Asks the date and the reason of the rupture of an alternance contract."""

    _name = "pepites.alternance.rupture.wizard"
    _description = "Record the rupture of an alternance"

    alternance_id = fields.Many2one("pepites.alternance", string="Contract", required=True,
                                    ondelete="cascade")
    rupture_date = fields.Date(string="Rupture date", required=True,
                               default=fields.Date.context_today)
    rupture_reason = fields.Selection(RUPTURE_REASONS, string="Reason", required=True)
    rupture_note = fields.Text(string="Explanation")

    def action_confirm(self):
        self.ensure_one()
        self.alternance_id.action_rupture(self.rupture_date, self.rupture_reason,
                                          self.rupture_note)
        return {"type": "ir.actions.act_window_close"}
