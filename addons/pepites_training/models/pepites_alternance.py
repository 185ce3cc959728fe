import datetime

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.pepites_partners.personal_data import CLEAR
from odoo.addons.pepites_partners.models.pepites_sql_guard import (
    Ordered, Range, Unique, sql_constraints)
from odoo.addons.pepites_partners.models.pepites_workflow_mixin import workflow_action
from odoo.addons.pepites_partners.models.res_partner import (
    check_siae_employers, siae_employer_onchange)

from ..training_rules import WEEKLY_HOURS_MAX, WEEKLY_HOURS_MIN

ALTERNANCE_STATES = [
    ("prospect", "Prospect"),
    ("signed", "Contract signed"),
    ("in_progress", "In progress"),
    ("certified", "Certified"),
    ("rupture", "Rupture"),
    ("abandoned", "Abandoned"),
]

CONTRACT_TYPES = [
    ("apprentissage", "Apprenticeship contract (apprentissage)"),
    ("professionnalisation", "Professionalisation contract"),
]

RUPTURE_REASONS = [
    ("trial_employer", "During the trial period, by the employer"),
    ("trial_apprentice", "During the trial period, by the apprentice"),
    ("mutual", "Mutual agreement"),
    ("resignation", "Resignation of the apprentice"),
    ("dismissal", "Dismissal"),
    ("training_failure", "Training stopped (exclusion, failure)"),
    ("other", "Other"),
]

#: days before the end of a contract when INAÉ is reminded to prepare what comes next
ENDING_ALERT_DAYS_PARAM = "pepites_training.alternance_ending_alert_days"
ENDING_ALERT_DAYS_DEFAULT = 30


