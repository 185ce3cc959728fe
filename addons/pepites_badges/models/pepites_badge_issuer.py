import base64

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..openbadges_engine import dataintegrity, identity, jsonld, ob3, statuslist, urls


class PepitesBadgeIssuer(models.Model):
    """An Open Badges issuer profile: INAÉ by default; a SIAE may issue its own badges, endorsed by
    INAÉ. Its RSA keys sign the signed assertions; retired keys stay published so that badges
    signed before a rotation keep verifying."""

    _name = "pepites.badge.issuer"
    _description = "Badge issuer"
    _order = "is_default desc, name"

    name = fields.Char(required=True)
    partner_id = fields.Many2one("res.partner", string="Organisation", ondelete="restrict",
                                 domain=[("is_company", "=", True)],
                                 help="INAÉ, or the SIAE issuing its own badges.")
    url = fields.Char(string="Website", required=True)
    email = fields.Char(required=True, help="Public contact address of the issuer.")
    telephone = fields.Char()
    description = fields.Text()
    image = fields.Binary(attachment=True, help="Logo (PNG), published with the profile.")
    is_default = fields.Boolean(string="Default issuer", copy=False,
                                help="Issuer of new badge classes (INAÉ).")
    endorsed_by_id = fields.Many2one("pepites.badge.issuer", string="Endorsed by",
                                     ondelete="restrict",
                                     help="The issuer (INAÉ) vouching for this one.")
    endorsement_comment = fields.Text(string="Endorsement comment")
    endorsed_on = fields.Datetime(string="Endorsed on")
    key_ids = fields.One2many("pepites.badge.key", "issuer_id", string="Keys",
                              groups="pepites_partners.group_pepites_user")
    active_key_id = fields.Many2one("pepites.badge.key", string="Signing key",
                                    compute="_compute_active_key_id",
                                    groups="pepites_partners.group_pepites_user")
    issuer_user_ids = fields.Many2many(
        "res.users", "pepites_badge_issuer_res_users_rel", "issuer_id", "user_id",
        string="Users allowed to issue", groups="pepites_partners.group_pepites_user",
        help="Partner API or SIAE portal users who may issue this issuer's badges (XML-RPC "
             "issue_to). INAÉ staff may always issue.")
    badge_class_ids = fields.One2many("pepites.badge.class", "issuer_id", string="Badge classes")
    badge_class_count = fields.Integer(compute="_compute_counts", string="Badge classes")
    assertion_count = fields.Integer(compute="_compute_counts", string="Badges issued")
    public_url = fields.Char(string="Public URL", compute="_compute_public_url")
    active = fields.Boolean(default=True)

    @api.model_cr
    def init(self):
        # one default issuer, even under concurrent writes
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS pepites_badge_issuer_default_uniq "
            "ON pepites_badge_issuer (is_default) WHERE is_default")

    @api.model
    def _badge_base_url(self):
        """The origin of the Open Badges documents served now (issuers, keys, badge classes,
        endorsements, revocation lists) and of the ids of the badges issued from now on, without
        trailing slash: the platform's canonical public URL (``pepites_public_url`` of the
        configuration file), never the host name of a request or an admin's last login. A badge
        keeps the ids it was issued with (``pepites.badge.assertion.ob_id``)."""
        return self.env["ir.config_parameter"]._pepites_public_url()

    @api.model
    def _badge_url(self, kind, key=None):
        """The absolute URL of the ``kind`` address of ``key`` on :meth:`_badge_base_url`
        (``kind`` as in :data:`..openbadges_engine.urls.PATHS`)."""
        return urls.url(self._badge_base_url(), kind, key)

    @api.model
    def _default_issuer(self):
        return self.search([("is_default", "=", True)], limit=1)

    def _compute_public_url(self):
        for issuer in self:
            issuer.public_url = issuer.id and self._badge_url("issuer", issuer.id) or False

    @api.depends("key_ids.state")
    def _compute_active_key_id(self):
        keys = self.env["pepites.badge.key"].search(
            [("issuer_id", "in", self.ids), ("state", "=", "active")], order="id desc")
        by_issuer = {}
        for key in keys:
            by_issuer.setdefault(key.issuer_id.id, key)
        for issuer in self:
            issuer.active_key_id = by_issuer.get(issuer.id, False)

    def _compute_counts(self):
        class_counts = self.env["pepites.badge.class"].with_context(
            active_test=False)._pepites_count_by("issuer_id", self.ids)
        assertion_counts = self.env["pepites.badge.assertion"]._count_by(
            "issuer_id", self.ids, revoked=None)
        for issuer in self:
            issuer.badge_class_count = class_counts.get(issuer.id, 0)
            issuer.assertion_count = assertion_counts.get(issuer.id, 0)

    @api.constrains("email")
    def _check_email(self):
        """:raises ValidationError: on an issuer e-mail address that is not one address."""
        for issuer in self:
            if not identity.is_valid_email(issuer.email):
                raise ValidationError(_("The e-mail address \"%s\" of the issuer is invalid.")
                                      % issuer.email)

    @api.constrains("url")
    def _check_url(self):
        """:raises ValidationError: when the website is not an http(s) URL."""
        for issuer in self:
            if not (issuer.url or "").startswith(("http://", "https://")):
                raise ValidationError(_("The website of the issuer must start with https://."))

    @api.constrains("endorsed_by_id")
    def _check_endorsed_by(self):
        """:raises ValidationError: when an issuer endorses itself."""
        for issuer in self:
            if issuer.endorsed_by_id == issuer:
                raise ValidationError(_("An issuer cannot endorse itself."))

    @api.constrains("image")
    def _check_image(self):
        """:raises ValidationError: when the logo is not a PNG image."""
        for issuer in self.filtered("image"):
            if not base64.b64decode(issuer.image).startswith(b"\x89PNG"):
                raise ValidationError(_("The logo of an issuer must be a PNG image."))

    # ----------------------------------------------------------------- keys
    def action_rotate_key(self):
        """Create a new signing key. The previous one is retired but stays published at its URL
        (owner: this issuer), so that badge files signed with it keep verifying on our
        verification page; the signed badges we host are signed again with the new key, because
        the issuer profile names one key (the 1EdTech validator 1.1.2 accepts a single
        ``publicKey``)."""
        Key = self.env["pepites.badge.key"]
        for issuer in self:
            issuer.key_ids.filtered(lambda k: k.state == "active").action_retire()
            key = Key.create({"issuer_id": issuer.id})
            # sudo: every signed badge of the issuer, whoever issued it
            signed_sudo = self.env["pepites.badge.assertion"].sudo().search(
                [("issuer_id", "=", issuer.id), ("signed_jws", "!=", False),
                 ("revoked", "=", False)])
            signed_sudo._resign(key)
        return True

    def _ensure_key(self):
        """Give a signing key to the issuers that have none (called at install)."""
        for issuer in self.filtered(lambda i: not i.active_key_id):
            self.env["pepites.badge.key"].create({"issuer_id": issuer.id})
        return True

    @api.model
    def _ensure_default_issuer_key(self):
        return self._default_issuer()._ensure_key()

    def action_endorse(self):
        """INAÉ (the default issuer) endorses these issuers.

        :raises UserError: when there is no default issuer or it would endorse itself
        """
        default = self._default_issuer()
        if not default:
            raise UserError(_("Set the default issuer (INAÉ) first."))
        for issuer in self:
            if issuer == default:
                raise UserError(_("The default issuer cannot endorse itself."))
            issuer.write({"endorsed_by_id": default.id, "endorsed_on": fields.Datetime.now()})
        return True

    # ----------------------------------------------------------------- Open Badges documents
    def _ob_json(self):
        self.ensure_one()
        url = self._badge_url
        return jsonld.issuer_profile(
            url("issuer", self.id), self.name, self.url, self.email,
            description=self.description,
            image=self.image and url("issuer_image", self.id) or None,
            public_keys=self.active_key_id and [url("key", self.active_key_id.id)],
            revocation_list=url("revocations", self.id),
            endorsements=self.endorsed_by_id and [url("endorsement", self.id)],
            telephone=self.telephone)

    def _ob_endorsement_json(self):
        self.ensure_one()
        if not self.endorsed_by_id:
            return None
        url = self._badge_url
        return jsonld.endorsement(
            url("endorsement", self.id), url("issuer", self.endorsed_by_id.id),
            url("issuer", self.id),
            self.endorsement_comment or _("%s issues Open Badges of the IAE in Nouvelle-Aquitaine "
                                          "under the PEPITES programme.") % self.name,
            fields.Datetime.from_string(self.endorsed_on or self.create_date))

    def _ob_revocation_list_json(self):
        """The RevocationList of this issuer: every revoked assertion, with its reason."""
        self.ensure_one()
        # the ids the badges were issued with: what their holders' files and verifiers name
        self.env.cr.execute(
            """SELECT ob_id, revocation_reason FROM pepites_badge_assertion
               WHERE issuer_id = %s AND revoked ORDER BY revoked_on, id""", (self.id,))
        revoked = self.env.cr.fetchall()
        return jsonld.revocation_list(self._badge_url("revocations", self.id),
                                      self._badge_url("issuer", self.id), revoked)

    # ----------------------------------------------------------------- Open Badges 3.0
    def _ob3_signing_key(self):
        """The key that signs this issuer's credentials: its active key; an issuer without one
        (a SIAE issuing hosted 2.0 badges only) gets one, as every credential is signed."""
        self.ensure_one()
        # sudo: the issuing right was checked by the caller; keys are for staff eyes only
        issuer_sudo = self.sudo()
        if not issuer_sudo.active_key_id:
            issuer_sudo._ensure_key()
            issuer_sudo.invalidate_cache(["key_ids", "active_key_id"], issuer_sudo.ids)
        return issuer_sudo.active_key_id

    def _ob3_profile_json(self, origin=None):
        """The issuer's Open Badges 3.0 ``Profile`` (the same values as its 2.0 profile), its id
        on ``origin`` (today's public URL by default)."""
        self.ensure_one()
        origin = origin or self._badge_base_url()
        profile_id = urls.url(origin, "issuer_v3", self.id)
        profile = dict({"@context": list(ob3.CONTEXTS)},
                       **ob3.profile(self._ob_json(), profile_id))
        # the controller document of the Data Integrity proofs: a verifier dereferences a
        # proof's verificationMethod (<profile>#ed25519-<key>) here
        methods = [dataintegrity.verification_method(profile_id, method_id, multibase)
                   for method_id, multibase in sorted(self._ob3_methods(profile_id).items())]
        if methods:
            profile.update(verificationMethod=methods,
                           assertionMethod=[method["id"] for method in methods])
        return profile

    def _ob3_methods(self, profile_id):
        """``{verification method URL: publicKeyMultibase}`` of every Ed25519 key this issuer
        ever had (current and retired: a proof made before a rotation keeps verifying)."""
        self.ensure_one()
        # sudo: the public halves of the keys (the private ones are not read)
        keys_sudo = self.env["pepites.badge.key"].sudo().search(
            [("issuer_id", "=", self.id), ("ed25519_public_multibase", "!=", False)], order="id")
        return {ob3.verification_method_id(profile_id, key.id): key.ed25519_public_multibase
                for key in keys_sudo}

    def _ob3_jwk_set(self, origin=None):
        """The issuer's JWK Set: every key it ever had, current and retired, so that a
        credential signed before a rotation keeps verifying; each ``kid`` is the key's place in
        the set at ``origin``, as the credentials name it."""
        self.ensure_one()
        jwks_url = urls.url(origin or self._badge_base_url(), "jwks", self.id)
        # sudo: the public halves of the keys (the private ones are not read)
        keys_sudo = self.env["pepites.badge.key"].sudo().search([("issuer_id", "=", self.id)],
                                                                order="id")
        return ob3.jwk_set([(ob3.kid(jwks_url, key.id), key.public_key_pem) for key in keys_sudo])

    def _ob3_status_list(self, origin=None):
        """The issuer's ``BitstringStatusListCredential``: the bit of each revoked badge set, as
        long as its highest index; dated by its last revocation (the same list, the same
        document). One query."""
        self.ensure_one()
        origin = origin or self._badge_base_url()
        self.env.cr.execute(
            """SELECT status_index, revoked, revoked_on FROM pepites_badge_assertion
               WHERE issuer_id = %s AND status_index > 0""", (self.id,))
        rows = self.env.cr.fetchall()
        revoked = [index for index, is_revoked, _on in rows if is_revoked]
        # Odoo's cursor gives timestamps as text ("2026-12-05 01:25:50.123"), as the ORM does
        dates = [on for _index, is_revoked, on in rows if is_revoked and on]
        valid_from = fields.Datetime.from_string(max(dates) if dates else self.create_date)
        return statuslist.status_list_credential(
            urls.url(origin, "status_list", self.id), urls.url(origin, "issuer_v3", self.id),
            revoked, valid_from, statuslist.size_for([row[0] for row in rows]))

    @api.model
    def _ob3_at(self, address, kind):
        """``(issuer, origin)`` of an issuer's ``kind`` URL read from a credential (any origin:
        what our keys signed names ours); an empty issuer otherwise."""
        found = urls.parse(address, kind)
        key = found and found[1]
        if not key or not key.isdigit() or len(key) > 9:
            return self.browse(), None
        return self.browse(int(key)).exists(), found[0]

    @api.model
    def _ob3_resolve_jwks(self, issuer_url):
        """The JWK Set of the issuer whose 3.0 id is ``issuer_url``, or ``None``."""
        issuer, origin = self._ob3_at(issuer_url, "issuer_v3")
        return issuer._ob3_jwk_set(origin) if issuer else None

    @api.model
    def _ob3_resolve_methods(self, issuer_url):
        """The Multikeys of the issuer whose 3.0 id is ``issuer_url`` (URL -> multibase), or
        ``None``."""
        issuer, origin = self._ob3_at(issuer_url, "issuer_v3")
        return issuer._ob3_methods(urls.url(origin, "issuer_v3", issuer.id)) if issuer else None

    @api.model
    def _ob3_resolve_status(self, list_url):
        """The status list at ``list_url`` when it is one of our issuers', or ``None``."""
        issuer, origin = self._ob3_at(list_url, "status_list")
        return issuer._ob3_status_list(origin) if issuer else None

    @api.model
    def _public_image(self, issuer_id):
        issuer = self.browse(issuer_id).exists()
        return issuer.image and base64.b64decode(issuer.image) or None

    @api.model
    def _portal_siae_issuer(self):
        """The issuer of the logged-in SIAE portal user's structure, when INAÉ (the default
        issuer) endorsed it: the SIAE then issues its own badge classes to its own people from
        /my/badges/issue. Empty otherwise (not a SIAE user, no issuer, not endorsed, archived).
        The endorsement is INAÉ's: only PEPITES managers write issuers."""
        user = self.env.user
        if not user.has_group("pepites_partners.group_pepites_siae"):
            return self.browse()
        issuer = self.search([("partner_id", "=", user.commercial_partner_id.id),
                              ("endorsed_by_id", "!=", False)], limit=1)
        return issuer if issuer.endorsed_by_id.is_default else self.browse()

    def _issue_allowed(self, user):
        """Tell whether ``user`` may issue badges of this issuer (staff always may)."""
        self.ensure_one()
        return user.has_group("pepites_partners.group_pepites_user") \
            or user in self.issuer_user_ids
