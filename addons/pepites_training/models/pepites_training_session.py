from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.pepites_partners.models.pepites_sql_guard import Ordered, Range, sql_constraints
from odoo.addons.pepites_partners.models.pepites_workflow_mixin import workflow_action

from ..training_rules import working_days

SESSION_STATES = [
    ("draft", "Planned"),
    ("confirmed", "Confirmed"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]


class PepitesTrainingSession(models.Model):
    """A run of a training module: dates, place, trainers, participants and their attendance."""

    _name = "pepites.training.session"
    _inherit = ["mail.thread", "mail.activity.mixin", "pepites.sql.guard", "pepites.workflow.mixin"]
    _description = "Training session"
    _order = "date_start desc, id desc"

    name = fields.Char(required=True, track_visibility="onchange")
    module_id = fields.Many2one("pepites.training.module", string="Module", required=True,
                                ondelete="restrict", index=True)
    path_id = fields.Many2one("pepites.learning.path", string="Learning path", ondelete="set null")
    specialty = fields.Selection(related="module_id.specialty", store=True, readonly=True)
    date_start = fields.Date(string="Start", required=True, track_visibility="onchange")
    date_end = fields.Date(string="End", required=True, track_visibility="onchange")
    location = fields.Char()
    department_id = fields.Many2one("pepites.department", string="Département", index=True,
                                    ondelete="restrict")
    trainer_ids = fields.Many2many(
        "res.partner", "pepites_training_session_trainer_rel", "session_id", "partner_id",
        string="Trainers", groups="pepites_partners.group_pepites_user,"
                                  "pepites_partners.group_pepites_siae")
    seats_max = fields.Integer(string="Places", help="0 for no limit.")
    is_experimental = fields.Boolean(
        string="Experimental session",
        help="The Campus experimental session for employees on their way to team leader or "
             "technical supervisor.")
    state = fields.Selection(SESSION_STATES, required=True, default="draft", index=True,
                             copy=False, track_visibility="onchange")
    registration_ids = fields.One2many(
        "pepites.training.registration", "session_id", string="Participants",
        groups="pepites_partners.group_pepites_user,pepites_partners.group_pepites_siae")
    attendance_ids = fields.One2many(
        "pepites.training.attendance", "session_id", string="Attendance",
        groups="pepites_partners.group_pepites_user,pepites_partners.group_pepites_siae")
    # sizes are indicators partners may read; computed as superuser, no names
    participant_count = fields.Integer(compute="_compute_counts", compute_sudo=True, store=True,
                                       string="Participants (count)")
    attended_count = fields.Integer(compute="_compute_counts", compute_sudo=True, store=True,
                                    string="Trained (count)")
    day_count = fields.Integer(compute="_compute_day_count", string="Days")

    _sql_guard = [
        Ordered("dates_order", "date_start", "date_end", null_test=False,
                message="The session cannot end before it starts."),
        Range("seats_positive", "seats_max", 0, null_test=False,
              message="The number of places cannot be negative."),
    ]
    _sql_constraints = sql_constraints(_sql_guard)

    @api.depends("registration_ids.state")
    def _compute_counts(self):
        rows = self.env["pepites.training.registration"].read_group(
            [("session_id", "in", self.ids), ("state", "!=", "cancelled")],
            ["session_id", "state"], ["session_id", "state"], lazy=False)
        counts = {}
        for row in rows:
            total, attended = counts.get(row["session_id"][0], (0, 0))
            trained = row["__count"] if row["state"] == "attended" else 0
            counts[row["session_id"][0]] = (total + row["__count"], attended + trained)
        for session in self:
            session.participant_count, session.attended_count = counts.get(session.id, (0, 0))

    @api.depends("date_start", "date_end")
    def _compute_day_count(self):
        for session in self:
            session.day_count = len(session._days())

    def _days(self):
        self.ensure_one()
        if not self.date_start or not self.date_end:
            return []
        return working_days(fields.Date.from_string(self.date_start),
                            fields.Date.from_string(self.date_end))

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        """:raises ValidationError: when the session ends before it starts, or when recorded
        attendance falls outside the new dates."""
        for session in self:
            if session.date_end < session.date_start:
                raise ValidationError(_("The session \"%s\" ends before it starts.") % session.name)
        self.mapped("attendance_ids")._check_date()

    @api.constrains("seats_max")
    def _check_seats(self):
        """:raises ValidationError: when fewer places are left than participants enrolled."""
        self.mapped("registration_ids")._check_seats()

    @api.onchange("module_id")
    def _onchange_module_id(self):
        if self.module_id and not self.name:
            self.name = self.module_id.name

    _workflow_transitions = {
        "confirm": (("draft",), "confirmed"),
        "done": (("confirmed",), "done"),
        "cancel": (("draft", "confirmed"), "cancelled"),
        "draft": (("cancelled",), "draft"),
    }

    def _workflow_refusal_message(self):
        return _("The session \"%s\" cannot go from \"%s\" to \"%s\".")

    action_confirm = workflow_action("confirm")
    action_cancel = workflow_action("cancel")
    action_draft = workflow_action("draft")

    def action_done(self):
        """Close the session: participants who attended at least one day are marked trained
        (they get their attestation), the others absent; module completion follows."""
        self._workflow_run("done")
        registrations = self.mapped("registration_ids").filtered(
            lambda r: r.state == "registered")
        attended = registrations.filtered(lambda r: r.present_days > 0)
        attended.write({"state": "attended"})
        (registrations - attended).write({"state": "absent"})
        for session in self:
            session.module_id._update_completion(
                session.registration_ids.filtered(lambda r: r.state == "attended")
                .mapped("partner_id"))
        return True

    def action_generate_attendance(self):
        """Prepare the attendance sheet: one line per participant and working day of the
        session (present by default), keeping the lines already entered."""
        attendance = self.env["pepites.training.attendance"]
        for session in self:
            days = [fields.Date.to_string(day) for day in session._days()]
            for registration in session.registration_ids.filtered(
                    lambda r: r.state != "cancelled"):
                known = set(registration.attendance_ids.mapped("date"))
                for day in days:
                    if day not in known:
                        attendance.create({"registration_id": registration.id, "date": day,
                                           "state": "present",
                                           "hours": session._hours_per_day()})
        return True

    def _hours_per_day(self):
        self.ensure_one()
        module = self.module_id
        if module.duration_hours and module.duration_days:
            return module.duration_hours / module.duration_days
        return 7.0
