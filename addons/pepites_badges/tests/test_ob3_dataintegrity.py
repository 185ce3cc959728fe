"""Data Integrity proofs (``eddsa-rdfc-2022``) of the Open Badges 3.0 credentials, with the
database (issue 19): each issuer key has an Ed25519 half listed as a ``Multikey`` in the issuer's
profile, retired keys included; the keys made before get theirs at the upgrade; the credential
served at ``/badges/v3/credentials/<uuid>`` carries the proof (the same bytes every request) and
our verification accepts it, says revoked through the status list, keeps verifying after a
rotation and refuses a tampered one; ``/badges/verify`` gives the French verdict.

The proof needs a JSON-LD 1.1 canonicaliser: PyLD 2.0.4, pinned in requirements.txt. Where an
installation has a JSON-LD 1.0 PyLD (hidden here with a patch of ``dataintegrity.available``),
nothing is served as proven and the page says it does not check such a proof."""
import json

import mock

from odoo.exceptions import AccessError
from odoo.tests import common

from odoo.addons.pepites_partners.tests.common import PepitesHttpCase

from ..openbadges_engine import dataintegrity, ob3
from .common import BadgesCase, BadgesFixtures, VerifyPageMixin

#: an installation whose PyLD cannot read JSON-LD 1.1 (0.7.x)
NO_CANONICALISER = mock.patch.object(dataintegrity, "available", return_value=False)


class TestOb3Multikeys(BadgesCase):

    def test_keys_listed_in_the_profile_across_rotation(self):
        """The issuer's profile lists the Ed25519 half of every key it had as a Multikey
        (controller = the profile), the retired one kept after a rotation; no private part."""
        old_key = self.inae._ob3_signing_key()
        self.assertTrue(old_key.ed25519_public_multibase.startswith("z6Mk"))
        self.inae.sudo(self.users["manager"]).action_rotate_key()
        new_key = self.inae.active_key_id
        self.assertNotEqual(old_key, new_key)
        profile = self.inae._ob3_profile_json()
        methods = {method["id"]: method for method in profile["verificationMethod"]}
        for key in (old_key, new_key):
            method_id = ob3.verification_method_id(profile["id"], key.id)
            self.assertEqual(methods[method_id], {
                "id": method_id, "type": "Multikey", "controller": profile["id"],
                "publicKeyMultibase": key.ed25519_public_multibase})
            self.assertIn(method_id, profile["assertionMethod"])
        self.assertNotIn("PRIVATE", json.dumps(profile))
        resolved = self.env["pepites.badge.issuer"]._ob3_resolve_methods(profile["id"])
        self.assertEqual(set(resolved), set(methods))
        raw = dataintegrity.decode_multikey(new_key.ed25519_public_multibase)
        self.assertEqual(len(raw), 32)

    def test_keys_made_before_get_theirs(self):
        """The upgrade to 11.0.1.5.0 gives each key without one (retired keys too) its Ed25519
        pair; keys that have one keep it."""
        kept_key = self.inae._ob3_signing_key()
        kept = kept_key.ed25519_public_multibase
        self.inae.sudo(self.users["manager"]).action_rotate_key()
        self.env.cr.execute("UPDATE pepites_badge_key SET ed25519_private_pem = NULL, "
                            "ed25519_public_multibase = NULL WHERE id = %s", (kept_key.id,))
        kept_key.invalidate_cache()
        Key = self.env["pepites.badge.key"]
        self.assertEqual(Key._ensure_ed25519(), 1)
        self.assertTrue(kept_key.ed25519_public_multibase)
        self.assertNotEqual(kept_key.ed25519_public_multibase, kept)
        self.assertTrue(kept_key.sudo().ed25519_private_pem)
        self.assertEqual(Key._ensure_ed25519(), 0)

    def test_private_half_for_managers_only(self):
        """The Ed25519 private half is a manager's field, like the RSA one."""
        key = self.inae._ob3_signing_key()
        with self.assertRaises(AccessError):
            key.sudo(self.users["staff"]).read(["ed25519_private_pem"])


