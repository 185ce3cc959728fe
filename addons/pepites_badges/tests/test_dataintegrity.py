"""Data Integrity ``eddsa-rdfc-2022`` proofs without a database (:mod:`.dataintegrity`).

The independent check is the specification's own test vector (``tests/data/eddsa_rdfc_2022``,
sources in its README): its key pair, its credential and its published hashes and
``proofValue``. Two halves:

- the cryptographic half runs everywhere: the published canonical proof options hash to the
  published hash, and signing the published 64 hash bytes with the published key gives the
  published ``proofValue`` bit for bit (both the repository's vector and the Recommendation's
  § B.1 ``did:key`` variant);
- the canonicalisation half runs on the JSON-LD 1.1 canonicaliser pinned in requirements.txt
  (PyLD 2.0.4): from the credential JSON alone, our code must reproduce the published
  ``proofValue``; tampered document, tampered proof, wrong key, undefined term, and a real
  OpenBadgeCredential round trip. An installation whose PyLD is JSON-LD 1.0 (0.7.x) gets the
  ``canonicaliser`` verdict, never a wrong one (tested by hiding the canonicaliser).

Every bad input that needs no canonicaliser (no proof, another type or cryptosuite, a missing
field, an unknown context, a proofValue that is not base58btc, an unknown key, a private key
given as public) gets its own verdict on every platform, and no exception escapes."""
import copy
import datetime
import hashlib
import json
import os
import unittest

import mock

from ..openbadges_engine import dataintegrity as di
from ..openbadges_engine import ob3, ob3_verification, statuslist

VECTOR_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "eddsa_rdfc_2022")
EXAMPLES_V2 = "https://www.w3.org/ns/credentials/examples/v2"
#: the Recommendation's § B.1 variant (verificationMethod as a did:key URL): its published hashes
#: and proofValue (see the vector's README)
REC_B1 = {
    "verificationMethod": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
                          "#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
    "proofHash": "bea7b7acfbad0126b135104024a5f1733e705108f42d59668b05c0c50004c6b0",
    "documentHash": "517744132ae165a5349155bef0bb0cf2258fff99dfe1dbd914b938d775a36017",
    "proofValue": "z2YwC8z3ap7yx1nZYCg4L3j3ApHsF8kgPdSb5xoS1VR7vPG3F561B52hYnQF9iseabecm3ijx4K1"
                  "FBTQsCZahKZme",
}


def vector(name):
    with open(os.path.join(VECTOR_DIR, name), encoding="utf-8") as handle:
        return json.load(handle) if name.endswith((".json", ".jsonld")) else handle.read()


class VectorCase(unittest.TestCase):

    def setUp(self):
        self.signed = vector("signedDataInt.json")
        self.unsigned = {k: v for k, v in self.signed.items() if k != "proof"}
        pair = vector("keyPair.json")
        self.public = pair["publicKeyMultibase"]
        seed = di.b58decode(pair["privateKeyMultibase"][1:])
        self.assertEqual(seed[:2], b"\x80\x26")  # multicodec ed25519-priv
        self.key = di.load_private_raw(seed[2:])
        self.extra = {EXAMPLES_V2: vector("examples-v2.jsonld")}
        self.methods = {self.signed["proof"]["verificationMethod"]: self.public,
                        REC_B1["verificationMethod"]: self.public}

    def check(self, document, methods=None):
        """The verdict: the reason, or ``"ok"``."""
        try:
            di.check(document, (self.methods if methods is None else methods).get, self.extra)
        except di.ProofError as error:
            return error.reason
        return "ok"