class PepitesAlternance(models.Model):
    """A work-study contract of a SIAE apprentice preparing a title (ETI by AFPA mostly)."""

    _name = "pepites.alternance"
    _inherit = ["mail.thread", "mail.activity.mixin", "pepites.sql.guard", "pepites.workflow.mixin", "pepites.privacy.mixin"]
    _description = "Alternance contract"
    _order = "date_start desc, id desc"

    # personal-data map (issue 15), category "training": 5 years after the contract's end (or its last change when it has none)
    _privacy_kind = "alternance"
    _privacy_person_fields = ("apprentice_id",)
    _privacy_blank = {"note": CLEAR, "funding_note": CLEAR, "rupture_note": CLEAR}
    _privacy_kept = ("employer_id", "department_id", "certification_id", "training_centre_id", "session_id", "contract_type", "conclusion_date", "date_start", "date_end", "state", "certified_date", "rupture_date", "rupture_reason", "funding_amount")
    _privacy_retention = {"training": ("date_end", "write_date")}


    name = fields.Char(string="Reference", required=True, copy=False, readonly=True,
                       default=lambda self: _("New"))
    apprentice_id = fields.Many2one("res.partner", string="Apprentice", required=True,
                                    ondelete="restrict", index=True, track_visibility="onchange")
    employer_id = fields.Many2one(
        "res.partner", string="Employer SIAE", required=True, ondelete="restrict", index=True,
        domain=[("is_siae", "=", True)], track_visibility="onchange")
    department_id = fields.Many2one(related="employer_id.department_id", store=True,
                                    readonly=True, string="Département")
    tutor_ids = fields.Many2many(
        "res.partner", "pepites_alternance_tutor_rel", "alternance_id", "partner_id",
        string="Tutors", help="Maîtres d'apprentissage / tuteurs in the SIAE.")
    certification_id = fields.Many2one("pepites.certification", string="Certification",
                                       required=True, ondelete="restrict", index=True)
    training_centre_id = fields.Many2one("res.partner", string="Training centre",
                                         ondelete="restrict")
    session_id = fields.Many2one(
        "pepites.alternance.session", string="Session", ondelete="restrict", index=True,
        domain="[('certification_id', '=', certification_id)]")
    contract_type = fields.Selection(CONTRACT_TYPES, required=True, default="apprentissage")
    conclusion_date = fields.Date(string="Conclusion date",
                                  help="Date the contract was signed.")
    date_start = fields.Date(string="Start", track_visibility="onchange")
    date_end = fields.Date(string="End", track_visibility="onchange")
    weekly_hours = fields.Float(string="Weekly hours", default=35.0, digits=(4, 1))
    rhythm = fields.Char(help="e.g. 3 weeks in the SIAE, 1 week at the centre.")
    opco_id = fields.Many2one("res.partner", string="OPCO", ondelete="restrict",
                              domain=[("is_company", "=", True)])
    funding_amount = fields.Float(string="Funding (€)", digits=(10, 2))
    funding_note = fields.Text(string="Funding details")
    state = fields.Selection(ALTERNANCE_STATES, required=True, default="prospect", index=True,
                             track_visibility="onchange", copy=False)
    certified_date = fields.Date(string="Certification date", copy=False)
    rupture_date = fields.Date(copy=False, track_visibility="onchange")
    rupture_reason = fields.Selection(RUPTURE_REASONS, copy=False, track_visibility="onchange")
    rupture_note = fields.Text(copy=False)
    user_id = fields.Many2one("res.users", string="INAÉ contact",
                              default=lambda self: self.env.user,
                              help="Receives the reminders about this contract.")
    ending_alert_done = fields.Boolean(
        copy=False, readonly=True, help="The reminder about the end of the contract is planned.")
    rupture_alert_done = fields.Boolean(copy=False, readonly=True,
                                        help="The follow-up of the rupture is planned.")
    note = fields.Text()

    _sql_guard = [
        Ordered("dates_order", "date_start", "date_end", strict=True,
                message="The contract must end after it starts."),
        Range("weekly_hours_range", "weekly_hours", WEEKLY_HOURS_MIN, WEEKLY_HOURS_MAX,
              message="The weekly hours must lie between 1 and 48."),
        Unique("apprentice_session_unique", "apprentice_id", "session_id",
               message="This apprentice is already enrolled in this session."),
        Range("funding_positive", "funding_amount", 0,
              message="The funding cannot be negative."),
    ]
    _sql_constraints = sql_constraints(_sql_guard)

    @api.model
    def create(self, vals):
        if vals.get("name", _("New")) == _("New"):
            vals["name"] = self.env["ir.sequence"].next_by_code("pepites.alternance") or "/"
        return super(PepitesAlternance, self).create(vals)

    # ---------------------------------------------------------------- constraints
    @api.constrains("date_start", "date_end", "conclusion_date")
    def _check_dates(self):
        """:raises ValidationError: when the contract ends before it starts, or starts before it
        was concluded."""
        for alternance in self:
            if alternance.date_start and alternance.date_end \
                    and alternance.date_end <= alternance.date_start:
                raise ValidationError(
                    _("The contract %s must end after it starts (%s).")
                    % (alternance.name, alternance.date_start))
            if alternance.conclusion_date and alternance.date_start \
                    and alternance.date_start < alternance.conclusion_date:
                raise ValidationError(
                    _("The contract %s cannot start before it is concluded (%s).")
                    % (alternance.name, alternance.conclusion_date))

    @api.constrains("weekly_hours")
    def _check_weekly_hours(self):
        """:raises ValidationError: on weekly hours outside the legal range."""
        for alternance in self:
            if alternance.weekly_hours and not (
                    WEEKLY_HOURS_MIN <= alternance.weekly_hours <= WEEKLY_HOURS_MAX):
                raise ValidationError(
                    _("The weekly hours of %s must lie between %s and %s (got %s).")
                    % (alternance.name, WEEKLY_HOURS_MIN, WEEKLY_HOURS_MAX,
                       alternance.weekly_hours))

    @api.constrains("employer_id")
    def _check_employer(self):
        """:raises ValidationError: when the employer is not a SIAE."""
        check_siae_employers(self, _("The employer of %s must be a SIAE (\"%s\" is not)."),
                             with_record_name=True)

    @api.constrains("session_id", "certification_id")
    def _check_session(self):
        """:raises ValidationError: when the session prepares another certification."""
        for alternance in self.filtered("session_id"):
            if alternance.session_id.certification_id != alternance.certification_id:
                raise ValidationError(
                    _("The session %s prepares %s, not %s.")
                    % (alternance.session_id.name, alternance.session_id.certification_id.code,
                       alternance.certification_id.code))

    @api.constrains("apprentice_id", "state", "date_start", "date_end")
    def _check_overlap(self):
        """:raises ValidationError: when the apprentice already has a running contract over the
        same period (a double enrolment)."""
        running = ("signed", "in_progress")
        for alternance in self.filtered(lambda a: a.state in running and a.date_start):
            domain = [("id", "!=", alternance.id),
                      ("apprentice_id", "=", alternance.apprentice_id.id),
                      ("state", "in", running),
                      ("date_start", "<=", alternance.date_end or alternance.date_start),
                      "|", ("date_end", "=", False), ("date_end", ">=", alternance.date_start)]
            other = self.search(domain, limit=1)
            if other:
                raise ValidationError(
                    _("%s already has the contract %s over the same period.")
                    % (alternance.apprentice_id.name, other.name))

    @api.constrains("state", "rupture_date", "rupture_reason", "date_start", "date_end")
    def _check_rupture(self):
        """:raises ValidationError: when a rupture lacks its date or reason, or is dated outside
        the contract."""
        for alternance in self.filtered(lambda a: a.state == "rupture"):
            if not alternance.rupture_date or not alternance.rupture_reason:
                raise ValidationError(
                    _("Give the date and the reason of the rupture of %s.") % alternance.name)
            if (alternance.date_start and alternance.rupture_date < alternance.date_start) or \
                    (alternance.date_end and alternance.rupture_date > alternance.date_end):
                raise ValidationError(
                    _("The rupture of %s must be dated within the contract (%s – %s).")
                    % (alternance.name, alternance.date_start, alternance.date_end))

    @api.onchange("session_id")
    def _onchange_session_id(self):
        if self.session_id.training_centre_id:
            self.training_centre_id = self.session_id.training_centre_id

    _onchange_apprentice_id = siae_employer_onchange("apprentice_id")

    # ---------------------------------------------------------------- workflow
    _workflow_transitions = {
        "sign": (("prospect",), "signed"),
        "start": (("signed",), "in_progress"),
        "certify": (("in_progress",), "certified"),
        "rupture": (("signed", "in_progress"), "rupture"),
        "abandon": (("prospect", "signed"), "abandoned"),
        "reset": (("abandoned",), "prospect"),
    }

    def _sign_values(self):
        """:raises UserError: when the contract's dates are not set."""
        self._workflow_require(["date_start", "date_end"], _(
            "Set the start and end dates of %s before signing it."))
        return {"conclusion_date": self.conclusion_date or min(
            fields.Date.context_today(self), self.date_start)}

    def _certify_values(self, date=None):
        return {"certified_date": date or fields.Date.context_today(self)}

    def _rupture_values(self, date=None, reason=None, note=None):
        """:raises UserError: on an unknown reason, or a date missing or outside the
        contract (checked before writing: a refused rupture leaves the contract untouched)."""
        if reason not in dict(RUPTURE_REASONS):
            raise UserError(_("Unknown rupture reason: %s.") % reason)
        if not date:
            raise UserError(_("Give the date of the rupture."))
        if (self.date_start and date < self.date_start) or \
                (self.date_end and date > self.date_end):
            raise UserError(
                _("The rupture of %s must be dated within the contract (%s – %s).")
                % (self.name, self.date_start, self.date_end))
        return {"rupture_date": date, "rupture_reason": reason, "rupture_note": note or False}

    action_sign = workflow_action("sign", "Record the signature of the contract.")
    action_start = workflow_action("start", "The contract is running.")
    action_abandon = workflow_action(
        "abandon", "The project is dropped before the contract runs.")
    action_reset = workflow_action(
        "reset", "Back to prospect, e.g. an abandoned project that comes back.")

    def action_certify(self, date=None):
        """The apprentice obtained the title (in progress → certified)."""
        return self._workflow_run("certify", date=date)

    def action_rupture(self, date, reason, note=None):
        """Break the contract early (signed or in progress → rupture) and plan its follow-up.

        :param date: date of the rupture, within the contract
        :param reason: a key of RUPTURE_REASONS
        :param note: free explanation
        :raises UserError: on an unknown reason or a contract that is not running
        """
        self._workflow_run("rupture", date=date, reason=reason, note=note)
        self._schedule_rupture_alerts()
        return True

    def action_open_rupture_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Record a rupture"),
            "res_model": "pepites.alternance.rupture.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_alternance_id": self.id},
        }

    # ---------------------------------------------------------------- alerts
    def _schedule_activity(self, xmlid, deadline, summary):
        activity_type = self.env.ref(xmlid)
        model = self.env["ir.model"]._get(self._name)
        for alternance in self:
            self.env["mail.activity"].create({
                "activity_type_id": activity_type.id,
                "res_model_id": model.id,
                "res_id": alternance.id,
                "user_id": (alternance.user_id or alternance.create_uid or self.env.user).id,
                "date_deadline": deadline,
                "summary": summary,
            })

    def _schedule_rupture_alerts(self):
        """Plan one follow-up activity per rupture that has none yet."""
        todo = self.filtered(lambda a: a.state == "rupture" and not a.rupture_alert_done)
        today = fields.Date.from_string(fields.Date.context_today(self))
        for alternance in todo:
            alternance._schedule_activity(
                "pepites_training.mail_activity_alternance_rupture",
                fields.Date.to_string(today + datetime.timedelta(days=7)),
                _("Rupture of %s: contact the SIAE and the apprentice") % alternance.name)
        todo.write({"rupture_alert_done": True})

    def _schedule_ending_alerts(self, days):
        """Plan one activity per running contract that ends within ``days`` days."""
        today = fields.Date.from_string(fields.Date.context_today(self))
        limit = fields.Date.to_string(today + datetime.timedelta(days=days))
        todo = self.filtered(lambda a: a.state in ("signed", "in_progress") and a.date_end
                             and a.date_end <= limit and not a.ending_alert_done)
        for alternance in todo:
            alternance._schedule_activity(
                "pepites_training.mail_activity_alternance_ending", alternance.date_end,
                _("The contract %s ends on %s: prepare the certification and what comes next")
                % (alternance.name, alternance.date_end))
        todo.write({"ending_alert_done": True})

    @api.model
    def _cron_schedule_alerts(self):
        """Daily: remind INAÉ of contracts ending soon and of ruptures not followed up yet."""
        days = int(self.env["ir.config_parameter"].sudo().get_param(
            ENDING_ALERT_DAYS_PARAM, ENDING_ALERT_DAYS_DEFAULT))
        today = fields.Date.from_string(fields.Date.context_today(self))
        limit = fields.Date.to_string(today + datetime.timedelta(days=days))
        self.search([("state", "in", ("signed", "in_progress")), ("ending_alert_done", "=", False),
                     ("date_end", "<=", limit)])._schedule_ending_alerts(days)
        self.search([("state", "=", "rupture"),
                     ("rupture_alert_done", "=", False)])._schedule_rupture_alerts()
        return True
