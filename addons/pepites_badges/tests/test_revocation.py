from odoo.exceptions import AccessError, UserError

from .common import BadgesCase


class TestRevocation(BadgesCase):

    def test_revoke_one_with_reason(self):
        """A revoked badge records its date and reason, is listed in the issuer's revocation
        list and its hosted document becomes the 410 body."""
        assertion = self.issue(self.hosted, self.bob)
        assertion.sudo(self.users["staff"]).action_revoke("Badge attribué par erreur")
        self.assertTrue(assertion.revoked)
        self.assertTrue(assertion.revoked_on)
        self.assertEqual(assertion.state, "revoked")
        revocations = self.inae._ob_revocation_list_json()
        self.assertEqual(revocations["type"], "RevocationList")
        self.assertIn({"id": assertion.public_url, "revocationReason": "Badge attribué par erreur"},
                      revocations["revokedAssertions"])
        self.assertEqual(assertion._ob_revoked_json(), {
            "@context": "https://w3id.org/openbadges/v2", "id": assertion.public_url,
            "revoked": True, "revocationReason": "Badge attribué par erreur"})

    def test_revoke_in_bulk_with_wizard(self):
        """The wizard revokes many badges at once with one reason."""
        assertions = self.issue(self.hosted, self.bob | self.carla | self.alice)
        wizard = self.env["pepites.badge.revoke.wizard"].sudo(self.users["staff"]).create({
            "assertion_ids": [(6, 0, assertions.ids)], "reason": "Session annulée"})
        wizard.action_revoke()
        self.assertEqual(set(assertions.mapped("state")), {"revoked"})
        self.assertEqual(set(assertions.mapped("revocation_reason")), {"Session annulée"})

    def test_revocation_needs_a_reason_and_happens_once(self):
        """No revocation without a reason; a revoked badge cannot be revoked again."""
        assertion = self.issue(self.hosted, self.bob)
        with self.assertRaises(UserError):
            assertion.action_revoke("   ")
        self.assertFalse(assertion.revoked)
        assertion.action_revoke("Erreur")
        with self.assertRaises(UserError):
            assertion.action_revoke("Encore")
        self.assertEqual(assertion.revocation_reason, "Erreur")

    def test_portal_user_cannot_revoke(self):
        """A portal holder cannot revoke (nor write) their badge."""
        assertion = self.issue(self.hosted, self.alice)
        with self.assertRaises(Exception):
            assertion.sudo(self.users["holder"]).write({"revoked": True,
                                                         "revocation_reason": "x"})

    def test_only_who_manages_the_badges_revokes(self):
        """A SIAE user (the holder's structure), the holder, and a partner allowed to issue for
        another issuer cannot revoke a badge (its reason would be published in INAÉ's
        revocation list), neither directly nor through the wizard, nor learn its name from
        "already revoked"; INAÉ staff can (issue 12, item 5)."""
        assertion = self.issue(self.hosted, self.alice)
        revoked = self.issue(self.repeatable, self.alice)
        revoked.sudo(self.users["staff"]).action_revoke("Erreur")
        Wizard = self.env["pepites.badge.revoke.wizard"]
        for role in ("siae", "holder", "api"):
            user = self.users[role]
            with self.assertRaises(AccessError, msg=role):
                assertion.sudo(user).action_revoke("Révoqué par %s" % role)
            with self.assertRaises(AccessError, msg=role):
                revoked.sudo(user).action_revoke("")
            # outsiders may not even open the wizard (pepites_partners' allow-list)
            with self.assertRaises(AccessError, msg=role):
                Wizard.sudo(user).create({"assertion_ids": [(6, 0, assertion.ids)],
                                          "reason": "Par l'assistant"}).action_revoke()
        self.assertFalse(assertion.revoked)
        self.assertNotIn(assertion.public_url, [
            r["id"] for r in self.inae._ob_revocation_list_json()["revokedAssertions"]])
        assertion.sudo(self.users["staff"]).action_revoke("Badge attribué par erreur")
        self.assertEqual(assertion.revocation_reason, "Badge attribué par erreur")

    def test_partner_who_issued_does_not_revoke(self):
        """A partner API user allowed to issue its issuer's badges reads the badges it issued
        but does not manage them: revoking is for INAÉ staff (the partner asks them)."""
        ids = self.env["pepites.badge.class"].sudo(self.users["api"]).issue_to(
            self.siae_class.ids, [{"email": "dora@example.org", "name": "Dora Lima"}])
        assertion = self.env["pepites.badge.assertion"].browse(ids)
        self.assertEqual(assertion.sudo(self.users["api"]).state, "valid")
        with self.assertRaises(AccessError):
            assertion.sudo(self.users["api"]).action_revoke("Erreur du partenaire")
        self.assertFalse(assertion.revoked)
        assertion.sudo(self.users["manager"]).action_revoke("Erreur du partenaire")
        self.assertTrue(assertion.revoked)
