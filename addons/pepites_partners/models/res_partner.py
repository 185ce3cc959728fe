import math
import re

from psycopg2 import sql
from werkzeug import urls

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .. import contact, siret
from .pepites_sql_guard import Range, sql_constraints

#: kinds of SIAE, shared by the selection field and the reports
SIAE_KINDS = [
    ("aci", "ACI — Atelier et chantier d'insertion"),
    ("ei", "EI — Entreprise d'insertion"),
    ("ai", "AI — Association intermédiaire"),
    ("etti", "ETTI — Entreprise de travail temporaire d'insertion"),
    ("eiti", "EITI — Entreprise d'insertion par le travail indépendant"),
]

#: a commune's code in INSEE's Code officiel géographique: 5 digits, or 2A/2B + 3 for Corsica
INSEE_CODE_RE = re.compile(r"^(?:\d{2}|2[AB])\d{3}$")

#: more insertion posts than any SIAE has: a typing error (and beyond it, a database overflow)
MAX_INSERTION_POSTS = 100000

ACCULTURATION_STATES = [
    ("none", "Not reached"),
    ("planned", "Registered for a RDV Découverte"),
    ("acculturated", "Acculturated to IAE"),
]

#: what a SIAE portal user may change on its own structure (the `/my/siae` form, or XML-RPC):
#: the public profile. The name, kind, SIRET, département, ``type`` (a ``private`` structure
#: disappears from INAÉ's directory), ``is_siae``, ``parent_id``, ``active``, ``user_ids``, the
#: membership and roles are INAÉ's to change.
SIAE_PROFILE_FIELDS = frozenset([
    "fte", "insertion_posts", "sector_ids", "siae_presentation", "website", "phone", "mobile",
    "email", "street", "street2", "zip", "city", "image",
    # which of its contacts the SIAE publishes (its public page, data·inclusion; issue 18)
    "siae_public_phone", "siae_public_email", "siae_public_website",
])
#: what it may change on the people of its structure: identity and contact details, not where
#: they belong (``parent_id``, ``is_company``, ``type``) nor their account (``user_ids``)
SIAE_CONTACT_FIELDS = frozenset([
    "name", "function", "title", "lang", "image", "phone", "mobile", "email", "street",
    "street2", "zip", "city",
])



def siae_employer_onchange(person_field):
    """The onchange that proposes the person's SIAE as the employer (``employer_id``) of a
    record about them, unless one is already chosen::

        _onchange_learner_id = siae_employer_onchange("learner_id")

    :param str person_field: the many2one to ``res.partner`` naming the person
    """
    @api.onchange(person_field)
    def method(self):
        if not self.employer_id:
            self.employer_id = self[person_field]._pepites_siae()
    method.__name__ = "_onchange_%s" % person_field
    return method


def check_siae_employers(records, message, with_record_name=False):
    """The rule "the employer (``employer_id``) of a record is a SIAE of the directory", one
    body for every model that names an employer (alternance, VAE, AFEST, internal trainer); each
    keeps its own sentence, translated by the caller (``_()`` needs the model's frame)::

        @api.constrains("employer_id")
        def _check_employer(self):
            check_siae_employers(self, _("An AFEST takes place in a SIAE (\"%s\" is not one)."))

    :param str message: formatted with the employer's name, or with (the record's name, the
        employer's name) when ``with_record_name``
    :raises ValidationError: for the first record whose employer is not a SIAE (a record
        without an employer is left to the field's ``required``)
    """
    for record in records:
        employer = record.employer_id
        if employer and not employer.is_siae:
            raise ValidationError(message % ((record.name, employer.name) if with_record_name
                                             else employer.name))

