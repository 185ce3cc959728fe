"""Every badge is also an Open Badges 3.0 credential (issue 19): issued, bulk-issued, awarded by a
rule or created one by one, it gets a fixed place in its issuer's status list and a VC-JWT signed
by its issuer's key; the credential says what its 2.0 assertion says; revocation shows through
the status list; a key rotation keeps old credentials verifiable; the badges issued before get
theirs at the upgrade; our verification and an independent JOSE library (python-jose) agree."""
import base64
import datetime
import json

from odoo.tests import common

from odoo.addons.pepites_partners.tests.common import PepitesHttpCase

from ..openbadges_engine import (baking, identity, ob3, ob3_verification, signing, statuslist,
                                 vcjwt)
from .common import BadgesCase, BadgesFixtures, VerifyPageMixin


def jose_decode(token, issuer):
    """python-jose's verdict on ``token``: the JWK its ``kid`` names in ``issuer``'s JWK Set
    (as served, JSON), then signature, iss, nbf and exp checked by python-jose itself."""
    from jose import jwt
    jwks = json.loads(json.dumps(issuer._ob3_jwk_set()))
    kid = jwt.get_unverified_header(token)["kid"]
    jwk = [key for key in jwks["keys"] if key["kid"] == kid]
    assert len(jwk) == 1, "kid %s not in the JWK Set" % kid
    return jwt.decode(token, jwk[0], algorithms=["RS256"],
                      issuer=signing.decode_unverified(token)[1]["iss"])


