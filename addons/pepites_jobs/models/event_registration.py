from psycopg2 import IntegrityError

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError

from odoo.addons.pepites_partners.personal_data import CLEAR, NAME

#: the unique index that makes a double registration impossible, whatever the code path
UNIQUE_EMAIL_INDEX = "event_registration_pepites_email_uniq"


class EventRegistration(models.Model):
    """A registration to a discovery event, with the situation of the person (career change,
    current job, who referred them) and a waiting list when the event is full."""

    _name = "event.registration"
    _inherit = ["event.registration", "pepites.privacy.mixin"]

    # personal-data map (issue 15): anonymised 1 year after the event's end; the event, state,
    # département, kind and career-change flag stay for the indicators
    _privacy_kind = "registrations"
    _privacy_person_fields = ("partner_id",)
    _privacy_email_field = "email"
    _privacy_blank = {"name": NAME, "email": CLEAR, "phone": CLEAR, "current_job": CLEAR,
                      "referred_by": CLEAR}
    _privacy_kept = ("event_id", "state", "pepites_department_id", "pepites_kind",
                     "in_career_change", "date_open", "date_closed", "registered_by_id")
    _privacy_retention = {"events": ("event_id.date_end",)}


    state = fields.Selection(selection_add=[("waiting", "Waiting list")])
    in_career_change = fields.Boolean(string="In career change")
    current_job = fields.Char(string="Current job")
    referred_by = fields.Char(string="Referred by",
                              help="Who told the person about the event (counsellor, agency…)")
    registered_by_id = fields.Many2one("res.partner", string="Registered by",
                                       readonly=True, index=True,
                                       help="The CEP counsellor who registered this person")
    pepites_kind = fields.Selection(related="event_id.pepites_kind", readonly=True, store=True)
    pepites_department_id = fields.Many2one(related="event_id.pepites_department_id",
                                            readonly=True, store=True)
    # the consent given on the website's forms (issue 15): which version of the notice of the
    # "events" activity was accepted (by the person, or certified by their counsellor), and when
    pepites_consent_version = fields.Char(string="Consent: version of the notice",
                                          readonly=True, copy=False)
    pepites_consent_date = fields.Datetime(string="Consent: date", readonly=True, copy=False)

    @api.model_cr
    def init(self):
        # a person registers once to an event (cancelled registrations aside): enforced by the
        # database, so that two concurrent requests cannot both succeed
        if not tools.index_exists(self.env.cr, UNIQUE_EMAIL_INDEX):
            self.env.cr.execute(
                "CREATE UNIQUE INDEX event_registration_pepites_email_uniq "
                "ON event_registration (event_id, lower(email)) "
                "WHERE state != 'cancel' AND email IS NOT NULL")

    @api.model
    def _live_registrations(self, event, emails):
        """The registrations of ``emails`` (whatever their case) to ``event`` that are not
        cancelled, read in SQL: under the event's lock (READ COMMITTED), they include those
        committed by a concurrent request a moment ago.

        :returns: dict ``{lower(email): event.registration}``
        """
        if not emails:
            return {}
        self.env.cr.execute(
            "SELECT lower(email), id FROM event_registration WHERE event_id = %s "
            "AND state != 'cancel' AND lower(email) IN %s ORDER BY id",
            (event.id, tuple(email.lower() for email in emails)))
        found = {}
        for email, registration_id in self.env.cr.fetchall():
            found.setdefault(email, self.browse(registration_id))
        return found

    @api.model
    def _check_not_registered(self, event, emails):
        """For INAÉ staff and the API (never for the public forms: see
        event.event._pepites_register_website).

        :raises UserError: when one of ``emails`` is already registered to ``event`` (and
            not cancelled)."""
        found = self._live_registrations(event, emails)
        if found:
            raise UserError(_("%s is already registered to this event.")
                            % next(iter(found.values())).email)

    def _notify_already_registered(self):
        """Queue to each of these registrations' address the mail "you had already registered
        on <date>": a public form that got their address again answered as for a new
        registration, and told the owner of the address instead (never whoever typed it)."""
        template = self.env.ref("pepites_jobs.mail_template_registration_already")
        for registration in self:
            template.send_mail(registration.id)

    @api.model
    def _clean_registration_values(self, form):
        """Check what a visitor or a counsellor typed for one person.

        :param dict form: ``name``, ``email``, ``phone``, ``in_career_change``,
            ``current_job``, ``referred_by`` (strings)
        :returns: dict of event.registration values
        :raises UserError: on a missing name, an invalid email or phone, a text too long
        """
        name, email, phone = self.env["res.partner"]._clean_contact_form(
            form.get("name"), form.get("email"), form.get("phone"),
            _("Give the name of each person (128 characters at most)."))
        current_job = (form.get("current_job") or "").strip()
        referred_by = (form.get("referred_by") or "").strip()
        if len(current_job) > 128 or len(referred_by) > 128:
            raise UserError(_("The current job and who referred the person take 128 "
                              "characters at most."))
        return {
            "name": name, "email": email, "phone": phone,
            "in_career_change": form.get("in_career_change") in ("1", "on", "true", True),
            "current_job": current_job or False, "referred_by": referred_by or False,
        }

    @api.model
    def create(self, vals):
        if vals.get("event_id") and vals.get("email") and vals.get("state") != "cancel":
            self._check_not_registered(self.env["event.event"].browse(vals["event_id"]),
                                       [vals["email"]])
        try:
            with self.env.cr.savepoint():
                return super(EventRegistration, self).create(vals)
        except IntegrityError as error:
            if UNIQUE_EMAIL_INDEX in (error.pgerror or ""):
                raise UserError(_("%s is already registered to this event.") % vals.get("email"))
            raise

    def button_reg_cancel(self):
        """Cancel, and give the freed seats to the first people of the waiting list."""
        events = self.filtered(lambda reg: reg.state in ("open", "done", "draft")).mapped(
            "event_id")
        self.write({"state": "cancel"})
        events._promote_waiting()
        return True

    def button_reg_close(self):
        """Mark attendance (core), then count CEP counsellors who attended a RDV Découverte
        IAE as acculturated, at the date of the event."""
        result = True
        for registration in self:
            result = super(EventRegistration, registration).button_reg_close()
        attended = self.filtered(lambda reg: reg.state == "done"
                                 and reg.event_id.pepites_kind == "discovery")
        # counsellors registered without their contact: found by email, in one query
        emails = [reg.email.lower() for reg in attended if not reg.partner_id and reg.email]
        by_email = {}
        if emails:
            for partner in self.env["res.partner"].search([("is_cep_counsellor", "=", True),
                                                           ("email", "!=", False)]):
                if partner.email.lower() in emails:
                    by_email.setdefault(partner.email.lower(), partner)
        for registration in attended:
            counsellor = registration.partner_id or by_email.get(
                (registration.email or "").lower())
            if counsellor:
                counsellor.action_mark_acculturated(
                    fields.Date.to_string(fields.Datetime.from_string(
                        registration.event_id.date_begin).date()))
        return result
