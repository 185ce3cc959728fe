import datetime

import pytz

from odoo import _, api, fields, models
from odoo.http import request
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.pepites_partners.models.pepites_job_family import ROME_CODE, check_rome_codes
from odoo.addons.pepites_partners.models.pepites_workflow_mixin import workflow_action

from odoo.addons.pepites_partners import personal_data
from odoo.addons.pepites_partners.personal_data import CLEAR

from .. import pmsmp_convention
from .hr_job import CONTRACT_TYPES
from .pepites_orientation import OPEN_STATES as OPEN_ORIENTATION_STATES

#: a PMSMP lasts one month at most (Code du travail, art. D. 5135-2), renewable once for the
#: same objective
MAX_DAYS = 30
MAX_RENEWALS = 1
DEFAULT_HOST_WEEKLY_HOURS = 35.0
#: who reads the address and browser a signature came from (the host SIAE reads the
#: convention, not its signers' connection data; the PDF prints the address, as superuser)
SIGNATURE_TRACE_GROUP = "pepites_partners.group_pepites_user"

IMMERSION_STATES = [
    ("draft", "Draft"),
    ("to_sign", "To sign"),
    ("signed", "Signed"),
    ("validated", "Validated"),
    ("in_progress", "In progress"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
OBJECTIVES = [
    ("discover", "Discover a job or a sector"),
    ("confirm", "Confirm a professional project"),
    ("recruit", "Start a recruitment"),
]
ASSESSMENT_RESULTS = [
    ("completed", "Completed"),
    ("partly", "Partly completed"),
    ("no_show", "Did not show"),
]


class PepitesImmersion(models.Model):
    """A PMSMP (période de mise en situation en milieu professionnel): the tripartite
    convention between the beneficiary, the host SIAE and the prescriber, then its assessment.

    Who signs the convention, in what order and when it is signed: ``pmsmp_convention.py``
    (the PMSMP signature rule). Holds personal data: INAÉ staff and the host SIAE only
    (security/).
    """

    _name = "pepites.immersion"
    _description = "PMSMP immersion"
    _inherit = ["mail.thread", "pepites.workflow.mixin", "pepites.privacy.mixin"]
    _order = "date_start desc, id desc"

    # personal-data map (issue 15): kept 5 years after the immersion's end; a signed
    # convention is a legal hold until then (erasure refused); the host, département, dates,
    # objective, ROME code, state and outcome stay for the indicators
    _privacy_kind = "pmsmp"
    _privacy_person_fields = ("beneficiary_id",)
    # the signatures' addresses and browsers are the signers' personal data; the tutor's
    # phone is a person's; the detailed objectives speak of the beneficiary's project
    _privacy_blank = dict({
        "daily_schedule": CLEAR, "activities": CLEAR, "skills": CLEAR,
        "safety_equipment": CLEAR, "feedback": CLEAR, "cancel_reason": CLEAR,
        "objective_detail": CLEAR, "tutor_phone": CLEAR, "tutor_function": CLEAR,
        "places": CLEAR, "risks": CLEAR,
    }, **{pmsmp_convention.detail_field(party, detail): CLEAR
          for party in pmsmp_convention.SIGNATORIES for detail in ("ip", "agent")})
    _privacy_kept = ("host_siae_id", "department_id", "prescriber_id", "objective",
                     "rome_code", "job_title", "date_start", "date_end", "state",
                     "assessment_result", "ended_with_job", "job_contract_type",
                     "beneficiary_signed_at", "host_signed_at", "prescriber_signed_at",
                     "beneficiary_signed_by_id", "host_signed_by_id", "prescriber_signed_by_id")
    _privacy_retention = {"pmsmp": ("date_end",)}

    name = fields.Char(string="Reference", required=True, copy=False, readonly=True,
                       default=lambda self: _("New"))
    state = fields.Selection(IMMERSION_STATES, default="draft", required=True, readonly=True,
                             index=True, copy=False, track_visibility="onchange")
    beneficiary_id = fields.Many2one("res.partner", string="Beneficiary", required=True,
                                     index=True, ondelete="restrict")
    prescriber_id = fields.Many2one("res.partner", string="Prescriber organisation",
                                    required=True, domain=[("is_company", "=", True)],
                                    ondelete="restrict")
    referent_id = fields.Many2one("res.partner", string="Prescriber's referent")
    host_siae_id = fields.Many2one("res.partner", string="Host SIAE", required=True, index=True,
                                   domain=[("is_siae", "=", True)], ondelete="restrict")
    tutor_id = fields.Many2one("res.partner", string="Tutor")
    # the form names the tutor's function and how to reach them: filled from the contact
    # (onchange, create), kept on the convention as signed
    tutor_function = fields.Char(string="Tutor's function")
    tutor_phone = fields.Char(string="Tutor's phone")
    department_id = fields.Many2one(related="host_siae_id.department_id", store=True,
                                    readonly=True, string="Département")
    orientation_id = fields.Many2one("pepites.orientation", string="Orientation", index=True)
    objective = fields.Selection(OBJECTIVES, required=True, default="discover")
    objective_detail = fields.Text(string="Objectives in detail",
                                   help="What the beneficiary wants to discover, confirm or "
                                        "show during the immersion.")
    rome_code = fields.Char(string="Job observed (ROME)", size=5)
    job_title = fields.Char(string="Job observed")
    date_start = fields.Date(string="Start", required=True)
    date_end = fields.Date(string="End", required=True)
    duration_days = fields.Integer(compute="_compute_duration_days", string="Calendar days")
    daily_schedule = fields.Text(string="Daily schedule")
    weekly_hours = fields.Float(string="Weekly hours", required=True, default=35.0)
    total_hours = fields.Float(compute="_compute_duration_days", string="Total hours (planned)")
    places = fields.Text(string="Place(s) of the immersion",
                         help="Where the beneficiary works, when not at the host's address.")
    risks = fields.Text(string="Occupational risks",
                        help="The risks of the activities and how they are prevented.")
    host_weekly_hours = fields.Float(string="Host's weekly working time", required=True,
                                     default=DEFAULT_HOST_WEEKLY_HOURS,
                                     help="The hours of the host's staff doing this job: the "
                                          "immersion cannot exceed them.")
    activities = fields.Text()
    skills = fields.Text(string="Skills to observe or develop")
    safety_equipment = fields.Text(string="Safety equipment")
    renewal_of_id = fields.Many2one("pepites.immersion", string="Renewal of", index=True,
                                    ondelete="restrict")
    renewal_ids = fields.One2many("pepites.immersion", "renewal_of_id", string="Renewals")
    beneficiary_signed_date = fields.Date(string="Signed by the beneficiary", readonly=True,
                                          copy=False)
    host_signed_date = fields.Date(string="Signed by the host", readonly=True, copy=False)
    prescriber_signed_date = fields.Date(string="Signed by the prescriber", readonly=True,
                                         copy=False)
    # who signed, when and from where (pmsmp_convention.SIGNATURE_DETAILS), per party
    beneficiary_signed_by_id = fields.Many2one("res.users", string="Beneficiary's signature "
                                               "recorded by", readonly=True, copy=False)
    beneficiary_signed_at = fields.Datetime(string="Beneficiary's signature time",
                                            readonly=True, copy=False)
    beneficiary_signed_ip = fields.Char(string="Beneficiary's signature address", readonly=True,
                                        copy=False, groups=SIGNATURE_TRACE_GROUP)
    beneficiary_signed_agent = fields.Char(string="Beneficiary's signature browser",
                                           readonly=True, copy=False,
                                           groups=SIGNATURE_TRACE_GROUP)
    host_signed_by_id = fields.Many2one("res.users", string="Host's signature recorded by",
                                        readonly=True, copy=False)
    host_signed_at = fields.Datetime(string="Host's signature time", readonly=True, copy=False)
    host_signed_ip = fields.Char(string="Host's signature address", readonly=True, copy=False,
                                 groups=SIGNATURE_TRACE_GROUP)
    host_signed_agent = fields.Char(string="Host's signature browser", readonly=True,
                                    copy=False, groups=SIGNATURE_TRACE_GROUP)
    prescriber_signed_by_id = fields.Many2one("res.users", string="Prescriber's signature "
                                              "recorded by", readonly=True, copy=False)
    prescriber_signed_at = fields.Datetime(string="Prescriber's signature time", readonly=True,
                                           copy=False)
    prescriber_signed_ip = fields.Char(string="Prescriber's signature address", readonly=True,
                                       copy=False, groups=SIGNATURE_TRACE_GROUP)
    prescriber_signed_agent = fields.Char(string="Prescriber's signature browser",
                                          readonly=True, copy=False,
                                          groups=SIGNATURE_TRACE_GROUP)
    validated_date = fields.Date(string="Validated on", readonly=True, copy=False)
    assessment_result = fields.Selection(ASSESSMENT_RESULTS, string="Assessment", copy=False)
    ended_with_job = fields.Boolean(string="Ended with a job", copy=False)
    job_contract_type = fields.Selection(CONTRACT_TYPES, string="Contract", copy=False)
    job_start_date = fields.Date(string="Job starts on", copy=False)
    feedback = fields.Text(copy=False)
    cancel_reason = fields.Char(copy=False)

    _sql_constraints = [
        ("name_uniq", "unique(name)", "The reference of a PMSMP convention must be unique."),
    ]

    def write(self, vals):
        """:raises AccessError: when a portal user writes: a host SIAE only signs, through
        :meth:`portal_sign` (the state and the signature dates follow the workflow; written
        directly, e.g. over XML-RPC, they would skip it)."""
        if self.env.user.share and not self.env.user._is_superuser():
            raise AccessError(_("A host SIAE can only sign the convention."))
        self._check_rome_code_value(vals)
        return super(PepitesImmersion, self).write(vals)


    def _privacy_holds(self):
        """A convention signed by anyone is kept until the end of its term."""
        months = self.env["pepites.retention.rule"]._months("pmsmp")
        today = self._privacy_today()
        holds = []
        for immersion in self.filtered(lambda imm: imm.beneficiary_signed_date
                                       or imm.host_signed_date or imm.prescriber_signed_date):
            until = personal_data.term_end(fields.Date.from_string(immersion.date_end), months)
            if until > today:
                holds.append((immersion, until, _("A signed PMSMP convention is kept for its "
                                                  "legal term.")))
        return holds + super(PepitesImmersion, self)._privacy_holds()

    @api.depends("date_start", "date_end", "weekly_hours")
    def _compute_duration_days(self):
        """The calendar days, and the hours they make at the weekly hours (the form's total
        duration)."""
        for immersion in self:
            if immersion.date_start and immersion.date_end:
                immersion.duration_days = (
                    fields.Date.from_string(immersion.date_end)
                    - fields.Date.from_string(immersion.date_start)).days + 1
                immersion.total_hours = round(
                    immersion.weekly_hours * immersion.duration_days / 7.0)

    @api.model
    def _tutor_values(self, tutor_id):
        """The tutor's function and phone from their contact (the form prints them)."""
        tutor = self.env["res.partner"].browse(tutor_id).exists()
        return {"tutor_function": tutor.function or False,
                "tutor_phone": tutor.phone or tutor.mobile or False}

    @api.onchange("tutor_id")
    def _onchange_tutor_id(self):
        if self.tutor_id:
            self.update(self._tutor_values(self.tutor_id.id))

    def _signature_info(self, party):
        """What the convention says of one party's signature: ``None`` when not signed, else
        ``{"date", "at", "by", "ip"}`` with the time in Paris time (``at`` is empty for the
        signatures recorded before their details were, which print their date only)."""
        self.ensure_one()
        date = self[pmsmp_convention.SIGNATORIES[party]]
        if not date:
            return None
        at = self[pmsmp_convention.detail_field(party, "at")]
        local = ""
        if at:
            moment = pytz.utc.localize(fields.Datetime.from_string(at))
            local = moment.astimezone(pytz.timezone("Europe/Paris")).strftime("%d/%m/%Y %H:%M")
        # the signer's name and address are printed on the convention for whoever may read
        # it (the address field itself is INAÉ staff's: SIGNATURE_TRACE_GROUP)
        self_sudo = self.sudo()
        return {"date": fields.Date.from_string(date).strftime("%d/%m/%Y"), "at": local,
                "by": self_sudo[pmsmp_convention.detail_field(party, "by_id")].name or "",
                "ip": self_sudo[pmsmp_convention.detail_field(party, "ip")] or ""}

    @api.model
    def _check_rome_code_value(self, vals):
        """:raises ValidationError: on a ROME code that is not a letter and four digits, before
        the field's size silently cuts a longer one to 5 characters."""
        rome_code = vals.get("rome_code")
        if rome_code and not (isinstance(rome_code, str) and ROME_CODE.match(rome_code)):
            raise ValidationError(_("\"%s\" is not a ROME code (a letter and four digits, "
                                    "e.g. K1203).") % str(rome_code)[:20])

    @api.model
    def create(self, vals):
        self._check_rome_code_value(vals)
        if vals.get("tutor_id"):
            vals = dict(self._tutor_values(vals["tutor_id"]), **vals)
        if not vals.get("name") or vals["name"] == _("New"):
            vals["name"] = self.env["ir.sequence"].next_by_code("pepites.immersion") or "/"
        return super(PepitesImmersion, self).create(vals)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        """:raises ValidationError: when the immersion ends before it starts, or lasts more than
        30 calendar days."""
        for immersion in self:
            if immersion.date_end < immersion.date_start:
                raise ValidationError(_("The immersion ends before it starts."))
            if immersion.duration_days > MAX_DAYS:
                raise ValidationError(
                    _("A PMSMP lasts %s calendar days at most (this one: %s days).")
                    % (MAX_DAYS, immersion.duration_days))

    @api.constrains("weekly_hours", "host_weekly_hours")
    def _check_weekly_hours(self):
        """:raises ValidationError: when the weekly hours are not positive or exceed the host's
        working time."""
        for immersion in self:
            if immersion.weekly_hours <= 0 or immersion.host_weekly_hours <= 0:
                raise ValidationError(_("The weekly hours must be positive."))
            if immersion.weekly_hours > immersion.host_weekly_hours:
                raise ValidationError(
                    _("The immersion cannot exceed the host's working time: %s hours a week.")
                    % immersion.host_weekly_hours)

    @api.constrains("rome_code")
    def _check_rome_code(self):
        """:raises ValidationError: when the ROME code is not a letter and four digits."""
        check_rome_codes(self, _("\"%s\" is not a ROME code (a letter and four digits, "
                                 "e.g. K1203)."))

    @api.constrains("renewal_of_id", "objective", "beneficiary_id", "host_siae_id")
    def _check_renewal(self):
        """:raises ValidationError: when a renewal changes the objective, the beneficiary or
        the host, renews a renewal, or is the second renewal of a convention."""
        for immersion in self.filtered("renewal_of_id"):
            original = immersion.renewal_of_id
            if original.renewal_of_id:
                raise ValidationError(_("A PMSMP can be renewed only once: %s is already a "
                                        "renewal.") % original.name)
            if (original.objective != immersion.objective
                    or original.beneficiary_id != immersion.beneficiary_id
                    or original.host_siae_id != immersion.host_siae_id):
                raise ValidationError(_("A renewal keeps the beneficiary, the host and the "
                                        "objective of the first convention."))
            if len(original.renewal_ids.filtered(lambda r: r.state != "cancelled")) \
                    > MAX_RENEWALS:
                raise ValidationError(_("A PMSMP can be renewed only once for the same "
                                        "objective."))

    @api.constrains("orientation_id", "beneficiary_id")
    def _check_orientation(self):
        """:raises ValidationError: when the orientation is another person's."""
        for immersion in self.filtered("orientation_id"):
            if immersion.orientation_id.person_id != immersion.beneficiary_id:
                raise ValidationError(_("The orientation %s is not the beneficiary's.")
                                      % immersion.orientation_id.name)

    # workflow -----------------------------------------------------------------------------
    # who signs, in what order and when the convention is signed: pmsmp_convention.py

    _workflow_transitions = {
        "to_sign": (("draft",), "to_sign"),
        # the state follows the signatures (pmsmp_convention.signature_values)
        "sign": (("to_sign",), None),
        "validate": (("signed",), "validated"),
        "start": (("validated",), "in_progress"),
        "done": (("validated", "in_progress"), "done"),
        "cancel": (("draft", "to_sign", "signed", "validated", "in_progress"), "cancelled"),
        "draft": (("to_sign", "signed", "cancelled"), "draft"),
    }

    def _workflow_refusal(self, action, target):
        """A convention says why, in its own words, per action."""
        messages = {
            "to_sign": _("Only a draft convention can be sent for signature (%s)."),
            "sign": _("The convention %s is not waiting for signatures."),
            "validate": _("The convention %s must be signed by the beneficiary, the host and "
                          "the prescriber before it is validated."),
            "start": _("The convention %s must be validated before the immersion starts."),
            "done": _("The immersion %s has not started."),
            "cancel": _("The immersion %s is already closed."),
            "draft": _("The convention %s can no longer go back to draft."),
        }
        return messages[action] % self.name

    def _sign_values(self, party=None, date=None, signer=None):
        """:raises UserError: when this party has already signed the convention."""
        details = dict(self._signature_origin(), by_id=(signer or self.env.user).id,
                       at=fields.Datetime.now())
        try:
            return pmsmp_convention.signature_values(
                party, pmsmp_convention.signatures(self),
                date or fields.Date.context_today(self), details)
        except ValueError:
            raise UserError(self._sign_refusal("already_signed"))

    @api.model
    def _signature_origin(self):
        """The client's address and browser of the HTTP request being served (none outside
        one: a script, a test without HTTP).

        ``remote_addr`` is the socket's peer, except behind the production proxy: there
        ``proxy_mode = True`` (config/odoo.production.conf.in) lets werkzeug's ProxyFix take
        it from ``X-Forwarded-For``, which nginx *sets* to the address it sees
        (config/nginx/pepites.conf.in, ``proxy_set_header``, not appended): a header a client
        sends itself is never trusted. Without ``proxy_mode`` the header is ignored."""
        try:
            http_request = request.httprequest
        except RuntimeError:
            return {}
        if http_request is None:
            return {}
        agent = http_request.headers.get("User-Agent") or ""
        return {"ip": http_request.remote_addr or False, "agent": agent[:250] or False}

    def _validate_values(self):
        """:raises UserError: before the three signatures."""
        if not pmsmp_convention.is_complete(pmsmp_convention.signatures(self)):
            raise UserError(self._workflow_refusal("validate", "validated"))
        return {"validated_date": fields.Date.context_today(self)}

    def _done_values(self, result=None, assessment=None):
        """:raises UserError: without an assessment, or without the contract of the job the
        immersion led to."""
        values = dict(assessment or {}, state="done")
        values["assessment_result"] = result or self.assessment_result
        if values["assessment_result"] not in dict(ASSESSMENT_RESULTS):
            raise UserError(_("Give the assessment of the immersion %s (completed, partly "
                              "completed, did not show).") % self.name)
        ended = values.get("ended_with_job", self.ended_with_job)
        if ended and not (values.get("job_contract_type") or self.job_contract_type):
            raise UserError(_("Give the contract of the job the immersion led to."))
        return values

    def _workflow_run(self, action, **params):
        """Run the transition, then move the orientations the immersions come from."""
        result = super(PepitesImmersion, self)._workflow_run(action, **params)
        self._move_orientations()
        return result

    def _move_orientations(self):
        """The PMSMP moves the orientation it comes from forward: the convention signed by
        the three parties puts a proposed orientation (or one at the interview) "in immersion";
        an immersion done that ended with a job closes it as hired; any other outcome is
        written in the orientation's history, the next step (POEI, hire, drop) staying INAÉ's
        choice. A closed orientation does not move. Runs as the workflow runs: a host SIAE
        signing from the portal (as superuser, :meth:`portal_sign`) moves it too."""
        labels = dict(self._fields["assessment_result"]._description_selection(self.env))
        for immersion in self.filtered("orientation_id"):
            orientation = immersion.orientation_id
            if orientation.state not in OPEN_ORIENTATION_STATES:
                continue
            if immersion.state in ("signed", "validated", "in_progress") \
                    and orientation.state in ("proposed", "interview"):
                orientation.action_immersion()
            elif immersion.state == "done" and immersion.ended_with_job:
                orientation.action_hire()
            elif immersion.state == "done":
                orientation.message_post(body=_("PMSMP %s done: %s.") % (
                    immersion.name, labels.get(immersion.assessment_result, "")))

    def _cancel_values(self, reason=None):
        return {"cancel_reason": reason or False}

    def _draft_values(self):
        return pmsmp_convention.unsigned_values()

    action_to_sign = workflow_action("to_sign", "Send the convention for signature.")
    action_validate = workflow_action(
        "validate", "The prescriber validates the convention signed by the three parties.")
    action_start = workflow_action("start")
    action_draft = workflow_action("draft")

    def action_sign(self, party, date=None, signer=None):
        """Record the signature of one of the three parties: its date, the user who signed
        (``signer``, by default the current user), the time and the client's address.

        :param str party: ``beneficiary``, ``host`` or ``prescriber``
        :raises UserError: when the convention is not waiting for signatures (still a draft,
            or closed), the party is unknown (there are three signatories) or has already
            signed; nothing is written
        """
        for immersion in self:
            reason = pmsmp_convention.refusal(party, immersion.state,
                                              pmsmp_convention.signatures(immersion))
            if reason:
                raise UserError(immersion._sign_refusal(reason))
        return self._workflow_run("sign", party=party, date=date, signer=signer)

    def _sign_refusal(self, reason):
        """The French sentence of a refusal of :func:`pmsmp_convention.refusal` (a closed
        convention: the workflow's own sentence for "sign")."""
        if reason == "closed":
            return self._workflow_refusal("sign", None)
        messages = {
            "unknown": _("A PMSMP convention has three signatories: the beneficiary, the host "
                         "and the prescriber."),
            "not_sent": _("The convention %s is still a draft: it is signed once sent for "
                          "signature."),
            "already_signed": _("This party has already signed the convention %s."),
        }
        message = messages[reason]
        return message % self.name if "%s" in message else message

    def action_sign_beneficiary(self):
        return self.action_sign("beneficiary")

    def action_sign_host(self):
        return self.action_sign("host")

    def action_sign_prescriber(self):
        return self.action_sign("prescriber")

    def action_done(self, result=None, **assessment):
        """Close the immersion with its assessment.

        :param str result: ``completed``, ``partly`` or ``no_show`` (or the one already set)
        :param assessment: ``ended_with_job``, ``job_contract_type``, ``job_start_date``,
            ``feedback``
        :raises UserError: when the immersion has not started or has no assessment
        """
        return self._workflow_run("done", result=result, assessment=assessment)

    def action_cancel(self, reason=None):
        return self._workflow_run("cancel", reason=reason)

    def action_renew(self):
        """A draft renewal of this convention, for the same objective, starting the day after.

        :returns: the new immersion
        :raises ValidationError: when the convention was already renewed
        """
        self.ensure_one()
        start = fields.Date.from_string(self.date_end) + datetime.timedelta(days=1)
        return self.copy({
            "renewal_of_id": self.id, "date_start": fields.Date.to_string(start),
            "date_end": fields.Date.to_string(start + datetime.timedelta(days=MAX_DAYS - 1)),
        })

    @api.model
    def _pepites_awaiting_host_domain(self):
        """The conventions waiting for the host SIAE's signature (the portal's to-do):
        sent for signature, not signed by the host yet (the other parties sign in any order,
        ``pmsmp_convention``)."""
        return [("state", "=", pmsmp_convention.WAITING_STATE),
                (pmsmp_convention.SIGNATORIES["host"], "=", False)]

    def portal_sign(self):
        """The host SIAE signs from the portal.

        :raises AccessError: when the user may not write this immersion (another SIAE's)
        """
        self.check_access_rights("write")
        self.check_access_rule("write")
        # trust boundary: the record rules above allowed this user to write the immersion;
        # the signature (and the chatter's tracking of the state, which portal users cannot
        # write) is recorded as superuser, and only the host's signature
        self_sudo = self.sudo()
        return self_sudo.action_sign("host", signer=self.env.user)