class TestOb3Issuing(BadgesCase):

    def credential(self, assertion):
        return assertion._ob3_credential()

    def test_every_way_of_issuing_gives_both_forms(self):
        """Hosted, signed and SIAE-issuer badges, one by one and in bulk: each has its own
        place in the status list and a VC-JWT that we and python-jose verify, whose kid is a
        key of its issuer's JWK Set."""
        badges = (self.issue(self.hosted, self.bob | self.carla) | self.issue(self.signed, self.bob)
                  | self.issue(self.siae_class, self.bob))
        indexes = badges.mapped("status_index")
        self.assertEqual(len(set(indexes)), 4)
        self.assertTrue(all(index > 0 for index in indexes))
        for badge in badges:
            token = badge.ob3_jwt
            self.assertTrue(token)
            header, payload = signing.decode_unverified(token)
            self.assertEqual((header["alg"], header["typ"]), ("RS256", "vc+jwt"))
            self.assertTrue(header["kid"].startswith(
                "%s/badges/v3/issuers/%d/jwks#key-" % (self.ob_base_url, badge.issuer_id.id)))
            claims = jose_decode(token, badge.issuer_id)
            self.assertEqual(claims["jti"], "%s/badges/v3/credentials/%s" % (self.ob_base_url, badge.uuid))
            self.assertEqual(self.env["pepites.badge.assertion"]._verify_badge(token)["status"], "valid")
        self.assertEqual(self.credential(badges[-1])["issuer"]["name"], "Chantier Vert")

    def test_same_data_as_the_2_0_assertion(self):
        """Recipient hash and salt, dates, evidence, class (the id the assertion names), its
        alignments and issuer: the credential says what the 2.0 documents say."""
        badge = self.issue(self.hosted, self.alice, evidence_url="https://preuves.example.org/a",
                           narrative="Tutorat de deux salariés")
        assertion = badge._ob_json()
        vc = self.credential(badge)
        self.assertEqual(vc["@context"], ob3.CONTEXTS)
        self.assertEqual(vc["type"], ["VerifiableCredential", "OpenBadgeCredential"])
        self.assertEqual(vc["id"], badge.ob3_url)
        self.assertEqual((vc["validFrom"], vc["validUntil"]), (assertion["issuedOn"], assertion["expires"]))
        identifier = vc["credentialSubject"]["identifier"][0]
        self.assertEqual((identifier["identityHash"], identifier["salt"]),
                         (badge.recipient_identity, assertion["recipient"]["salt"]))
        self.assertTrue(identity.identity_matches(identifier["identityHash"], identifier["salt"],
                                                  "alice.martin@example.org"))
        achievement = vc["credentialSubject"]["achievement"]
        self.assertEqual(achievement["id"], badge.ob_badge_url)
        self.assertEqual(achievement["name"], self.hosted.name)
        self.assertEqual(achievement["achievementType"], "Badge")
        self.assertEqual(achievement["alignment"][0]["targetCode"], "BC01")
        self.assertEqual(achievement["criteria"]["narrative"], self.hosted.criteria_narrative)
        self.assertEqual(vc["issuer"]["id"], "%s/badges/v3/issuers/%d" % (self.ob_base_url, self.inae.id))
        self.assertEqual(vc["evidence"][0]["id"], "https://preuves.example.org/a")
        self.assertEqual(vc["credentialStatus"]["statusListIndex"], str(badge.status_index))
        self.assertNotIn("alice", json.dumps(vc).lower())
        # the class's kind of achievement, in the OB 3.0 vocabulary
        self.signed.sudo().achievement_type = "Competency"
        self.assertEqual(self.credential(self.issue(self.signed, self.alice))["credentialSubject"]
                         ["achievement"]["achievementType"], "Competency")

    def test_revocation_through_the_status_list(self):
        """Revoking a badge sets its bit in its issuer's status list: its credential verifies
        as revoked (ours), the others stay valid; the credential itself does not change."""
        revoked, kept = self.issue(self.hosted, self.bob | self.carla)
        token = revoked.ob3_jwt
        revoked.sudo(self.users["staff"]).action_revoke("Erreur de saisie")
        self.assertEqual(revoked.ob3_jwt, token)
        bits = statuslist.decode(self.inae._ob3_status_list()["credentialSubject"]["encodedList"])
        self.assertTrue(statuslist.is_set(bits, revoked.status_index))
        self.assertFalse(statuslist.is_set(bits, kept.status_index))
        self.assertGreaterEqual(len(bits) * 8, statuslist.MIN_BITS)
        Assertion = self.env["pepites.badge.assertion"]
        self.assertEqual(Assertion._verify_badge(token)["status"], "revoked")
        self.assertEqual(Assertion._verify_badge(kept.ob3_jwt)["status"], "valid")
        # the revocation wizard too
        wizard = self.env["pepites.badge.revoke.wizard"].sudo(self.users["staff"]).create({
            "assertion_ids": [(6, 0, kept.ids)], "reason": "Session annulée"})
        wizard.action_revoke()
        self.assertEqual(Assertion._verify_badge(kept.ob3_jwt)["status"], "revoked")

    def test_rotation_keeps_old_credentials_verifiable(self):
        """After a key rotation the JWK Set holds the retired key and the new one: a credential
        signed before still verifies (ours and python-jose); new ones name the new key."""
        before = self.issue(self.signed, self.bob)
        old_kid = signing.decode_unverified(before.ob3_jwt)[0]["kid"]
        self.inae.sudo(self.users["manager"]).action_rotate_key()
        after = self.issue(self.hosted, self.carla)
        new_kid = signing.decode_unverified(after.ob3_jwt)[0]["kid"]
        self.assertNotEqual(old_kid, new_kid)
        self.assertEqual(new_kid, ob3.kid("%s/badges/v3/issuers/%d/jwks" % (self.ob_base_url, self.inae.id),
                                          self.inae.active_key_id.id))
        kids = [key["kid"] for key in self.inae._ob3_jwk_set()["keys"]]
        self.assertIn(old_kid, kids)
        self.assertIn(new_kid, kids)
        for badge in (before, after):
            jose_decode(badge.ob3_jwt, self.inae)
            self.assertEqual(self.env["pepites.badge.assertion"]._verify_badge(badge.ob3_jwt)["status"],
                             "valid")

    def test_badges_made_before_get_theirs(self):
        """The upgrade (and a badge created one by one) gives each badge without a credential a
        place and a VC-JWT with the ids it was issued with; the others are left alone."""
        first, second = self.issue(self.hosted, self.bob | self.carla)
        kept = second.ob3_jwt
        self.env.cr.execute("UPDATE pepites_badge_assertion SET status_index = NULL, ob3_jwt = NULL "
                            "WHERE id = %s", (first.id,))
        first.invalidate_cache()
        Assertion = self.env["pepites.badge.assertion"]
        missing = Assertion.search_count([("ob3_jwt", "=", False)])
        self.assertGreaterEqual(missing, 1)
        self.assertEqual(Assertion._fill_ob3(), missing)
        self.assertEqual(Assertion.search_count([("ob3_jwt", "=", False)]), 0)
        first.invalidate_cache()
        self.assertTrue(first.status_index)
        self.assertNotEqual(first.status_index, second.status_index)
        self.assertEqual(second.ob3_jwt, kept)
        self.assertEqual(self.credential(first)["id"], first.ob3_url)
        self.assertEqual(self.env["pepites.badge.assertion"]._verify_badge(first.ob3_jwt)["status"], "valid")

    def test_verification_verdicts(self):
        """Expired, not yet valid, tampered, alg none, another issuer's key, a baked PNG; the
        recipient's address matched through the credential's identifier."""
        Assertion = self.env["pepites.badge.assertion"]
        badge = self.issue(self.hosted, self.bob)
        self.env.cr.execute("UPDATE pepites_badge_assertion SET issued_on = '2020-01-01', "
                            "expires_on = '2021-01-01', ob3_jwt = NULL WHERE id = %s", (badge.id,))
        badge.invalidate_cache()
        self.assertEqual(Assertion._verify_badge(badge._ob3_token())["status"], "expired")
        future = self.issue(self.repeatable, self.bob)
        self.env.cr.execute("UPDATE pepites_badge_assertion SET issued_on = '2099-01-01', "
                            "ob3_jwt = NULL WHERE id = %s", (future.id,))
        future.invalidate_cache()
        self.assertEqual(Assertion._verify_badge(future._ob3_token())["status"], "not_yet_valid")
        good = self.issue(self.signed, self.carla)
        result = Assertion._verify_badge(good.ob3_jwt, email="Carla@Example.org ")
        self.assertEqual((result["status"], result["recipient_match"], result["assertion"]),
                         ("valid", True, good))
        self.assertEqual((result["badge_name"], result["issuer_name"]), (self.signed.name, self.inae.name))
        self.assertFalse(Assertion._verify_badge(good.ob3_jwt, email="bob.durand@example.org")["recipient_match"])
        header, payload = signing.decode_unverified(good.ob3_jwt)
        forged = signing._b64encode(json.dumps(dict(payload, validUntil="2099-01-01T00:00:00+00:00")).encode())
        head, _body, sig = good.ob3_jwt.split(".")
        tampered = Assertion._verify_badge("%s.%s.%s" % (head, forged, sig))
        self.assertEqual(tampered["status"], "invalid")
        self.assertTrue(tampered["errors"])
        self.assertFalse(tampered["badge_name"])
        none = signing._b64encode(b'{"alg": "none"}')
        self.assertEqual(Assertion._verify_badge("%s.%s." % (none, _body))["status"], "invalid")
        rogue = signing.sign(payload, self.siae_issuer._ob3_signing_key()._private_key(),
                             header={"kid": ob3.kid("%s/badges/v3/issuers/%d/jwks" % (
                                 self.ob_base_url, self.siae_issuer.id), self.siae_issuer.active_key_id.id)})
        self.assertEqual(Assertion._verify_badge(rogue)["status"], "invalid")
        png = baking.bake(base64.b64decode(self.signed.image), good.ob3_jwt, baking.KEYWORD_OB3)
        self.assertEqual(Assertion._verify_badge(png)["status"], "valid")
        # the JSON credential: what we serve at its id
        self.assertEqual(Assertion._verify_badge(json.dumps(good._ob3_credential()))["status"], "valid")
        altered = dict(good._ob3_credential(), name="Autre badge")
        self.assertEqual(Assertion._verify_badge(json.dumps(altered))["status"], "invalid")
        # a 2.0 badge still goes the 2.0 way
        self.assertEqual(Assertion._verify_badge(good.signed_jws)["status"], "valid")

    def test_award_rule_gives_both_forms(self):
        """A badge awarded by a rule (set off by a portal user's action, as a module completion
        is) has its credential too, with the rule's evidence."""
        Rule = self.env["pepites.badge.award.rule"]
        Rule.search([]).write({"active": False})  # the demo rules
        Rule.create({"name": "Rallye", "trigger": "event_attended",
                     "badge_class_id": self.repeatable.id, "evidence_narrative": "A participé à %s."})
        source = self.env["res.partner"].create({"name": "Rallye des Landes", "is_company": True})
        awarded = Rule.sudo(self.users["holder"])._award("event_attended", source, self.bob).sudo()
        self.assertEqual(len(awarded), 1)
        self.assertEqual(awarded._ob3_credential()["evidence"],
                         [{"type": ["Evidence"], "narrative": "A participé à Rallye des Landes."}])
        self.assertEqual(self.env["pepites.badge.assertion"]._verify_badge(awarded.ob3_jwt)["status"],
                         "valid")

    def test_created_one_by_one(self):
        """A badge created by a plain create gets its place; its credential is signed on first
        request and kept."""
        values = {"badge_class_id": self.hosted.id, "issuer_id": self.inae.id,
                  "recipient_partner_id": self.bob.id, "recipient_email": "bob.durand@example.org",
                  "uuid": "0b6e7c9a-1111-4c4c-9d9d-123456789abc", "recipient_salt": "s",
                  "recipient_identity": identity.hash_identity("bob.durand@example.org", "s"),
                  "issued_on": "2026-01-01 00:00:00", "verification_type": "hosted",
                  "ob_id": "%s/badges/assertions/0b6e7c9a-1111-4c4c-9d9d-123456789abc" % self.ob_base_url,
                  "ob_badge_url": "%s/badges/classes/%s" % (self.ob_base_url, self.hosted.uuid),
                  "exclusive": False}
        badge = self.env["pepites.badge.assertion"].sudo().create(values)
        self.assertTrue(badge.status_index)
        self.assertFalse(badge.ob3_jwt)
        token = badge._ob3_token()
        self.assertEqual(badge.ob3_jwt, token)
        self.assertEqual(vcjwt.credential_of(jose_decode(token, self.inae))["id"], badge.ob3_url)