class TestOb3DataIntegrityProof(BadgesCase):

    def test_proof_verifies_revoked_rotated_tampered(self):
        """Our verification accepts the served proof, says revoked through the status list,
        keeps verifying a proof made by a key since retired, refuses a tampered credential."""
        Assertion = self.env["pepites.badge.assertion"]
        before = self.issue(self.signed, self.bob)
        secured = before._ob3_data_integrity()
        self.assertEqual(secured["proof"]["cryptosuite"], "eddsa-rdfc-2022")
        self.assertEqual(before._ob3_data_integrity(), secured, "deterministic")
        self.assertEqual(Assertion._verify_badge(json.dumps(secured))["status"], "valid")
        self.inae.sudo(self.users["manager"]).action_rotate_key()
        self.assertEqual(before._ob3_data_integrity(), secured, "the same key after rotation")
        self.assertEqual(Assertion._verify_badge(json.dumps(secured))["status"], "valid")
        after = self.issue(self.hosted, self.carla)
        self.assertNotEqual(after._ob3_data_integrity()["proof"]["verificationMethod"],
                            secured["proof"]["verificationMethod"])
        tampered = dict(secured, name="Faux")
        result = Assertion._verify_badge(json.dumps(tampered))
        self.assertEqual(result["status"], "invalid")
        before.sudo().action_revoke("Attribué par erreur")
        self.assertEqual(Assertion._verify_badge(json.dumps(secured))["status"], "revoked")

    @NO_CANONICALISER
    def test_without_canonicaliser_nothing_is_served_as_proven(self, _available):
        badge = self.issue(self.signed, self.bob)
        self.assertIsNone(badge._ob3_data_integrity())
        forged = dict(badge._ob3_credential(), proof={
            "type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022",
            "verificationMethod": ob3.verification_method_id(
                badge._ob3_credential()["issuer"]["id"], badge.issuer_id.active_key_id.id),
            "proofPurpose": "assertionMethod", "proofValue": "z" + dataintegrity.b58encode(
                b"\1" * 64)})
        result = self.env["pepites.badge.assertion"]._verify_badge(json.dumps(forged))
        self.assertEqual(result["status"], "invalid")


class TestOb3DataIntegrityPages(VerifyPageMixin, BadgesFixtures, PepitesHttpCase):
    """The served credential and /badges/verify in French."""

    def setUp(self):
        super(TestOb3DataIntegrityPages, self).setUp()
        self.create_fixtures(self, "http://%s:%d" % (common.HOST, common.PORT))
        self.badge = self.issue(self.signed, self.bob)
        self.open_verify_page()

    def post(self, text):
        response = self.post_verify({"badge_text": text})
        self.assertEqual(response.status_code, 200)
        return response.text.replace("&#39;", "'")

    def served(self):
        return self.url_open("/badges/v3/credentials/%s" % self.badge.uuid).json()

    def test_served_credential_and_french_verdicts(self):
        """Served twice, the same document, with its proof: the page says valid, or altered once
        tampered; a proof of another cryptosuite is refused in French."""
        document = self.served()
        self.assertEqual(self.served(), document)
        self.assertEqual({k: v for k, v in document.items() if k != "proof"},
                         self.badge._ob3_credential())
        self.assertEqual(document["proof"]["type"], "DataIntegrityProof")
        text = self.post(json.dumps(document))
        self.assertIn("Badge valide", text)
        self.assertIn(self.inae.name, text)
        text = self.post(json.dumps(dict(document, name="Faux")))
        self.assertIn("a été modifié", text)
        proof = {"type": "DataIntegrityProof", "cryptosuite": "ecdsa-rdfc-2019",
                 "verificationMethod": document["issuer"]["id"] + "#ed25519-1",
                 "proofPurpose": "assertionMethod", "proofValue": "z1"}
        text = self.post(json.dumps(dict(document, proof=proof)))
        self.assertIn("Badge non valide", text)
        self.assertIn("suite cryptographique", text)

    def test_poisoned_credential_refused_in_french(self):
        """A served credential with a proof, plus a graph made to make the canonicaliser spin
        for hours: the page answers at once that it is too complex, no 500."""
        nodes = [{"id": "_:n%d" % node, "type": ["Profile"],
                  "parentOrg": [{"id": "_:n%d" % other} for other in range(9) if other != node]}
                 for node in range(9)]
        text = self.post(json.dumps(dict(self.served(), evidence=nodes)))
        self.assertIn("Badge non valide", text)
        self.assertIn("trop complexe pour que sa preuve Data Integrity soit vérifiée", text)

    @NO_CANONICALISER
    def test_without_canonicaliser_the_page_says_so(self, _available):
        """Without a JSON-LD 1.1 canonicaliser the credential is served without a proof, and a
        proof handed to the page is said not checked here (in French), never "valid"."""
        document = self.served()
        self.assertNotIn("proof", document)
        method = ob3.verification_method_id(document["issuer"]["id"],
                                            self.badge.issuer_id.active_key_id.id)
        proof = {"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022",
                 "verificationMethod": method,
                 "proofPurpose": "assertionMethod",
                 "proofValue": "z" + dataintegrity.b58encode(b"\1" * 64)}
        text = self.post(json.dumps(dict(document, proof=proof)))
        self.assertIn("preuve Data Integrity, que cette page ne vérifie pas", text)
