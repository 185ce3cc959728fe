from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.pepites_partners.models.pepites_workflow_mixin import workflow_action
from odoo.addons.pepites_partners.personal_data import CLEAR

ORIENTATION_STATES = [
    ("proposed", "Proposed"),
    ("interview", "Interview"),
    ("immersion", "Immersion (PMSMP)"),
    ("poei", "POEI"),
    ("hired", "Hired"),
    ("dropped", "Dropped"),
]
#: the states an orientation may still move from
OPEN_STATES = ("proposed", "interview", "immersion", "poei")

REFERRER_KINDS = [
    ("counsellor", "CEP counsellor"),
    ("prescriber", "Prescriber organisation"),
    ("event", "Discovery event"),
]
DROP_REASONS = [
    ("refused_person", "Refused by the person"),
    ("refused_siae", "Refused by the SIAE"),
    ("other_project", "Other professional project"),
    ("no_news", "No news"),
    ("other", "Other"),
]


class PepitesOrientation(models.Model):
    """A person in career change oriented toward a job of IAE: who referred them, toward what,
    and what came of it (interview, PMSMP immersion, POEI, hiring or drop)."""

    _name = "pepites.orientation"
    _description = "Orientation toward IAE"
    _inherit = ["mail.thread", "pepites.workflow.mixin", "pepites.privacy.mixin"]
    _order = "date_proposed desc, id desc"

    # personal-data map (issue 15): anonymised 2 years after the last action (last write);
    # the state, dates, target SIAE, job family and département stay for the indicators
    _privacy_kind = "orientations"
    _privacy_person_fields = ("person_id",)
    _privacy_blank = {"note": CLEAR, "drop_note": CLEAR}
    _privacy_kept = ("state", "referrer_kind", "department_id", "siae_id", "job_family_id",
                     "date_proposed", "date_interview", "date_closed", "drop_reason")
    _privacy_retention = {"orientations": ("write_date",)}


    name = fields.Char(compute="_compute_name", store=True)
    person_id = fields.Many2one("res.partner", string="Person", required=True, index=True,
                                ondelete="restrict", track_visibility="onchange")
    referrer_kind = fields.Selection(REFERRER_KINDS, string="Referred through", required=True,
                                     default="counsellor")
    counsellor_id = fields.Many2one("res.partner", string="CEP counsellor",
                                    domain=[("is_cep_counsellor", "=", True)])
    prescriber_id = fields.Many2one("res.partner", string="Prescriber organisation",
                                    domain=[("is_company", "=", True)])
    event_id = fields.Many2one("event.event", string="Event")
    registration_id = fields.Many2one("event.registration", string="Event attendance")
    job_family_id = fields.Many2one("pepites.job.family", string="Target job family")
    siae_id = fields.Many2one("res.partner", string="Target SIAE", index=True,
                              domain=[("is_siae", "=", True)])
    department_id = fields.Many2one("pepites.department", string="Département", index=True)
    state = fields.Selection(ORIENTATION_STATES, default="proposed", required=True,
                             index=True, track_visibility="onchange", readonly=True)
    date_proposed = fields.Date(string="Proposed on", required=True,
                                default=fields.Date.context_today)
    date_interview = fields.Date(string="Interview on")
    date_closed = fields.Date(string="Closed on", readonly=True)
    drop_reason = fields.Selection(DROP_REASONS, string="Refusal or drop reason")
    drop_note = fields.Text(string="Details")
    immersion_ids = fields.One2many("pepites.immersion", "orientation_id", string="Immersions")
    poei_ids = fields.One2many("pepites.poei", "orientation_id", string="POEI")
    applicant_ids = fields.Many2many("hr.applicant", string="Applications")
    note = fields.Text()

    @api.depends("person_id.name", "job_family_id.name", "siae_id.name")
    def _compute_name(self):
        for orientation in self:
            target = orientation.siae_id.name or orientation.job_family_id.name or "IAE"
            orientation.name = "%s → %s" % (orientation.person_id.name or "", target)

    @api.constrains("state", "drop_reason")
    def _check_drop_reason(self):
        """:raises ValidationError: when a dropped orientation has no reason."""
        for orientation in self:
            if orientation.state == "dropped" and not orientation.drop_reason:
                raise ValidationError(_("Give the reason why the orientation of %s was "
                                        "refused or dropped.") % orientation.person_id.name)

    @api.constrains("date_proposed", "date_interview")
    def _check_dates(self):
        """:raises ValidationError: when the interview is before the orientation."""
        for orientation in self:
            if orientation.date_interview and orientation.date_interview < orientation.date_proposed:
                raise ValidationError(_("The interview cannot be before the orientation."))

    @api.onchange("siae_id")
    def _onchange_siae_id(self):
        if self.siae_id.department_id:
            self.department_id = self.siae_id.department_id

    # workflow -----------------------------------------------------------------------------
    _workflow_transitions = dict(
        {action: (OPEN_STATES, target) for action, target in (
            ("interview", "interview"), ("immersion", "immersion"), ("poei", "poei"),
            ("hire", "hired"), ("drop", "dropped"))},
        reopen=(tuple(state for state, _label in ORIENTATION_STATES), "proposed"))

    def _workflow_refusal(self, action, target):
        """Every refusal of an orientation has one reason: it is closed."""
        return _("The orientation of %s is closed.") % self.person_id.name

    def _interview_values(self):
        # today in the time zone of whoever records it may still be the eve of the day the
        # orientation was proposed in another one (e.g. 23:30 UTC, proposed in Paris)
        today = fields.Date.context_today(self)
        return {"date_interview": self.date_interview or max(today, self.date_proposed)}

    def _hire_values(self):
        return {"date_closed": fields.Date.context_today(self)}

    def _drop_values(self, reason=None, note=None):
        """:raises UserError: on an unknown reason (nothing written)"""
        if reason not in dict(DROP_REASONS):
            raise UserError(_("Give the reason why the orientation was refused or dropped."))
        return {"drop_reason": reason, "drop_note": note or False,
                "date_closed": fields.Date.context_today(self)}

    def _reopen_values(self):
        return {"drop_reason": False, "date_closed": False}

    action_interview = workflow_action("interview", "The person meets the SIAE.")
    action_immersion = workflow_action("immersion", "The person tries the job in a PMSMP.")
    action_poei = workflow_action("poei", "The person trains before the hire (POEI).")
    action_hire = workflow_action("hire", "The SIAE hires the person: the orientation closes.")
    action_reopen = workflow_action("reopen", "Open a closed orientation again.")

    def action_drop(self, reason, note=None):
        """Close the orientation as refused or dropped.

        :raises UserError: when it is already closed, or the reason is unknown
        """
        return self._workflow_run("drop", reason=reason, note=note)
