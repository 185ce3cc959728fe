import base64
import hashlib
import json
import logging
import re
import uuid

from dateutil.relativedelta import relativedelta
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.pepites_partners import personal_data
from odoo.addons.pepites_partners.personal_data import CLEAR

from .pepites_badge_class import AUDIENCES, VERIFICATION_TYPES
from ..openbadges_engine import (baking, dataintegrity, identity, jsonld, ob3, ob3_verification,
                                 qrcodes, signing, statuslist, urls, vcjwt, verification)

_logger = logging.getLogger(__name__)

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
#: the status of a badge is the verification's (the rule that computes it names them)
ASSERTION_STATES = verification.STATUSES
MAIL_STATES = [
    ("none", "No e-mail"),
    ("pending", "To queue"),
    ("queued", "Queued"),
]
#: above this many new badges, award e-mails are queued by the cron rather than in the request
MAIL_INLINE_LIMIT = 50
#: the stored values the public document of a badge is built from (:meth:`_ob_document`)
DOCUMENT_FIELDS = ("ob_id", "ob_badge_url", "recipient_identity", "recipient_salt", "issued_on",
                   "expires_on", "evidence_url", "evidence_narrative")
#: the columns that change what the hosted route serves (the document, its revocation)
PUBLIC_FIELDS = frozenset(DOCUMENT_FIELDS + ("uuid", "signed_jws", "revoked",
                                            "revocation_reason", "ob3_jwt"))
#: the columns the bulk create writes, in the order of its rows
INSERT_COLUMNS = (
    "uuid", "badge_class_id", "issuer_id", "audience", "recipient_partner_id",
    "recipient_department_id", "recipient_email", "recipient_salt", "recipient_identity",
    "issued_on", "expires_on", "evidence_url", "evidence_narrative", "issued_by_id",
    "verification_type", "signing_key_id", "signed_jws", "exclusive", "revoked", "award_rule_id",
    "source_ref", "mail_state", "ob_id", "ob_badge_url", "status_index", "ob3_jwt", "create_uid",
    "create_date", "write_uid", "write_date")
#: the registry cache key of the hosted document of a badge (its uuid follows)
HOSTED_CACHE = "pepites_badges.hosted_assertion"
#: the registry cache's key prefix of the Open Badges 3.0 credentials served (JSON text with its
#: proof, VC-JWT), like the hosted documents
OB3_CACHE = "pepites_badges.ob3_credential"
#: the sequence of the badges' places in their issuer's Open Badges 3.0 status list: one for
#: every issuer (an index is never given twice, even by two bulk runs at once; each issuer's
#: list is as long as its highest index, and gzip makes the unused bits cost nothing)
STATUS_INDEX_SEQUENCE = "pepites_badge_assertion_status_index_seq"