class TestVectorCryptography(VectorCase):
    """What the vector proves without a canonicaliser."""

    def test_key_pair(self):
        self.assertEqual(di.multikey(di.public_raw_of(self.key)), self.public)
        self.assertEqual(di.decode_multikey(self.public), di.public_raw_of(self.key))

    def test_published_signatures_bit_for_bit(self):
        combined = bytes.fromhex(vector("combinedHashDataInt.txt").strip())
        proof_hash = hashlib.sha256(vector("proofCanonDataInt.txt").encode("utf-8")).digest()
        self.assertEqual(combined[:32], proof_hash)
        self.assertEqual("z" + di.b58encode(self.key.sign(combined)),
                         self.signed["proof"]["proofValue"])
        rec = bytes.fromhex(REC_B1["proofHash"] + REC_B1["documentHash"])
        self.assertEqual("z" + di.b58encode(self.key.sign(rec)), REC_B1["proofValue"])
        self.assertEqual(combined[32:], rec[32:])  # the same credential in both

    def test_base58(self):
        for data in (b"", b"\0", b"\0\0\x01", bytes(range(256)), b"\xff" * 64):
            self.assertEqual(di.b58decode(di.b58encode(data)), data)
        self.assertEqual(di.b58encode(b"hello world"), "StV1DL6CwTryKyV")
        with self.assertRaises(ValueError):
            di.b58decode("0OIl")


class TestBadInputEverywhere(VectorCase):
    """Each bad input its own verdict before anything is canonicalised."""

    def proof(self, **fields):
        document = copy.deepcopy(self.signed)
        document["proof"].update(fields)
        for name, value in fields.items():
            if value is None:
                del document["proof"][name]
        return document

    def test_each_bad_proof(self):
        self.assertEqual(self.check(self.unsigned), "proof_missing")
        self.assertEqual(self.check(dict(self.signed, proof=[self.signed["proof"]] * 2)),
                         "proof_missing")
        self.assertEqual(self.check(self.proof(type="Ed25519Signature2020")), "proof_type")
        self.assertEqual(self.check(self.proof(cryptosuite="eddsa-jcs-2022")), "cryptosuite")
        self.assertEqual(self.check(self.proof(cryptosuite="ecdsa-rdfc-2019")), "cryptosuite")
        for field in ("verificationMethod", "proofValue", "proofPurpose"):
            self.assertEqual(self.check(self.proof(**{field: None})), "proof_fields", field)
        self.assertEqual(self.check(self.proof(proofPurpose="authentication")), "proof_fields")
        self.assertEqual(self.check(self.proof(created="hier")), "proof_fields")
        self.assertEqual(self.check(self.proof(proofValue="u" + "A" * 86)), "proof_value")
        self.assertEqual(self.check(self.proof(proofValue="z0OIl")), "proof_value")
        self.assertEqual(self.check(self.proof(proofValue="z" + di.b58encode(b"1" * 63))),
                         "proof_value")

    def test_unknown_context_refused_without_fetching(self):
        for contexts in (["https://www.w3.org/ns/credentials/v2", "https://evil.example/ctx"],
                         ["https://www.w3.org/ns/credentials/v2", {"@vocab": "urn:x#"}],
                         [], None):
            document = dict(self.signed, **{"@context": contexts})
            self.assertEqual(self.check(document), "context", contexts)
        with self.assertRaises(di.UnknownContext):
            di.document_loader()("https://evil.example/ctx")
        proof = self.proof(**{"@context": [ob3.CONTEXT_VC2]})
        self.assertEqual(self.check(proof), "context")

    def test_unknown_or_malformed_key(self):
        self.assertEqual(self.check(self.signed, methods={}), "verification_method")
        private = vector("keyPair.json")["privateKeyMultibase"]
        for value in (private, "u" + self.public[1:], "z" + di.b58encode(b"\xed\x01" + b"1" * 31)):
            methods = {self.signed["proof"]["verificationMethod"]: value}
            self.assertEqual(self.check(self.signed, methods=methods), "verification_method")

    def test_no_exception_escapes(self):
        def broken(method):
            raise RuntimeError("resolver down")
        for document in (None, "text", 42, {"proof": "x"}, {"@context": 1, "proof": {}}):
            self.assertNotEqual(self.check(document), "ok")
        with self.assertRaises(di.ProofError) as caught:
            di.check(self.signed, broken, self.extra)
        self.assertEqual(caught.exception.reason, "canonicalisation")

    def test_canonicaliser_installed(self):
        """requirements.txt pins a JSON-LD 1.1 processor: the proofs are made and checked."""
        self.assertTrue(di.available(), "PyLD cannot canonicalise the VC 2.0 context: not 2.x?")

    def test_without_canonicaliser_says_so(self):
        """Where PyLD is JSON-LD 1.0 only, the verdict names the missing canonicaliser."""
        with mock.patch.object(di, "available", return_value=False):
            self.assertEqual(self.check(self.signed), "canonicaliser")
            with self.assertRaises(di.ProofError) as caught:
                di.add_proof(self.unsigned, self.key, "urn:k", "2026-01-01T00:00:00Z", self.extra)
        self.assertEqual(caught.exception.reason, "canonicaliser")


