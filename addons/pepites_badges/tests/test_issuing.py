import base64
import json

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from ..openbadges_engine import baking, identity, signing
from .common import BadgesCase


class TestIssuing(BadgesCase):

    def test_identity_hash_lower_cases_email_with_one_salt_per_assertion(self):
        """The recipient is the sha256 of the lower-cased e-mail plus a salt of its own; the
        upper-case address typed by the earner still matches."""
        alice_hosted = self.issue(self.hosted, self.alice)
        alice_signed = self.issue(self.signed, self.alice)
        self.assertEqual(alice_hosted.recipient_email, "alice.martin@example.org")
        self.assertNotEqual(alice_hosted.recipient_salt, alice_signed.recipient_salt)
        self.assertNotEqual(alice_hosted.recipient_identity, alice_signed.recipient_identity)
        self.assertEqual(alice_hosted.recipient_identity, identity.hash_identity(
            "alice.martin@example.org", alice_hosted.recipient_salt))
        self.assertTrue(alice_hosted._recipient_matches("ALICE.MARTIN@EXAMPLE.ORG"))
        self.assertFalse(alice_hosted._recipient_matches("bob.durand@example.org"))
        document = alice_hosted._ob_json()
        self.assertEqual(document["recipient"], {
            "type": "email", "hashed": True, "salt": alice_hosted.recipient_salt,
            "identity": alice_hosted.recipient_identity})
        self.assertNotIn("alice", json.dumps(document).lower())

    def test_hosted_assertion_document(self):
        """A hosted assertion has its ids on the public URL, a timezone on its dates, its expiry,
        its evidence, and the same document baked in its PNG."""
        assertion = self.issue(self.hosted, self.bob, evidence_url="https://preuves.example.org/1",
                               narrative="Tutorat de trois salariés.")
        document = assertion._ob_json()
        self.assertEqual(document["id"], "%s/badges/assertions/%s" % (self.ob_base_url, assertion.uuid))
        self.assertEqual(document["badge"], "%s/badges/classes/%s" % (self.ob_base_url, self.hosted.uuid))
        self.assertTrue(document["issuedOn"].endswith("+00:00"))
        self.assertTrue(document["expires"].endswith("+00:00"))
        self.assertEqual(document["verification"], {"type": "hosted"})
        self.assertEqual(document["evidence"], [{"id": "https://preuves.example.org/1",
                                                 "narrative": "Tutorat de trois salariés."}])
        baked = baking.unbake(base64.b64decode(assertion.baked_image))
        self.assertEqual(json.loads(baked), document)
        self.assertEqual(assertion.state, "valid")
        self.assertEqual(assertion.issued_by_id, self.users["staff"])

    def test_signed_assertion(self):
        """A signed assertion is a JWS RS256 of the document, made with the issuer's active key,
        whose URL is verification.creator; the PNG holds the JWS."""
        assertion = self.issue(self.signed, self.bob)
        key = self.inae.active_key_id
        self.assertEqual(assertion.signing_key_id, key)
        payload = signing.verify(assertion.signed_jws, key.public_key_pem)
        self.assertEqual(payload["verification"], {
            "type": "signed", "creator": "%s/badges/keys/%d" % (self.ob_base_url, key.id)})
        self.assertEqual(payload, assertion._ob_json())
        self.assertEqual(baking.unbake(base64.b64decode(assertion.baked_image)), assertion.signed_jws)

    def test_duplicate_is_skipped_and_repeatable_class_is_not(self):
        """A second award of a non-repeatable badge to the same person is skipped; a repeatable
        badge can be earned again."""
        first = self.issue(self.hosted, self.bob | self.carla)
        self.assertEqual(len(first), 2)
        again = self.issue(self.hosted, self.bob | self.carla)
        self.assertFalse(again)
        self.assertEqual(self.hosted.assertion_count, 2)
        self.issue(self.repeatable, self.bob)
        self.assertEqual(len(self.issue(self.repeatable, self.bob)), 1)
        self.assertEqual(self.repeatable.assertion_count, 2)

    def test_duplicate_after_revocation_is_issued(self):
        """Once revoked, a badge may be issued again to the same person."""
        first = self.issue(self.hosted, self.bob)
        first.action_revoke("Erreur de saisie")
        self.assertEqual(len(self.issue(self.hosted, self.bob)), 1)

    def test_database_refuses_a_concurrent_duplicate(self):
        """The partial unique index refuses a second active badge of the same class for the
        same person, whatever the path (two bulk runs at once)."""
        first = self.issue(self.hosted, self.bob)
        values = first.sudo().copy_data()[0]
        values.update(uuid="00000000-0000-4000-8000-000000000001")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env["pepites.badge.assertion"].sudo().create(values)

    def test_retired_draft_or_archived_class_is_refused(self):
        """A badge that is draft, retired or archived cannot be issued; nothing is written."""
        for change in ({"state": "draft"}, {"state": "retired"}, {"active": False}):
            badge = self.hosted.copy({"name": "Copie", "state": "published"})
            badge.write(change)
            with self.assertRaises(UserError):
                self.issue(badge, self.bob)
            self.assertFalse(badge.with_context(active_test=False).assertion_ids)

    def test_invalid_email_or_unknown_partner_writes_nothing(self):
        """issue_to refuses a recipient without a valid e-mail or unknown, and writes nothing."""
        before = self.env["pepites.badge.assertion"].search_count([])
        with self.assertRaises(UserError):
            self.issue(self.hosted, self.bob | self.no_email)
        self.carla.email = "carla@"
        with self.assertRaises(UserError):
            self.issue(self.hosted, self.carla)
        with self.assertRaises(UserError):
            self.env["pepites.badge.class"].sudo(self.users["staff"]).issue_to(
                self.hosted.ids, [999999999])
        with self.assertRaises(UserError):
            self.issue(self.hosted, self.bob, evidence_url="javascript:alert(1)")
        self.assertEqual(self.env["pepites.badge.assertion"].search_count([]), before)

    def test_expiry(self):
        """A badge past its expiry date is reported as expired by our own verification."""
        assertion = self.issue(self.hosted, self.bob)
        self.assertEqual(assertion.state, "valid")
        assertion.sudo().write({"expires_on": "2020-01-01 00:00:00"})
        self.assertEqual(assertion.state, "expired")
        self.assertIn(assertion, self.env["pepites.badge.assertion"].search([("state", "=", "expired")]))
        self.assertNotIn(assertion, self.env["pepites.badge.assertion"].search([("state", "=", "valid")]))

    def test_award_emails_are_queued_not_sent(self):
        """The award e-mail is queued as an outgoing mail.mail, never sent inline; large runs
        leave it to the cron."""
        assertion = self.issue(self.hosted, self.bob)
        self.assertEqual(assertion.mail_state, "queued")
        mail = self.env["mail.mail"].search([("email_to", "=", "bob.durand@example.org")])
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "outgoing")
        self.assertIn(assertion.verify_url, mail.body_html)
        results = self.repeatable._issue_batch(
            [{"partner_id": self.carla.id, "email": self.carla.email}] * 60)
        new = self.env["pepites.badge.assertion"].browse([r["assertion_id"] for r in results])
        self.assertEqual(set(new.mapped("mail_state")), {"pending"})
        self.env["pepites.badge.assertion"]._cron_queue_award_emails()
        self.assertEqual(set(new.mapped("mail_state")), {"queued"})

    def test_class_image_must_be_png(self):
        """A badge image that is not a PNG is refused (it could not be baked)."""
        with self.assertRaises(ValidationError):
            self.hosted.image = base64.b64encode(b"GIF89a not a png")

    def test_issuing_rights(self):
        """Staff issue every badge; a partner API user only the badges of an issuer that lists
        them; a portal holder none."""
        Class = self.env["pepites.badge.class"]
        ids = Class.sudo(self.users["api"]).issue_to(
            self.siae_class.ids, [{"email": self.bob.email, "name": self.bob.name}])
        self.assertEqual(len(ids), 1)
        with self.assertRaises(AccessError):
            Class.sudo(self.users["api"]).issue_to(self.hosted.ids, self.bob.ids)
        with self.assertRaises(AccessError):
            Class.sudo(self.users["api_other"]).issue_to(self.siae_class.ids, self.carla.ids)
        with self.assertRaises(AccessError):
            Class.sudo(self.users["holder"]).issue_to(self.hosted.ids, self.carla.ids)
        with self.assertRaises(AccessError):
            self.env["pepites.badge.assertion"].sudo(self.users["api"]).create({})