class PepitesBadgeAssertion(models.Model):
    """A badge awarded to one person (Open Badges ``Assertion``), hosted or signed, with its
    baked PNG. The recipient is published only as a salted sha256 of their e-mail address.

    Its Open Badges ids (its own URL ``ob_id``, its badge class's ``ob_badge_url``, and for a
    signed badge its key's URL inside ``signed_jws``) are fixed when it is issued, as they were
    signed and baked into the PNG its holder keeps: they are stored, never rebuilt from the
    public URL of the moment (core Odoo 11 used to rewrite it at an admin's login, issue 13)."""

    _name = "pepites.badge.assertion"
    _inherit = ["pepites.privacy.mixin"]
    _description = "Badge (assertion)"
    _order = "issued_on desc, id desc"
    _rec_name = "uuid"

    # personal-data map (issue 15): kept while the holder keeps them (no retention term); on
    # erasure revoked with a neutral reason, the e-mail in clear, the evidence and the baked
    # image removed; the hashed identity (and its salt) stays, so that a copy the holder kept
    # still verifies as revoked; the class, issuer, département and dates stay for the
    # indicators (a badge revoked at its holder's request still counts as issued)
    _privacy_kind = "badges"
    _privacy_person_fields = ("recipient_partner_id",)
    _privacy_email_field = "recipient_email"
    _privacy_blank = {"recipient_email": CLEAR, "evidence_narrative": CLEAR,
                      "evidence_url": CLEAR}
    _privacy_kept = ("badge_class_id", "issuer_id", "audience", "recipient_department_id",
                     "recipient_identity", "recipient_salt", "issued_on", "expires_on",
                     "revoked", "revoked_on", "award_rule_id",
                     # the Open Badges 3.0 credential holds the same hash and salt; its place in
                     # the status list says "revoked" to the copy the holder kept
                     "status_index", "ob3_jwt")

    uuid = fields.Char(string="UUID", required=True, readonly=True, copy=False, index=True)
    badge_class_id = fields.Many2one("pepites.badge.class", string="Badge", required=True,
                                     readonly=True, ondelete="restrict", index=True)
    issuer_id = fields.Many2one("pepites.badge.issuer", string="Issuer", required=True,
                                readonly=True, ondelete="restrict", index=True)
    audience = fields.Selection(AUDIENCES, readonly=True, index=True,
                                help="Audience of the badge class when it was issued.")
    recipient_partner_id = fields.Many2one("res.partner", string="Recipient", required=True,
                                           readonly=True, ondelete="restrict", index=True)
    recipient_department_id = fields.Many2one(
        "pepites.department", string="Département", readonly=True, index=True,
        ondelete="set null", help="Département of the recipient when the badge was issued.")
    # not required: removed when the holder has their data erased (the hashed identity stays)
    recipient_email = fields.Char(string="Recipient e-mail", readonly=True,
                                  groups="pepites_partners.group_pepites_user")
    recipient_salt = fields.Char(string="Salt", required=True, readonly=True,
                                 groups="pepites_partners.group_pepites_user")
    recipient_identity = fields.Char(string="Hashed identity", required=True, readonly=True)
    issued_on = fields.Datetime(string="Issued on", required=True, readonly=True, index=True)
    ob_id = fields.Char(string="Open Badges id", readonly=True, copy=False, index=True,
                        help="The URL of the badge (its Open Badges id), fixed when it was "
                             "issued: it is baked into the badge image its holder keeps.")
    ob_badge_url = fields.Char(string="Badge class URL", readonly=True, copy=False,
                               help="The URL of the badge class the badge names, fixed when it "
                                    "was issued.")
    expires_on = fields.Datetime(string="Expires on", readonly=True)
    evidence_url = fields.Char(string="Evidence URL", readonly=True)
    evidence_narrative = fields.Text(string="Evidence", readonly=True)
    issued_by_id = fields.Many2one("res.users", string="Issued by", readonly=True,
                                   ondelete="set null")
    verification_type = fields.Selection(VERIFICATION_TYPES, required=True, readonly=True)
    signing_key_id = fields.Many2one("pepites.badge.key", string="Signing key", readonly=True,
                                     ondelete="restrict")
    signed_jws = fields.Text(string="Signed badge (JWS)", readonly=True)
    exclusive = fields.Boolean(readonly=True, default=True,
                               help="At most one active badge of its class per recipient.")
    revoked = fields.Boolean(readonly=True, index=True, copy=False)
    revoked_on = fields.Datetime(string="Revoked on", readonly=True, copy=False)
    revocation_reason = fields.Char(string="Revocation reason", readonly=True, copy=False)
    revoked_by_holder = fields.Boolean(
        string="Withdrawn at the holder's request", readonly=True, copy=False, index=True,
        help="Revoked because its holder had their personal data erased: the badge was issued, "
             "and the indicators still count it.")
    state = fields.Selection(ASSERTION_STATES, compute="_compute_state", search="_search_state")
    baked_image = fields.Binary(string="Baked badge (PNG)", attachment=True, readonly=True)
    award_rule_id = fields.Many2one("pepites.badge.award.rule", string="Award rule",
                                    readonly=True, ondelete="set null")
    source_ref = fields.Char(string="Awarded for", readonly=True, index=True,
                             help="The record (model,id) whose completion awarded the badge.")
    mail_state = fields.Selection(MAIL_STATES, string="Award e-mail", default="none",
                                  readonly=True, index=True)
    public_url = fields.Char(string="Public URL", compute="_compute_urls")
    verify_url = fields.Char(string="Verification page", compute="_compute_urls")
    linkedin_url = fields.Char(string="Add to LinkedIn", compute="_compute_urls")
    portal_url = fields.Char(string="My badges page", compute="_compute_urls")
    # Open Badges 3.0 (issue 19): the same badge as a verifiable credential
    status_index = fields.Integer(
        string="Status list index", readonly=True, copy=False,
        help="The place of this badge in its issuer's Open Badges 3.0 status list (revocation), "
             "fixed when it was issued: it is signed into the credential.")
    ob3_jwt = fields.Text(string="Open Badges 3.0 credential (VC-JWT)", readonly=True, copy=False,
                          help="The OpenBadgeCredential of this badge, signed by its issuer's "
                               "key when it was issued.")
    ob3_url = fields.Char(string="Open Badges 3.0 credential", compute="_compute_urls")

    _sql_constraints = [
        ("uuid_uniq", "UNIQUE(uuid)", "The UUID of a badge must be unique."),
        ("status_index_uniq", "UNIQUE(status_index)",
         "A place in the status list belongs to one badge."),
        ("revocation_reason", "CHECK(NOT revoked OR revocation_reason IS NOT NULL)",
         "A revoked badge needs a revocation reason."),
    ]

    @api.model_cr
    def init(self):
        # from 1: the ORM reads an empty index as 0, which thus means "none yet"
        self.env.cr.execute("CREATE SEQUENCE IF NOT EXISTS "
                            "pepites_badge_assertion_status_index_seq MINVALUE 1 START WITH 1")
        # One active badge per (class, recipient) unless the class allows repeats: the database
        # says it, so that two bulk runs at the same time cannot both issue it.
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS pepites_badge_assertion_active_uniq "
            "ON pepites_badge_assertion (badge_class_id, recipient_partner_id) "
            "WHERE exclusive AND NOT revoked")
        # awards of repeatable badges by a rule: once per triggering record
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS pepites_badge_assertion_source_uniq "
            "ON pepites_badge_assertion (badge_class_id, recipient_partner_id, source_ref) "
            "WHERE source_ref IS NOT NULL AND NOT revoked")

    @api.model
    def create(self, vals):
        # a badge created one by one (not by _issue_bulk) gets its place in the status list too
        # (not a field default: Odoo would give every existing badge the same one on upgrade)
        if not vals.get("status_index"):
            vals = dict(vals, status_index=self._next_status_indexes(1)[0])
        return super(PepitesBadgeAssertion, self).create(vals)

    def write(self, vals):
        # only what the hosted route serves drops its cached answer (not an e-mail's state)
        uuids = self._hosted_uuids() if PUBLIC_FIELDS.intersection(vals) else []
        res = super(PepitesBadgeAssertion, self).write(vals)
        self._forget_hosted(uuids)
        return res

    def unlink(self):
        uuids = self._hosted_uuids()
        res = super(PepitesBadgeAssertion, self).unlink()
        self._forget_hosted(uuids)
        return res

    def _privacy_anonymise(self):
        """Revoke the badges still valid with the neutral reason, then anonymise them all."""
        valid = self.filtered(lambda badge: not badge.revoked and not badge.pepites_anonymised_on)
        if valid:
            valid.write({"revoked": True, "revoked_on": fields.Datetime.now(),
                         "revocation_reason": personal_data.HOLDER_REQUEST_REASON,
                         "revoked_by_holder": True})
        return super(PepitesBadgeAssertion, self)._privacy_anonymise()

    # ----------------------------------------------------------------- hosted document cache
    def _hosted_uuids(self):
        # sudo: the uuids of badges the caller is writing (its rights were checked by write)
        return [value for value in self.sudo().mapped("uuid") if value]

    @api.model
    def _forget_hosted(self, uuids):
        """Drop the hosted documents (2.0) and credentials (3.0) of these badges from the
        registry cache, and only them
        (other models' caches stay): the other workers are told through Odoo's cache
        signaling, which is the only way Odoo 11 has to reach them."""
        cache = self.pool.cache
        for value in set(uuids):
            for prefix in (HOSTED_CACHE, OB3_CACHE):
                try:
                    del cache[(prefix, value)]
                except KeyError:
                    pass
        if uuids:
            self.pool.cache_invalidated = True

    @api.model
    def _hosted_response(self, value):
        """``(status, JSON text)`` served at the hosted URL of the badge ``value`` (a uuid), or
        ``(None, None)`` when unknown; kept in the registry cache so that a hit needs no
        database cursor (:meth:`_forget_hosted` drops it when the badge changes)."""
        answer = cached_hosted(self.pool, value)
        if answer:
            return answer
        status, document = self._public_document(value)
        if not status:
            return None, None
        answer = (status, json.dumps(document, ensure_ascii=False))
        self.pool.cache[(HOSTED_CACHE, value)] = answer
        return answer

    @api.model
    def _ob3_served(self, value):
        """``(credential JSON text, VC-JWT)`` served at ``/badges/v3/credentials/<value>``, or
        ``None`` for an unknown uuid; kept in the registry cache like the hosted documents
        (a hit needs no database cursor; :meth:`_forget_hosted` drops it when the badge
        changes). The JSON carries the Data Integrity proof when the platform makes one."""
        answer = cached_ob3(self.pool, value)
        if answer:
            return answer
        assertion = self._get_by_uuid(value)
        if not assertion:
            return None
        token = assertion._ob3_token()
        credential = assertion._ob3_data_integrity() or assertion._ob3_credential()
        answer = (json.dumps(credential, ensure_ascii=False), token)
        self.pool.cache[(OB3_CACHE, value)] = answer
        return answer

    def name_get(self):
        """"Badge — holder" for the badges the caller may read.

        The holder's contact is often out of the caller's reach (a partner API user's supplied
        people), hence the sudo below; the caller's own rights and record rules are checked
        first, or name_get (callable over RPC) would name the holders of any badge id.

        :raises AccessError: on a badge the caller may not read
        """
        self.check_access_rights("read")
        self.check_access_rule("read")
        # sudo: the badge and recipient names of badges the caller may read (checked above)
        return [(a.id, "%s — %s" % (a.badge_class_id.name, a.recipient_partner_id.name))
                for a in self.sudo()]

    @api.depends("revoked", "expires_on")
    def _compute_state(self):
        now = fields.Datetime.from_string(fields.Datetime.now())
        for assertion in self:
            assertion.state = verification.status(
                assertion.revoked, fields.Datetime.from_string(assertion.expires_on), now)

    def _search_state(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(_("Unsupported search on the badge status."))
        values = {value} if isinstance(value, str) else set(value or [])
        if operator in ("!=", "not in"):
            values = {state for state, _label in ASSERTION_STATES} - values
        now = fields.Datetime.now()
        domains = {
            "revoked": [("revoked", "=", True)],
            "expired": ["&", "&", ("revoked", "=", False), ("expires_on", "!=", False),
                        ("expires_on", "<=", now)],
            "valid": ["&", ("revoked", "=", False), "|", ("expires_on", "=", False),
                      ("expires_on", ">", now)],
        }
        parts = [domains[state] for state in sorted(values) if state in domains]
        if not parts:
            return [("id", "=", False)]
        return ["|"] * (len(parts) - 1) + [leaf for part in parts for leaf in part]

    def _compute_urls(self):
        # the hosted URL is the id it was issued with; the pages people visit are on the
        # platform's public URL of today
        Issuer = self.env["pepites.badge.issuer"]
        portal_url = Issuer._badge_url("portal")
        for assertion in self:
            assertion.public_url = assertion.ob_id
            assertion.ob3_url = assertion.ob_id and ob3.credential_url(assertion.ob_id,
                                                                       assertion.uuid)
            assertion.verify_url = Issuer._badge_url("verify", assertion.uuid)
            assertion.portal_url = portal_url
            issued = fields.Datetime.from_string(assertion.issued_on)
            assertion.linkedin_url = _linkedin_url(
                assertion.badge_class_id.name, assertion.issuer_id.name, issued,
                assertion.verify_url, assertion.uuid)

    # ----------------------------------------------------------------- Open Badges document
    def _ob_json(self):
        """The assertion document: for a signed badge exactly what was signed."""
        self.ensure_one()
        if self.signed_jws:
            return signing.decode_unverified(self.signed_jws)[1]
        return self._ob_payload()

    def _ob_payload(self, creator_url=None):
        """The assertion document built from the fields, with the ids it was issued with;
        ``creator_url`` (the URL of a key) makes it the payload of a signed badge."""
        self.ensure_one()
        # sudo: the salt is published in the assertion (it is useless without the e-mail)
        assertion_sudo = self.sudo()
        return self._ob_document({name: assertion_sudo[name] for name in DOCUMENT_FIELDS},
                                 creator_url)

    @api.model
    def _ob_document(self, values, creator_url=None):
        """The public document (Open Badges ``Assertion``) of a badge, from its stored values
        (:data:`DOCUMENT_FIELDS`, dates as stored): the one builder, used by the bulk create
        before it writes the row (what is signed and baked), by a record (:meth:`_ob_payload`)
        and by the hosted route's one query (:meth:`_public_document`), so that all three
        agree to the byte. ``creator_url`` (the URL of a key) makes it a signed payload."""
        expires_on = values.get("expires_on")
        return jsonld.assertion(
            values["ob_id"], values["ob_badge_url"], values["recipient_identity"],
            values["recipient_salt"], fields.Datetime.from_string(values["issued_on"]),
            fields.Datetime.from_string(expires_on) if expires_on else None,
            values.get("evidence_url") or None, values.get("evidence_narrative") or None,
            verification_creator=creator_url)

    def _ob_origin(self):
        """The origin of the ids this badge was issued with (``ob_id`` without its path)."""
        self.ensure_one()
        return jsonld.origin_of(self.ob_id, self.uuid)

    @api.model
    def _fill_issued_ids(self):
        """Store the ids of the badges issued before they were stored (upgrade to 11.0.1.1.0):
        the ids their holders' files name, read back from the baked PNG, else from the signed
        badge, else (neither names this badge) built on today's public URL. Badges that have
        their ids are left alone.

        :return: how many badges got their ids from the PNG, the signature and the public URL
        """
        self.env.cr.execute(
            """SELECT a.id, a.uuid, c.uuid, a.signed_jws
               FROM pepites_badge_assertion a
               JOIN pepites_badge_class c ON c.id = a.badge_class_id
               WHERE a.ob_id IS NULL ORDER BY a.id""")
        rows = self.env.cr.fetchall()
        base = self.env["pepites.badge.issuer"]._badge_base_url()
        counts = {"png": 0, "jws": 0, "url": 0}
        # sudo: an upgrade step, over every badge whoever issued it
        Assertion_sudo = self.sudo()
        for chunk in _chunks(rows, 500):
            images = {a.id: a.baked_image for a in Assertion_sudo.browse([r[0] for r in chunk])}
            for assertion_id, assertion_uuid, class_uuid, token in chunk:
                ids, source = None, "url"
                if images.get(assertion_id):
                    ids, source = _baked_ids(base64.b64decode(images[assertion_id]),
                                             assertion_uuid, class_uuid), "png"
                if not ids and token:
                    ids, source = _baked_ids(token, assertion_uuid, class_uuid), "jws"
                if not ids:
                    ids, source = (urls.url(base, "assertion", assertion_uuid),
                                   urls.url(base, "class", class_uuid)), "url"
                counts[source] += 1
                self.env.cr.execute(
                    "UPDATE pepites_badge_assertion SET ob_id = %s, ob_badge_url = %s "
                    "WHERE id = %s", (ids[0], ids[1], assertion_id))
            Assertion_sudo.invalidate_cache()
        if rows:
            self._forget_hosted([row[1] for row in rows])
            _logger.info("ids of %d badges stored: %d read from their baked PNG, %d from their "
                         "signature, %d built on %s", len(rows), counts["png"], counts["jws"],
                         counts["url"], base)
        return counts

    def _resign(self, key):
        """Sign these signed badges again with ``key`` (after a key rotation) and bake them
        again, so that what we serve names the issuer's current key. Their own ids do not
        change; the new key is named by its URL of today, as the issuer's profile lists it."""
        private_key = key._private_key()
        templates = {}
        for assertion in self.filtered("signed_jws"):
            badge = assertion.badge_class_id
            if badge.id not in templates:
                templates[badge.id] = baking.PngTemplate(base64.b64decode(badge.image))
            token = signing.sign(assertion._ob_payload(key.public_url), private_key)
            # sudo: staff rotate keys; the signed fields are not writable from the views
            assertion.sudo().write({
                "signed_jws": token, "signing_key_id": key.id,
                "baked_image": base64.b64encode(templates[badge.id].bake(token))})
        return True

    @api.model
    def _public_document(self, value):
        """The hosted document of the assertion ``value`` (a uuid), read with one query for
        the public endpoint: ``(None, None)`` when unknown, ``(410, body)`` when revoked,
        ``(200, document)`` otherwise (for a signed badge, what was signed).

        Same document as :meth:`_ob_json` (same builder, :meth:`_ob_document`), without the
        ORM's per-request cost.
        """
        if not value or not UUID_RE.match(value):
            return None, None
        self.env.cr.execute(
            """SELECT ob_id, ob_badge_url, recipient_identity, recipient_salt, issued_on,
                      expires_on, evidence_url, evidence_narrative,
                      signed_jws, revoked, revocation_reason
               FROM pepites_badge_assertion
               WHERE uuid = %s""", (value,))
        row = self.env.cr.fetchone()
        if not row:
            return None, None
        values = dict(zip(DOCUMENT_FIELDS, row))
        token, revoked, reason = row[len(DOCUMENT_FIELDS):]
        if revoked:
            return 410, jsonld.revoked_assertion(values["ob_id"], reason)
        if token:
            return 200, signing.decode_unverified(token)[1]
        return 200, self._ob_document(values)

    # ----------------------------------------------------------------- Open Badges 3.0
    @api.model
    def _next_status_indexes(self, count):
        """``count`` new places in the issuers' status lists (one query)."""
        if not count:
            return []
        self.env.cr.execute("SELECT nextval(%s) FROM generate_series(1, %s)",
                            (STATUS_INDEX_SEQUENCE, count))
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _ob3_context(self, badge_sudo):
        """What the credentials of one run of ``badge_sudo`` share: the class's and issuer's 2.0
        documents they are built from, and the issuer's signing key, loaded once (an issuer
        without a key gets one: every credential is signed)."""
        issuer_sudo = badge_sudo.issuer_id.sudo()
        key = issuer_sudo._ob3_signing_key()
        return {"badge": badge_sudo._ob_json(), "issuer": issuer_sudo._ob_json(),
                "issuer_id": issuer_sudo.id, "key_id": key.id,
                "private_key": key._private_key(),
                "achievement_type": badge_sudo.achievement_type or ob3.DEFAULT_ACHIEVEMENT_TYPE}

    @api.model
    def _ob3_credential_of(self, context, values, assertion):
        """The OpenBadgeCredential of a badge: a function of its 2.0 ``assertion`` document and
        of its class's and issuer's (in ``context``, :meth:`_ob3_context`), with its
        ``values`` (uuid, status index). Its URLs are on the origin of the badge's 2.0 id
        (fixed when it was issued), the badge class it names is the one the 2.0 assertion
        names."""
        origin = jsonld.origin_of(assertion["id"], values["uuid"]) \
            or self.env["pepites.badge.issuer"]._badge_base_url()
        issuer_id = context["issuer_id"]
        return ob3.credential(
            assertion, dict(context["badge"], id=assertion["badge"]), context["issuer"],
            urls.url(origin, "credential", values["uuid"]),
            urls.url(origin, "issuer_v3", issuer_id), context["achievement_type"],
            statuslist.entry(urls.url(origin, "status_list", issuer_id), values["status_index"]))

    @api.model
    def _ob3_sign(self, context, values, assertion):
        """The VC-JWT of the credential of a badge (:meth:`_ob3_credential_of`), signed by the
        issuer's key, whose ``kid`` is its place in the issuer's JWK Set on the same origin."""
        credential = self._ob3_credential_of(context, values, assertion)
        origin = urls.origin_of(credential["id"], "credential", values["uuid"])
        kid = ob3.kid(urls.url(origin, "jwks", context["issuer_id"]), context["key_id"])
        return vcjwt.sign(credential, context["private_key"], kid)

    def _ob3_token(self):
        """The VC-JWT of this badge: the one signed when it was issued; signed now (and kept)
        for a badge that has none (made before Open Badges 3.0, or by a plain ``create``)."""
        self.ensure_one()
        # sudo: the credential is public (hashed recipient); the key signs on the issuer's behalf
        assertion_sudo = self.sudo()
        if not assertion_sudo.ob3_jwt:
            assertion_sudo._fill_ob3()
        return assertion_sudo.ob3_jwt

    def _ob3_credential(self):
        """The credential of this badge: what its VC-JWT holds."""
        return vcjwt.credential_of(signing.decode_unverified(self._ob3_token())[1])

    def _ob3_data_integrity(self):
        """The credential with its ``eddsa-rdfc-2022`` Data Integrity proof, or ``None`` when no
        JSON-LD 1.1 canonicaliser is installed (:func:`.dataintegrity.available`).

        Made on request, not stored: Ed25519 is deterministic, and the proof's inputs are fixed
        (the Ed25519 half of the key that signed the badge's VC-JWT, ``created`` = its
        ``validFrom``), so every request gives the same bytes, and bulk issuing costs nothing
        more. One proof takes about 0.06–0.1 s (PyLD 2.0.4): the public route keeps what it
        served in the registry cache (:meth:`_ob3_served`)."""
        self.ensure_one()
        if not dataintegrity.available():
            return None
        header, payload = signing.decode_unverified(self._ob3_token())
        credential = vcjwt.credential_of(payload)
        key_id = ob3.key_id_of_kid(header.get("kid"))
        # sudo: the proof of a public credential, made on the issuer's behalf
        key_sudo = self.env["pepites.badge.key"].sudo().browse(key_id).exists() \
            if key_id else None
        if not key_sudo:
            return None
        method = ob3.verification_method_id(credential["issuer"]["id"], key_sudo.id)
        try:
            return dataintegrity.add_proof(credential, key_sudo._ed25519_private_key(), method,
                                           credential["validFrom"])
        except dataintegrity.ProofError as error:
            _logger.warning("badge %s: no Data Integrity proof (%s: %s)", self.uuid,
                            error.reason, error)
            return None

    def _fill_ob3(self):
        """Give these badges (every badge without one when empty: the upgrade to 11.0.1.4.0) a
        status index and a VC-JWT, each issuer's key loaded once; one UPDATE a badge.

        :return: how many badges got their credential
        """
        # sudo: an upgrade step or a public credential's first request, whoever issued them
        todo = (self or self.search([("ob3_jwt", "=", False)], order="id")).sudo()
        todo = todo.filtered(lambda assertion: not assertion.ob3_jwt)
        contexts = {}
        for assertion in todo:
            index = assertion.status_index or self._next_status_indexes(1)[0]
            if assertion.badge_class_id.id not in contexts:
                contexts[assertion.badge_class_id.id] = self._ob3_context(assertion.badge_class_id)
            values = {"uuid": assertion.uuid, "status_index": index}
            token = self._ob3_sign(contexts[assertion.badge_class_id.id], values,
                                   assertion._ob_json())
            self.env.cr.execute("UPDATE pepites_badge_assertion SET status_index = %s, "
                                "ob3_jwt = %s WHERE id = %s", (index, token, assertion.id))
        todo.invalidate_cache(["status_index", "ob3_jwt"], todo.ids)
        return len(todo)

    def _ob_revoked_json(self):
        self.ensure_one()
        return jsonld.revoked_assertion(self.ob_id, self.revocation_reason)

    @api.model
    def _get_by_uuid(self, value):
        """Return the assertion of this uuid (empty on a malformed or unknown uuid)."""
        if not value or not UUID_RE.match(value):
            return self.browse()
        return self.search([("uuid", "=", value)], limit=1)

    def _verify_page_values(self, email=None):
        """The values of the public verification page of this badge: of the holder only their
        name as they chose to show it (initials by default), never their e-mail address (the
        answer to ``email``, when given, is whether it is the recipient's)."""
        self.ensure_one()
        return {"assertion": self, "badge": self.badge_class_id, "issuer": self.issuer_id,
                "holder_name": self._holder_shown_name(),
                "recipient_match": self._recipient_matches(email) if email else None,
                "qr_data_uri": self._qr_data_uri()}

    def _holder_shown_name(self):
        """The holder's name as they chose to show it on the verification page (None: no
        name); never once the holder had their data erased (the badge stays, nameless)."""
        self.ensure_one()
        if self.revoked_by_holder or self.pepites_anonymised_on:
            return None
        return self.recipient_partner_id._badge_shown_name()

    def _qr_png(self):
        self.ensure_one()
        return qrcodes.qr_png(self.verify_url)

    def _qr_data_uri(self):
        return "data:image/png;base64," + base64.b64encode(self._qr_png()).decode("ascii")

    # ----------------------------------------------------------------- issuing (bulk create)
    @api.model
    def _count_by(self, field_name, ids, revoked=False):
        """How many badges each record of ``ids`` has through ``field_name`` (a many2one of
        this model): the badge counters of badge classes, issuers and contacts.

        :param revoked: ``False`` counts the active badges only, ``None`` every badge
        :return: dict ``{id: count}``
        """
        return self._pepites_count_by(
            field_name, ids, [] if revoked is None else [("revoked", "=", revoked)])

    @api.model
    def _check_evidence_url(self, url):
        """:raises UserError: when an evidence URL is given that is not an http(s) URL."""
        if url and not url.strip().startswith(("http://", "https://")):
            raise UserError(_("The evidence URL \"%s\" must start with https://.") % url)

    @api.model
    def _issue_bulk(self, badge, recipients, issued_by=None, award_rule=None, source_ref=None,
                    send_mail=True):
        """Issue ``badge`` to many recipients: the one writer of this table, behind every way
        of issuing (the class's ``issue_to`` and ``_issue_batch``, the wizard, award rules).

        The caller has checked, once, that the user may issue and that the class is issuable.
        One salt and hash per badge, one query for the current holders, the image parsed once
        for baking, the signing key loaded once; then the badges and their baked PNG
        attachments are written by one multi-row INSERT each (Odoo 11 creates records one by
        one: 15 queries a badge). ``ON CONFLICT DO NOTHING`` on the partial unique indexes
        skips a badge that a concurrent run issued.

        :param list recipients: dicts with ``partner_id``, ``email`` and optionally
            ``evidence_url``, ``evidence_narrative``, ``row`` (echoed back in the result),
            ``department_id`` (the contact's, when the caller read it: the contact is then
            not read again) and ``email_valid`` (the caller's verdict on the address, when it
            checked it already)
        :return: one dict per recipient: ``row``, ``partner_id``, ``status`` (``issued``,
            ``skipped`` or ``failed``), ``message``, ``assertion_id``
        """
        # sudo: the issuing right was checked by the caller; the rows, the private key and the
        # recipients' e-mails are handled on the issuer's behalf
        badge_sudo = badge.sudo()
        prepared = self._prepare_recipients(recipients)
        held = self._held_partner_ids(badge_sudo, prepared, source_ref)
        issue = self._issue_context(badge_sudo, issued_by, award_rule, source_ref, send_mail)
        rows, baked = [], {}
        indexes = iter(self._next_status_indexes(sum(1 for _r, result in prepared
                                                     if not result["message"])))
        for recipient, result in prepared:
            if result["message"] or not self._may_receive(recipient, result, held):
                continue
            values = dict(self._issue_values(issue, recipient), status_index=next(indexes))
            payload = self._ob_document(values, issue["creator"])
            values["ob3_jwt"] = self._ob3_sign(issue["ob3"], values, payload)
            if issue["private_key"]:
                values["signed_jws"] = signing.sign(payload, issue["private_key"])
            baked[values["uuid"]] = (result, issue["template"].bake(
                values["signed_jws"] or _json_text(payload)))
            rows.append(tuple(values[column] for column in INSERT_COLUMNS))
            if issue["exclusive"] or source_ref:
                held.add(recipient["partner_id"])
        created = self._insert_rows(rows)
        self._store_baked_images(created, {key: data for key, (_r, data) in baked.items()})
        for result, _data in baked.values():
            # not inserted: a concurrent run issued it meanwhile (the unique index said no)
            result.update(status="skipped", message=_("Already holds this badge."))
        for assertion_id, assertion_uuid in created:
            baked[assertion_uuid][0].update(status="issued", message="",
                                            assertion_id=assertion_id)
        self.sudo().invalidate_cache()
        created_ids = [assertion_id for assertion_id, _uuid in created]
        if created_ids and send_mail and len(created_ids) <= MAIL_INLINE_LIMIT:
            self.sudo().browse(created_ids)._queue_award_emails()
        _logger.info("badge %s issued %d time(s) (%d recipient(s))", badge_sudo.uuid,
                     len(created_ids), len(recipients))
        return [result for _recipient, result in prepared]

    @api.model
    def _prepare_recipients(self, recipients):
        """Pair each recipient with its result, failed already when its address is invalid
        (checked here unless the caller gave its verdict) or its contact unknown; the
        départements of the contacts the caller did not give are read with one query.

        :return: list of ``(recipient, result)``, the recipient completed with its normalised
            ``email`` and its ``department_id``
        """
        unread = list({r["partner_id"] for r in recipients
                       if r.get("partner_id") and "department_id" not in r})
        departments = {}
        if unread:
            self.env.cr.execute("SELECT id, department_id FROM res_partner WHERE id = ANY(%s)",
                                (unread,))
            departments = dict(self.env.cr.fetchall())
        prepared = []
        for recipient in recipients:
            partner_id = recipient.get("partner_id")
            result = {"row": recipient.get("row"), "partner_id": partner_id,
                      "status": "failed", "message": "", "assertion_id": False}
            valid = recipient.get("email_valid")
            if valid is None:
                valid = identity.is_valid_email(recipient.get("email"))
            if not valid:
                result.update(status="skipped", message=_("Invalid e-mail address \"%s\".")
                              % (recipient.get("email") or ""))
            elif not partner_id or ("department_id" not in recipient
                                    and partner_id not in departments):
                result["message"] = _("No recipient.")
            else:
                recipient = dict(recipient, email=identity.normalize_email(recipient["email"]),
                                 department_id=recipient.get(
                                     "department_id", departments.get(partner_id)))
            prepared.append((recipient, result))
        return prepared

    def _may_receive(self, recipient, result, held):
        """Tell whether ``recipient`` may receive the badge now; else say why in ``result``."""
        if recipient["partner_id"] in held:
            result.update(status="skipped", message=_("Already holds this badge."))
            return False
        try:
            self._check_evidence_url((recipient.get("evidence_url") or "").strip() or None)
        except UserError as error:
            result["message"] = error.name
            return False
        return True

    @api.model
    def _held_partner_ids(self, badge_sudo, prepared, source_ref):
        """The recipients who hold this badge already, when it cannot be held twice (or is
        awarded for ``source_ref`` already): one query."""
        partner_ids = list({recipient["partner_id"] for recipient, result in prepared
                            if not result["message"]})
        if not partner_ids or (badge_sudo.allow_repeat and not source_ref):
            return set()
        self.env.cr.execute(
            """SELECT recipient_partner_id FROM pepites_badge_assertion
               WHERE badge_class_id = %s AND NOT revoked AND recipient_partner_id = ANY(%s)
                 AND (exclusive OR source_ref = %s)""",
            (badge_sudo.id, partner_ids, source_ref or ""))
        return {row[0] for row in self.env.cr.fetchall()}

    @api.model
    def _issue_context(self, badge_sudo, issued_by, award_rule, source_ref, send_mail):
        """What every badge of one run shares: the class's values, its URL, the dates, the
        signing key loaded once and the image parsed once for baking."""
        signed = badge_sudo.verification_type == "signed"
        key = badge_sudo.issuer_id.active_key_id if signed else None
        Issuer = self.env["pepites.badge.issuer"]
        now = fields.Datetime.now()
        expires = badge_sudo.expiry_months and fields.Datetime.to_string(
            fields.Datetime.from_string(now) + relativedelta(months=badge_sudo.expiry_months))
        return {
            "base": Issuer._badge_base_url(),
            "ob3": self._ob3_context(badge_sudo),
            "template": baking.PngTemplate(base64.b64decode(badge_sudo.image)),
            "private_key": key._private_key() if key else None,
            "creator": key and Issuer._badge_url("key", key.id) or None,
            "exclusive": not badge_sudo.allow_repeat,
            "row": {
                "badge_class_id": badge_sudo.id, "issuer_id": badge_sudo.issuer_id.id,
                "audience": badge_sudo.audience, "issued_on": now, "expires_on": expires or None,
                "issued_by_id": (issued_by or self.env.user).id,
                "verification_type": badge_sudo.verification_type,
                "signing_key_id": key and key.id or None, "signed_jws": None,
                "exclusive": not badge_sudo.allow_repeat, "revoked": False,
                "award_rule_id": award_rule and award_rule.id or None,
                "source_ref": source_ref or None, "mail_state": "pending" if send_mail else "none",
                "ob_badge_url": Issuer._badge_url("class", badge_sudo.uuid),
                "create_uid": self.env.uid, "create_date": now,
                "write_uid": self.env.uid, "write_date": now,
            },
        }

    @api.model
    def _issue_values(self, issue, recipient):
        """The row of one new badge: its uuid and ids (fixed now, as they are signed and
        baked), the recipient's salted hash and the evidence."""
        salt = identity.make_salt()
        assertion_uuid = str(uuid.uuid4())
        return dict(
            issue["row"], uuid=assertion_uuid,
            ob_id=urls.url(issue["base"], "assertion", assertion_uuid),
            recipient_partner_id=recipient["partner_id"],
            recipient_department_id=recipient["department_id"],
            recipient_email=recipient["email"], recipient_salt=salt,
            recipient_identity=identity.hash_identity(recipient["email"], salt),
            evidence_url=(recipient.get("evidence_url") or "").strip() or None,
            evidence_narrative=(recipient.get("evidence_narrative") or "").strip() or None)

    @api.model
    def _insert_rows(self, rows):
        """Write the new badges (tuples in :data:`INSERT_COLUMNS` order), 500 a statement.

        :return: ``(id, uuid)`` of the rows inserted (a row a concurrent run wrote is not)
        """
        created = []
        for chunk in _chunks(rows, 500):
            self.env.cr.execute(
                """INSERT INTO pepites_badge_assertion (
                       uuid, badge_class_id, issuer_id, audience, recipient_partner_id,
                       recipient_department_id, recipient_email, recipient_salt,
                       recipient_identity, issued_on, expires_on, evidence_url,
                       evidence_narrative, issued_by_id, verification_type, signing_key_id,
                       signed_jws, exclusive, revoked, award_rule_id, source_ref, mail_state,
                       ob_id, ob_badge_url, status_index, ob3_jwt, create_uid, create_date,
                       write_uid, write_date)
                   VALUES """ + ", ".join(["%s"] * len(chunk)) + """
                   ON CONFLICT DO NOTHING RETURNING id, uuid""", chunk)
            created.extend(self.env.cr.fetchall())
        return created

    @api.model
    def _store_baked_images(self, created, baked_by_uuid):
        """Store the baked PNGs as the ``baked_image`` attachments of the new badges, in the
        filestore and with one multi-row INSERT."""
        Attachment = self.env["ir.attachment"].sudo()
        rows = []
        now, uid = fields.Datetime.now(), self.env.uid
        for assertion_id, assertion_uuid in created:
            data = baked_by_uuid[assertion_uuid]
            checksum = hashlib.sha1(data).hexdigest()
            store_fname = Attachment._file_write(base64.b64encode(data), checksum)
            rows.append(("baked_image", self._name, "baked_image", assertion_id,
                         "binary", store_fname, len(data), checksum, "image/png", "image",
                         "badge-%s.png" % assertion_uuid, False, uid, now, uid, now))
        for chunk in _chunks(rows, 500):
            self.env.cr.execute(
                """INSERT INTO ir_attachment (
                       name, res_model, res_field, res_id, type, store_fname, file_size,
                       checksum, mimetype, index_content, datas_fname, public, create_uid,
                       create_date, write_uid, write_date)
                   VALUES """ + ", ".join(["%s"] * len(chunk)), chunk)

    # ----------------------------------------------------------------- portal
    @api.model
    def _portal_badges(self):
        """The badges the portal user sees, as the user (record rules apply): their own, and
        for a SIAE user those of their structure's staff."""
        partner = self.env.user.partner_id
        badges = self.search([])
        return {"my_badges": badges.filtered(lambda a: a.recipient_partner_id == partner),
                "staff_badges": badges.filtered(lambda a: a.recipient_partner_id != partner)}

    def _render_certificate(self):
        """The certificate PDF (with the QR code of the verification page) of these badges."""
        report = self.env.ref("pepites_badges.action_report_badge_certificate")
        # sudo: the report engine reads the report action; the caller's access to the badges
        # was checked by reading them
        self.check_access_rule("read")
        return report.sudo().render_qweb_pdf(self.ids)[0]

    # ----------------------------------------------------------------- revocation
    def _check_revoke_access(self):
        """Only who manages these badges revokes them: the caller's access rights and record
        rules must let it write them (INAÉ staff and managers; portal holders, SIAE and partner
        API users only read badges, even those a partner issued: it asks INAÉ to revoke), and
        it must be allowed to issue for their issuer. Checked with the caller's rights, before
        anything is said of the badges.

        :raises AccessError: when the caller may not revoke one of these badges
        """
        user = self.env.user
        allowed = self.check_access_rights("write", raise_exception=False)
        if allowed:
            try:
                self.check_access_rule("write")
            except AccessError:
                allowed = False
        # sudo: the issuer's list of users allowed to issue is for staff eyes only
        if not allowed or not all(issuer._issue_allowed(user)
                                  for issuer in self.sudo().mapped("issuer_id")):
            raise AccessError(_("You are not allowed to revoke these badges."))

    def action_revoke(self, reason):
        """Revoke these badges with ``reason`` (published in the revocation list and in the
        410 answer of their hosted URL).

        :raises AccessError: when the caller may not manage these badges
            (:meth:`_check_revoke_access`)
        :raises UserError: without a reason, or on a badge already revoked
        """
        self._check_revoke_access()
        # sudo: the revocation fields are read-only in the views; the caller's right to manage
        # these badges was checked above with its own rights
        return self.sudo()._write_revocation(reason)

    def _write_revocation(self, reason):
        """Revoke these badges with ``reason``, once the caller was found allowed (called on
        ``*_sudo`` records: the revocation fields are read-only).

        :raises UserError: without a reason, or on a badge already revoked
        """
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Give the reason of the revocation."))
        already = self.filtered("revoked")
        if already:
            raise UserError(_("These badges are already revoked: %s.")
                            % ", ".join(already.mapped("display_name")))
        self.write({"revoked": True, "revoked_on": fields.Datetime.now(),
                    "revocation_reason": reason})
        return True

    def _portal_revoke(self, reason):
        """The logged-in SIAE user revokes a badge its endorsed issuer issued to one of its
        people (/my/badges/issue), with a reason.

        :raises AccessError: on a badge of another issuer or of someone else (nothing written)
        :raises UserError: as :meth:`_write_revocation`
        """
        self.ensure_one()
        issuer = self.env["pepites.badge.issuer"]._portal_siae_issuer()
        people = self.env["pepites.badge.class"]._portal_siae_people()
        # sudo: the issuer and the holder of the badge, to compare them with the caller's
        assertion_sudo = self.sudo()
        if not issuer or assertion_sudo.issuer_id != issuer \
                or assertion_sudo.recipient_partner_id not in people:
            raise AccessError(_("You may revoke only the badges your structure issued."))
        return assertion_sudo._write_revocation(reason)

    @api.model
    def _action_list(self, domain, context=None):
        """The back office's list of the badges of ``domain`` (a class's, a contact's, a run's
        of the issuing wizard), opening new badges with ``context``."""
        action = self.env.ref("pepites_badges.pepites_badge_assertion_action").read()[0]
        action["domain"] = domain
        if context is not None:
            action["context"] = context
        return action

    def action_open_revoke_wizard(self):
        action = self.env.ref("pepites_badges.pepites_badge_revoke_wizard_action").read()[0]
        action["context"] = {"default_assertion_ids": [(6, 0, self.ids)]}
        return action

    def action_open_verify_page(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": self.verify_url, "target": "new"}

    # ----------------------------------------------------------------- e-mails
    def _queue_award_emails(self):
        """Queue (never send inline) the award e-mail of the badges whose e-mail is pending."""
        template = self.env.ref("pepites_badges.mail_template_badge_awarded")
        pending = self.filtered(lambda a: a.mail_state == "pending" and not a.revoked)
        for assertion in pending:
            template.send_mail(assertion.id, force_send=False)
        pending.write({"mail_state": "queued"})
        return True

    @api.model
    def _cron_queue_award_emails(self, limit=500):
        """Queue the award e-mails left pending by large bulk runs, ``limit`` at a time."""
        pending = self.search([("mail_state", "=", "pending")], limit=limit, order="id")
        pending._queue_award_emails()
        return len(pending)

    # ----------------------------------------------------------------- verification
    def _recipient_matches(self, email):
        """Tell whether ``email`` is the recipient of this badge (compared through its hash)."""
        self.ensure_one()
        # sudo: the salt is public in the assertion; the answer reveals nothing else
        assertion_sudo = self.sudo()
        return identity.identity_matches(assertion_sudo.recipient_identity,
                                         assertion_sudo.recipient_salt, email)

    def _key_of_creator(self, payload):
        """The key of this badge's issuer named by ``verification.creator`` (current or
        retired), at the origin of the badge's ids or at today's public URL (where a key made
        after a change of the public URL is published).

        :return: ``(key, creator URL)``; an empty key when it names none of them
        """
        self.ensure_one()
        proof = payload.get("verification")  # anything, in a stranger's JWS
        creator = proof.get("creator") if isinstance(proof, dict) else None
        if not isinstance(creator, str):
            return self.env["pepites.badge.key"].browse(), None
        key_sudo = self.env["pepites.badge.key"].sudo().browse(_key_id_of(creator)).exists()
        origins = {self._ob_origin(), self.env["pepites.badge.issuer"]._badge_base_url()}
        if not key_sudo or key_sudo.issuer_id != self.issuer_id \
                or creator not in {urls.url(origin, "key", key_sudo.id) for origin in origins}:
            return key_sudo.browse(), None
        return key_sudo, creator

    @api.model
    def _verify_badge(self, data, email=None):
        """Verify a badge file or text anyone gives (the verification page, an import): an Open
        Badges 3.0 credential (:meth:`_verify_ob3`) or a 2.0 badge (:meth:`_verify_ob2`), told
        apart by their content.

        :return: dict with ``status`` (``valid``, ``expired``, ``revoked``, ``not_yet_valid``
            (3.0 only) or ``invalid``), ``assertion``, ``errors``, ``recipient_match``,
            ``version`` (``2.0``/``3.0``), ``badge_name`` and ``issuer_name`` (once verified)
        """
        if ob3_verification.is_ob3(data):
            return self._verify_ob3(data, email)
        return self._verify_ob2(data, email)

    @api.model
    def _verify_ob2(self, data, email=None):
        """Verify a badge given as JSON text, a compact JWS or baked PNG bytes against what this
        platform issued: known assertion, untampered content, valid signature, revocation and
        expiry; optionally that ``email`` is its recipient.

        :return: dict with ``status`` (``valid``, ``expired``, ``revoked`` or ``invalid``),
            ``assertion`` (a record, possibly empty), ``errors`` (translated messages) and
            ``recipient_match`` (``None`` when no e-mail was given)
        """
        result = {"status": "invalid", "assertion": self.browse(), "errors": [],
                  "recipient_match": None, "version": "2.0", "badge_name": None,
                  "issuer_name": None}
        try:
            kind, payload, token = verification.read_badge(data)
        except verification.BadgeTooLargeError:
            result["errors"].append(
                _("This file is too large to be a badge: a badge image is at most %d MB and the "
                  "text of a badge at most %d KB.") % (verification.MAX_FILE_BYTES // 2 ** 20,
                                                       verification.MAX_TEXT_BYTES // 1024))
            return result
        except verification.BadgeFormatError:
            result["errors"].append(_("This is not an Open Badge (neither JSON, a signed badge "
                                      "nor a baked PNG image)."))
            return result
        # anything may stand in the fields of a stranger's JSON: only a text id is looked up
        badge_id = payload.get("id") if isinstance(payload, dict) else None
        if not isinstance(badge_id, str):
            badge_id = ""
        uuid_part = badge_id.rstrip("/").rsplit("/", 1)[-1]
        # sudo: verification is public; what it returns is the public assertion only
        assertion_sudo = self.sudo()._get_by_uuid(uuid_part)
        if not assertion_sudo:
            result["errors"].append(_("This badge was not issued by this platform."))
            return result
        result["assertion"] = assertion_sudo
        result.update(assertion_sudo._verify_names())
        if assertion_sudo.signed_jws or kind == "jws":
            key, creator = assertion_sudo._key_of_creator(payload) if kind == "jws" \
                else (None, None)
            if not key:
                result["errors"].append(_("The signed badge does not match the one issued."))
                return result
            try:
                signing.verify(token, key.public_key_pem)
            except signing.SignatureError:
                result["errors"].append(_("The signature of the badge is invalid."))
                return result
            if payload != assertion_sudo._ob_payload(creator):
                result["errors"].append(_("The content of the badge was altered."))
                return result
        elif payload != assertion_sudo._ob_json():
            result["errors"].append(_("The content of the badge was altered."))
            return result
        result["status"] = assertion_sudo.state
        if email:
            result["recipient_match"] = assertion_sudo._recipient_matches(email)
        return result

    @api.model
    def _verify_ob3(self, data, email=None):
        """Verify an Open Badges 3.0 credential (baked PNG, VC-JWT, JSON) as any verifier would,
        with this platform's issuers' JWK Sets and status lists (:mod:`ob3_verification`): the
        result of :meth:`_verify_badge`, ``not_yet_valid`` a status of its own, ``errors`` the
        French reason of an invalid one; the issuer's and badge's names only once verified."""
        # sudo: verification is public; what it reads is public (keys' public halves, status
        # lists, credentials with a hashed recipient)
        Issuer_sudo = self.env["pepites.badge.issuer"].sudo()
        verdict = ob3_verification.verify(
            data, Issuer_sudo._ob3_resolve_jwks, fields.Datetime.from_string(fields.Datetime.now()),
            resolve_status=Issuer_sudo._ob3_resolve_status,
            resolve_credential=self.sudo()._ob3_resolve_credential,
            resolve_methods=Issuer_sudo._ob3_resolve_methods)
        found = urls.parse((verdict.credential or {}).get("id"), "credential")
        assertion_sudo = self.sudo()._get_by_uuid(found[1]) if found else self.sudo().browse()
        result = {"status": verdict.status, "assertion": assertion_sudo, "errors": [],
                  "recipient_match": None, "version": "3.0", "badge_name": None,
                  "issuer_name": None}
        if verdict.status == ob3_verification.INVALID:
            result["errors"].append(self._ob3_reason_text(verdict.reason))
            return result
        result.update(badge_name=verdict.achievement_name, issuer_name=verdict.issuer_name)
        if email:
            subject = verdict.credential.get("credentialSubject")
            identifiers = subject.get("identifier") if isinstance(subject, dict) else None
            result["recipient_match"] = any(
                isinstance(i, dict) and i.get("identityType") == "emailAddress"
                and isinstance(i.get("identityHash"), str)
                and identity.identity_matches(i["identityHash"], i.get("salt"), email)
                for i in (identifiers if isinstance(identifiers, list) else []))
        return result

    @api.model
    def _ob3_resolve_credential(self, credential_id):
        """The credential this platform serves at ``credential_id``, or ``None``."""
        found = urls.parse(credential_id, "credential")
        assertion = self._get_by_uuid(found[1]) if found else self.browse()
        if not assertion or assertion._ob3_credential().get("id") != credential_id:
            return None
        return assertion._ob3_credential()

    @api.model
    def _ob3_reason_text(self, reason):
        """What the verification page says of an invalid Open Badges 3.0 credential."""
        too_large = _("This file is too large to be a badge: a badge image is at most %d MB and "
                      "the text of a badge at most %d KB.") % (
            verification.MAX_FILE_BYTES // 2 ** 20, verification.MAX_TEXT_BYTES // 1024)
        return {
            "too_large": too_large,
            "format": _("This is not an Open Badge (neither JSON, a signed badge nor a baked PNG "
                        "image)."),
            "not_ob3": _("This is not an Open Badges 3.0 credential."),
            "alg_none": _("The credential is not signed (algorithm \"none\"): anyone could have "
                          "written it."),
            "algorithm": _("The credential is signed with an algorithm this platform does not "
                           "accept (RS256 expected)."),
            "header": _("The signature of the credential names no key, or is of an unknown "
                        "type."),
            "context": _("The credential names an unknown context: it is not an Open Badges 3.0 "
                         "credential as its issuer wrote it."),
            "type": _("The credential is not an OpenBadgeCredential."),
            "unknown_issuer": _("The credential names an issuer this platform does not know."),
            "foreign_key": _("The credential is signed with a key that is not its issuer's."),
            "signature": _("The signature of the credential does not match its content: it was "
                           "altered."),
            "claims": _("The signed claims of the credential disagree with its content."),
            "dates": _("The dates of the credential are malformed."),
            "status_unavailable": _("The revocation status of the credential cannot be read."),
            "unsecured": _("This credential carries no proof and is not the one its issuer "
                           "publishes at its address: it was altered."),
            "unsupported_proof": _("This credential carries a Data Integrity proof, which this "
                                   "page does not check: verify its signed form (the .jwt file "
                                   "or the badge image) instead."),
            "cryptosuite": _("The credential's Data Integrity proof uses a cryptographic suite "
                             "this platform does not accept (eddsa-rdfc-2022 expected)."),
            "proof_fields": _("The credential's Data Integrity proof is incomplete or "
                              "malformed."),
            "undefined_term": _("The credential holds a property that none of its contexts "
                                "defines: its proof would not cover it."),
            "verification_method": _("The credential's proof names a key that its issuer does "
                                     "not publish."),
            "too_complex": _("The credential is too complex for its Data Integrity proof to be "
                             "checked (too many values, or parts that cannot be told apart): no "
                             "badge needs that much."),
        }.get(reason) or _("This badge is invalid.")

    def _verify_names(self):
        """The badge's and its issuer's names the verification page shows."""
        return {"badge_name": self.badge_class_id.name, "issuer_name": self.issuer_id.name}


def cached_hosted(registry, value):
    """The cached ``(status, JSON text)`` of the hosted badge ``value`` in ``registry``, or
    ``None``: read without a database cursor, for the hottest public route."""
    return registry.cache.get((HOSTED_CACHE, value))


def cached_ob3(registry, value):
    """The cached ``(credential JSON text, VC-JWT)`` of the badge ``value`` in ``registry``, or
    ``None``: read without a database cursor."""
    return registry.cache.get((OB3_CACHE, value))


def _chunks(items, size):
    for index in range(0, len(items), size):
        yield items[index:index + size]


def _json_text(payload):
    """The text baked into a hosted badge's PNG."""
    return json.dumps(payload, ensure_ascii=False, sort_keys=True)


def _baked_ids(data, assertion_uuid, class_uuid):
    """The ``(id, badge)`` URLs that a baked PNG or a JWS of this badge names, or ``None``."""
    try:
        _kind, payload, _token = verification.read_badge(data)
    except verification.BadgeFormatError:
        return None
    return jsonld.issued_ids(payload, assertion_uuid, class_uuid)


def _key_id_of(url):
    """The key id at the end of a key URL, or ``None`` (never an id PostgreSQL would refuse)."""
    tail = (url or "").rstrip("/").rsplit("/", 1)[-1]
    return int(tail) if re.match(r"^[0-9]{1,9}$", tail) else None


def _linkedin_url(name, organisation, issued, cert_url, cert_id):
    from werkzeug.urls import url_encode
    params = {"startTask": "CERTIFICATION_NAME", "name": name or "",
              "organizationName": organisation or "", "certUrl": cert_url, "certId": cert_id}
    if issued:
        params.update(issueYear=issued.year, issueMonth=issued.month)
    return "https://www.linkedin.com/profile/add?" + url_encode(params)