class TestVectorCanonicalisation(VectorCase):
    """From the credential JSON alone, the published bytes."""

    def test_canonical_proof_options(self):
        options = dict(self.signed["proof"], **{"@context": self.signed["@context"]})
        del options["proofValue"]
        self.assertEqual(di.canonical_nquads(options, self.extra), vector("proofCanonDataInt.txt"))

    def test_reproduces_both_published_proofs(self):
        proof = self.signed["proof"]
        made = di.add_proof(self.unsigned, self.key, proof["verificationMethod"], proof["created"],
                            self.extra)
        self.assertEqual(made, self.signed)
        self.assertEqual(di.hash_data(self.unsigned, proof, self.extra).hex(),
                         vector("combinedHashDataInt.txt").strip())
        rec = di.add_proof(self.unsigned, self.key, REC_B1["verificationMethod"],
                           proof["created"], self.extra)
        self.assertEqual(rec["proof"]["proofValue"], REC_B1["proofValue"])
        self.assertEqual(self.check(self.signed), "ok")
        self.assertEqual(self.check(rec), "ok")

    def test_tampered_document_proof_and_wrong_key(self):
        document = copy.deepcopy(self.signed)
        document["credentialSubject"]["alumniOf"] = "Another School"
        self.assertEqual(self.check(document), "signature")
        proof = copy.deepcopy(self.signed)
        proof["proof"]["created"] = "2023-02-25T23:36:38Z"
        self.assertEqual(self.check(proof), "signature")
        other = di.multikey(di.public_raw_of(di.generate_key()))
        methods = {self.signed["proof"]["verificationMethod"]: other}
        self.assertEqual(self.check(self.signed, methods=methods), "signature")
        # JSON formatting and key order are not signed: the RDF graph is
        reordered = json.loads(json.dumps(self.signed, sort_keys=True, indent=4))
        self.assertEqual(self.check(reordered), "ok")


class TestOpenBadgeCredential(unittest.TestCase):
    """A credential with PEPITES's contexts (bundled VC 2.0 and OB 3.0.3) round trips; a term
    that no context defines is refused rather than left unsigned."""

    def setUp(self):
        self.vc = {
            "@context": list(ob3.CONTEXTS),
            "id": "https://ob.example.org/badges/v3/credentials/u1",
            "type": list(ob3.CREDENTIAL_TYPES), "name": "Accueil",
            "issuer": {"id": "https://ob.example.org/badges/v3/issuers/1", "type": ["Profile"],
                       "name": "INAÉ"},
            "validFrom": "2026-03-01T00:00:00+00:00",
            "credentialSubject": {
                "type": ["AchievementSubject"],
                "identifier": [{"type": "IdentityObject", "hashed": True, "salt": "s",
                                "identityHash": "sha256$00", "identityType": "emailAddress"}],
                "achievement": {"id": "https://ob.example.org/badges/classes/c1",
                                "type": ["Achievement"], "name": "Accueil",
                                "criteria": {"narrative": "Trois mises en situation."}}},
        }
        self.key = di.generate_key()
        self.method = "https://ob.example.org/badges/v3/issuers/1#ed25519-1"
        self.resolve = {self.method: di.multikey(di.public_raw_of(self.key))}.get

    def test_round_trip_and_deterministic(self):
        created = datetime.datetime(2026, 3, 1, 9, 30)
        signed = di.add_proof(self.vc, self.key, self.method, created)
        self.assertEqual(signed["proof"]["created"], "2026-03-01T09:30:00Z")
        self.assertEqual(di.check(signed, self.resolve), self.method)
        self.assertEqual(di.add_proof(self.vc, self.key, self.method, created), signed)
        signed["credentialSubject"]["identifier"][0]["salt"] = "t"
        with self.assertRaises(di.ProofError) as caught:
            di.check(signed, self.resolve)
        self.assertEqual(caught.exception.reason, "signature")

    def test_undefined_term_refused(self):
        self.vc["credentialSubject"]["shoeSize"] = 42
        with self.assertRaises(di.ProofError) as caught:
            di.add_proof(self.vc, self.key, self.method, "2026-03-01T00:00:00Z")
        self.assertEqual(caught.exception.reason, "undefined_term")


