import base64
import re
import uuid
from collections import OrderedDict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.addons.pepites_partners.models.pepites_sql_guard import Range, Unique, sql_constraints
from ..openbadges_engine import baking, identity, images, jsonld, ob3

#: who a badge is for (shared by the selection field, the demo generator and the reports)
AUDIENCES = [
    ("staff", "Permanent staff"),
    ("salarie", "Salariés en parcours"),
]
CLASS_STATES = [
    ("draft", "Draft"),
    ("published", "Published"),
    ("retired", "Retired"),
]
VERIFICATION_TYPES = [
    ("hosted", "Hosted"),
    ("signed", "Signed (JWS)"),
]
#: the Open Badges 3.0 ``achievementType`` of a class (the vocabulary is the engine's)
ACHIEVEMENT_TYPES = [(value, " ".join(re.findall(r"[A-Z][a-z]*|[a-z]+", value)))
                     for value in ob3.ACHIEVEMENT_TYPES]
#: longest name of a person supplied to issue_to by its address
MAX_SUPPLIED_NAME = 128


class PepitesBadgeClass(models.Model):
    """A badge that can be earned (Open Badges ``BadgeClass``): what it certifies, its criteria,
    its alignment to competence blocks, who it is for and how long it lasts."""

    _name = "pepites.badge.class"
    _description = "Badge class"
    _inherit = ["mail.thread", "pepites.sql.guard"]
    _order = "audience, sequence, name"

    uuid = fields.Char(string="UUID", default=lambda self: str(uuid.uuid4()), required=True,
                       readonly=True, copy=False, index=True)
    name = fields.Char(required=True, track_visibility="onchange")
    sequence = fields.Integer(default=10)
    description = fields.Text(required=True)
    image = fields.Binary(attachment=True, help="PNG image of the badge (a medal is drawn when "
                                                "left empty).")
    criteria_narrative = fields.Text(string="Criteria", required=True,
                                     help="What the earner did to receive the badge.")
    criteria_url = fields.Char(string="Criteria URL")
    tag_ids = fields.Many2many("pepites.badge.tag", "pepites_badge_class_tag_rel", "class_id",
                               "tag_id", string="Tags")
    alignment_ids = fields.One2many("pepites.badge.alignment", "badge_class_id",
                                    string="Alignment", copy=True)
    audience = fields.Selection(AUDIENCES, required=True, default="staff", index=True)
    job_family_id = fields.Many2one("pepites.job.family", string="Job family",
                                    ondelete="restrict")
    sector_id = fields.Many2one("pepites.sector", string="Sector network", ondelete="restrict")
    expiry_months = fields.Integer(string="Validity (months)", default=0,
                                   help="0: the badge never expires.")
    allow_repeat = fields.Boolean(string="May be earned several times",
                                  help="Otherwise a person holds at most one active badge of "
                                       "this class.")
    verification_type = fields.Selection(VERIFICATION_TYPES, required=True, default="hosted",
                                         string="Verification")
    achievement_type = fields.Selection(
        ACHIEVEMENT_TYPES, string="Kind of achievement (Open Badges 3.0)", required=True,
        default=ob3.DEFAULT_ACHIEVEMENT_TYPE,
        help="What the badge certifies, in the Open Badges 3.0 vocabulary that wallets and "
             "verifiers read (Badge, Competency, Certificate...).")
    issuer_id = fields.Many2one("pepites.badge.issuer", string="Issuer", required=True,
                                ondelete="restrict", index=True,
                                default=lambda self: self.env["pepites.badge.issuer"]._default_issuer())
    state = fields.Selection(CLASS_STATES, default="draft", required=True, index=True,
                             track_visibility="onchange", copy=False)
    active = fields.Boolean(default=True)
    color = fields.Integer(string="Color index")
    assertion_ids = fields.One2many("pepites.badge.assertion", "badge_class_id", string="Badges")
    assertion_count = fields.Integer(string="Badges issued", compute="_compute_assertion_count")
    block_ids = fields.Many2many("pepites.competence.block", string="Competence blocks certified",
                                 compute="_compute_block_ids",
                                 help="The competence blocks the badge is aligned to.")
    vae_result_count = fields.Integer(string="VAE results", compute="_compute_vae_result_count",
                                      help="The VAE block validations that awarded this badge.")
    public_url = fields.Char(string="Public URL", compute="_compute_public_url")

    _sql_guard = [
        Unique("uuid_uniq", "uuid", message="The UUID of a badge class must be unique."),
        Range("expiry_positive", "expiry_months", 0, null_test=False,
              message="The validity of a badge cannot be negative."),
    ]
    _sql_constraints = sql_constraints(_sql_guard)

    @api.model
    def create(self, vals):
        if not vals.get("image"):
            vals = dict(vals, image=base64.b64encode(images.default_badge_image(vals.get("name"))))
        return super(PepitesBadgeClass, self).create(vals)

    def _compute_assertion_count(self):
        counts = self.env["pepites.badge.assertion"]._count_by("badge_class_id", self.ids)
        for badge in self:
            badge.assertion_count = counts.get(badge.id, 0)

    @api.depends("alignment_ids.block_id")
    def _compute_block_ids(self):
        for badge in self:
            badge.block_ids = badge.alignment_ids.mapped("block_id")

    def _vae_results(self):
        """The VAE block results whose validation awarded these badges (award rules write the
        triggering record in the badge's ``source_ref``)."""
        prefix = "pepites.vae.block.result,"
        refs = self.env["pepites.badge.assertion"].search(
            [("badge_class_id", "in", self.ids), ("source_ref", "=like", prefix + "%")]
        ).mapped("source_ref")
        return self.env["pepites.vae.block.result"].browse(
            sorted({int(ref[len(prefix):]) for ref in refs})).exists()

    def _compute_vae_result_count(self):
        for badge in self:
            badge.vae_result_count = len(badge._vae_results())

    def action_view_vae_results(self):
        """The VAE block results that led to awards of this badge."""
        self.ensure_one()
        return {"type": "ir.actions.act_window", "name": _("VAE results"),
                "res_model": "pepites.vae.block.result", "view_mode": "tree,form",
                "domain": [("id", "in", self._vae_results().ids)]}

    def _compute_public_url(self):
        Issuer = self.env["pepites.badge.issuer"]
        for badge in self:
            badge.public_url = Issuer._badge_url("class", badge.uuid)

    @api.constrains("image")
    def _check_image(self):
        """:raises ValidationError: when the image is not a PNG (only PNG badges can be baked)."""
        for badge in self.filtered("image"):
            try:
                baking.PngTemplate(base64.b64decode(badge.image))
            except baking.BakeError:
                raise ValidationError(_("The image of the badge \"%s\" must be a PNG image.")
                                      % badge.name)

    @api.constrains("criteria_url")
    def _check_criteria_url(self):
        """:raises ValidationError: when the criteria URL is not an http(s) URL."""
        for badge in self.filtered("criteria_url"):
            if not badge.criteria_url.startswith(("http://", "https://")):
                raise ValidationError(_("The criteria URL of \"%s\" must start with https://.")
                                      % badge.name)

    @api.constrains("verification_type", "issuer_id")
    def _check_signing_key(self):
        """:raises ValidationError: when a signed badge's issuer has no signing key."""
        for badge in self.filtered(lambda b: b.verification_type == "signed"):
            if not badge.issuer_id.active_key_id:
                raise ValidationError(_("The issuer %s has no signing key: create one before "
                                        "issuing signed badges.") % badge.issuer_id.name)

    # ----------------------------------------------------------------- state
    def action_publish(self):
        self.write({"state": "published"})
        return True

    def action_retire(self):
        """Stop issuing these badges; the badges already issued stay valid."""
        self.write({"state": "retired"})
        return True

    def action_draft(self):
        self.write({"state": "draft"})
        return True

    def action_view_assertions(self):
        self.ensure_one()
        return self.env["pepites.badge.assertion"]._action_list(
            [("badge_class_id", "=", self.id)], {"default_badge_class_id": self.id})

    def action_open_issue_wizard(self):
        self.ensure_one()
        action = self.env.ref("pepites_badges.pepites_badge_issue_wizard_action").read()[0]
        action["context"] = {"default_badge_class_id": self.id}
        return action

    # ----------------------------------------------------------------- Open Badges document
    def _ob_json(self):
        self.ensure_one()
        url = self.env["pepites.badge.issuer"]._badge_url
        return jsonld.badge_class(
            url("class", self.uuid), self.name, self.description, url("class_image", self.uuid),
            url("issuer", self.issuer_id.id),
            criteria_narrative=self.criteria_narrative, criteria_url=self.criteria_url,
            tags=self.tag_ids.mapped("name"), alignments=self.alignment_ids._ob_json())

    # ----------------------------------------------------------------- issuing
    def _check_issuable(self):
        """:raises UserError: when a badge of this class cannot be issued now (not published,
        retired, archived, or its issuer archived)."""
        for badge in self:
            if badge.state != "published" or not badge.active or not badge.issuer_id.active:
                raise UserError(_("The badge \"%s\" is not published (or is retired): it cannot "
                                  "be issued.") % badge.name)
            if badge.verification_type == "signed" and not badge.sudo().issuer_id.active_key_id:
                raise UserError(_("The issuer %s has no signing key: create one before "
                                  "issuing signed badges.") % badge.issuer_id.name)

    def _check_issue_access(self, user=None):
        """:raises AccessError: when ``user`` may not issue these badges. INAÉ staff may issue
        every badge; partner API and SIAE users only those of an issuer that lists them."""
        user = user or self.env.user
        for badge in self:
            if not badge.issuer_id.sudo()._issue_allowed(user):
                raise AccessError(_("You are not allowed to issue the badge \"%s\".")
                                  % badge.name)

    # methods, not module functions: _() finds the caller's language through ``self``
    @api.model
    def _int_list(self, values, what):
        """:raises UserError: when ``values`` is not a list of ids."""
        if isinstance(values, int):
            values = [values]
        try:
            return [int(value) for value in values or []]
        except (TypeError, ValueError):
            raise UserError(_("Invalid %s id.") % what)

    @api.model
    def issue_to(self, class_ids, partner_ids, evidence_url=None, narrative=None):
        """Issue badges of ``class_ids`` to ``partner_ids`` (bulk path; XML-RPC entry point).

        Recipients are people the caller may already read, or people it supplies itself:

        * an id of ``res.partner`` is accepted when the caller may read that contact with its
          own rights (INAÉ staff: anyone; a SIAE user: the people of its structure; a partner
          API user: the contacts of its own organisation);
        * a dict ``{"email": ..., "name": ...}`` is a person the caller names itself: the
          contact it supplied earlier with this address, or a new contact marked as supplied
          by the caller's organisation (``badge_supplier_id``). It is never matched with the
          other people of PEPITES who have this address, and the caller reads nothing of it.

        A partner who already holds an active badge of a class that cannot be repeated is
        skipped. Nothing is written when a class cannot be issued, the caller may not issue it,
        or a recipient is unknown, not readable by the caller, or lacks a valid e-mail address;
        the error names none of the people the caller cannot read (it gives their ids at most).
        Award e-mails are queued.

        :param list class_ids: ids of ``pepites.badge.class``
        :param list partner_ids: recipients: ids of ``res.partner`` and/or dicts
            ``{"email": str, "name": str}``
        :param str evidence_url: optional public URL of the evidence (http/https)
        :param str narrative: optional evidence narrative
        :return: ids of the new ``pepites.badge.assertion``
        :raises AccessError: when the caller may not issue one of the classes
        :raises UserError: on an unknown class, an unknown or unreadable recipient, an invalid
            e-mail or evidence URL
        """
        classes = self.browse(self._int_list(class_ids, _("badge class")))
        # sudo: partner API users may not read badge classes of other issuers: the issuing
        # right is checked explicitly just below, on the real user
        classes_sudo = classes.sudo().exists()
        if len(classes_sudo) != len(classes):
            raise UserError(_("Unknown badge class."))
        classes_sudo._check_issue_access(self.env.user)
        classes_sudo._check_issuable()
        recipients = self._issue_recipients(partner_ids, evidence_url)
        for recipient in recipients:
            recipient.update(evidence_url=evidence_url, evidence_narrative=narrative)
        Assertion_sudo = self.env["pepites.badge.assertion"].sudo()
        issued = self.env["pepites.badge.assertion"]
        for badge_sudo in classes_sudo:
            results = Assertion_sudo._issue_bulk(badge_sudo, recipients,
                                                 issued_by=self.env.user)
            issued |= issued.browse([r["assertion_id"] for r in results if r["status"] == "issued"])
        return issued.ids

    @api.model
    def _issue_recipients(self, partner_ids, evidence_url):
        """The recipients of :meth:`issue_to`, checked before anything is written: each contact
        read once (one query for the addresses and départements of the contacts named by id),
        each address validated once (here, or in :meth:`_split_recipients` for the people the
        caller supplies, whose contacts are found or created last).

        :return: dicts for ``pepites.badge.assertion._issue_bulk``, one per contact, in order
        :raises UserError: as :meth:`issue_to` says
        """
        wanted, people = self._split_recipients(partner_ids)
        self._check_recipients_readable(wanted)
        # one query (reading 3,000 contacts through the ORM would cost more than issuing their
        # badges); the caller may read these contacts
        self.env.cr.execute(
            """SELECT id, email, name, department_id FROM res_partner WHERE id = ANY(%s)
               ORDER BY name, id""", (wanted,))
        rows = self.env.cr.fetchall()
        invalid = [name for _id, email, name, _dep in rows if not identity.is_valid_email(email)]
        if invalid:
            raise UserError(_("These recipients have no valid e-mail address: %s.")
                            % ", ".join(invalid))
        self.env["pepites.badge.assertion"]._check_evidence_url(evidence_url)
        known = {partner_id: {"email": email, "department_id": department_id}
                 for partner_id, email, _name, department_id in rows}
        supplied = self._supplied_partners(people)
        known.update(supplied)
        return [dict(known[partner_id], partner_id=partner_id, email_valid=True)
                for partner_id in dict.fromkeys(wanted + list(supplied))]

    @api.model
    def _split_recipients(self, recipients):
        """Split the recipients given to :meth:`issue_to` into contact ids and the people the
        caller supplies, as ``(email, name)`` (address normalised, blanks of the name folded).

        :raises UserError: on a value that is neither an id nor such a dict, on an invalid
            address or a missing or overlong name
        """
        if isinstance(recipients, (int, str, dict)):
            recipients = [recipients]
        if not isinstance(recipients, (list, tuple)):
            raise UserError(_("Invalid %s id.") % _("recipient"))
        ids, people = [], []
        for value in recipients:
            if not isinstance(value, dict):
                ids.extend(self._int_list([value], _("recipient")))
                continue
            email, name = value.get("email"), value.get("name")
            if set(value) - {"email", "name"} or not isinstance(email, str) \
                    or not isinstance(name, str) or not name.strip() \
                    or len(name) > MAX_SUPPLIED_NAME:
                raise UserError(_("Give each recipient as a contact id or as {\"email\": ..., "
                                  "\"name\": ...} (a name of at most %d characters).")
                                % MAX_SUPPLIED_NAME)
            if not identity.is_valid_email(email):
                raise UserError(_("Invalid e-mail address \"%s\".") % email)
            people.append((identity.normalize_email(email), " ".join(name.split())))
        return ids, people

    @api.model
    def _check_recipients_readable(self, partner_ids):
        """Check that the caller may read these contacts, with its own rights (access rights
        and record rules): issuing would otherwise e-mail, and tell the caller about, people it
        cannot see.

        :raises UserError: naming how many ids are unknown or not readable, and these ids (the
            caller's own input) only
        """
        Partner = self.env["res.partner"].with_context(active_test=False)
        readable = set()
        if partner_ids and Partner.check_access_rights("read", raise_exception=False):
            readable = set(Partner.search([("id", "in", partner_ids)]).ids)
        hidden = sorted(set(partner_ids) - readable)
        if hidden:
            shown = ", ".join(str(partner_id) for partner_id in hidden[:20])
            raise UserError(_("%d unknown or inaccessible recipient(s) (ids %s).")
                            % (len(hidden), shown + (", …" if len(hidden) > 20 else "")))

    @api.model
    def _supplied_partners(self, people):
        """The contacts of the people the caller supplies (``(email, name)`` pairs, addresses
        validated), in order: the active contact its organisation supplied earlier with this
        address, or a new one.

        :return: ordered dict ``{res.partner id: {"email": ..., "department_id": ...}}``
        """
        if not people:
            return {}
        supplier = self.env.user.commercial_partner_id
        self.env.cr.execute(
            """SELECT DISTINCT ON (lower(email)) lower(email), id, department_id FROM res_partner
               WHERE active AND badge_supplier_id = %s AND lower(email) = ANY(%s)
               ORDER BY lower(email), id""",
            (supplier.id, list({email for email, _name in people})))
        by_email = {email: (partner_id, department_id)
                    for email, partner_id, department_id in self.env.cr.fetchall()}
        # sudo: partner API and SIAE users may not create contacts; this creates only the
        # people the caller names itself, marked as supplied by its organisation, once the
        # caller was found allowed to issue the badges (trust boundary of issue_to)
        Partner_sudo = self.env["res.partner"].sudo()
        # the award e-mail is written in the contact's language: an XML-RPC call often says none
        lang = self.env.lang or self.env.user.lang or "fr_FR"
        for email, name in people:
            if email not in by_email:
                partner = Partner_sudo.create({"name": name, "email": email, "lang": lang,
                                               "badge_supplier_id": supplier.id})
                by_email[email] = (partner.id, partner.department_id.id or None)
        return OrderedDict((by_email[email][0], {"email": email,
                                                 "department_id": by_email[email][1]})
                           for email, _name in people)

    # ----------------------------------------------------------------- a SIAE's portal
    @api.model
    def _portal_siae_people(self):
        """The people of the logged-in SIAE user's structure (its salariés and staff: the
        contacts of the structure, as the SIAE's record rule on contacts scopes them), read with
        the user's rights."""
        commercial = self.env.user.commercial_partner_id
        return self.env["res.partner"].search(
            [("id", "child_of", commercial.id), ("id", "!=", commercial.id),
             ("is_company", "=", False)], order="name")

    @api.model
    def _portal_issuing(self):
        """What /my/badges/issue shows the logged-in SIAE user: its endorsed issuer, its badge
        classes it may issue, its people, and the badges its issuer issued to them.

        :raises AccessError: when the user's structure has no issuer endorsed by INAÉ
        """
        issuer = self.env["pepites.badge.issuer"]._portal_siae_issuer()
        if not issuer:
            raise AccessError(_("Your structure does not issue badges yet: INAÉ endorses the "
                                "structures that issue their own badges. Contact INAÉ."))
        return {
            "issuer": issuer,
            "classes": self.search([("issuer_id", "=", issuer.id),
                                    ("state", "=", "published")]),
            "people": self._portal_siae_people(),
            # as the user: the SIAE's record rule shows its people's badges only
            "issued": self.env["pepites.badge.assertion"].search(
                [("issuer_id", "=", issuer.id)]),
        }

    def _portal_issue_to(self, person, narrative=None):
        """The logged-in SIAE user issues this badge class to ``person``, one of its people:
        the rules of the back office (issuable class, valid address, one active badge unless
        repeatable), scoped to the SIAE's endorsed issuer and its people.

        :return: the new ``pepites.badge.assertion``
        :raises AccessError: when the class is not its issuer's or the person not one of its
            people (nothing written)
        :raises UserError: when the badge cannot be issued (said in French)
        """
        self.ensure_one()
        issuer = self.env["pepites.badge.issuer"]._portal_siae_issuer()
        if not issuer or self.issuer_id != issuer \
                or person not in self._portal_siae_people():
            raise AccessError(_("You may issue your structure's badges to its own people "
                                "only."))
        self._check_issuable()
        if not identity.is_valid_email(person.email):
            raise UserError(_("%s has no valid e-mail address: add it to their contact "
                              "first.") % person.name)
        narrative = (narrative or "").strip() or None
        # sudo: the SIAE user may not write badges; it was found allowed above, for its own
        # issuer's class and its own person (the trust boundary of the portal issuing)
        result = self.env["pepites.badge.assertion"].sudo()._issue_bulk(
            self, [{"partner_id": person.id, "email": person.email,
                    "evidence_narrative": narrative}], issued_by=self.env.user)[0]
        if result["status"] != "issued":
            raise UserError(result["message"] or _("The badge could not be issued."))
        return self.env["pepites.badge.assertion"].browse(result["assertion_id"])

    def _issue_batch(self, recipients, issued_by=None, award_rule=None, source_ref=None,
                     send_mail=True):
        """Issue this badge class to many recipients (award rules, the demo data): checks that
        it is issuable, then ``pepites.badge.assertion._issue_bulk`` (recipients and results
        as it says)."""
        self.ensure_one()
        self._check_issuable()
        return self.env["pepites.badge.assertion"]._issue_bulk(
            self, recipients, issued_by=issued_by, award_rule=award_rule, source_ref=source_ref,
            send_mail=send_mail)
