import base64
import datetime
import os

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.pepites_partners.personal_data import CLEAR, NAME

#: CV formats accepted from the website: documents only, recognised from their content (the
#: name's extension must agree)
CV_TYPES = {
    "application/pdf": (".pdf",),
    "application/msword": (".doc",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx",),
    "application/vnd.oasis.opendocument.text": (".odt",),
}
DEFAULT_CV_MAX_MB = 5
MAX_MESSAGE_LENGTH = 5000

#: what the SIAE decided on an application, as on Les emplois de l'inclusion: "new" until it
#: accepts or refuses it (``hr.applicant._pepites_new_domain``); the candidate is told by e-mail
#: at each decision
SIAE_STATUSES = [
    ("new", "New"),
    ("accepted", "Accepted"),
    ("refused", "Refused"),
]
#: why a SIAE refuses an application; the candidate's e-mail says it in neutral words
REFUSAL_REASONS = [
    ("filled", "Position filled"),
    ("profile", "Profile does not match the position"),
    ("unreachable", "Applicant could not be reached"),
    ("unavailable", "Applicant no longer available"),
    ("other", "Other"),
]
#: the decisions a SIAE posts and the transition each runs (pepites.workflow.mixin)
SIAE_DECISIONS = {"accept": "pepites_accept", "refuse": "pepites_refuse"}
MAX_DECISION_MESSAGE_LENGTH = 1000


class HrApplicant(models.Model):
    """An application to a SIAE offer is a core applicant.

    It holds personal data: INAÉ staff read every application, a SIAE portal user only the
    applications to its own offers, partners and the public none (security/).
    """

    _name = "hr.applicant"
    _inherit = ["hr.applicant", "pepites.privacy.mixin", "pepites.workflow.mixin"]

    # personal-data map (issue 15): the job, SIAE, département, stage and dates stay for the
    # indicators; not hired: anonymised 2 years after the last contact (the last write of the
    # application); hired (closed in a hiring stage): 5 years after hiring; the CV goes at 2
    # years in both cases
    _privacy_kind = "applications"
    _privacy_person_fields = ("partner_id",)
    _privacy_email_field = "email_from"
    _privacy_blank = {"name": NAME, "partner_name": NAME, "email_from": CLEAR,
                      "email_cc": CLEAR, "partner_phone": CLEAR, "partner_mobile": CLEAR,
                      "description": CLEAR, "pepites_refusal_message": CLEAR}
    _privacy_kept = ("job_id", "siae_id", "pepites_department_id", "stage_id", "create_date",
                     "date_closed", "active", "pepites_siae_status", "pepites_refusal_reason",
                     "pepites_decision_date")
    # "recruitment" and "recruitment_hired" depend on the hiring: _privacy_expired_domain
    _privacy_retention = {"recruitment_cv": ("write_date",)}
    _privacy_files_only = ("recruitment_cv",)

    siae_id = fields.Many2one(related="job_id.siae_id", store=True, readonly=True,
                              string="Employer (SIAE)")
    pepites_department_id = fields.Many2one(related="job_id.pepites_department_id",
                                            store=True, readonly=True, string="Département")
    # the consent given on the website's form (issue 15): which version of the notice of the
    # "recruitment" activity the applicant accepted, and when
    pepites_consent_version = fields.Char(string="Consent: version of the notice",
                                          readonly=True, copy=False)
    pepites_consent_date = fields.Datetime(string="Consent: date", readonly=True, copy=False)
    # the SIAE's decision (issue 16): set from /my/offers through portal_decide only (SIAE
    # users have no write right on applications), shown to INAÉ staff read-only
    pepites_siae_status = fields.Selection(
        SIAE_STATUSES, string="SIAE decision", default="new", required=True, index=True,
        readonly=True, copy=False,
        help="Set by the SIAE on its portal; the applicant is told by e-mail at each decision.")
    pepites_refusal_reason = fields.Selection(
        REFUSAL_REASONS, string="Reason of the refusal", index=True, readonly=True, copy=False)
    pepites_refusal_message = fields.Text(
        string="SIAE's message to the applicant", readonly=True, copy=False,
        help="Optional, sent with the refusal.")
    pepites_decision_date = fields.Datetime(string="Decided on", readonly=True, copy=False)

    @api.model
    def _privacy_expired_domain(self, code, cutoff):
        """Hired: closed (``date_closed``, set by a hiring stage) and still active."""
        if code == "recruitment":
            return ["|", ("date_closed", "=", False), ("active", "=", False),
                    ("write_date", "<=", cutoff)]
        if code == "recruitment_hired":
            return [("date_closed", "!=", False), ("active", "=", True),
                    ("date_closed", "<=", cutoff)]
        return super(HrApplicant, self)._privacy_expired_domain(code, cutoff)

    @api.model
    def _demo_backdate(self, ids, received_days, closed_days=None):
        """Demo data only: applications received (and closed) that many days ago, as the demo
        person's path needs them; the ORM stamps ``create_date`` with the loading day."""
        now = fields.Datetime.from_string(fields.Datetime.now())

        def days_ago(days):
            if days is None:
                return None
            return fields.Datetime.to_string(now - datetime.timedelta(days=days))
        self.env.cr.execute(
            "UPDATE hr_applicant SET create_date = %s, date_closed = COALESCE(%s, date_closed)"
            " WHERE id IN %s", (days_ago(received_days), days_ago(closed_days), tuple(ids)))
        self.browse(ids).invalidate_cache(["create_date", "date_closed"])
        return True

    @api.model
    def _cv_max_size(self):
        """Largest CV accepted from the website, in bytes (``pepites_jobs.cv_max_size_mb``)."""
        megabytes = self.env["ir.config_parameter"].sudo().get_param(
            "pepites_jobs.cv_max_size_mb", DEFAULT_CV_MAX_MB)
        return int(float(megabytes) * 1024 * 1024)

    @api.model
    def _check_cv(self, filename, data):
        """:raises UserError: when the CV is empty, too large, or not a PDF/Word/OpenDocument
        text (whatever its name says)."""
        if not data:
            raise UserError(_("The CV file is empty."))
        if len(data) > self._cv_max_size():
            raise UserError(_("The CV is too large: %s MB at most.")
                            % (self._cv_max_size() // (1024 * 1024)))
        extension = os.path.splitext(filename or "")[1].lower()
        mimetype = guess_mimetype(data)
        if extension not in CV_TYPES.get(mimetype, ()):
            raise UserError(_("The CV must be a PDF, Word (.doc, .docx) or OpenDocument (.odt) "
                              "document."))

    @api.model
    def _clean_website_application(self, form):
        """Check the values a visitor typed in the application form.

        :returns: dict of hr.applicant values
        :raises UserError: on a missing name, an invalid email or phone, a message too long
        """
        name, email, phone = self.env["res.partner"]._clean_contact_form(
            form.get("partner_name"), form.get("email_from"), form.get("partner_phone"),
            _("Give your name (128 characters at most)."))
        message = (form.get("description") or "").strip()
        if len(message) > MAX_MESSAGE_LENGTH:
            raise UserError(_("Your message is too long: %s characters at most.")
                            % MAX_MESSAGE_LENGTH)
        return {"partner_name": name, "email_from": email, "partner_phone": phone,
                "description": message or False}

    @api.model
    def _website_apply(self, job, form, cv=None):
        """Create the application of a website visitor to a public offer, with its CV, and
        queue the confirmation email (and the notice to the SIAE).

        :param job: the hr.job, browsed as the visitor
        :param dict form: ``partner_name``, ``email_from``, ``partner_phone``, ``description``,
            ``pepites_consent`` (the consent box of the notice: required)
        :param tuple cv: ``(filename, bytes)`` or None
        :returns: the applicant (as superuser); for an address that already applied to this
            offer, its earlier application, unchanged: the visitor gets the same answer as a
            new applicant (the page must not tell whoever typed an address that this person
            applied), and the owner of the address is mailed instead
        :raises UserError: on bad input, without the consent box, or when the offer no longer
            takes applications
        """
        job_sudo = job.sudo()
        if not job_sudo.exists() or not job_sudo._is_public():
            raise UserError(_("This offer is no longer open to applications."))
        values = self._clean_website_application(form)
        if cv:
            self._check_cv(*cv)
        values.update(self.env["privacy.activity"]._pepites_consent(
            "recruitment", form.get("pepites_consent")))
        # trust boundary: visitors have no access to applicants. The offer is public (checked
        # above) and only the checked values above are written.
        applicants_sudo = self.sudo().with_context(active_test=False, mail_create_nosubscribe=True)
        # the address compared whole, whatever its case: "_" and "%" are valid in an address
        # and must not act as ILIKE's wildcards (another person's earlier application)
        email_pattern = values["email_from"].replace("\\", "\\\\").replace(
            "%", "\\%").replace("_", "\\_")
        earlier_sudo = applicants_sudo.search([("job_id", "=", job_sudo.id),
                                               ("email_from", "=ilike", email_pattern)],
                                              order="id", limit=1)
        if earlier_sudo:
            earlier_sudo._send_already_applied_email()
            return earlier_sudo
        applicant_sudo = applicants_sudo.create(dict(
            values, job_id=job_sudo.id, user_id=False,
            name=_("%s — application to %s") % (values["partner_name"], job_sudo.name)))
        if cv:
            self.env["ir.attachment"].sudo().create({
                "name": cv[0], "datas_fname": cv[0], "datas": base64.b64encode(cv[1]),
                "res_model": "hr.applicant", "res_id": applicant_sudo.id,
            })
        applicant_sudo._send_website_emails()
        return applicant_sudo

    def _send_website_emails(self):
        """Queue (never send inline) the confirmation to the applicant and the notice to the
        SIAE, in the language of the page."""
        confirmation = self.env.ref("pepites_jobs.mail_template_application_confirmation")
        notice = self.env.ref("pepites_jobs.mail_template_application_siae_notice")
        for applicant in self:
            confirmation.send_mail(applicant.id)
            if applicant.job_id.siae_id.email:
                notice.send_mail(applicant.id)

    def _send_already_applied_email(self):
        """Queue to the address of these applications the mail "you had already applied on
        <date>", in the language of the page."""
        template = self.env.ref("pepites_jobs.mail_template_application_already")
        for applicant in self:
            template.send_mail(applicant.id)

    def website_form_input_filter(self, request, values):
        """The generic website form must not bypass the checks of the offers' own form, nor
        the consent to the notice of the "recruitment" activity (core's application form of
        positions without a SIAE shows it: website_templates.xml).

        :raises ValidationError: for a SIAE offer (it has its own form); without the consent
            box (``{"pepites_consent": message}``: the form shows the message on the box)
        """
        values = super(HrApplicant, self).website_form_input_filter(request, values)
        if values.get("job_id"):
            job_sudo = self.env["hr.job"].sudo().browse(int(values["job_id"])).exists()
            if not job_sudo or job_sudo.siae_id:
                raise ValidationError(["job_id"])
        try:
            consent = self.env["privacy.activity"]._pepites_consent(
                "recruitment", request.params.get("pepites_consent"))
        except UserError as refusal:
            raise ValidationError({"pepites_consent": refusal.name})
        values.update(consent)
        return values

    # ------------------------------------------------------------------ the SIAE's decision

    _workflow_field = "pepites_siae_status"
    # a decision may be changed (the candidate rang back, the hiring fell through), never undone
    # to "new": the candidate has been told, and is told again of the new decision
    _workflow_transitions = {
        "pepites_accept": (("new", "refused"), "accepted"),
        "pepites_refuse": (("new", "accepted"), "refused"),
    }

    @api.model
    def _pepites_new_domain(self):
        """The applications to SIAE offers that their SIAE has not decided on yet: the "new
        applications" of /my/offers and of the to-do block of /my. One rule: every count of
        new applications uses it (with the caller's rights, or its SIAE's ``siae_id``)."""
        return [("pepites_siae_status", "=", "new"), ("siae_id", "!=", False)]

    def _workflow_refusal(self, action, target):
        """The same decision twice: *« La candidature de X est déjà acceptée. »*"""
        label = self._workflow_labels()[self.pepites_siae_status]
        return _("The application of %s is already %s: nothing was changed.") % (
            self.partner_name or self.name, label.lower())

    def _pepites_accept_values(self, **params):
        return {"pepites_refusal_reason": False, "pepites_refusal_message": False,
                "pepites_decision_date": fields.Datetime.now()}

    def _pepites_refuse_values(self, reason=None, message=None, **params):
        """:raises UserError: on a reason not in the list, or a message too long"""
        if reason not in dict(REFUSAL_REASONS):
            raise UserError(_("Choose the reason of the refusal from the list."))
        message = (message or "").strip()
        if len(message) > MAX_DECISION_MESSAGE_LENGTH:
            raise UserError(_("The message to the applicant is too long: %s characters at "
                              "most.") % MAX_DECISION_MESSAGE_LENGTH)
        return {"pepites_refusal_reason": reason, "pepites_refusal_message": message or False,
                "pepites_decision_date": fields.Datetime.now()}

    def _check_decider(self):
        """INAÉ staff, or a SIAE portal user whose SIAE owns the offer of every application of
        ``self``.

        :raises AccessError: otherwise, with the same message for an application that does not
            exist or that the user may not read (the message tells nothing about it)
        """
        user = self.env.user
        if user.has_group("pepites_partners.group_pepites_user"):
            return
        siae = user.pepites_siae_id
        # only compared with the user's SIAE: nothing of these applications is returned
        applicants_sudo = self.sudo().with_context(active_test=False).exists()
        if not siae or not user.has_group("pepites_partners.group_pepites_siae") \
                or len(applicants_sudo) != len(self) \
                or any(applicant.job_id.siae_id != siae for applicant in applicants_sudo):
            raise AccessError(_("You can only decide on the applications to the offers of "
                                "your own SIAE."))

    @api.multi
    def portal_decide(self, decision, reason=None, message=None):
        """The SIAE accepts or refuses these applications to its offers (``/my/offers/<id>``);
        each applicant is told by e-mail (queued), and the e-mail stays in the application's
        chatter.

        :param str decision: ``"accept"`` or ``"refuse"``
        :param str reason: a key of :data:`REFUSAL_REASONS` (a refusal needs one)
        :param str message: optional words of the SIAE to the applicant, with a refusal
        :raises AccessError: when the user is neither INAÉ staff nor of the SIAE that owns the
            offers
        :raises UserError: on an unknown decision or reason, a message too long, or the
            decision the application already has (nothing is written nor sent)
        """
        self._check_decider()
        if decision not in SIAE_DECISIONS:
            raise UserError(_("Unknown decision."))
        # trust boundary: SIAE users read the applications to their offers but write none
        # (security/). Checked just above: the applications to their own SIAE's offers; the
        # workflow writes the decision's fields only (status, reason, message, date).
        applicants_sudo = self.sudo().with_context(active_test=False)
        applicants_sudo._workflow_run(SIAE_DECISIONS[decision], reason=reason, message=message)
        applicants_sudo._send_decision_emails(self.env.user.partner_id)
        return True

    def _send_decision_emails(self, author):
        """Queue (never send inline) to each applicant's own address the e-mail of the
        decision it has now; the e-mail is a message of the application's chatter, by
        ``author``, that stays when the queue deletes the sent mail (``notification``). An
        applicant without an address gets a note instead: the SIAE must call them."""
        templates = {
            "accepted": self.env.ref("pepites_jobs.mail_template_application_accepted"),
            "refused": self.env.ref("pepites_jobs.mail_template_application_refused"),
        }
        labels = self._workflow_labels()
        for applicant in self:
            if not applicant.email_from:
                applicant.message_post(
                    body=_("Decision of the SIAE: %s. The applicant has no e-mail address and "
                           "was not told.") % labels[applicant.pepites_siae_status],
                    author_id=author.id, message_type="comment", subtype="mail.mt_note")
                continue
            templates[applicant.pepites_siae_status].send_mail(
                applicant.id, force_send=False,
                email_values={"notification": True, "author_id": author.id})
