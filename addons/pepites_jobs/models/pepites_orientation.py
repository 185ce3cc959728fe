from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

ORIENTATION_STATES = [
    ("proposed", "Proposed"),
    ("interview", "Interview"),
    ("immersion", "Immersion (PMSMP)"),
    ("poei", "POEI"),
    ("hired", "Hired"),
    ("dropped", "Dropped"),
]
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
    _inherit = ["mail.thread"]
    _order = "date_proposed desc, id desc"

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

    def _check_open(self):
        for orientation in self:
            if orientation.state in ("hired", "dropped"):
                raise UserError(_("The orientation of %s is closed.")
                                % orientation.person_id.name)

    def action_interview(self):
        self._check_open()
        today = fields.Date.context_today(self)
        for orientation in self:
            # today in the time zone of whoever records it may still be the eve of the day the
            # orientation was proposed in another one (e.g. 23:30 UTC, proposed in Paris)
            orientation.write({"state": "interview", "date_interview": orientation.date_interview
                               or max(today, orientation.date_proposed)})
        return True

    def action_immersion(self):
        self._check_open()
        self.write({"state": "immersion"})
        return True

    def action_poei(self):
        self._check_open()
        self.write({"state": "poei"})
        return True

    def action_hire(self):
        self._check_open()
        self.write({"state": "hired", "date_closed": fields.Date.context_today(self)})
        return True

    def action_drop(self, reason, note=None):
        """Close the orientation as refused or dropped.

        :raises UserError: when it is already closed, or the reason is unknown
        """
        self._check_open()
        if reason not in dict(DROP_REASONS):
            raise UserError(_("Give the reason why the orientation was refused or dropped."))
        self.write({"state": "dropped", "drop_reason": reason, "drop_note": note or False,
                    "date_closed": fields.Date.context_today(self)})
        return True

    def action_reopen(self):
        self.write({"state": "proposed", "drop_reason": False, "date_closed": False})
        return True
