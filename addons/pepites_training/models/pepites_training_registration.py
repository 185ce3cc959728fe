from odoo import _, api, fields, models
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError

from odoo.addons.pepites_partners.models.pepites_sql_guard import Unique, sql_constraints
from odoo.addons.pepites_partners.models.res_partner import siae_employer_onchange

REGISTRATION_STATES = [
    ("registered", "Registered"),
    ("attended", "Trained"),
    ("absent", "Absent"),
    ("cancelled", "Cancelled"),
]

PARTICIPANT_KINDS = [
    ("permanent", "Permanent staff"),
    ("parcours", "Employee on an integration path"),
    ("trainer", "Future trainer"),
    ("other", "Other"),
]


class PepitesTrainingRegistration(models.Model):
    """A participant enrolled in a training session; their attendance and attestation."""

    _name = "pepites.training.registration"
    _inherit = ["mail.thread", "pepites.sql.guard", "pepites.privacy.mixin"]
    _description = "Training enrolment"
    _order = "session_id, partner_id"
    _rec_name = "partner_id"

    # personal-data map (issue 15), category "training": a training or Campus session's registration: anonymised 5 years after the session's end
    _privacy_kind = "training"
    _privacy_person_fields = ("partner_id",)
    _privacy_blank = {}
    _privacy_kept = ("session_id", "module_id", "employer_id", "department_id", "participant_kind", "state", "present_days", "attended_hours", "attendance_rate", "date_start", "date_end")
    _privacy_retention = {"training": ("date_end",)}


    session_id = fields.Many2one("pepites.training.session", string="Session", required=True,
                                 ondelete="cascade", index=True)
    module_id = fields.Many2one(related="session_id.module_id", store=True, readonly=True,
                                string="Module")
    partner_id = fields.Many2one("res.partner", string="Participant", required=True,
                                 ondelete="restrict", index=True)
    employer_id = fields.Many2one("res.partner", string="Employer SIAE", ondelete="restrict",
                                  index=True, domain=[("is_company", "=", True)])
    department_id = fields.Many2one("pepites.department", string="Département",
                                    compute="_compute_department_id", store=True, index=True)
    participant_kind = fields.Selection(PARTICIPANT_KINDS, string="Participant", required=True,
                                        default="permanent")
    state = fields.Selection(REGISTRATION_STATES, required=True, default="registered",
                             index=True, copy=False, track_visibility="onchange")
    attendance_ids = fields.One2many("pepites.training.attendance", "registration_id",
                                     string="Attendance")
    present_days = fields.Integer(compute="_compute_attendance", store=True,
                                  string="Days present")
    attended_hours = fields.Float(compute="_compute_attendance", store=True, digits=(6, 1),
                                  string="Hours attended")
    attendance_rate = fields.Float(compute="_compute_attendance", store=True, digits=(5, 1),
                                   string="Attendance (%)")
    date_start = fields.Date(related="session_id.date_start", readonly=True, store=True)
    date_end = fields.Date(related="session_id.date_end", readonly=True, store=True)

    _sql_guard = [
        Unique("session_partner_unique", "session_id", "partner_id",
               message="This person is already enrolled in this session."),
    ]
    _sql_constraints = sql_constraints(_sql_guard)

    @api.depends("employer_id.department_id", "session_id.department_id")
    def _compute_department_id(self):
        for registration in self:
            registration.department_id = registration.employer_id.department_id \
                or registration.session_id.department_id

    @api.depends("attendance_ids.state", "attendance_ids.hours", "session_id.date_start",
                 "session_id.date_end")
    def _compute_attendance(self):
        for registration in self:
            present = registration.attendance_ids.filtered(lambda a: a.state == "present")
            registration.present_days = len(present)
            registration.attended_hours = sum(present.mapped("hours"))
            days = registration.session_id.day_count if registration.session_id else 0
            registration.attendance_rate = 100.0 * len(present) / days if days else 0.0

    @api.constrains("session_id", "state")
    def _check_seats(self):
        """:raises ValidationError: when more participants are enrolled than there are places."""
        for session in self.mapped("session_id").filtered("seats_max"):
            enrolled = self.search_count([("session_id", "=", session.id),
                                          ("state", "!=", "cancelled")])
            if enrolled > session.seats_max:
                raise ValidationError(
                    _("The session \"%s\" is full: %s places, %s participants.")
                    % (session.name, session.seats_max, enrolled))

    @api.constrains("session_id", "state")
    def _check_session_state(self):
        """:raises ValidationError: when someone enrols in a cancelled or finished session."""
        for registration in self.filtered(lambda r: r.state == "registered"):
            if registration.session_id.state in ("cancelled", "done"):
                raise ValidationError(
                    _("The session \"%s\" is closed to enrolment.") % registration.session_id.name)

    _onchange_partner_id = siae_employer_onchange("partner_id")

    def action_cancel(self):
        return self.write({"state": "cancelled"})

    def _may_print_attestation(self):
        """Whether the current user may print this enrolment's attestation: one the record
        rules let them read (their own, their SIAE's employees'), of someone who attended."""
        self.ensure_one()
        try:
            self.check_access_rights("read")
            self.check_access_rule("read")
            return bool(self.exists()) and self.state == "attended"
        except (AccessError, MissingError):
            return False

    def action_print_attestation(self):
        """Print the attestation of training of participants who attended."""
        not_trained = self.filtered(lambda r: r.state != "attended")
        if not_trained:
            raise UserError(
                _("Only participants who attended the session get an attestation (%s did not).")
                % ", ".join(not_trained.mapped("partner_id.name")))
        return self.env.ref("pepites_training.report_training_attestation").report_action(self)
