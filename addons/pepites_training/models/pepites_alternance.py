import codecs
import csv
import datetime
import io
import re

from stdnum.fr import nir as stdnum_nir

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.pepites_partners import siret
from odoo.addons.pepites_partners.personal_data import CLEAR
from odoo.addons.pepites_partners.models.pepites_sql_guard import (
    Ordered, Range, Unique, sql_constraints)
from odoo.addons.pepites_partners.models.pepites_workflow_mixin import workflow_action
from odoo.addons.pepites_partners.models.res_partner import (
    check_siae_employers, siae_employer_onchange)

from .. import alternance_rules as rules
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

#: the sections of the OPCO export (PDF summary and CSV), in the forms' order: one builder,
#: :meth:`PepitesAlternance._opco_sections`, reads it for both
OPCO_SECTIONS = [
    ("apprentice", (
        "name", "apprentice_id", "apprentice_birthdate", "apprentice_sex",
        "apprentice_nationality_id", "apprentice_birth_city", "apprentice_birth_department",
        "apprentice_nir", "apprentice_rqth", "apprentice_finished_3e", "apprentice_age_exemption",
        "apprentice_situation", "apprentice_benefit", "apprentice_last_class",
        "apprentice_last_diploma", "apprentice_last_diploma_obtained",
        "apprentice_highest_diploma", "apprentice_highest_level")),
    ("employer", (
        "employer_id", "employer_siret", "employer_type", "employer_sector", "employer_naf",
        "employer_idcc", "employer_headcount", "department_id", "opco_id")),
    ("tutors", (
        "tutor1_id", "tutor1_birthdate", "tutor1_diploma", "tutor1_diploma_level",
        "tutor1_field_diploma", "tutor1_experience_years", "tutor2_id", "tutor2_birthdate",
        "tutor2_diploma", "tutor2_diploma_level", "tutor2_field_diploma",
        "tutor2_experience_years")),
    ("contract", (
        "contract_type", "contract_kind", "contract_nature", "extended_public", "job_title",
        "conclusion_date", "execution_date", "date_start", "date_end", "trial_days",
        "weekly_hours", "pay_base", "pay_year1_rate", "pay_year1_amount", "pay_year2_rate",
        "pay_year2_amount", "pay_year3_rate", "pay_year3_amount", "pay_year4_rate",
        "pay_year4_amount", "state")),
    ("training", (
        "training_centre_id", "training_centre_uai", "training_centre_siret", "diploma_title",
        "rncp_code", "certification_id", "session_id", "training_hours", "training_date_start",
        "training_date_end", "rhythm")),
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
    _privacy_blank = {"note": CLEAR, "funding_note": CLEAR, "rupture_note": CLEAR,
                      "apprentice_birthdate": CLEAR, "apprentice_nir": CLEAR,
                      "apprentice_birth_city": CLEAR, "apprentice_birth_department": CLEAR,
                      "apprentice_nationality_id": CLEAR, "apprentice_sex": CLEAR,
                      "apprentice_rqth": CLEAR, "apprentice_benefit": CLEAR,
                      "apprentice_situation": CLEAR, "apprentice_last_diploma": CLEAR,
                      "apprentice_highest_diploma": CLEAR, "tutor1_birthdate": CLEAR,
                      "tutor2_birthdate": CLEAR}
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

    # ---------------------------------------------------------------- the forms (FA13, EJ20)
    # apprentice / employee: personal data, read by INAÉ staff and the employing SIAE only (the
    # NIR by INAÉ staff only), never on a public page, a feed or the partner API
    apprentice_birthdate = fields.Date(string="Birth date")
    apprentice_sex = fields.Selection(rules.SEXES, string="Sex")
    apprentice_nationality_id = fields.Many2one("res.country", string="Nationality",
                                                ondelete="restrict")
    apprentice_birth_city = fields.Char(string="Commune of birth")
    apprentice_birth_department = fields.Char(
        string="Département of birth", size=3, help="Its number, 99 when born abroad.")
    apprentice_nir = fields.Char(
        string="Social security number (NIR)", size=21,
        groups="pepites_partners.group_pepites_user",
        help="Optional. Read by INAÉ staff only; never printed for a SIAE.")
    apprentice_rqth = fields.Boolean(string="RQTH", help="Recognised disabled worker.")
    apprentice_finished_3e = fields.Boolean(
        string="Completed the 3e", help="Opens the apprenticeship at 15 (Art. L6222-1).")
    apprentice_age_exemption = fields.Boolean(
        string="Other age exemption",
        help="Business creation project or high-level athlete: no upper age (Art. L6222-2).")
    apprentice_situation = fields.Selection(rules.SITUATIONS, string="Situation before the contract")
    apprentice_benefit = fields.Selection(rules.BENEFITS, string="Minimum social benefit",
                                          default="none")
    apprentice_last_class = fields.Selection(rules.LAST_CLASSES, string="Last class followed")
    apprentice_last_diploma = fields.Char(string="Last diploma prepared")
    apprentice_last_diploma_obtained = fields.Boolean(string="Last diploma obtained")
    apprentice_highest_diploma = fields.Char(string="Highest diploma obtained")
    apprentice_highest_level = fields.Selection(rules.DIPLOMA_LEVELS,
                                                string="Level of the highest diploma")
    # employer (the SIAE's establishment where the contract runs)
    employer_siret = fields.Char(string="Employer's SIRET", size=20,
                                 help="The establishment where the contract runs.")
    employer_naf = fields.Char(string="NAF code", size=6, help="e.g. 88.99B")
    employer_idcc = fields.Char(string="IDCC (collective agreement)", size=4)
    employer_headcount = fields.Integer(string="Headcount")
    employer_type = fields.Selection(rules.EMPLOYER_TYPES, string="Type of employer")
    employer_sector = fields.Selection([("private", "Private"), ("public", "Public")],
                                       compute="_compute_employer_sector", string="Sector")
    # tutors (maîtres d'apprentissage, tuteurs): two at most, as on the forms
    tutor1_id = fields.Many2one("res.partner", string="First tutor", ondelete="restrict")
    tutor1_birthdate = fields.Date(string="Tutor's birth date")
    tutor1_diploma = fields.Char(string="Tutor's highest diploma")
    tutor1_diploma_level = fields.Selection(rules.DIPLOMA_LEVELS, string="Tutor's diploma level")
    tutor1_field_diploma = fields.Boolean(
        string="Diploma of the field", help="A diploma of the field of the prepared title, of "
        "at least its level (Art. R6223-22 1°).")
    tutor1_experience_years = fields.Float(string="Tutor's years of experience", digits=(4, 1),
                                           help="In activities related to the prepared title.")
    tutor2_id = fields.Many2one("res.partner", string="Second tutor", ondelete="restrict")
    tutor2_birthdate = fields.Date(string="Second tutor's birth date")
    tutor2_diploma = fields.Char(string="Second tutor's highest diploma")
    tutor2_diploma_level = fields.Selection(rules.DIPLOMA_LEVELS,
                                            string="Second tutor's diploma level")
    tutor2_field_diploma = fields.Boolean(string="Second tutor: diploma of the field")
    tutor2_experience_years = fields.Float(string="Second tutor's years of experience",
                                           digits=(4, 1))
    # the contract
    contract_kind = fields.Selection(rules.CONTRACT_KINDS, string="Kind of contract",
                                     default="initial")
    contract_nature = fields.Selection(rules.CONTRACT_NATURES, string="Nature", default="cdd",
                                       help="Professionalisation: CDD, or a CDI whose "
                                       "professionalisation action runs from start to end.")
    job_title = fields.Char(string="Job held")
    execution_date = fields.Date(string="Date of execution",
                                 help="First day of work under the contract.")
    trial_days = fields.Integer(string="Trial period (days)")
    extended_public = fields.Boolean(
        string="Public of Art. L6325-1-1",
        help="Professionalisation up to 36 months (employee of a SIAE, RSA, ASS, AAH, CUI…).")
    pay_base = fields.Selection(rules.PAY_BASES, string="Pay base", default="smic")
    pay_year1_rate = fields.Float(string="Pay year 1 (%)", digits=(5, 1))
    pay_year1_amount = fields.Float(string="Monthly pay year 1 (€)", digits=(10, 2))
    pay_year2_rate = fields.Float(string="Pay year 2 (%)", digits=(5, 1))
    pay_year2_amount = fields.Float(string="Monthly pay year 2 (€)", digits=(10, 2))
    pay_year3_rate = fields.Float(string="Pay year 3 (%)", digits=(5, 1))
    pay_year3_amount = fields.Float(string="Monthly pay year 3 (€)", digits=(10, 2))
    pay_year4_rate = fields.Float(string="Pay year 4 (%)", digits=(5, 1))
    pay_year4_amount = fields.Float(string="Monthly pay year 4 (€)", digits=(10, 2))
    # training (the CFA or training body)
    training_centre_uai = fields.Char(string="Centre's UAI", size=8)
    training_centre_siret = fields.Char(string="Centre's SIRET", size=20)
    diploma_title = fields.Char(string="Diploma or title prepared")
    rncp_code = fields.Char(string="RNCP code", size=12)
    training_hours = fields.Float(string="Training hours", digits=(6, 1))
    training_date_start = fields.Date(string="Training start")
    training_date_end = fields.Date(string="Training end")

    _sql_guard = [
        Ordered("dates_order", "date_start", "date_end", strict=True,
                message="The contract must end after it starts."),
        Range("weekly_hours_range", "weekly_hours", WEEKLY_HOURS_MIN, WEEKLY_HOURS_MAX,
              message="The weekly hours must lie between 1 and 48."),
        Unique("apprentice_session_unique", "apprentice_id", "session_id",
               message="This apprentice is already enrolled in this session."),
        Range("funding_positive", "funding_amount", 0,
              message="The funding cannot be negative."),
        Range("trial_days_positive", "trial_days", 0,
              message="The trial period cannot be negative."),
        Range("training_hours_positive", "training_hours", 0,
              message="The training hours cannot be negative."),
        Range("headcount_positive", "employer_headcount", 0,
              message="The headcount cannot be negative."),
        Ordered("training_dates_order", "training_date_start", "training_date_end",
                message="The training must end after it starts."),
    ]
    _sql_constraints = sql_constraints(_sql_guard)

    @api.model
    def create(self, vals):
        if vals.get("name", _("New")) == _("New"):
            vals["name"] = self.env["ir.sequence"].next_by_code("pepites.alternance") or "/"
        alternance = super(PepitesAlternance, self).create(self._normalize_codes(vals))
        alternance._sync_tutors()
        return alternance

    @api.multi
    def write(self, vals):
        result = super(PepitesAlternance, self).write(self._normalize_codes(vals))
        if "tutor1_id" in vals or "tutor2_id" in vals:
            self._sync_tutors()
        return result

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

    #: the fields the legal rules read: a change of any of them checks the contract again
    _RULE_FIELDS = (
        "contract_type", "contract_nature", "date_start", "date_end", "apprentice_birthdate",
        "apprentice_finished_3e", "apprentice_rqth", "apprentice_age_exemption",
        "apprentice_situation", "apprentice_benefit", "apprentice_highest_level",
        "extended_public", "trial_days", "pay_base", "pay_year1_rate", "pay_year2_rate",
        "pay_year3_rate", "pay_year4_rate", "tutor1_id", "tutor1_experience_years",
        "tutor1_field_diploma", "tutor2_id", "tutor2_experience_years", "tutor2_field_diploma",
        "state")

    def _rules_contract(self):
        """The contract as the plain-Python rules read it (:class:`alternance_rules.Contract`)."""
        self.ensure_one()
        tutors = [(tutor.name, years, field_diploma) for tutor, years, field_diploma in (
            (self.tutor1_id, self.tutor1_experience_years, self.tutor1_field_diploma),
            (self.tutor2_id, self.tutor2_experience_years, self.tutor2_field_diploma))
            if tutor and years]
        level = self.apprentice_highest_level
        return rules.Contract(
            contract_type=self.contract_type, nature=self.contract_nature,
            date_start=fields.Date.from_string(self.date_start),
            date_end=fields.Date.from_string(self.date_end),
            birthdate=fields.Date.from_string(self.apprentice_birthdate),
            finished_3e=self.apprentice_finished_3e, rqth=self.apprentice_rqth,
            age_exemption=self.apprentice_age_exemption,
            jobseeker=self.apprentice_situation == "jobseeker",
            benefit=self.apprentice_benefit, extended_public=self.extended_public,
            diploma_level=int(level) if level else None, trial_days=self.trial_days,
            pay_rates=tuple(getattr(self, "pay_year%d_rate" % year) or None
                            for year in (1, 2, 3, 4)),
            pay_base=self.pay_base, tutors=tutors,
            concluded=self.state not in ("prospect", "abandoned"))

    @api.constrains(*_RULE_FIELDS)
    def _check_legal_rules(self):
        """The published rules of the FA13/EJ20 contracts (ages, tutors' experience, pay floors,
        durations, trial period: :mod:`alternance_rules`), whatever the path of the write.

        :raises ValidationError: naming every rule the contract breaks, in French
        """
        for alternance in self:
            broken = rules.violations(alternance._rules_contract())
            if broken:
                raise ValidationError(_("The contract %s breaks the law:\n%s") % (
                    alternance.name, "\n".join(_(template) % params
                                               for template, params in broken)))

    @api.constrains("apprentice_nir")
    def _check_nir(self):
        """:raises ValidationError: on a social security number whose key is wrong (checked
        only when the NIR is written, by INAÉ staff: the field is theirs alone)."""
        for alternance in self:
            if alternance.apprentice_nir and not stdnum_nir.is_valid(alternance.apprentice_nir):
                raise ValidationError(_("%s: the social security number is not valid (15 "
                                        "digits whose key matches).") % alternance.name)

    @api.constrains("employer_siret", "training_centre_siret", "employer_naf",
                    "employer_idcc", "training_centre_uai", "rncp_code")
    def _check_codes(self):
        """:raises ValidationError: on a SIRET whose keys are wrong, or a NAF, IDCC,
        UAI or RNCP code not in its published format."""
        for alternance in self:
            for field in ("employer_siret", "training_centre_siret"):
                if alternance[field] and not siret.clean(alternance[field]):
                    raise ValidationError(_("%s: the SIRET %s is not valid (14 digits whose "
                                            "keys match).") % (alternance.name, alternance[field]))
            for field, pattern, label in (
                    ("employer_naf", rules.NAF_PATTERN, _("NAF code (e.g. 88.99B)")),
                    ("employer_idcc", rules.IDCC_PATTERN, _("IDCC (4 digits at most)")),
                    ("training_centre_uai", rules.UAI_PATTERN, _("UAI (7 digits and a letter)")),
                    ("rncp_code", rules.RNCP_PATTERN, _("RNCP code (e.g. RNCP39794)"))):
                if alternance[field] and not re.match(pattern, alternance[field]):
                    raise ValidationError(_("%s: %s is not a valid %s.")
                                          % (alternance.name, alternance[field], label))

    @api.depends("employer_type")
    def _compute_employer_sector(self):
        for alternance in self:
            alternance.employer_sector = rules.employer_sector(alternance.employer_type)

    @api.model
    def _normalize_codes(self, vals):
        """Codes as the forms print them: SIRET and NIR without spaces, letters upper case."""
        for field in ("employer_siret", "training_centre_siret"):
            if vals.get(field):
                vals[field] = siret.compact(vals[field])
        if vals.get("apprentice_nir"):
            vals["apprentice_nir"] = stdnum_nir.compact(vals["apprentice_nir"])
        for field in ("employer_naf", "training_centre_uai", "rncp_code"):
            if vals.get(field):
                vals[field] = vals[field].strip().upper().replace(" ", "")
        return vals

    def _sync_tutors(self):
        """The tutors named on the form are among the contract's tutors (``tutor_ids``, which
        the rest of PEPITES reads)."""
        for alternance in self:
            missing = (alternance.tutor1_id | alternance.tutor2_id) - alternance.tutor_ids
            if missing:
                alternance.tutor_ids = [(4, tutor.id) for tutor in missing]

    def _fill_form_defaults(self):
        """Fill the form's fields that the contract already implies, where they are empty (the
        upgrade to 11.0.1.1.0 runs it on the contracts recorded before)."""
        for alternance in self:
            values = {}
            tutors = alternance.tutor_ids.sorted("id")
            for index, field in enumerate(("tutor1_id", "tutor2_id")):
                if not alternance[field] and len(tutors) > index:
                    values[field] = tutors[index].id
            for field, value in (
                    ("diploma_title", alternance.certification_id.name),
                    ("rncp_code", (alternance.certification_id.rncp_code or "").replace(" ", "")),
                    ("employer_siret", alternance.employer_id.siret),
                    ("training_centre_siret", alternance.training_centre_id.siret),
                    ("training_date_start", alternance.session_id.date_start),
                    ("training_date_end", alternance.session_id.date_end)):
                if not alternance[field] and value:
                    values[field] = value
            if not re.match(rules.RNCP_PATTERN, values.get("rncp_code", "RNCP000")):
                del values["rncp_code"]
            if values:
                alternance.write(values)

    @api.onchange("session_id")
    def _onchange_session_id(self):
        if self.session_id.training_centre_id:
            self.training_centre_id = self.session_id.training_centre_id
        if self.session_id:
            self.training_date_start = self.training_date_start or self.session_id.date_start
            self.training_date_end = self.training_date_end or self.session_id.date_end

    @api.onchange("certification_id")
    def _onchange_certification_id(self):
        self.diploma_title = self.diploma_title or self.certification_id.name
        self.rncp_code = self.rncp_code or self.certification_id.rncp_code

    @api.onchange("employer_id")
    def _onchange_employer_id(self):
        self.employer_siret = self.employer_siret or self.employer_id.siret

    @api.onchange("training_centre_id")
    def _onchange_training_centre_id(self):
        self.training_centre_siret = self.training_centre_siret or self.training_centre_id.siret

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

    # ---------------------------------------------------------------- OPCO export
    def _opco_value(self, name, field_info):
        """One field of the contract as the OPCO reads it, in French: dates dd/mm/yyyy, yes/no,
        the selection's label, the record's name, decimals with a comma."""
        value = self[name]
        kind = field_info["type"]
        if kind == "boolean":
            return _("Yes") if value else _("No")
        if not value:
            return ""
        if kind == "date":
            return fields.Date.from_string(value).strftime("%d/%m/%Y")
        if kind == "selection":
            return dict(field_info["selection"]).get(value, value)
        if kind == "many2one":
            # people by their own name (not "Company, Person")
            return value.name if value._name == "res.partner" else value.display_name
        if kind == "float":
            return ("%.2f" % value).rstrip("0").rstrip(".").replace(".", ",")
        if kind == "integer":
            return str(value)
        return value

    def _opco_sections(self, with_nir=None):
        """``[(section, [(label, value)])]`` of one contract, in French whatever the user's
        language: the PDF summary and the CSV both print it. The NIR only for INAÉ staff (and
        never when ``with_nir`` is False, e.g. the SIAE's copy from the portal)."""
        self.ensure_one()
        if with_nir is None:
            with_nir = self.env.user.has_group("pepites_partners.group_pepites_user")
        french = self.with_context(lang="fr_FR")
        titles = french._opco_section_titles()
        infos = french.fields_get([name for _section, names in OPCO_SECTIONS for name in names])
        sections = []
        for section, names in OPCO_SECTIONS:
            rows = [(infos[name]["string"], french._opco_value(name, infos[name]))
                    for name in names if with_nir or name != "apprentice_nir"]
            sections.append((titles[section], rows))
        return sections

    def _opco_section_titles(self):
        """The sections' titles, in the language of ``self``'s context (the tabs of the form)."""
        return {"apprentice": _("Apprentice or employee"), "employer": _("Employer"),
                "tutors": _("Tutor(s)"),
                "contract": _("Contract"), "training": _("Training")}

    def _opco_csv(self):
        """The contracts as a CSV the OPCO opens in Excel: one row per contract, every field of
        the forms, French headers, ``;`` separator, UTF-8 with a BOM."""
        stream = io.StringIO()
        writer = csv.writer(stream, delimiter=";", lineterminator="\r\n")
        for index, alternance in enumerate(self):
            sections = alternance._opco_sections()
            if not index:
                writer.writerow(["%s — %s" % (section, label)
                                 for section, rows in sections for label, _value in rows])
            writer.writerow([value for _section, rows in sections for _label, value in rows])
        return codecs.BOM_UTF8 + stream.getvalue().encode("utf-8")

    @api.multi
    def action_print_opco_summary(self):
        """The PDF summary of the contracts for the OPCO."""
        return self.env.ref("pepites_training.report_alternance_opco").report_action(self)

    @api.multi
    def action_export_opco_csv(self):
        """Download the CSV of the contracts for the OPCO (the route checks who asks)."""
        return {"type": "ir.actions.act_url", "target": "self",
                "url": "/pepites/alternance/export.csv?ids=%s" % ",".join(map(str, self.ids))}

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