class ResPartner(models.Model):
    """Adds the programme's directory to contacts: SIAE, partner organisations, CEP counsellors."""

    _name = "res.partner"
    _inherit = ["res.partner", "pepites.sql.guard"]

    is_siae = fields.Boolean(string="Is a SIAE", index=True,
                             help="Work-integration enterprise (structure de l'insertion par l'activité économique).")
    siae_kind = fields.Selection(SIAE_KINDS, string="SIAE kind", index=True)
    siret = fields.Char(string="SIRET", size=20, index=True, copy=False,
                        help="14 digits, checked with their Luhn keys.")
    # data·inclusion's ``code_insee`` (issue 18): entered by INAÉ staff, not derived from the
    # postal code (one postal code covers several communes, and the reverse); no ``size``: Odoo 11
    # would cut "330633" to a valid-looking "33063" instead of refusing it
    insee_code = fields.Char(string="Commune INSEE code",
                             help="The commune's code in INSEE's Code officiel géographique "
                                  "(5 characters, e.g. 33063 for Bordeaux), published in the "
                                  "data·inclusion export.")
    department_id = fields.Many2one("pepites.department", string="Département", index=True,
                                    ondelete="restrict")
    fte = fields.Float(string="Permanent staff (FTE)", digits=(6, 1),
                       help="Full-time equivalents of the permanent staff.")
    insertion_posts = fields.Integer(string="Insertion posts")
    sector_ids = fields.Many2many(
        "pepites.sector", "pepites_sector_res_partner_rel", "partner_id", "sector_id",
        string="Sector networks")
    inae_member = fields.Boolean(string="INAÉ member")
    siae_presentation = fields.Text(string="Presentation", translate=False)
    pepites_role_ids = fields.Many2many(
        "pepites.partner.role", "pepites_partner_role_res_partner_rel", "partner_id", "role_id",
        string="Partner roles")
    is_cep_counsellor = fields.Boolean(string="CEP counsellor", index=True)
    cep_acculturation_state = fields.Selection(
        ACCULTURATION_STATES, string="IAE acculturation", default="none", index=True,
        track_visibility="onchange")
    cep_acculturation_date = fields.Date(string="Acculturation date")
    ambassador_ids = fields.One2many("pepites.ambassador", "partner_id", string="Ambassador")
    # a person's path toward and within IAE, every addon's steps in time order (issue 17):
    # INAÉ staff only (the lines are personal data; SIAE and partners read none of them)
    pepites_path_line_ids = fields.One2many(
        "pepites.path.line", "partner_id", string="Path toward IAE", readonly=True,
        groups="pepites_partners.group_pepites_user")
    # auth_signup's link carries the signup token (which sets the account's password): core
    # computes it for whoever reads the partner, e.g. a SIAE user reading a colleague
    signup_url = fields.Char(groups="base.group_user")

    _sql_guard = [
        Range("fte_positive", "fte", 0, message="The number of FTE cannot be negative."),
        Range("insertion_posts_positive", "insertion_posts", 0,
              message="The number of insertion posts cannot be negative."),
    ]
    _sql_constraints = sql_constraints(_sql_guard)

    @api.model_cr
    def init(self):
        # Last line of defence against two concurrent transactions saving the same SIRET. It is
        # deferred to commit so that, within a transaction, _check_siret speaks first with a
        # readable message; an exclusion constraint because a unique index cannot be deferred.
        self.env.cr.execute(
            "SELECT 1 FROM pg_constraint WHERE conname = %s", ("res_partner_company_siret_excl",))
        if not self.env.cr.fetchone():
            self.env.cr.execute(
                "ALTER TABLE res_partner ADD CONSTRAINT res_partner_company_siret_excl "
                "EXCLUDE USING btree (siret WITH =) "
                "WHERE (is_company AND siret IS NOT NULL AND active) "
                "DEFERRABLE INITIALLY DEFERRED")

    @api.model
    def _normalize_siret(self, vals):
        if vals.get("siret"):
            vals["siret"] = siret.compact(vals["siret"])
        return vals

    @api.model
    def create(self, vals):
        self._check_portal_fields(vals)
        self._check_portal_email(vals)
        return super(ResPartner, self).create(self._normalize_siret(vals))

    def write(self, vals):
        self._check_portal_fields(vals)
        self._check_portal_email(vals)
        return super(ResPartner, self).write(self._normalize_siret(vals))

    @api.multi
    def _check_portal_fields(self, vals):
        """Portal users may only touch the public profile of their own structure and the
        contact details of its people.

        Record rules limit *which* partners they write; this limits *what* they write, so that a
        SIAE cannot flag itself INAÉ member, change its SIRET, make itself a counsellor, set its
        structure ``private`` (hidden from INAÉ staff) or move people to another structure.

        :raises AccessError: when a portal (share) user writes another field.
        """
        user = self.env.user
        # no context key opens this: a portal user sets the context of its own RPC calls
        if self.env.uid == 1 or not user.share:
            return
        # is_company read as superuser: which list applies is not the user's to hide
        partners_sudo = self.sudo()
        forbidden = set(vals) - SIAE_CONTACT_FIELDS if not partners_sudo else set()
        for partner_sudo in partners_sudo:
            allowed = SIAE_PROFILE_FIELDS if partner_sudo.is_company else SIAE_CONTACT_FIELDS
            forbidden |= set(vals) - allowed
        if forbidden:
            raise AccessError(
                _("You cannot change these fields from the portal: %s.")
                % ", ".join(sorted(forbidden)))

    @api.model
    def _check_portal_email(self, vals):
        """The email a portal user types is checked as in the `/my/siae` form, whatever the
        path (the form, or XML-RPC).

        :raises UserError: on an email address that is not valid
        """
        if self.env.uid == 1 or not self.env.user.share or not vals.get("email"):
            return
        self._check_contact_email(vals["email"])

    @api.model
    def _check_contact_email(self, email):
        """The one check of an e-mail address typed in a form (:func:`contact.is_email`).

        :raises UserError: on a value that is not one valid address
        """
        if not contact.is_email(email):
            raise UserError(_("The email address \"%s\" is invalid.")
                            % str(email)[:contact.EMAIL_MAX_LENGTH])

    @api.model
    def _clean_contact_form(self, name, email, phone, name_error):
        """The name, e-mail address and phone number a person typed in a form, trimmed and
        checked, the phone written as staff read it (:func:`contact.format_phone`): the one
        cleaner of the application form, the event registration and whatever form asks for
        them next.

        :param str name_error: the form's own (translated) message for a missing name or a
            name over ``contact.NAME_MAX_LENGTH`` characters
        :returns: ``(name, email, phone)``, the phone False when none was typed
        :raises UserError: on a missing name, an invalid address or phone number (the form
            writes nothing)
        """
        name = (name or "").strip()
        if not name or len(name) > contact.NAME_MAX_LENGTH:
            raise UserError(name_error)
        email = (email or "").strip()
        self._check_contact_email(email)
        phone = (phone or "").strip()
        formatted = contact.format_phone(phone) if phone else False
        if formatted is None:
            raise UserError(_("The phone number \"%s\" is invalid.")
                            % phone[:contact.PHONE_MAX_LENGTH])
        return name, email, formatted

    @api.constrains("insee_code")
    def _check_insee_code(self):
        """:raises ValidationError: on a commune code that is not INSEE's five characters
        (digits, or 2A/2B for Corsica): data·inclusion would drop it."""
        for partner in self.filtered("insee_code"):
            if not INSEE_CODE_RE.match(partner.insee_code):
                raise ValidationError(
                    _("The INSEE code \"%s\" is invalid: five characters are expected, "
                      "e.g. 33063 (Bordeaux) or 2A004 (Ajaccio).") % partner.insee_code)

    @api.constrains("siret", "is_company", "active")
    def _check_siret(self):
        """:raises ValidationError: on a SIRET whose format or Luhn keys are wrong, or that
        another active organisation already holds."""
        with_siret = self.filtered("siret")
        for partner in with_siret:
            if not siret.clean(partner.siret):
                raise ValidationError(
                    _("The SIRET \"%s\" is invalid: 14 digits whose check keys must be "
                      "right are expected.") % partner.siret)
        companies = with_siret.filtered(lambda p: p.is_company and p.active)
        if not companies:
            return
        self.env.cr.execute(
            """SELECT siret, array_agg(name ORDER BY id) FROM res_partner
               WHERE is_company AND active AND siret = ANY(%s)
               GROUP BY siret HAVING count(*) > 1""", (companies.mapped("siret"),))
        duplicates = self.env.cr.fetchall()
        if duplicates:
            number, names = duplicates[0]
            raise ValidationError(
                _("The SIRET %s is already used by: %s.") % (number, ", ".join(names)))

    @api.constrains("is_siae", "siae_kind", "department_id", "is_company")
    def _check_siae(self):
        """:raises ValidationError: when a SIAE lacks its kind or département, or is a person."""
        for partner in self.filtered("is_siae"):
            if not partner.is_company:
                raise ValidationError(
                    _("\"%s\" cannot be a SIAE: a SIAE is a company.")
                    % partner.name)
            if not partner.siae_kind:
                raise ValidationError(
                    _("Set the kind of the SIAE \"%s\" (ACI, EI, AI, ETTI or EITI).")
                    % partner.name)
            if not partner.department_id:
                raise ValidationError(
                    _("Set the département of the SIAE \"%s\".") % partner.name)

    @api.constrains("website", "is_siae")
    def _check_website(self):
        """:raises ValidationError: when the website of a SIAE is not an http(s) address (a
        ``javascript:`` link would run in the browser of whoever clicks it on its page)."""
        for partner in self.filtered(lambda p: p.is_siae and p.website):
            url = urls.url_parse(partner.website)
            if url.scheme.lower() not in ("http", "https") or not url.netloc:
                raise ValidationError(
                    _("The website of \"%s\" must be an http:// or https:// address.")
                    % partner.name)

    @api.constrains("cep_acculturation_state", "cep_acculturation_date")
    def _check_acculturation(self):
        """:raises ValidationError: when a counsellor is acculturated without a date."""
        for partner in self:
            if partner.cep_acculturation_state == "acculturated" \
                    and not partner.cep_acculturation_date:
                raise ValidationError(
                    _("Set the acculturation date of \"%s\".") % partner.name)

    @api.onchange("is_siae")
    def _onchange_is_siae(self):
        if self.is_siae:
            self.is_company = True

    def _pepites_siae(self):
        """The SIAE this person works for: their commercial partner when it is a SIAE, else an
        empty recordset. The one rule behind every "employer = the person's SIAE" default
        (alternance, VAE, AFEST, internal trainer, registration) and a portal user's SIAE."""
        company = self.commercial_partner_id
        return company if company.is_siae else self.browse()

    def _pepites_public_contact(self, fallback):
        """The contact a public page or mail may give for this organisation (an event's
        organiser, a training's provider): its name, e-mail and phone when it is an
        organisation with an e-mail or a phone it may publish, else ``fallback``'s (INAÉ);
        never a person's. The one rule of every "who to ask" of the site.

        A SIAE publishes only the contacts it chose (``siae_public_email`` /
        ``siae_public_phone``, as on its public page and in the open data): an e-mail it keeps
        private never reaches an event page because INAÉ made it the organiser.

        Read as superuser: visitors cannot read partners (core rule), and an organisation's
        e-mail and phone are its public contact.

        :param fallback: a partner, usually the company's
        :returns: ``{"name", "email", "phone"}``
        """
        organisation_sudo = self.sudo()
        if len(organisation_sudo) == 1 and organisation_sudo.is_company:
            siae = organisation_sudo.is_siae
            email = organisation_sudo.email \
                if not siae or organisation_sudo.siae_public_email else False
            phone = organisation_sudo.phone \
                if not siae or organisation_sudo.siae_public_phone else False
            if email or phone:
                return {"name": organisation_sudo.name, "email": email, "phone": phone}
        fallback_sudo = fallback.sudo()
        return {"name": fallback_sudo.name, "email": fallback_sudo.email,
                "phone": fallback_sudo.phone}

    @api.model
    def _pepites_di_services(self, siae_ids):
        """``{SIAE id: [key]}``: the services of ``data_inclusion.export.EXTRA_SERVICES`` these
        SIAE offer besides the job itself, for the data·inclusion export. Each addon that knows
        of one adds it (pepites_jobs: the PMSMP immersions a SIAE hosts), in one query for all
        the ids; the directory alone knows of none."""
        return {}

    # ------------------------------------------------------------- the audit trail of reads
    @api.model
    def _pepites_path_links(self):
        """``(table, column)`` pairs whose column names a contact *in an integration path*
        (an applicant, a person oriented, in PMSMP, in POEI...). Each addon that records people's
        paths adds its own; none here (the directory holds organisations and their staff)."""
        return []

    @api.multi
    def _pepites_audited_read_ids(self):
        """Only the people in an integration path: reading the directory (SIAE, partners,
        their staff, the website's contacts) is no reading of a person's path, and logging it
        would write on every page of the back office. One query over
        :meth:`_pepites_path_links`, the indexed columns of the addons' own tables."""
        links = self._pepites_path_links()
        if not links or not self.ids:
            return []
        query = sql.SQL(" UNION ").join(
            sql.SQL("SELECT {column} FROM {table} WHERE {column} = ANY(%(ids)s)").format(
                table=sql.Identifier(table), column=sql.Identifier(column))
            for table, column in links)
        self.env.cr.execute(query, {"ids": self.ids})
        return sorted(row[0] for row in self.env.cr.fetchall())

    @api.model
    def _commercial_fields(self):
        # contacts of a SIAE share its département (the kind and SIRET stay on the company)
        return super(ResPartner, self)._commercial_fields() + ["department_id"]

    def action_mark_acculturated(self, date=None):
        """Record that these counsellors discovered IAE (e.g. attended a RDV Découverte).

        Overridable hook for the events addon; keeps an earlier date when there is one.
        """
        date = date or fields.Date.context_today(self)
        for partner in self.filtered(lambda p: p.cep_acculturation_state != "acculturated"):
            partner.write({"cep_acculturation_state": "acculturated",
                           "cep_acculturation_date": date, "is_cep_counsellor": True})
        return True

    def portal_update_profile(self, form):
        """Apply the `/my/siae` form to this SIAE, as the portal user.

        :param dict form: raw strings from the form (``sector_ids`` a list of ids; the
            public-contact boxes ``siae_public_*`` are read when ``siae_public_flags`` says the
            form shows them, an absent box then meaning "not public")
        :raises UserError: on a value that is not a number, or a sector that does not exist
        """
        self.ensure_one()
        values = {}
        for key in ("phone", "email", "website", "street", "zip", "city", "siae_presentation"):
            if key in form:
                values[key] = (form[key] or "").strip() or False
        try:
            if "fte" in form:
                values["fte"] = float((form["fte"] or "0").replace(",", "."))
            if "insertion_posts" in form:
                values["insertion_posts"] = int(form["insertion_posts"] or 0)
        except ValueError:
            raise UserError(_("The number of FTE and of insertion posts must be numbers."))
        if not math.isfinite(values.get("fte", 0)):  # "nan", "inf" are floats for Python
            raise UserError(_("The number of FTE and of insertion posts must be numbers."))
        # said here in words; the SQL checks would only raise an IntegrityError
        if values.get("fte", 0) < 0:
            raise UserError(_("The number of FTE cannot be negative."))
        if values.get("insertion_posts", 0) < 0:
            raise UserError(_("The number of insertion posts cannot be negative."))
        if values.get("insertion_posts", 0) > MAX_INSERTION_POSTS:
            raise UserError(_("The number of insertion posts cannot exceed %s.")
                            % MAX_INSERTION_POSTS)
        if "sector_ids" in form:
            try:
                ids = [int(value) for value in form["sector_ids"]]
            except ValueError:
                raise UserError(_("Unknown sector network."))
            sectors = self.env["pepites.sector"].browse(ids).exists()
            if len(sectors) != len(set(ids)):
                raise UserError(_("Unknown sector network."))
            values["sector_ids"] = [(6, 0, sectors.ids)]
        if form.get("siae_public_flags"):  # the form shows the boxes: an unticked one is off
            for flag in ("siae_public_phone", "siae_public_email", "siae_public_website"):
                values[flag] = bool(form.get(flag))
        if values.get("email"):
            self._check_contact_email(values["email"])
        self.write(values)
        return True