@common.at_install(False)
@common.post_install(True)
class TestOb3Endpoints(BadgesFixtures, PepitesHttpCase):

    def setUp(self):
        super(TestOb3Endpoints, self).setUp()
        self.create_fixtures(self, "http://%s:%d" % (common.HOST, common.PORT))
        self.badge = self.issue(self.hosted, self.bob)

    def get(self, path, status=200):
        response = self.url_open(path)
        self.assertEqual(response.status_code, status, path)
        return response

    def test_credential_jwt_png_profile_jwks_status(self):
        """The credential's JSON, its VC-JWT (application/vc+jwt), its baked PNG; the issuer's
        3.0 profile, its JWK Set and status list: public, and what a verifier needs to check
        the VC-JWT with python-jose (the kid resolved through the served JWK Set)."""
        from jose import jwt
        uuid = self.badge.uuid
        document = self.get("/badges/v3/credentials/%s" % uuid).json()
        # the served credential carries a Data Integrity proof when the platform can make one
        self.assertEqual({k: v for k, v in document.items() if k != "proof"},
                         self.badge._ob3_credential())
        response = self.get("/badges/v3/credentials/%s.jwt" % uuid)
        self.assertEqual(response.headers["Content-Type"].split(";")[0], "application/vc+jwt")
        token = response.text
        self.assertEqual(token, self.badge.ob3_jwt)
        header = jwt.get_unverified_header(token)
        jwks_url, _hash, _key = header["kid"].partition("#")
        served = self.get(jwks_url[len(self.base_url()):])
        self.assertEqual(served.headers["Content-Type"].split(";")[0], "application/jwk-set+json")
        self.assertNotIn("PRIVATE", served.text)
        self.assertNotIn('"d"', served.text)
        jwk = [key for key in served.json()["keys"] if key["kid"] == header["kid"]][0]
        claims = jwt.decode(token, jwk, algorithms=["RS256"], issuer=document["issuer"]["id"])
        self.assertEqual(claims["jti"], document["id"])
        profile = self.get(document["issuer"]["id"][len(self.base_url()):]).json()
        self.assertEqual((profile["type"], profile["name"]), (["Profile"], self.inae.name))
        status_url = document["credentialStatus"]["statusListCredential"]
        status = self.get(status_url[len(self.base_url()):]).json()
        self.assertEqual(status["type"], ["VerifiableCredential", "BitstringStatusListCredential"])
        png = self.get("/badges/v3/credentials/%s.png?download=1" % uuid)
        self.assertEqual(png.headers["Content-Type"], "image/png")
        self.assertIn("attachment", png.headers["Content-Disposition"])
        self.assertEqual(baking.find_baked(png.content), (b"openbadgecredential", token))
        self.assertIsNone(baking.unbake(png.content))
        # the 2.0 image keeps its 2.0 chunk
        self.assertEqual(baking.find_baked(base64.b64decode(self.badge.baked_image))[0], b"openbadges")

    def test_unknown_malformed_and_revoked(self):
        """Unknown or malformed ids are 404 (credential, issuer, key set, status list); a
        revoked credential is still served, its status list saying revoked."""
        for path in ("/badges/v3/credentials/0b6e7c9a-1111-4c4c-9d9d-123456789abc",
                     "/badges/v3/credentials/not-a-uuid", "/badges/v3/credentials/%s.xml" % self.badge.uuid,
                     "/badges/v3/credentials/%s." % self.badge.uuid,
                     "/badges/v3/credentials/%s.jwt.jwt" % self.badge.uuid,
                     "/badges/v3/credentials/%s'--" % self.badge.uuid,
                     "/badges/v3/issuers/999999", "/badges/v3/issuers/999999/jwks",
                     "/badges/v3/issuers/999999/status", "/badges/v3/issuers/abc/jwks"):
            self.get(path, 404)
        self.badge.sudo().action_revoke("Erreur")
        token = self.get("/badges/v3/credentials/%s.jwt" % self.badge.uuid).text
        self.get("/badges/v3/credentials/%s" % self.badge.uuid)
        status = self.get("/badges/v3/issuers/%d/status" % self.inae.id).json()
        bits = statuslist.decode(status["credentialSubject"]["encodedList"])
        self.assertTrue(statuslist.is_set(bits, self.badge.status_index))
        verdict = ob3_verification.verify(
            token, lambda issuer: self.get(issuer[len(self.base_url()):] + "/jwks").json(),
            datetime.datetime.utcnow(), resolve_status=lambda url: self.get(url[len(self.base_url()):]).json())
        self.assertEqual(verdict.status, "revoked")


