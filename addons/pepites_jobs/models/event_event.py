from werkzeug.urls import url_quote_plus

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.addons.http_routing.models.ir_http import slug

from ..event_ics import PARIS, event_ics, when_text

#: the kinds of discovery events of action sheets 1 and 2
EVENT_KINDS = [
    ("rally", "Rally day (rallye interconnaissance)"),
    ("open_day", "Open day"),
    ("discovery", "RDV Découverte IAE"),
    ("job_dating", "Job dating"),
    ("information", "Information session"),
]
#: the states of an event that takes registrations (until its end)
OPEN_STATES = ("draft", "confirm")


class EventEvent(models.Model):
    """A discovery event of the programme is a core event with its kind, its département, the
    SIAE that host it and, for a rally day, the circuit of SIAE visited.

    Registrations go through :meth:`_pepites_register` (or, from the public forms,
    :meth:`_pepites_register_website`): the event row is locked first, so that two
    registrations at the same time cannot both take the last seat; the others go to the
    waiting list.
    """

    _inherit = "event.event"

    pepites_kind = fields.Selection(EVENT_KINDS, string="Kind of discovery event", index=True)
    pepites_department_id = fields.Many2one("pepites.department", string="Département",
                                            index=True)
    host_siae_ids = fields.Many2many("res.partner", "event_event_host_siae_rel", "event_id",
                                     "partner_id", string="Host SIAE",
                                     domain=[("is_siae", "=", True)])
    stop_ids = fields.One2many("pepites.event.stop", "event_id", string="Circuit", copy=True)
    audience_ids = fields.Many2many("pepites.event.audience", string="Target audiences")
    seats_waiting = fields.Integer(string="Waiting list", compute="_compute_seats_waiting")
    # what the confirmation page, the confirmation mail and the calendar file say of the event
    # (public data: the event's page shows them too); the address's and the organiser's
    # partners are read as superuser (visitors cannot read partners: core rule)
    pepites_when = fields.Char(string="When", compute="_compute_pepites_public",
                               compute_sudo=True)
    pepites_place = fields.Text(string="Place", compute="_compute_pepites_public",
                                compute_sudo=True)
    pepites_map_url = fields.Char(string="Map", compute="_compute_pepites_public",
                                  compute_sudo=True)
    pepites_contact_name = fields.Char(string="Contact", compute="_compute_pepites_public",
                                       compute_sudo=True)
    pepites_contact_email = fields.Char(string="Contact email",
                                        compute="_compute_pepites_public", compute_sudo=True)
    pepites_contact_phone = fields.Char(string="Contact phone",
                                        compute="_compute_pepites_public", compute_sudo=True)
    pepites_ics_url = fields.Char(string="Calendar file", compute="_compute_pepites_public",
                                  compute_sudo=True)

    @api.depends("date_begin", "date_end", "address_id", "organizer_id", "company_id")
    def _compute_pepites_public(self):
        """Date and time in words in Paris time (the programme's events are in
        Nouvelle-Aquitaine), the address's lines and a plain link to a map (no third-party
        embed), the contact (an organisation's, never a person's) and the calendar file's
        address."""
        lang = self.env.context.get("lang") or "fr_FR"
        for event in self:
            event.pepites_when = event.date_begin and event.date_end and when_text(
                fields.Datetime.from_string(event.date_begin),
                fields.Datetime.from_string(event.date_end), PARIS, lang)
            lines = event._pepites_address_lines()
            event.pepites_place = "\n".join(lines) or False
            event.pepites_map_url = bool(lines) and (
                "https://www.openstreetmap.org/search?query=%s"
                % url_quote_plus(", ".join(lines[1:] or lines)))
            # the organiser's public contact, else the company's (never a person's)
            event_sudo = event.sudo()
            contact = event_sudo.organizer_id._pepites_public_contact(
                event_sudo.company_id.partner_id)
            event.pepites_contact_name = contact["name"]
            event.pepites_contact_email = contact["email"]
            event.pepites_contact_phone = contact["phone"]
            event.pepites_ics_url = isinstance(event.id, int) and "/event/%s/ics" % slug(event)

    def _pepites_address_lines(self):
        """The event's address as lines: place name, street, street 2, post code and town,
        country when not France."""
        self.ensure_one()
        # trust boundary: the event's address is shown on its public page (core's contact
        # widget reads it as superuser too); visitors cannot read partners
        address = self.sudo().address_id
        if not address:
            return []
        town = " ".join(part for part in (address.zip, address.city) if part)
        country = address.country_id
        lines = [address.name, address.street, address.street2, town,
                 country.name if country and country.code != "FR" else None]
        return [line for line in lines if line]

    def _pepites_ics(self):
        """The calendar file of this event, the same for everybody (no registrant in it).

        :returns: ``(filename, bytes)``
        """
        self.ensure_one()
        base_url = self.env["ir.config_parameter"].sudo().get_param("web.base.url") or ""
        host = base_url.split("://")[-1].split("/")[0].split(":")[0] or "pepites"
        kind = dict(self._fields["pepites_kind"]._description_selection(self.env)).get(
            self.pepites_kind)
        contact = ", ".join(part for part in (self.pepites_contact_name,
                                               self.pepites_contact_email,
                                               self.pepites_contact_phone) if part)
        description = "\n".join(part for part in (
            kind, contact and _("Contact: %s") % contact) if part)
        content = event_ics(
            "pepites-event-%d@%s" % (self.id, host), self.name,
            fields.Datetime.from_string(self.date_begin),
            fields.Datetime.from_string(self.date_end),
            location=", ".join((self.pepites_place or "").splitlines()),
            description=description, url=base_url + (self.website_url or ""))
        return "%s.ics" % slug(self), content

    def _public_host_names(self):
        """The names of the SIAE hosting this event, as its page shows them to anyone who may
        see the event (visitors and portal users included)."""
        self.ensure_one()
        # trust boundary: the event was found as the visitor (website record rules); visitors
        # and portal users cannot read the SIAE's partners (core rule: their own only), whose
        # names are public directory data (the /jobs board shows them): names only, of SIAE
        event_sudo = self.sudo()
        return [siae.name for siae in event_sudo.host_siae_ids if siae.is_siae]

    def _public_circuit(self):
        """The circuit of a rally day as its page shows it to anyone who may see the event:
        each stop (read as the visitor: times, note) with its SIAE's public directory data.

        :returns: list of ``(stop, {"name", "city"})`` in the order of the circuit; a stop
            whose partner is not a SIAE shows no name
        """
        self.ensure_one()
        circuit = []
        for stop in self.stop_ids:
            # trust boundary: the stop is read as the visitor; its SIAE's partner is not
            # readable by visitors and portal users (core rule), but its name and city are
            # public directory data: only these are read, and only of a SIAE
            siae_sudo = stop.siae_id.sudo()
            public = {"name": siae_sudo.name, "city": siae_sudo.city} if siae_sudo.is_siae \
                else {"name": "", "city": ""}
            circuit.append((stop, public))
        return circuit

    def _compute_seats_waiting(self):
        """One grouped query for the whole recordset."""
        registrations_sudo = self.env["event.registration"].sudo()
        counts = registrations_sudo._pepites_count_by(
            "event_id", self.ids, [("state", "=", "waiting")])
        for event in self:
            event.seats_waiting = counts.get(event.id, 0)

    @api.model
    def create(self, vals):
        if vals.get("pepites_kind") and not vals.get("event_mail_ids") \
                and not vals.get("event_type_id"):
            # the reminders of core events, and PEPITES' own confirmation on registration (in
            # French, with the date, the place and the calendar file; core's embeds a map and
            # calendar links of third-party sites)
            confirmation = self.env.ref("pepites_jobs.mail_template_registration_confirmed")
            vals["event_mail_ids"] = [
                (0, 0, dict(line[2], template_id=confirmation.id
                            if line[2]["interval_type"] == "after_sub"
                            else line[2]["template_id"].id))
                for line in self.env["event.type"]._get_default_event_type_mail_ids()]
        return super(EventEvent, self).create(vals)

    def _lock_for_registration(self):
        """Lock the event rows until the end of the transaction: registrations and
        cancellations of one event are serialised, so counting the seats left is safe."""
        self.env.cr.execute("SELECT id FROM event_event WHERE id IN %s FOR UPDATE",
                            (tuple(self.ids),))
        self.invalidate_cache(["seats_available", "seats_reserved", "seats_used",
                               "seats_unconfirmed", "seats_expected"])

    def _seats_left(self):
        """Seats still free (None when the event has no limit); read under the lock."""
        self.ensure_one()
        if self.seats_availability != "limited" or not self.seats_max:
            return None
        self.env.cr.execute(
            "SELECT count(*) FROM event_registration "
            "WHERE event_id = %s AND state IN ('draft', 'open', 'done')", (self.id,))
        return self.seats_max - self.env.cr.fetchone()[0]

    def _pepites_register(self, attendees, registered_by=None):
        """Register people, confirmed while seats are left, on the waiting list after (INAÉ
        staff, the API, the tests; the public forms use :meth:`_pepites_register_website`).

        All or nothing: a bad attendee (missing name, invalid email, double registration)
        rejects the whole call and nothing is written.

        :param list attendees: dicts of ``event.registration`` values (``name``, ``email``,
            ``phone``, ``in_career_change``, ``current_job``, ``referred_by``, ``partner_id``…),
            already checked by :meth:`event.registration._clean_registration_values`
        :param registered_by: the res.partner (a CEP counsellor) registering a group
        :returns: the event.registration records, in the order of ``attendees``
        :raises UserError: when the event is not open to registrations, or an email is
            already registered
        """
        self._check_open_to(attendees)
        self._lock_for_registration()
        self.env["event.registration"]._check_not_registered(
            self, [values["email"] for values in attendees])
        return self._register_attendees(attendees, registered_by)[0]

    def _pepites_register_website(self, attendees, registered_by=None):
        """Register people from a public form (the event page, core's registration modal, a
        counsellor's group form): the answer is the same whether or not an address is
        already registered, so that nobody learns who registered by typing addresses.

        An address already registered (and not cancelled) gets no second registration and
        its answer is the one a new registration would get at that moment (confirmed while
        seats are left, waiting list after: it does not depend on the earlier registration);
        the owner of the address is told by email (:meth:`event.registration.
        _notify_already_registered`). Otherwise as :meth:`_pepites_register`.

        :returns: list of ``{"name", "state"}`` for the page, in the order of ``attendees``
            (``name`` as typed, ``state`` ``"open"`` or ``"waiting"``)
        :raises UserError: when the event is not open to registrations, or the same address
            appears twice in the form
        """
        self._check_open_to(attendees)
        self._lock_for_registration()
        known = self.env["event.registration"]._live_registrations(
            self, [values["email"] for values in attendees])
        return self._register_attendees(attendees, registered_by, known)[1]

    @api.model
    def _pepites_open_events(self):
        """The discovery events still taking registrations (as :meth:`_check_open_to`
        decides), soonest first, among those the current user may read."""
        return self.search([
            ("pepites_kind", "!=", False), ("state", "in", OPEN_STATES),
            ("date_end", ">=", fields.Datetime.now())], order="date_begin")

    @api.model
    def _pepites_website_attendees(self, forms, registered_by=None, consent=None):
        """The registration values of the people typed in a public form (one per dict of
        strings), checked as the current user, who registers them, with the consent given
        on the form (the notice of the "events" activity; a counsellor certifies that the
        people were informed and agreed).

        A visitor who is logged in and registers themself alone is linked to their own
        contact; a counsellor's group is never linked to the counsellor.

        :param consent: the form's consent box
        :raises UserError: on a bad value (see ``event.registration.
            _clean_registration_values``), when nobody was typed in, or without the consent
            box
        """
        if not forms:
            raise UserError(_("Give at least one person to register."))
        Registration = self.env["event.registration"]
        attendees = [Registration._clean_registration_values(form) for form in forms]
        consent_values = self.env["privacy.activity"]._pepites_consent(
            "events", consent, registered_by and _(
                "Tick the box to certify that each person was given the information on the "
                "processing of their data and agreed to it: without it, the group cannot be "
                "registered."))
        attendees = [dict(values, **consent_values) for values in attendees]
        user = self.env.user
        if len(attendees) == 1 and not user._is_public() and not registered_by \
                and (user.email or "").lower() == attendees[0]["email"].lower():
            attendees[0]["partner_id"] = user.partner_id.id
        return attendees

    def _check_open_to(self, attendees):
        """:raises UserError: when the event takes no registration (done, cancelled or over),
        or when one address appears twice among ``attendees``."""
        self.ensure_one()
        if self.state not in OPEN_STATES or (
                self.date_end and self.date_end < fields.Datetime.now()):
            raise UserError(_("Registrations to \"%s\" are closed.") % self.name)
        emails = [values["email"].lower() for values in attendees]
        if len(set(emails)) != len(emails):
            raise UserError(_("The same email address appears twice in the group."))

    def _register_attendees(self, attendees, registered_by=None, known=None):
        """Create the registrations of ``attendees``, under the event's lock, in order:
        confirmed while seats are left, on the waiting list after. The attendees whose
        address is in ``known`` are not registered again: their owner is mailed, and their
        answer is the state a new registration would get at their turn.

        :param dict known: ``{lower(email): event.registration}`` already registered
        :returns: ``(registrations created, [{"name", "state"}] per attendee)``
        """
        known = known or {}
        Registration = self.env["event.registration"]
        registrations = already = Registration
        outcomes = []
        for values in attendees:
            left = self._seats_left()
            state = "open" if left is None or left > 0 else "waiting"
            outcomes.append({"name": values["name"], "state": state})
            if values["email"].lower() in known:
                already |= known[values["email"].lower()]
                continue
            if registered_by and not values.get("referred_by"):
                values = dict(values, referred_by=registered_by.name)
            values = dict(values, event_id=self.id, state="draft" if state == "open" else state,
                          registered_by_id=registered_by.id if registered_by else False)
            registration = Registration.with_context(registration_force_draft=True).create(values)
            if state == "open":
                registration.confirm_registration()
            registrations |= registration
        already._notify_already_registered()
        return registrations, outcomes

    def _promote_waiting(self):
        """Confirm the first people of the waiting list while seats are left (in the order
        they registered)."""
        Registration = self.env["event.registration"]
        for event in self:
            event._lock_for_registration()
            left = event._seats_left()
            if left is not None and left <= 0:
                continue
            waiting = Registration.search([("event_id", "=", event.id),
                                           ("state", "=", "waiting")],
                                          order="date_open, id", limit=left)
            for registration in waiting:
                registration.confirm_registration()
