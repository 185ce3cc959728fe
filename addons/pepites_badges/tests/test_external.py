"""Importing a person's existing Open Badges 2.0 (issue 17): verified offline first (recipient,
expiry, a signed badge's signature with the key it embeds), kept as external badges on the
person's record; a tampered file is refused and nothing is written."""
import base64
import json

from odoo.exceptions import AccessError, UserError
from odoo.tests import common

from ..openbadges_engine import baking, identity, images, signing
from .common import BadgesCase

KEY_URL = "https://badges.cfa-sud.example.org/keys/1"


def assertion(email, salt="s4lt", **extra):
    """An Open Badges 2.0 assertion of another platform, its badge class embedded."""
    document = {
        "@context": "https://w3id.org/openbadges/v2", "type": "Assertion",
        "id": "https://badges.cfa-sud.example.org/assertions/%s" % extra.pop("key", "a1"),
        "recipient": {"type": "email", "hashed": True, "salt": salt,
                      "identity": identity.hash_identity(email, salt)},
        "issuedOn": "2025-03-01T10:00:00+00:00",
        "badge": {"type": "BadgeClass", "id": "https://badges.cfa-sud.example.org/classes/soudure",
                  "name": "Soudure à l'arc", "issuer": {"type": "Profile", "name": "CFA Sud"}},
        "verification": {"type": "hosted"}}
    document.update(extra)
    return document


@common.at_install(False)
@common.post_install(True)
class TestExternalBadges(BadgesCase):

    @classmethod
    def setUpClass(cls):
        super(TestExternalBadges, cls).setUpClass()
        cls.private, cls.public = signing.generate_rsa_key()
        cls.External = cls.env["pepites.badge.external"].sudo(cls.users["staff"])
        cls.png = images.default_badge_image("CFA")

    def signed_token(self, email, **extra):
        document = assertion(email, verification={"type": "signed", "creator": KEY_URL}, **extra)
        document["badge"]["issuer"]["publicKey"] = {"id": KEY_URL, "publicKeyPem": self.public}
        return signing.sign(document, self.private)

    def count(self):
        return self.env["pepites.badge.external"].search_count([])

    def test_hosted_json_kept_not_verified(self):
        """A hosted assertion of the person is kept, marked not verified (no internet here)."""
        text = json.dumps(assertion("alice.martin@example.org"))
        badge = self.External._staff_import(self.alice, text.encode())
        self.assertEqual((badge.partner_id, badge.name, badge.issuer_name, badge.verification_state),
                         (self.alice, "Soudure à l'arc", "CFA Sud", "unverified"))
        self.assertEqual(badge.issued_on, "2025-03-01 10:00:00")
        self.assertEqual(json.loads(badge.original_json)["id"],
                         "https://badges.cfa-sud.example.org/assertions/a1")
        self.assertIn(badge, self.alice.badge_external_ids)
        with self.assertRaises(UserError):  # the same badge twice
            self.External._staff_import(self.alice, text.encode())

    def test_signed_badge_and_baked_png_verified(self):
        """A signed badge whose issuer embeds its key is verified, as a JWS or baked into its
        PNG (whose image is kept)."""
        token = self.signed_token("alice.martin@example.org")
        badge = self.External._staff_import(self.alice, token.encode())
        self.assertEqual(badge.verification_state, "verified")
        self.assertEqual(badge.signed_jws, token)
        baked = baking.bake(self.png, self.signed_token("alice.martin@example.org", key="a2"))
        from_png = self.External._staff_import(self.alice, baked)
        self.assertEqual(from_png.verification_state, "verified")
        self.assertTrue(base64.b64decode(from_png.image).startswith(b"\x89PNG"))

    def test_tampered_files_refused_nothing_written(self):
        """A signed badge whose content was changed after signing (as a JWS or in its PNG), a
        badge of someone else, an expired one, a PEPITES badge altered: refused, nothing
        written."""
        head, body, signature = self.signed_token("alice.martin@example.org").split(".")
        payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        payload["badge"]["name"] = "Ingénieur en chef"
        forged = signing._b64encode(json.dumps(payload).encode())
        tampered = ".".join((head, forged, signature))
        pepites_badge = self.issue(self.hosted, self.alice)
        altered = json.loads(base64.b64decode(pepites_badge.baked_image) and baking.unbake(
            base64.b64decode(pepites_badge.baked_image)))
        altered["issuedOn"] = "2020-01-01T00:00:00+00:00"
        before = self.count()
        for label, data in (
                ("tampered JWS", tampered.encode()),
                ("tampered PNG", baking.bake(self.png, tampered)),
                ("other recipient", json.dumps(assertion("bob.durand@example.org")).encode()),
                ("expired", json.dumps(assertion("alice.martin@example.org",
                                                 expires="2025-06-01T00:00:00Z")).encode()),
                ("altered PEPITES badge", json.dumps(altered).encode()),
                ("PEPITES badge", base64.b64decode(pepites_badge.baked_image)),
                ("not a badge", b"hello"),
                ("not an assertion", json.dumps({"type": "BadgeClass"}).encode())):
            with self.assertRaises(UserError, msg=label):
                self.External._staff_import(self.alice, data)
        self.assertEqual(self.count(), before)

    def test_only_staff_import_onto_a_record_and_holders_see_theirs(self):
        """The staff's import is for INAÉ staff; the portal holder imports onto their own
        contact only and reads their own external badges, not another's."""
        text = json.dumps(assertion("alice.martin@example.org")).encode()
        holder = self.env["pepites.badge.external"].sudo(self.users["holder"])
        with self.assertRaises(AccessError):
            holder._staff_import(self.bob, text)
        mine = holder._portal_import(text)
        self.assertEqual(mine.partner_id, self.alice)
        self.assertEqual(holder.search([]), mine.sudo(self.users["holder"]))
        other = self.env["pepites.badge.external"].sudo(self.users["other_holder"])
        self.assertFalse(other.search([]))
        siae = self.env["pepites.badge.external"].sudo(self.users["siae"])
        self.assertFalse(siae.search([]))
        with self.assertRaises(UserError):  # bob's badge is not the holder's
            holder._portal_import(json.dumps(assertion("bob.durand@example.org", key="b")).encode())
