from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.pepites_partners.models.res_partner import (
    check_siae_employers, siae_employer_onchange)

TRAINER_STATES = [
    ("identified", "Identified"),
    ("trained", "Trained as trainer"),
    ("active", "Active"),
    ("inactive", "Inactive"),
]


class PepitesInternalTrainer(models.Model):
    """A SIAE staff member who trains colleagues at work (AFEST) or in Campus modules: the pool
    of internal trainers of a département."""

    _name = "pepites.internal.trainer"
    _inherit = ["mail.thread"]
    _description = "Internal trainer"
    _order = "department_id, partner_id"
    _rec_name = "partner_id"

    partner_id = fields.Many2one("res.partner", string="Trainer", required=True,
                                 ondelete="restrict", index=True)
    employer_id = fields.Many2one("res.partner", string="Employer SIAE", required=True,
                                  ondelete="restrict", index=True,
                                  domain=[("is_siae", "=", True)])
    department_id = fields.Many2one(related="employer_id.department_id", store=True,
                                    readonly=True, string="Département")
    job_family_id = fields.Many2one("pepites.job.family", string="Job", ondelete="restrict")
    state = fields.Selection(TRAINER_STATES, required=True, default="identified",
                             track_visibility="onchange")
    trained_date = fields.Date(
        string="Trained on",
        help="End of the train-the-trainers course (AFEST awareness, Campus).")
    afest_qualified = fields.Boolean(string="AFEST trainer")
    campus_qualified = fields.Boolean(string="Campus trainer")
    specialty_ids = fields.Many2many(
        "pepites.sector", "pepites_internal_trainer_sector_rel", "trainer_id", "sector_id",
        string="Trades")
    afest_ids = fields.One2many("pepites.afest", "trainer_id", string="AFEST actions")
    afest_count = fields.Integer(compute="_compute_afest_count", string="AFEST (count)")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("partner_unique", "unique(partner_id)", "This person is already in the pool of trainers."),
    ]

    def _compute_afest_count(self):
        counts = self.env["pepites.afest"]._pepites_count_by("trainer_id", self.ids)
        for trainer in self:
            trainer.afest_count = counts.get(trainer.id, 0)

    @api.constrains("employer_id")
    def _check_employer(self):
        """:raises ValidationError: when the employer is not a SIAE."""
        check_siae_employers(self, _("An internal trainer works in a SIAE (\"%s\" is not one)."))

    @api.constrains("state", "trained_date")
    def _check_trained(self):
        """:raises ValidationError: when a trained or active trainer has no training date."""
        for trainer in self:
            if trainer.state in ("trained", "active") and not trainer.trained_date:
                raise ValidationError(
                    _("Set the date %s was trained as a trainer.") % trainer.partner_id.name)

    _onchange_partner_id = siae_employer_onchange("partner_id")

    def action_mark_trained(self, date=None):
        """The trainer finished their train-the-trainers course."""
        return self.write({"state": "trained",
                           "trained_date": date or fields.Date.context_today(self)})
