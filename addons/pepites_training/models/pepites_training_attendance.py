from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

ATTENDANCE_STATES = [
    ("present", "Present"),
    ("absent", "Absent"),
    ("excused", "Excused absence"),
]


class PepitesTrainingAttendance(models.Model):
    """A participant's attendance on one day of a training session."""

    _name = "pepites.training.attendance"
    _inherit = ["pepites.privacy.mixin"]
    _description = "Training attendance"
    _order = "date, registration_id"

    # personal-data map (issue 15), category "training": a day of attendance: 5 years after that day
    _privacy_kind = "attendance"
    _privacy_person_fields = ("partner_id",)
    _privacy_blank = {}
    _privacy_kept = ("session_id", "employer_id", "date", "state", "hours")
    _privacy_retention = {"training": ("date",)}


    registration_id = fields.Many2one("pepites.training.registration", string="Participant",
                                      required=True, ondelete="cascade", index=True)
    session_id = fields.Many2one(related="registration_id.session_id", store=True, readonly=True,
                                 string="Session", index=True)
    partner_id = fields.Many2one(related="registration_id.partner_id", store=True, readonly=True,
                                 string="Person")
    employer_id = fields.Many2one(related="registration_id.employer_id", store=True,
                                  readonly=True, string="Employer SIAE")
    date = fields.Date(required=True)
    state = fields.Selection(ATTENDANCE_STATES, required=True, default="present")
    hours = fields.Float(digits=(4, 1), default=7.0)

    _sql_constraints = [
        ("registration_date_unique", "unique(registration_id, date)",
         "The attendance of this participant is already recorded for this day."),
        ("hours_range", "CHECK(hours >= 0 AND hours <= 24)",
         "The hours of a day lie between 0 and 24."),
    ]

    @api.constrains("date", "registration_id")
    def _check_date(self):
        """:raises ValidationError: when the day lies outside the dates of the session."""
        for attendance in self:
            session = attendance.registration_id.session_id
            if not (session.date_start <= attendance.date <= session.date_end):
                raise ValidationError(
                    _("%s is outside the dates of the session \"%s\" (%s – %s).")
                    % (attendance.date, session.name, session.date_start, session.date_end))
