import base64
import json

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.pepites_partners.personal_data import CLEAR

from ..openbadges_engine import external

class PepitesBadgeExternal(models.Model):
    """An Open Badge a person earned elsewhere and brought into their PEPITES record (from
    their contact form, by INAÉ staff, or from /my/badges, by the holder).

    It is checked before it is kept (:mod:`..openbadges_engine.external`): an assertion awarded
    to the person's e-mail address, not expired, and for a signed badge a signature that matches
    (a tampered file is refused, nothing is written). A hosted badge cannot be fetched from this
    server: it is kept "not verified", which the record and /my/badges say."""

    _name = "pepites.badge.external"
    _inherit = ["pepites.privacy.mixin"]
    _description = "External badge"
    _order = "issued_on desc, id desc"

    # personal-data map (issue 15): kept while the holder keeps them; on erasure the file, its
    # JSON and its image are removed, the badge's and issuer's names and the dates stay
    _privacy_kind = "external_badges"
    _privacy_person_fields = ("partner_id",)
    _privacy_blank = {"original_json": CLEAR, "signed_jws": CLEAR, "ob_id": CLEAR,
                      "badge_url": CLEAR}
    _privacy_kept = ("name", "issuer_name", "issued_on", "expires_on", "verification_state")

    partner_id = fields.Many2one("res.partner", string="Holder", required=True, readonly=True,
                                 ondelete="cascade", index=True)
    name = fields.Char(string="Badge", required=True, readonly=True)
    issuer_name = fields.Char(string="Issuer", readonly=True)
    badge_url = fields.Char(string="Badge class URL", readonly=True)
    image = fields.Binary(string="Image", attachment=True, readonly=True)
    issued_on = fields.Datetime(string="Issued on", required=True, readonly=True)
    expires_on = fields.Datetime(string="Expires on", readonly=True)
    ob_id = fields.Char(string="Open Badges id", readonly=True, index=True,
                        help="The id (URL) the issuer gave the badge.")
    original_json = fields.Text(string="Original assertion (JSON)", readonly=True)
    signed_jws = fields.Text(string="Signed badge (JWS)", readonly=True)
    verification_state = fields.Selection(
        external.STATES, string="Verification", required=True, readonly=True,
        help="Signature verified: the badge is signed and its signature matches its content. "
             "Not verified: a hosted badge, which this server cannot fetch from its issuer.")
    imported_by_id = fields.Many2one("res.users", string="Imported by", readonly=True,
                                     ondelete="set null")

    _sql_constraints = [
        ("partner_ob_id_uniq", "UNIQUE(partner_id, ob_id)",
         "This badge is already in this person's record."),
    ]

    @api.model
    def _import_file(self, partner, data):
        """Verify the badge ``data`` (baked PNG bytes, JSON text or a JWS) and keep it on
        ``partner``'s record; the caller checked it may (:meth:`_portal_import`, the staff's
        wizard). Nothing is written when it is refused.

        :return: the new ``pepites.badge.external``
        :raises UserError: with the French reason of the refusal
        """
        if not data:
            raise UserError(_("Choose the badge file (PNG image or JSON)."))
        own = self._pepites_badge_of(data)
        if own is not None:
            raise UserError(own)
        # sudo: the keys of this platform verify a badge signed here (the public halves only)
        Key_sudo = self.env["pepites.badge.key"].sudo()
        try:
            found = external.read(data, partner.email,
                                  fields.Datetime.from_string(fields.Datetime.now()),
                                  local_key=lambda url: Key_sudo._public_pem_at(url))
        except external.ExternalBadgeError as error:
            raise UserError(self._refusal(error.code))
        if found["ob_id"] and self.sudo().search_count(
                [("partner_id", "=", partner.id), ("ob_id", "=", found["ob_id"])]):
            raise UserError(_("This badge is already in this person's record."))
        # sudo: the caller's right to add a badge to this person was checked by the caller
        return self.sudo().create({
            "partner_id": partner.id, "name": (found["badge_name"] or _("Badge"))[:256],
            "issuer_name": found["issuer_name"], "badge_url": found["badge_url"],
            "image": found["image"] and base64.b64encode(found["image"]),
            "issued_on": fields.Datetime.to_string(found["issued_on"]),
            "expires_on": found["expires_on"] and fields.Datetime.to_string(found["expires_on"]),
            "ob_id": found["ob_id"], "signed_jws": found["token"],
            "original_json": json.dumps(found["payload"], ensure_ascii=False, indent=2),
            "verification_state": found["state"], "imported_by_id": self.env.uid})

    @api.model
    def _refusal(self, code):
        """The translated refusal of an import, by :data:`external.CODES` (a method: ``_()``
        finds the user's language through ``self``)."""
        return {
            "too_large": _("This file is too large to be a badge."),
            "format": _("This is not an Open Badge (neither JSON, a signed badge nor a baked "
                        "PNG image)."),
            "not_assertion": _("This file is not an Open Badges 2.0 assertion (a badge awarded "
                               "to a person, with its date and its badge)."),
            "recipient": _("This badge was not awarded to this person's e-mail address."),
            "signature": _("The signature of the badge does not match its content: the file "
                           "was altered. It cannot be imported."),
            "expired": _("This badge has expired: it cannot be imported."),
        }[code]

    @api.model
    def _pepites_badge_of(self, data):
        """The refusal of a badge this platform issued (it is a PEPITES badge, not an external
        one), or ``None``: an altered one is refused as such."""
        result = self.env["pepites.badge.assertion"]._verify_badge(data)
        if not result["assertion"]:
            return None
        if result["status"] == "invalid":
            return _("This PEPITES badge was altered: it cannot be imported (%s)") \
                % " ".join(result["errors"])
        return _("This badge was issued by PEPITES: it is already among its holder's badges.")

    @api.model
    def _portal_import(self, data):
        """The logged-in holder imports one of their own badges from /my/badges: onto their
        own contact only (no id comes from the form).

        :raises UserError: as :meth:`_import_file`
        """
        partner = self.env.user.partner_id
        return self._import_file(partner, data)

    @api.model
    def _staff_import(self, partner, data):
        """INAÉ staff import a badge onto a person's record (the contact's wizard).

        :raises AccessError: when the user is not INAÉ staff
        :raises UserError: as :meth:`_import_file`
        """
        if not self.env.user.has_group("pepites_partners.group_pepites_user"):
            raise AccessError(_("Only INAÉ staff import badges onto a person's record."))
        partner.with_env(self.env).check_access_rule("write")
        return self._import_file(partner, data)

    def _image_data_uri(self):
        self.ensure_one()
        return self.image and "data:image/png;base64," + self.image.decode("ascii") or False