def poison_issuers(size):
    """``size`` issuer profiles, blank nodes each the parent of all the others: nodes that no
    hash tells apart, the "dataset poisoning" shape of RDFC-1.0 (exponential work)."""
    return [{"id": "_:n%d" % node, "type": ["Profile"],
             "parentOrg": [{"id": "_:n%d" % other} for other in range(size) if other != node]}
            for node in range(size)]


class TestDatasetPoisoning(unittest.TestCase):
    """Anyone can post a document to /badges/verify: what would make the canonicaliser spin
    (look-alike blank nodes, a huge document) is refused as ``too_complex`` at once, while
    look-alike parts a real credential may have still canonicalise."""

    def setUp(self):
        holder = TestOpenBadgeCredential("test_round_trip_and_deterministic")
        holder.setUp()
        self.vc = holder.vc

    def assertTooComplex(self, document):
        with self.assertRaises(di.ProofError) as caught:
            di.canonical_nquads(document)
        self.assertEqual(caught.exception.reason, "too_complex")

    def test_poison_graph_refused(self):
        # 5 look-alike nodes fit the budget; 8 would take minutes without it (7: 13 s measured)
        self.assertIn("_:c14n4", di.canonical_nquads(dict(self.vc, issuer=poison_issuers(5))))
        for size in (6, 8, 12):
            self.assertTooComplex(dict(self.vc, issuer=poison_issuers(size)))

    def test_long_chain_of_look_alikes_refused(self):
        ring = [{"id": "_:r%d" % node, "type": ["Profile"], "parentOrg": {"id": "_:r%d" % (
            (node + 1) % 60)}} for node in range(60)]
        self.assertTooComplex(dict(self.vc, issuer=ring))

    def test_too_many_values_refused(self):
        alignments = [{"type": ["Alignment"], "targetName": "Bloc %d" % number,
                       "targetUrl": "https://rncp.example/%d" % number} for number in range(400)]
        document = copy.deepcopy(self.vc)
        document["credentialSubject"]["achievement"]["alignment"] = alignments
        self.assertTooComplex(document)
        document["credentialSubject"]["achievement"]["alignment"] = alignments[:100]
        self.assertIn("Bloc 99", di.canonical_nquads(document))

    def test_identical_parts_of_a_credential_still_canonicalise(self):
        """Two identical alignments are blank nodes no first-degree hash tells apart: the
        budget lets the algorithm order them, and the proof round-trips."""
        same = {"type": ["Alignment"], "targetName": "Bloc 1", "targetUrl": "https://r.example/1"}
        self.vc["credentialSubject"]["achievement"]["alignment"] = [same, dict(same)]
        key = di.generate_key()
        signed = di.add_proof(self.vc, key, "urn:k#1", "2026-03-01T00:00:00Z")
        di.check(signed, {"urn:k#1": di.multikey(di.public_raw_of(key))}.get)

    def test_verdict_of_a_poisoned_credential(self):
        key = di.generate_key()
        method = "https://ob.example.org/badges/v3/issuers/1#ed25519-1"
        poisoned = dict(di.add_proof(self.vc, key, method, "2026-03-01T00:00:00Z"),
                        evidence=poison_issuers(9))
        verdict = ob3_verification.verify(
            json.dumps(poisoned), lambda issuer: None, datetime.datetime(2026, 6, 1),
            resolve_methods={self.vc["issuer"]["id"]: {
                method: di.multikey(di.public_raw_of(key))}}.get)
        self.assertEqual((verdict.status, verdict.reason), ("invalid", "too_complex"))


