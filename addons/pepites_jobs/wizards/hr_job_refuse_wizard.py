from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class HrJobRefuseWizard(models.TransientModel):
    """INAÉ staff refuse offers with a reason that the SIAE will read."""

    _name = "pepites.job.refuse.wizard"
    _description = "Refuse job offers"
    _order = "id desc"

    job_ids = fields.Many2many("hr.job", string="Offers", required=True)
    reason = fields.Text(string="Reason", required=True,
                         help="Told to the SIAE: what to change before submitting again.")

    @api.constrains("reason")
    def _check_reason(self):
        """:raises ValidationError: on a blank reason."""
        for wizard in self:
            if not (wizard.reason or "").strip():
                raise ValidationError(_("Give the reason of the refusal: the SIAE will read it."))

    def action_refuse(self):
        self.ensure_one()
        self.job_ids.action_refuse(self.reason)
        return {"type": "ir.actions.act_window_close"}
