from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PepitesAmbassador(models.Model):
    """A volunteer "ambassadeur métiers" who speaks for IAE jobs in a département.

    The programme wants at least one active ambassador in each of the 12 départements.
    """

    _name = "pepites.ambassador"
    _description = "Job ambassador"
    _inherit = ["mail.thread", "pepites.privacy.mixin"]
    _order = "department_id, partner_id"
    _rec_name = "partner_id"

    # personal-data map (issue 15): an ambassador is a person; the indicators count the
    # trained ambassadors per département
    _privacy_kind = "ambassador"
    _privacy_person_fields = ("partner_id",)
    _privacy_blank = {"note": "clear"}
    _privacy_kept = ("department_id", "siae_id", "job_family_id", "trained_on", "active")

    partner_id = fields.Many2one("res.partner", string="Ambassador", required=True,
                                 ondelete="restrict", index=True,
                                 domain=[("is_company", "=", False)])
    siae_id = fields.Many2one("res.partner", string="SIAE", domain=[("is_siae", "=", True)],
                              index=True)
    department_id = fields.Many2one("pepites.department", string="Département", required=True,
                                    index=True, track_visibility="onchange")
    job_family_id = fields.Many2one("pepites.job.family", string="Job family",
                                    index=True)
    trained_on = fields.Date(string="Trained on", track_visibility="onchange")
    active = fields.Boolean(default=True, track_visibility="onchange")
    note = fields.Text(string="Notes")
    email = fields.Char(related="partner_id.email", readonly=True)
    phone = fields.Char(related="partner_id.phone", readonly=True)

    _sql_constraints = [
        ("partner_department_unique", "unique(partner_id, department_id)",
         "This person is already an ambassador in this département."),
    ]

    @api.constrains("trained_on")
    def _check_trained_on(self):
        """:raises ValidationError: when the training date is in the future."""
        today = fields.Date.context_today(self)
        for ambassador in self:
            if ambassador.trained_on and ambassador.trained_on > today:
                raise ValidationError(
                    _("The training date of %s cannot be in the future.")
                    % ambassador.partner_id.name)

    @api.onchange("siae_id")
    def _onchange_siae_id(self):
        if self.siae_id and not self.department_id:
            self.department_id = self.siae_id.department_id
