import logging
import os

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import config

from ..openbadges_engine import dataintegrity, jsonld, signing

_logger = logging.getLogger(__name__)

#: the option of the Odoo configuration file naming the file that holds the passphrase
PASSPHRASE_FILE_OPTION = "pepites_badge_key_passphrase_file"
#: or the passphrase itself, in the server's environment
PASSPHRASE_ENV = "PEPITES_BADGE_KEY_PASSPHRASE"
#: the private key columns and the queries finding and encrypting the ones stored in clear
CLEAR_KEY_QUERIES = {
    "private_key_pem": (
        "SELECT id, private_key_pem FROM pepites_badge_key WHERE private_key_pem LIKE %s",
        "UPDATE pepites_badge_key SET private_key_pem = %s WHERE id = %s"),
    "ed25519_private_pem": (
        "SELECT id, ed25519_private_pem FROM pepites_badge_key WHERE ed25519_private_pem LIKE %s",
        "UPDATE pepites_badge_key SET ed25519_private_pem = %s WHERE id = %s"),
}


def key_passphrase():
    """The passphrase of the signing keys, or ``None`` when none is configured (development).

    A secret of the deployment, never in the database nor in git: the file named by
    ``pepites_badge_key_passphrase_file`` (make prod and the compose profile set it to a secret
    file), else the variable ``PEPITES_BADGE_KEY_PASSPHRASE``. With it, the private keys are
    stored encrypted: a stolen backup cannot sign badges in the issuer's name.

    :raises OSError: when the configured file cannot be read
    """
    path = config.get(PASSPHRASE_FILE_OPTION)
    if path:
        with open(path, encoding="utf-8") as handle:
            return handle.read().strip() or None
    return os.environ.get(PASSPHRASE_ENV) or None


