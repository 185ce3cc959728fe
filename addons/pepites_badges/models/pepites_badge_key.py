from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..openbadges_engine import jsonld, signing


class PepitesBadgeKey(models.Model):
    """An RSA key pair of an issuer (``CryptographicKey``). The private half signs assertions and
    is readable by PEPITES managers only; the public half is published at ``/badges/keys/<id>``,
    also after the key is retired (key rotation)."""

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
    public_url = fields.Char(string="Public URL", compute="_compute_public_url")

    @api.model
    def create(self, vals):
        if not vals.get("public_key_pem"):
            private_pem, public_pem = signing.generate_rsa_key()
            vals = dict(vals, private_key_pem=private_pem, public_key_pem=public_pem)
        return super(PepitesBadgeKey, self).create(vals)

    def _compute_name(self):
        for key in self:
            key.name = _("Key #%s of %s") % (key.id, key.issuer_id.name)

    def _compute_public_url(self):
        base = self.env["pepites.badge.issuer"]._badge_base_url()
        for key in self:
            key.public_url = "%s/badges/keys/%d" % (base, key.id) if key.id else False

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

    def _ob_json(self):
        self.ensure_one()
        base = self.env["pepites.badge.issuer"]._badge_base_url()
        return jsonld.cryptographic_key("%s/badges/keys/%d" % (base, self.id),
                                        "%s/badges/issuers/%d" % (base, self.issuer_id.id),
                                        self.public_key_pem)

    def _private_key(self):
        """The loaded private key, for signing only (it never leaves the server)."""
        self.ensure_one()
        # sudo: staff sign badges without being allowed to read the private key field
        key_sudo = self.sudo()
        return signing.load_private_key(key_sudo.private_key_pem)