@common.at_install(False)
@common.post_install(True)
class TestOb3VerifyPage(VerifyPageMixin, BadgesFixtures, PepitesHttpCase):
    """/badges/verify in French with Open Badges 3.0 files."""

    def setUp(self):
        super(TestOb3VerifyPage, self).setUp()
        self.create_fixtures(self, "http://%s:%d" % (common.HOST, common.PORT))
        self.badge = self.issue(self.signed, self.bob)
        self.open_verify_page()

    def post(self, data=None, files=None):
        response = self.post_verify(data, files)
        self.assertEqual(response.status_code, 200)
        return response.text.replace("&#39;", "'")

    def test_french_verdicts(self):
        """Valid (issuer and badge named), revoked, expired, and invalid with the reason, for a
        pasted VC-JWT, the JSON credential and the baked PNG."""
        token = self.badge.ob3_jwt
        png = baking.bake(base64.b64decode(self.signed.image), token, baking.KEYWORD_OB3)
        for data, files in (({"badge_text": token}, None),
                            ({"badge_text": json.dumps(self.badge._ob3_credential())}, None),
                            (None, {"badge_file": ("badge.png", png)}),
                            (None, {"badge_file": ("badge.jwt", token.encode())})):
            text = self.post(data, files)
            self.assertIn("Badge valide", text)
            self.assertIn(self.signed.name, text)
            self.assertIn(self.inae.name, text)
            self.assertIn("Open Badges 3.0", text)
        head, body, sig = token.split(".")
        none = signing._b64encode(b'{"alg":"none"}')
        text = self.post({"badge_text": "%s.%s." % (none, body)})
        self.assertIn("Badge non valide", text)
        self.assertIn("n'est pas signé", text)
        payload = signing.decode_unverified(token)[1]
        forged = signing._b64encode(json.dumps(dict(payload, name="Faux")).encode())
        text = self.post({"badge_text": "%s.%s.%s" % (head, forged, sig)})
        self.assertIn("Badge non valide", text)
        self.assertIn("a été modifié", text)
        self.badge.sudo().action_revoke("Attribué par erreur")
        text = self.post({"badge_text": token})
        self.assertIn("Badge révoqué", text)
        self.assertIn("Attribué par erreur", text)