class TestVerificationPage(unittest.TestCase):
    """:func:`.ob3_verification.verify` on a JSON credential with a Data Integrity proof: the
    issuer's Multikeys come from ``resolve_methods``; the status list and dates as for a JWT."""

    ISSUER = "https://ob.example.org/badges/v3/issuers/1"
    OTHER = "https://ob.example.org/badges/v3/issuers/2"

    def setUp(self):
        self.key, self.other_key = di.generate_key(), di.generate_key()
        self.method = self.ISSUER + "#ed25519-1"
        self.methods = {
            self.ISSUER: {self.method: di.multikey(di.public_raw_of(self.key))},
            self.OTHER: {self.OTHER + "#ed25519-1": di.multikey(di.public_raw_of(self.other_key))},
        }
        status = self.ISSUER + "/status"
        self.lists = {status: statuslist.status_list_credential(
            status, self.ISSUER, [9], datetime.datetime(2026, 1, 1))}
        holder = TestOpenBadgeCredential("test_round_trip_and_deterministic")
        holder.setUp()
        self.credential = dict(holder.vc, credentialStatus=statuslist.entry(status, 1))

    def verify(self, document, methods=True):
        return ob3_verification.verify(
            json.dumps(document), lambda issuer: None, datetime.datetime(2026, 6, 1),
            resolve_status=self.lists.get,
            resolve_methods=self.methods.get if methods else None)

    def forged(self, **proof):
        """A credential with a proof whose fields are given (no signature computed; a field
        given ``None`` is left out)."""
        fields = {"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022",
                  "verificationMethod": self.method, "proofPurpose": "assertionMethod",
                  "proofValue": "z" + di.b58encode(b"\1" * 64)}
        fields.update(proof)
        return dict(self.credential, proof={k: v for k, v in fields.items() if v is not None})

    def test_bad_proofs_everywhere(self):
        self.assertEqual(self.verify(self.forged(), methods=False).reason, "unsupported_proof")
        self.assertEqual(self.verify(self.forged(type="Ed25519Signature2020")).reason,
                         "unsupported_proof")
        self.assertEqual(self.verify(self.forged(cryptosuite="eddsa-jcs-2022")).reason,
                         "cryptosuite")
        self.assertEqual(self.verify(self.forged(proofPurpose=None)).reason, "proof_fields")
        self.assertEqual(self.verify(self.forged(verificationMethod=self.OTHER + "#ed25519-1"))
                         .reason, "foreign_key")
        self.assertEqual(self.verify(self.forged(verificationMethod=self.ISSUER + "#nope"))
                         .reason, "verification_method")
        unknown = dict(self.forged(), issuer={"id": "https://x.example/i", "type": ["Profile"]})
        self.assertEqual(self.verify(unknown).reason, "unknown_issuer")

    def test_valid_revoked_expired_tampered(self):
        created = datetime.datetime(2026, 3, 1)
        signed = di.add_proof(self.credential, self.key, self.method, created)
        verdict = self.verify(signed)
        self.assertEqual((verdict.status, verdict.reason, verdict.proof),
                         ("valid", None, "data_integrity"))
        self.assertEqual(verdict.issuer_name, "INAÉ")
        revoked = dict(self.credential, credentialStatus=statuslist.entry(
            self.ISSUER + "/status", 9))
        self.assertEqual(self.verify(di.add_proof(revoked, self.key, self.method, created)).status,
                         "revoked")
        expired = dict(self.credential, validUntil="2026-05-01T00:00:00Z")
        self.assertEqual(self.verify(di.add_proof(expired, self.key, self.method, created)).status,
                         "expired")
        tampered = dict(signed, name="Autre")
        self.assertEqual(self.verify(tampered).reason, "signature")
        other = di.add_proof(self.credential, self.other_key, self.method, created)
        self.assertEqual(self.verify(other).reason, "signature")
