from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.pepites_partners import personal_data
from odoo.addons.pepites_partners.models.pepites_workflow_mixin import workflow_action
from odoo.addons.pepites_partners.personal_data import CLEAR

from .hr_job import CONTRACT_TYPES

#: a POEI (préparation opérationnelle à l'emploi individuelle) lasts 400 hours at most
MAX_HOURS = 400

POEI_STATES = [
    ("draft", "Draft"),
    ("in_progress", "In training"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]


class PepitesPoei(models.Model):
    """A POEI: the pre-hire training of a candidate for a job at a SIAE, by a training body,
    paid by a funder (France Travail, OPCO)."""

    _name = "pepites.poei"
    _description = "POEI"
    _inherit = ["mail.thread", "pepites.workflow.mixin", "pepites.privacy.mixin"]
    _order = "date_start desc, id desc"

    # personal-data map (issue 15): a funded action, kept 5 years after its end for the
    # funders' audit (legal hold: erasure refused until then); hours, dates, state, hiring and
    # département stay for the indicators
    _privacy_kind = "poei"
    _privacy_person_fields = ("candidate_id",)
    _privacy_blank = {"note": CLEAR}
    _privacy_kept = ("siae_id", "department_id", "training_body_id", "funder_id",
                     "job_family_id", "job_title", "hours", "date_start", "date_end", "state",
                     "hired", "contract_type")
    _privacy_retention = {"poei": ("date_end",)}


    def _privacy_holds(self):
        """A POEI that took place is kept until the end of its term (the funders' audit)."""
        months = self.env["pepites.retention.rule"]._months("poei")
        today = self._privacy_today()
        holds = []
        for poei in self.filtered(lambda poei: poei.state in ("in_progress", "done")):
            until = personal_data.term_end(fields.Date.from_string(poei.date_end), months)
            if until > today:
                holds.append((poei, until, _("A funded POEI is kept for the funders' audit.")))
        return holds + super(PepitesPoei, self)._privacy_holds()

    name = fields.Char(compute="_compute_name", store=True)
    candidate_id = fields.Many2one("res.partner", string="Candidate", required=True,
                                   index=True, ondelete="restrict")
    siae_id = fields.Many2one("res.partner", string="Employer SIAE", required=True, index=True,
                              domain=[("is_siae", "=", True)], ondelete="restrict")
    department_id = fields.Many2one(related="siae_id.department_id", store=True, readonly=True,
                                    string="Département")
    training_body_id = fields.Many2one("res.partner", string="Training body",
                                       domain=[("is_company", "=", True)])
    funder_id = fields.Many2one("res.partner", string="Funder",
                                domain=[("is_company", "=", True)])
    job_family_id = fields.Many2one("pepites.job.family", string="Job family")
    job_title = fields.Char(string="Job prepared")
    hours = fields.Float(string="Training hours", required=True)
    date_start = fields.Date(string="Start", required=True)
    date_end = fields.Date(string="End", required=True)
    state = fields.Selection(POEI_STATES, default="draft", required=True, readonly=True,
                             index=True, track_visibility="onchange")
    hired = fields.Boolean(string="Hired after the POEI")
    contract_type = fields.Selection(CONTRACT_TYPES, string="Contract")
    orientation_id = fields.Many2one("pepites.orientation", string="Orientation", index=True)
    note = fields.Text()

    @api.depends("candidate_id.name", "siae_id.name")
    def _compute_name(self):
        for poei in self:
            poei.name = _("POEI %s — %s") % (poei.candidate_id.name or "", poei.siae_id.name or "")

    @api.constrains("hours")
    def _check_hours(self):
        """:raises ValidationError: when the hours are not between 1 and 400."""
        for poei in self:
            if poei.hours <= 0 or poei.hours > MAX_HOURS:
                raise ValidationError(_("A POEI lasts between 1 and %s hours of training "
                                        "(here: %s h).") % (MAX_HOURS, poei.hours))

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        """:raises ValidationError: when the POEI ends before it starts."""
        for poei in self:
            if poei.date_end < poei.date_start:
                raise ValidationError(_("The POEI ends before it starts."))

    # workflow -----------------------------------------------------------------------------
    _workflow_transitions = {
        "start": (("draft",), "in_progress"),
        "done": (("in_progress",), "done"),
        "cancel": (tuple(state for state, _label in POEI_STATES), "cancelled"),
    }

    def _workflow_refusal(self, action, target):
        """A POEI says why in its own words."""
        return {"start": _("Only a draft POEI can start."),
                "done": _("Only a POEI in training can be closed.")}[action]

    def action_start(self):
        """Start the training; the orientation it comes from moves to POEI."""
        self._workflow_run("start")
        self.mapped("orientation_id").filtered(
            lambda o: o.state in ("proposed", "interview", "immersion")).action_poei()
        return True

    def _done_values(self, hired=None, contract_type=None):
        """The outcome written with the closing.

        :raises UserError: when the candidate is hired without a contract (nothing written)
        """
        values = {} if hired is None else {"hired": hired, "contract_type": contract_type or False}
        if values.get("hired", self.hired) and not values.get("contract_type",
                                                              self.contract_type):
            raise UserError(_("Give the contract of the candidate hired after the POEI."))
        return values

    def action_done(self, hired=None, contract_type=None):
        """Close the POEI with its outcome; a hiring closes the orientation as hired.

        :raises UserError: when the POEI is not in training, or hired without a contract
        """
        self._workflow_run("done", hired=hired, contract_type=contract_type)
        for poei in self.filtered("hired"):
            if poei.orientation_id.state not in ("hired", "dropped", False):
                poei.orientation_id.action_hire()
        return True

    action_cancel = workflow_action("cancel", "Cancel the POEI, whatever its state.")
