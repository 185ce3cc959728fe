from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.pepites_partners.models.pepites_sql_guard import Ordered, Range, sql_constraints


class PepitesAlternanceSession(models.Model):
    """A cohort of apprentices preparing a title together at a training centre (e.g. the ETI
    session of AFPA Pau). The programme counts these sessions per title."""

    _name = "pepites.alternance.session"
    _inherit = ["mail.thread", "pepites.sql.guard"]
    _description = "Alternance session"
    _order = "date_start desc, name"

    name = fields.Char(required=True, track_visibility="onchange")
    certification_id = fields.Many2one("pepites.certification", string="Certification",
                                       required=True, ondelete="restrict", index=True)
    training_centre_id = fields.Many2one(
        "res.partner", string="Training centre", ondelete="restrict",
        help="The centre where the apprentices are trained (AFPA Pau, AFPA Châtellerault…).")
    department_id = fields.Many2one("pepites.department", string="Département", index=True,
                                    ondelete="restrict")
    date_start = fields.Date(string="Start", required=True)
    date_end = fields.Date(string="End", required=True)
    seats_max = fields.Integer(string="Places")
    alternance_ids = fields.One2many(
        "pepites.alternance", "session_id", string="Apprentices",
        groups="pepites_partners.group_pepites_user,pepites_partners.group_pepites_siae")
    # a cohort's size is an indicator partners may read; computed as superuser, no names
    alternance_count = fields.Integer(compute="_compute_alternance_count", compute_sudo=True,
                                      string="Apprentices (count)", store=True)

    _sql_guard = [
        Ordered("dates_order", "date_start", "date_end", null_test=False,
                message="The end of the session cannot be before its start."),
        Range("seats_positive", "seats_max", 0,
              message="The number of places cannot be negative."),
    ]
    _sql_constraints = sql_constraints(_sql_guard)

    @api.depends("alternance_ids.state")
    def _compute_alternance_count(self):
        counts = self.env["pepites.alternance"]._pepites_count_by(
            "session_id", self.ids, [("state", "not in", ("prospect", "abandoned"))])
        for session in self:
            session.alternance_count = counts.get(session.id, 0)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        """:raises ValidationError: when the session ends before it starts."""
        for session in self:
            if session.date_start and session.date_end and session.date_end < session.date_start:
                raise ValidationError(
                    _("The session \"%s\" ends before it starts.") % session.name)

    @api.onchange("training_centre_id")
    def _onchange_training_centre_id(self):
        if self.training_centre_id.department_id:
            self.department_id = self.training_centre_id.department_id