class PepitesBadgeKey(models.Model):
    """An RSA key pair of an issuer (``CryptographicKey``). The private half signs assertions and
    is readable by PEPITES managers only; the public half is published at ``/badges/keys/<id>``,
    also after the key is retired (key rotation).

    Beside it, an Ed25519 pair for the Data Integrity proofs (``eddsa-rdfc-2022``) of the Open
    Badges 3.0 credentials this key signs as VC-JWT: one record, one rotation — retiring the key
    retires both halves, and both stay published (the JWK Set, the issuer's Multikeys)."""

    _name = "pepites.badge.key"
    _description = "Badge signing key"
    _order = "issuer_id, id desc"

    name = fields.Char(compute="_compute_name")
    issuer_id = fields.Many2one("pepites.badge.issuer", string="Issuer", required=True,
                                ondelete="restrict", index=True)
    state = fields.Selection([("active", "Signing"), ("retired", "Retired (still verifiable)")],
                             default="active", required=True, readonly=True, index=True)
    public_key_pem = fields.Text(string="Public key (PEM)", readonly=True, copy=False)
    private_key_pem = fields.Text(string="Private key (PEM)", readonly=True, copy=False,
                                  groups="pepites_partners.group_pepites_manager")
    retired_on = fields.Datetime(string="Retired on", readonly=True, copy=False)
    ed25519_private_pem = fields.Text(string="Ed25519 private key (PEM)", readonly=True,
                                      copy=False, groups="pepites_partners.group_pepites_manager")
    ed25519_public_multibase = fields.Char(string="Ed25519 public key (Multikey)", readonly=True,
                                           copy=False)
    public_url = fields.Char(string="Public URL", compute="_compute_public_url")

    @api.model
    def create(self, vals):
        if not vals.get("public_key_pem"):
            private_pem, public_pem = signing.generate_rsa_key(passphrase=self._passphrase())
            vals = dict(vals, private_key_pem=private_pem, public_key_pem=public_pem)
        if not vals.get("ed25519_public_multibase"):
            vals = dict(vals, **self._new_ed25519_values())
        return super(PepitesBadgeKey, self).create(vals)

    @api.model
    def _new_ed25519_values(self):
        """The fields of a new Ed25519 pair, the private half encrypted like the RSA one."""
        private_key = dataintegrity.generate_key()
        return {"ed25519_private_pem": signing.private_pem_of(private_key, self._passphrase()),
                "ed25519_public_multibase": dataintegrity.multikey(
                    dataintegrity.public_raw_of(private_key))}

    @api.model
    def _ensure_ed25519(self):
        """Give every key without one (made before 11.0.1.5.0) its Ed25519 pair, retired keys
        included: the credentials they signed get their Data Integrity proof from them.

        :return: how many keys got one
        """
        # sudo: an upgrade step; the private halves are written, never shown
        keys_sudo = self.sudo().search([("ed25519_public_multibase", "=", False)])
        for key_sudo in keys_sudo:
            key_sudo.write(self._new_ed25519_values())
        return len(keys_sudo)

    def _compute_name(self):
        for key in self:
            key.name = _("Key #%s of %s") % (key.id, key.issuer_id.name)

    def _compute_public_url(self):
        Issuer = self.env["pepites.badge.issuer"]
        for key in self:
            key.public_url = key.id and Issuer._badge_url("key", key.id) or False

    def action_retire(self):
        """Stop signing with these keys; they stay published to verify what they signed."""
        self.filtered(lambda k: k.state == "active").write(
            {"state": "retired", "retired_on": fields.Datetime.now()})
        return True

    def unlink(self):
        """Keys that signed badges stay (retired) so that the badges keep verifying; access is
        checked before, so that a user without rights gets an access error, not this advice.

        :raises UserError: on a key that signed badges
        """
        self.check_access_rights("unlink")
        self.check_access_rule("unlink")
        if self.env["pepites.badge.assertion"].search_count([("signing_key_id", "in", self.ids)]):
            raise UserError(_("This key signed badges: retire it instead, so that they keep "
                              "verifying."))
        return super(PepitesBadgeKey, self).unlink()

    @api.model
    def _public_pem_at(self, url):
        """The public half of this platform's key published at ``url`` (today's public URL),
        or ``None``: to verify an imported badge signed here."""
        tail = (url or "").rstrip("/").rsplit("/", 1)[-1]
        key = self.browse(int(tail)).exists() if tail.isdigit() and len(tail) < 10 \
            else self.browse()
        return key.public_key_pem if key and key.public_url == url else None

    def _ob_json(self):
        self.ensure_one()
        url = self.env["pepites.badge.issuer"]._badge_url
        return jsonld.cryptographic_key(url("key", self.id), url("issuer", self.issuer_id.id),
                                        self.public_key_pem)

    def _private_key(self):
        """The loaded private key, for signing only (it never leaves the server).

        :raises UserError: when the key is encrypted and the passphrase is missing or wrong
        """
        self.ensure_one()
        # sudo: staff sign badges without being allowed to read the private key field
        key_sudo = self.sudo()
        try:
            return signing.load_private_key(key_sudo.private_key_pem, self._passphrase())
        except signing.KeyPassphraseError as error:
            _logger.warning("signing key %s: %s", self.id, error)
            raise UserError(_(
                "The signing key of %s cannot be opened: its passphrase is missing or wrong. "
                "Badges cannot be signed until the administrator restores it (%s in the server's "
                "configuration).") % (key_sudo.issuer_id.name, PASSPHRASE_FILE_OPTION))

    def _ed25519_private_key(self):
        """The loaded Ed25519 private key, for Data Integrity proofs only.

        :raises UserError: as :meth:`_private_key`
        """
        self.ensure_one()
        # sudo: the public credential's proof is made without reading rights on the key field
        key_sudo = self.sudo()
        if not key_sudo.ed25519_private_pem:
            key_sudo._ensure_ed25519()
        try:
            return signing.load_private_key(key_sudo.ed25519_private_pem, self._passphrase())
        except signing.KeyPassphraseError as error:
            _logger.warning("Ed25519 key %s: %s", self.id, error)
            raise UserError(_(
                "The signing key of %s cannot be opened: its passphrase is missing or wrong. "
                "Badges cannot be signed until the administrator restores it (%s in the server's "
                "configuration).") % (key_sudo.issuer_id.name, PASSPHRASE_FILE_OPTION))

    @api.model
    def _passphrase(self):
        """:func:`key_passphrase`, its file's failure said in French."""
        try:
            return key_passphrase()
        except OSError as error:
            _logger.warning("%s: %s", PASSPHRASE_FILE_OPTION, error)
            raise UserError(_("The passphrase file of the signing keys cannot be read: %s")
                            % config.get(PASSPHRASE_FILE_OPTION))

    @api.model
    def _encrypt_stored_keys(self):
        """Encrypt with the passphrase every private key still stored in clear (keys made before
        a passphrase was configured). Called at every start; a no-op without passphrase.

        :return: how many keys were encrypted
        """
        try:
            passphrase = key_passphrase()
        except OSError as error:
            _logger.error("%s: %s", PASSPHRASE_FILE_OPTION, error)
            return 0
        if not passphrase:
            return 0
        count = 0
        # the clear ones only: one query a column, whatever the number of keys
        for column, (select, update) in CLEAR_KEY_QUERIES.items():
            self.env.cr.execute(select, ("-----BEGIN PRIVATE KEY-----%",))
            rows = self.env.cr.fetchall()
            for key_id, pem in rows:
                self.env.cr.execute(update, (signing.private_pem_of(
                    signing.load_private_key(pem), passphrase), key_id))
            if rows:
                self.invalidate_cache([column], [key_id for key_id, _pem in rows])
            count += len(rows)
        if count:
            _logger.info("%d private key(s) now stored encrypted with the passphrase", count)
        return count

    def _register_hook(self):
        """At every start: the keys stored in clear are encrypted once a passphrase is set."""
        super(PepitesBadgeKey, self)._register_hook()
        self._encrypt_stored_keys()
