"""The Open Badges 3.0 engine without a database: the credential built from the 2.0 documents,
its VC-JWT checked by our verification *and* by an independent JOSE library (python-jose, with
its own RSA code, pycryptodome: not the ``cryptography`` package that signs), the JWK Set across
a key rotation, the Bitstring status list, the baked PNG, and every bad input of issue 19 as its
own verdict.

Runs at install like every test file, and alone (no database): ``python -m unittest
odoo.addons.pepites_badges.tests.test_ob3_engine`` with the addons on the path."""
import base64
import datetime
import gzip
import io
import json
import unittest
import zlib

import png

from ..openbadges_engine import (baking, identity, jsonld, ob3, ob3_verification, signing,
                                 statuslist, vcjwt, verification)

BASE = "https://ob.example.org"
NOW = datetime.datetime(2026, 6, 1, 12, 0)
#: two RSA keys of INAÉ (the retired one and the current one) and one of another issuer, made
#: once for the whole file (2048-bit keys take a moment each)
KEYS = {}


def key(name):
    if name not in KEYS:
        KEYS[name] = signing.generate_rsa_key()
    return KEYS[name]


def small_png():
    buffer = io.BytesIO()
    png.Writer(4, 4, greyscale=True).write(buffer, [[0, 85, 170, 255]] * 4)
    return buffer.getvalue()


def same_bytes(first, second):
    """Whether two base64url texts (unpadded) decode to the same bytes."""
    def decode(text):
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    return decode(first) == decode(second)


class Issuer(object):
    """An issuer as the Odoo models describe it to the engine: its 2.0 profile, its 3.0 ids, its
    keys (``kid`` → PEM pair) and its revoked status indexes."""

    def __init__(self, number, name, key_names):
        self.v2 = jsonld.issuer_profile(
            "%s/badges/issuers/%d" % (BASE, number), name, "https://www.%s.example.org" % number,
            "contact@%d.example.org" % number, image="%s/badges/issuers/%d/image.png" % (BASE, number),
            revocation_list="%s/badges/issuers/%d/revocations" % (BASE, number))
        self.profile_id = "%s/badges/v3/issuers/%d" % (BASE, number)
        self.jwks_url = self.profile_id + "/jwks"
        self.status_url = self.profile_id + "/status"
        self.keys = [(ob3.kid(self.jwks_url, index), key(name)) for index, name in
                     enumerate(key_names, start=1)]
        self.revoked = set()

    @property
    def current(self):
        return self.keys[-1]

    def jwk_set(self):
        return ob3.jwk_set([(kid, pair[1]) for kid, pair in self.keys])

    def status_list(self):
        return statuslist.status_list_credential(self.status_url, self.profile_id, self.revoked,
                                                 datetime.datetime(2026, 1, 1))


class Ob3Case(unittest.TestCase):
    """An INAÉ issuer (a key retired, a current key), another issuer, a badge class aligned on a
    competence block, and the verifier's resolvers over them."""

    def setUp(self):
        self.inae = Issuer(1, "INAÉ", ["inae-old", "inae"])
        self.other = Issuer(2, "Autre émetteur", ["other"])
        self.issuers = {self.inae.profile_id: self.inae, self.other.profile_id: self.other}
        block = jsonld.alignment("Accueillir et orienter un public",
                                 "https://www.francecompetences.fr/recherche/rncp/37274/",
                                 "RNCP37274BC01", "RNCP", "Bloc 1")
        self.badge = jsonld.badge_class(
            BASE + "/badges/classes/c1", "Accueil du public", "Accueillir et orienter.",
            BASE + "/badges/classes/c1/image.png", self.inae.v2["id"],
            criteria_narrative="Trois mises en situation observées.",
            criteria_url="https://inae.example.org/criteres", tags=["accueil", "IAE"],
            alignments=[block])

    def assertion(self, number=1, email="Lea.Martin@Example.org", issued=datetime.datetime(2026, 3, 1),
                  expires=None, **kw):
        salt = "salt%d" % number
        return jsonld.assertion(
            "%s/badges/assertions/u%d" % (BASE, number), self.badge["id"],
            identity.hash_identity(email, salt), salt, issued, expires, **kw)

    def credential(self, number=1, issuer=None, **kw):
        issuer = issuer or self.inae
        assertion = self.assertion(number, **kw)
        return ob3.credential(assertion, self.badge, issuer.v2,
                              ob3.credential_url(assertion["id"], "u%d" % number),
                              issuer.profile_id,
                              status=statuslist.entry(issuer.status_url, number))

    def token(self, vc, issuer=None, kid=None, private=None):
        issuer = issuer or self.inae
        return vcjwt.sign(vc, private or issuer.current[1][0], kid or issuer.current[0])

    def resolve_jwks(self, issuer_id):
        issuer = self.issuers.get(issuer_id)
        return issuer and issuer.jwk_set()

    def resolve_status(self, url):
        return next((i.status_list() for i in self.issuers.values() if i.status_url == url), None)

    def verify(self, data, now=NOW, **kw):
        return ob3_verification.verify(data, self.resolve_jwks, now,
                                       resolve_status=self.resolve_status, **kw)

    def forge(self, token, header=None, payload=None, signature=None):
        """The token with its header, payload or signature replaced."""
        parts = token.split(".")
        encode = lambda value: signing._b64encode(json.dumps(value).encode("utf-8"))
        if header is not None:
            parts[0] = encode(header)
        if payload is not None:
            parts[1] = encode(payload)
        if signature is not None:
            parts[2] = signature
        return ".".join(parts)


class TestCredential(Ob3Case):

    def test_same_data_as_the_2_0_assertion(self):
        """The credential says what the 2.0 assertion and its class and issuer say: recipient
        hash and salt, dates, evidence, name, description, criteria, image, alignment, tags,
        issuer; and what 3.0 adds: contexts, types, its own URL, achievementType, status."""
        assertion = self.assertion(expires=datetime.datetime(2029, 3, 1),
                                   evidence_url="https://preuves.example.org/1",
                                   evidence_narrative="Tutorat")
        vc = ob3.credential(assertion, self.badge, self.inae.v2,
                            BASE + "/badges/v3/credentials/u1", self.inae.profile_id,
                            achievement_type="Competency",
                            status=statuslist.entry(self.inae.status_url, 1))
        self.assertEqual(vc["@context"], ["https://www.w3.org/ns/credentials/v2",
                                          "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"])
        self.assertEqual(vc["type"], ["VerifiableCredential", "OpenBadgeCredential"])
        self.assertEqual(vc["id"], BASE + "/badges/v3/credentials/u1")
        self.assertEqual((vc["validFrom"], vc["validUntil"]), (assertion["issuedOn"], assertion["expires"]))
        self.assertEqual(vc["issuer"], {
            "id": self.inae.profile_id, "type": ["Profile"], "name": "INAÉ",
            "url": self.inae.v2["url"], "email": self.inae.v2["email"],
            "image": {"id": self.inae.v2["image"], "type": "Image"}})
        identifier = vc["credentialSubject"]["identifier"]
        self.assertEqual(identifier, [{"type": "IdentityObject", "identityType": "emailAddress",
                                       "hashed": True, "salt": assertion["recipient"]["salt"],
                                       "identityHash": assertion["recipient"]["identity"]}])
        # the same normalisation as 2.0: trimmed, lower-cased
        self.assertTrue(identity.identity_matches(identifier[0]["identityHash"], identifier[0]["salt"],
                                                  "  LEA.MARTIN@example.ORG"))
        achievement = vc["credentialSubject"]["achievement"]
        self.assertEqual(achievement["id"], self.badge["id"])
        self.assertEqual(achievement["type"], ["Achievement"])
        self.assertEqual(achievement["achievementType"], "Competency")
        self.assertEqual((achievement["name"], achievement["description"]),
                         (self.badge["name"], self.badge["description"]))
        self.assertEqual(vc["name"], self.badge["name"])
        self.assertEqual(achievement["criteria"], {"id": "https://inae.example.org/criteres",
                                                   "narrative": "Trois mises en situation observées."})
        self.assertEqual(achievement["image"], {"id": self.badge["image"], "type": "Image"})
        self.assertEqual(achievement["alignment"], [{
            "type": ["Alignment"], "targetName": "Accueillir et orienter un public",
            "targetUrl": "https://www.francecompetences.fr/recherche/rncp/37274/",
            "targetCode": "RNCP37274BC01", "targetFramework": "RNCP", "targetDescription": "Bloc 1"}])
        self.assertEqual(achievement["tag"], ["accueil", "IAE"])
        self.assertEqual(achievement["creator"], vc["issuer"])
        self.assertEqual(vc["evidence"], [{"id": "https://preuves.example.org/1", "type": ["Evidence"],
                                           "narrative": "Tutorat"}])
        self.assertEqual(vc["credentialStatus"], {
            "id": self.inae.status_url + "#1", "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation", "statusListIndex": "1",
            "statusListCredential": self.inae.status_url})

    def test_no_expiry_no_evidence_no_null(self):
        """Without expiry nor evidence the keys are absent, never null (validators refuse
        nulls), and the credential is JSON."""
        vc = self.credential()
        self.assertNotIn("validUntil", vc)
        self.assertNotIn("evidence", vc)
        self.assertNotIn(None, json.loads(json.dumps(vc)).values())

    def test_achievement_types(self):
        """Every value of the OB 3.0 vocabulary and ext: names are accepted, others refused."""
        for value in ob3.ACHIEVEMENT_TYPES + ("ext:PEPITES_bloc-1",):
            self.assertEqual(ob3.check_achievement_type(value), value)
        for value in ("badge", "ext:", "ext:a b", None, "Diplôme"):
            with self.assertRaises(ValueError):
                ob3.check_achievement_type(value)

    def test_stable_url(self):
        """The credential's URL is built on the origin its 2.0 id was issued with."""
        self.assertEqual(ob3.credential_url("http://old.example.org/badges/assertions/u9", "u9"),
                         "http://old.example.org/badges/v3/credentials/u9")


class TestJwt(Ob3Case):

    def test_header_and_claims(self):
        """RS256, kid = the key's URL in the issuer's JWK Set, typ vc+jwt; the payload is the
        credential plus iss, jti, nbf, exp (no vc wrapper, no sub without a subject id)."""
        vc = self.credential(expires=datetime.datetime(2027, 3, 1))
        header, payload = signing.decode_unverified(self.token(vc))
        self.assertEqual(header, {"alg": "RS256", "typ": "vc+jwt",
                                  "kid": self.inae.jwks_url + "#key-2"})
        self.assertEqual(vcjwt.credential_of(payload), vc)
        self.assertNotIn("vc", payload)
        self.assertEqual((payload["iss"], payload["jti"]), (self.inae.profile_id, vc["id"]))
        self.assertEqual(payload["nbf"], int(datetime.datetime(2026, 3, 1, tzinfo=datetime.timezone.utc).timestamp()))
        self.assertEqual(payload["exp"], int(datetime.datetime(2027, 3, 1, tzinfo=datetime.timezone.utc).timestamp()))
        self.assertNotIn("sub", payload)

    def test_independent_jose_library(self):
        """python-jose verifies our VC-JWT with the JWK its kid names in the issuer's JWK Set
        (served as JSON), and checks iss, nbf and exp; it refuses it with another issuer's
        key, and refuses an expired or not yet valid one by its claims."""
        from jose import jwt
        from jose.exceptions import ExpiredSignatureError, JWTClaimsError, JWTError
        vc = self.credential(expires=datetime.datetime(2030, 1, 1))
        token = self.token(vc)
        jwks = json.loads(json.dumps(self.inae.jwk_set()))  # as a verifier receives it
        header = jwt.get_unverified_header(token)
        self.assertEqual(header["typ"], "vc+jwt")
        found = [k for k in jwks["keys"] if k["kid"] == header["kid"]]
        self.assertEqual(len(found), 1)
        claims = jwt.decode(token, found[0], algorithms=["RS256"], issuer=self.inae.profile_id)
        self.assertEqual(claims["jti"], vc["id"])
        self.assertEqual(vcjwt.credential_of(claims), vc)
        # the whole set works too (python-jose tries each key)
        jwt.decode(token, jwks, algorithms=["RS256"], issuer=self.inae.profile_id)
        with self.assertRaises(JWTError):
            jwt.decode(token, self.other.jwk_set()["keys"][0], algorithms=["RS256"],
                       issuer=self.inae.profile_id)
        with self.assertRaises(JWTError):
            jwt.decode(self.forge(token, payload=dict(claims, name="Autre")), found[0],
                       algorithms=["RS256"], issuer=self.inae.profile_id)
        expired = self.token(self.credential(issued=datetime.datetime(2020, 1, 1),
                                             expires=datetime.datetime(2021, 1, 1)))
        with self.assertRaises(ExpiredSignatureError):
            jwt.decode(expired, found[0], algorithms=["RS256"], issuer=self.inae.profile_id)
        future = self.token(self.credential(issued=datetime.datetime(2099, 1, 1)))
        with self.assertRaises(JWTClaimsError):
            jwt.decode(future, found[0], algorithms=["RS256"], issuer=self.inae.profile_id)
        with self.assertRaises(JWTClaimsError):
            jwt.decode(token, found[0], algorithms=["RS256"], issuer=self.other.profile_id)

    def test_jwk_set_keeps_retired_keys(self):
        """A credential signed with the retired key keeps verifying (ours and python-jose)
        while the set lists it; the new credentials name the current key."""
        from jose import jwt
        old_kid, old_pair = self.inae.keys[0]
        token = self.token(self.credential(), kid=old_kid, private=old_pair[0])
        self.assertEqual(self.verify(token).status, "valid")
        jwk = next(k for k in self.inae.jwk_set()["keys"] if k["kid"] == old_kid)
        jwt.decode(token, jwk, algorithms=["RS256"], issuer=self.inae.profile_id)
        self.assertEqual(signing.decode_unverified(self.token(self.credential()))[0]["kid"],
                         self.inae.keys[1][0])
        # a set that lost the retired key: the old credential names no key of its issuer
        self.inae.keys = self.inae.keys[1:]
        self.assertEqual(self.verify(token).reason, "foreign_key")

    def test_jwk_round_trip(self):
        """The JWK of a key gives back its PEM; a JWK of another kind is refused."""
        public = key("inae")[1]
        self.assertEqual(signing.pem_of_jwk(signing.public_jwk(public)), public)
        for bad in ({"kty": "RSA", "n": "!!", "e": "AQAB"}, {"kty": "RSA", "n": "A" * 5000, "e": "AQAB"},
                    {"kty": "oct", "k": "c2VjcmV0"}, [], None):
            with self.assertRaises(signing.SignatureError):
                signing.pem_of_jwk(bad)


class TestStatusList(unittest.TestCase):

    def test_round_trip_and_size(self):
        """Set bits read back set, the others not; at least 131,072 bits; the list grows by
        that much; gzip + base64url behind the multibase prefix u."""
        encoded = statuslist.encode([0, 7, 8, 131071])
        self.assertTrue(encoded.startswith("u"))
        self.assertNotIn("=", encoded)
        raw = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
        self.assertEqual(len(raw), 131072 // 8)
        self.assertEqual(raw[0], 0b10000001)  # index 0 is the leftmost bit
        bits = statuslist.decode(encoded)
        self.assertEqual([i for i in range(131072) if statuslist.is_set(bits, i)], [0, 7, 8, 131071])
        self.assertEqual(len(statuslist.decode(statuslist.encode([], size=200000))) * 8, 262144)
        self.assertEqual(statuslist.encode([5]), statuslist.encode([5]))  # no timestamp inside

    def test_hostile_lists(self):
        """A bomb, a list that is not gzip, not base64url, not multibase: StatusListError."""
        bomb = "u" + base64.urlsafe_b64encode(gzip.compress(bytes(64 * 1024 * 1024))).decode()
        for bad in (bomb, "u" + base64.urlsafe_b64encode(b"plain").decode(), "u!!!", "zabc", 42, None,
                    "u" + "A" * (statuslist.MAX_ENCODED_CHARS + 1)):
            with self.assertRaises(statuslist.StatusListError, msg=repr(bad)[:40]):
                statuslist.decode(bad)
        for index in (-1, 131072, "3", None):
            self.assertIsNone(statuslist.is_set(bytes(16384), index))
        self.assertEqual([statuslist.parse_index(v) for v in ("12", 12, "-1", "1e3", "9" * 11)],
                         [12, None, None, None, None])


class TestBaking(Ob3Case):

    def test_png_round_trip(self):
        """The credential's VC-JWT baked under openbadgecredential reads back and verifies; the
        2.0 image keeps its 2.0 chunk; either is unbaked; baking one kind replaces the other."""
        image = small_png()
        token = self.token(self.credential())
        baked3 = baking.bake(image, token, baking.KEYWORD_OB3)
        baked2 = baking.bake(image, json.dumps(self.assertion()))
        self.assertEqual(baking.find_baked(baked3), (b"openbadgecredential", token))
        self.assertEqual(baking.unbake(baked3, baking.KEYWORD_OB3), token)
        self.assertIsNone(baking.unbake(baked3))
        self.assertEqual(baking.find_baked(baked2)[0], b"openbadges")
        self.assertIsNone(baking.unbake(baked2, baking.KEYWORD_OB3))
        chunks = [c for c in png.Reader(bytes=baked3).chunks() if c[0] in (b"iTXt", b"tEXt")]
        self.assertEqual(len(chunks), 1)
        self.assertEqual(baking.find_baked(baking.bake(baked2, token, baking.KEYWORD_OB3))[0],
                         b"openbadgecredential")
        self.assertEqual(len([c for c in png.Reader(bytes=baking.bake(baked2, token, baking.KEYWORD_OB3)).chunks()
                              if c[0] == b"iTXt"]), 1)
        png.Reader(bytes=baked3).read()  # still an image
        self.assertEqual(self.verify(baked3).status, "valid")
        # the JSON form baked as well
        self.assertEqual(self.verify(baking.bake(image, json.dumps(ob3_verification.enveloped(token)),
                                                 baking.KEYWORD_OB3)).status, "valid")


class TestVerification(Ob3Case):
    """Every bad input of issue 19 is its own verdict, and none raises."""

    def test_valid_forms(self):
        """The VC-JWT, the JSON envelope holding it, the baked PNG, text or bytes: valid, with
        the issuer's and achievement's names for the page."""
        token = self.token(self.credential())
        for data in (token, token.encode(), " %s\n" % token,
                     json.dumps(ob3_verification.enveloped(token)),
                     baking.bake(small_png(), token, baking.KEYWORD_OB3)):
            verdict = self.verify(data)
            self.assertEqual((verdict.status, verdict.reason, verdict.proof), ("valid", None, "jwt"))
            self.assertEqual((verdict.issuer_name, verdict.achievement_name), ("INAÉ", "Accueil du public"))

    def test_tampered_payload_or_signature(self):
        """A changed claim, a changed credential field, another signature: 'signature'."""
        token = self.token(self.credential())
        header, payload = signing.decode_unverified(token)
        other = self.token(self.credential(2))
        for forged in (self.forge(token, payload=dict(payload, validUntil="2099-01-01T00:00:00Z")),
                       self.forge(token, payload=dict(payload, name="Soudure")),
                       self.forge(token, signature=other.split(".")[2]),
                       self.forge(token, signature=token.split(".")[2][:-4] + "AAAA"),
                       self.forge(token, signature="")):
            self.assertEqual(self.verify(forged).reason, "signature")

    def test_alg_none_and_other_algorithms(self):
        """alg none (any case, or missing) is refused as such; HS256 signed with the public key
        (algorithm confusion) and ES256 as another algorithm, before any key is used."""
        token = self.token(self.credential())
        header, payload = signing.decode_unverified(token)
        for alg in ("none", "None", "NONE", None):
            forged = self.forge(token, header=dict(header, alg=alg), signature="")
            self.assertEqual(self.verify(forged).reason, "alg_none", alg)
        import hashlib
        import hmac
        hs = self.forge(token, header=dict(header, alg="HS256"))
        head, body, _sig = hs.split(".")
        mac = hmac.new(key("inae")[1].encode(), ("%s.%s" % (head, body)).encode(), hashlib.sha256)
        hs = "%s.%s.%s" % (head, body, signing._b64encode(mac.digest()))
        self.assertEqual(self.verify(hs).reason, "algorithm")
        self.assertEqual(self.verify(self.forge(token, header=dict(header, alg="ES256"))).reason, "algorithm")

    def test_headers(self):
        """An unknown typ, a crit header, neither kid nor jwk: 'header'; the OB 3.0 examples'
        typ JWT and an embedded jwk of the issuer's set are accepted."""
        vc = self.credential()
        private = self.inae.current[1][0]
        for header in ({"kid": self.inae.current[0], "typ": "text/plain"},
                       {"kid": self.inae.current[0], "typ": "vc+jwt", "crit": ["b64"]}, {"typ": "JWT"}):
            forged = signing.sign(dict(vc, **vcjwt.claims(vc)), private, header=header)
            self.assertEqual(self.verify(forged).reason, "header", header)
        for header in ({"kid": self.inae.current[0], "typ": "JWT"},
                       {"jwk": signing.public_jwk(self.inae.current[1][1])}):
            token = signing.sign(dict(vc, **vcjwt.claims(vc)), private, header=header)
            self.assertEqual(self.verify(token).status, "valid", header)

    def test_key_of_another_issuer(self):
        """Signed by another issuer's key: refused as 'foreign_key' when its kid says so, as
        'signature' when it names an INAÉ key; a JWK embedded that is not INAÉ's: 'foreign_key';
        an issuer nobody knows: 'unknown_issuer'."""
        vc = self.credential()
        other_kid, other_pair = self.other.current
        self.assertEqual(self.verify(self.token(vc, kid=other_kid, private=other_pair[0])).reason,
                         "foreign_key")
        self.assertEqual(self.verify(self.token(vc, private=other_pair[0])).reason, "signature")
        embedded = signing.sign(dict(vc, **vcjwt.claims(vc)), other_pair[0],
                                header={"jwk": signing.public_jwk(other_pair[1])})
        self.assertEqual(self.verify(embedded).reason, "foreign_key")
        stranger = dict(vc, issuer=dict(vc["issuer"], id="https://evil.example.org/issuer"))
        self.assertEqual(self.verify(self.token(stranger, kid="https://evil.example.org/jwks#1",
                                                private=other_pair[0])).reason, "unknown_issuer")

    def test_unknown_context_and_type(self):
        """An unknown context (added, replaced, reordered, missing) or a credential that is no
        OpenBadgeCredential: 'context' / 'type', even correctly signed."""
        vc = self.credential()
        for contexts in ([ob3.CONTEXT_VC2, ob3.CONTEXT_OB3, "https://evil.example.org/ctx"],
                         [ob3.CONTEXT_VC2, "https://evil.example.org/ctx"],
                         [ob3.CONTEXT_OB3, ob3.CONTEXT_VC2], ["https://www.w3.org/2018/credentials/v1",
                                                               ob3.CONTEXT_OB3],
                         ob3.CONTEXT_VC2, None, [ob3.CONTEXT_VC2, ob3.CONTEXT_OB3, {"@vocab": "x"}]):
            self.assertEqual(self.verify(self.token(dict(vc, **{"@context": contexts}))).reason,
                             "context", contexts)
        self.assertEqual(self.verify(self.token(dict(vc, type=["VerifiableCredential"]))).reason, "type")
        self.assertEqual(self.verify(self.token(dict(vc, type="OpenBadgeCredential"))).reason, "type")
        self.assertEqual(self.verify(self.token(dict(vc, validFrom="2026-03-01"))).reason, "dates")

    def test_claims_disagreeing(self):
        """Claims signed by the issuer that disagree with the credential body: 'claims'."""
        vc = self.credential()
        private, kid = self.inae.current[1][0], self.inae.current[0]
        for change in ({"jti": "urn:uuid:other"}, {"nbf": 0}, {"iss": self.other.profile_id},
                       {"exp": 4102444800}, {"sub": "did:example:x"}):
            token = signing.sign(dict(vc, **dict(vcjwt.claims(vc), **change)), private,
                                 header={"kid": kid, "typ": "vc+jwt"})
            self.assertEqual(self.verify(token).reason, "claims", change)
        missing = signing.sign(vc, private, header={"kid": kid, "typ": "vc+jwt"})
        self.assertEqual(self.verify(missing).reason, "claims")

    def test_revoked_through_the_status_list(self):
        """Its bit set in the issuer's list: revoked (even once expired); the others stay valid;
        a list that cannot be read or is another issuer's: 'status_unavailable'."""
        token = self.token(self.credential(3, expires=datetime.datetime(2026, 4, 1)))
        self.assertEqual(self.verify(token).status, "expired")
        self.inae.revoked.add(3)
        self.assertEqual(self.verify(token).status, "revoked")
        self.assertEqual(self.verify(self.token(self.credential(4))).status, "valid")
        # the list given as its own VC-JWT, signed by the issuer
        signed_list = self.token(self.inae.status_list())
        verdict = ob3_verification.verify(token, self.resolve_jwks, NOW,
                                          resolve_status=lambda url: signed_list)
        self.assertEqual(verdict.status, "revoked")
        for resolve in (lambda url: None, lambda url: self.other.status_list(),
                        lambda url: self.token(self.inae.status_list(), private=key("other")[0]),
                        lambda url: dict(self.inae.status_list(), credentialSubject={"encodedList": "u!!"}),
                        lambda url: "garbage", None):
            verdict = ob3_verification.verify(token, self.resolve_jwks, NOW, resolve_status=resolve)
            self.assertEqual(verdict.reason, "status_unavailable")
        out_of_list = self.token(self.credential(statuslist.MIN_BITS + 1))
        self.assertEqual(self.verify(out_of_list).reason, "status_unavailable")
        no_status = dict(self.credential())
        del no_status["credentialStatus"]
        self.assertEqual(self.verify(self.token(no_status)).status, "valid")

    def test_dates(self):
        """Not yet valid, expired (at its validUntil exactly), valid in between."""
        token = self.token(self.credential(issued=datetime.datetime(2026, 7, 1),
                                           expires=datetime.datetime(2027, 7, 1)))
        self.assertEqual(self.verify(token, now=datetime.datetime(2026, 6, 30)).status, "not_yet_valid")
        self.assertEqual(self.verify(token, now=datetime.datetime(2026, 7, 1)).status, "valid")
        self.assertEqual(self.verify(token, now=datetime.datetime(2027, 7, 1)).status, "expired")

    def test_oversize_and_bombs(self):
        """A file over 2 MB, a text over 256 KB, a PNG whose credential chunk inflates beyond
        the bound, a PNG of a thousand chunks: 'too_large'; garbage: 'format'."""
        image = small_png()
        template = baking.PngTemplate(image)
        bomb_chunk = baking.KEYWORD_OB3 + b"\x00\x01\x00\x00\x00" + zlib.compress(b"a" * (8 * 1024 * 1024))
        for data in (b"\x89PNG" + bytes(verification.MAX_FILE_BYTES), "e" * (300 * 1024),
                     template.with_chunk(b"iTXt", bomb_chunk),
                     template.with_chunk(b"tEXt", b"x\x00y", baking.MAX_CHUNKS)):
            self.assertEqual(self.verify(data).reason, "too_large")
        for data in (b"GIF89a", b"\x89PNG\r\n\x1a\nbroken", "not a badge", b"\xff\xfe", "a.b.c", "{",
                     "[" * 50000, "{" + "[" * 50000, image, "{}", '{"id": 1}', b"", "",
                     '{"@context": "x", "credentialSubject": {}, "proof": {"type": "DataIntegrityProof"}}'):
            verdict = self.verify(data)
            self.assertEqual(verdict.status, "invalid", repr(data)[:40])
            self.assertIn(verdict.reason, ob3_verification.REASONS)

    def test_json_without_or_with_proof(self):
        """A JSON credential without proof is valid only when it is exactly what the issuer
        serves at its id ('hosted'), 'unsecured' otherwise; a Data Integrity proof is said
        unsupported; a 2.0 assertion is 'not_ob3'."""
        vc = self.credential()
        served = {vc["id"]: vc}
        verdict = self.verify(json.dumps(vc), resolve_credential=served.get)
        self.assertEqual((verdict.status, verdict.proof), ("valid", "hosted"))
        self.assertEqual(self.verify(json.dumps(dict(vc, name="Autre")), resolve_credential=served.get).reason,
                         "unsecured")
        self.assertEqual(self.verify(json.dumps(vc)).reason, "unsecured")
        self.inae.revoked.add(1)
        self.assertEqual(self.verify(json.dumps(vc), resolve_credential=served.get).status, "revoked")
        proof = dict(vc, proof={"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022"})
        self.assertEqual(self.verify(json.dumps(proof)).reason, "unsupported_proof")
        self.assertEqual(self.verify(json.dumps(self.assertion())).reason, "not_ob3")
        private = key("inae")[0]
        self.assertEqual(self.verify(signing.sign(self.assertion(), private)).reason, "not_ob3")
        self.assertFalse(ob3_verification.is_ob3(signing.sign(self.assertion(), private)))
        self.assertTrue(ob3_verification.is_ob3(self.token(vc)))
        self.assertTrue(ob3_verification.is_ob3(baking.bake(small_png(), self.token(vc), baking.KEYWORD_OB3)))
        self.assertFalse(ob3_verification.is_ob3(baking.bake(small_png(), json.dumps(self.assertion()))))

    def test_resolver_failure_is_raised(self):
        """A resolver's own failure (a bug, the database) is raised as it is, not hidden behind
        a verdict on the input."""
        token = self.token(self.credential())

        def broken(_value):
            raise AttributeError("resolver bug")
        with self.assertRaisesRegex(AttributeError, "resolver bug"):
            ob3_verification.verify(token, broken, NOW)
        with self.assertRaisesRegex(AttributeError, "resolver bug"):
            ob3_verification.verify(token, self.resolve_jwks, NOW, resolve_status=broken)

    def test_nothing_raises(self):
        """Hostile shapes in a signed or unsigned payload (lists for dicts, numbers for
        strings, huge numbers) and every one-character change of a token: a verdict, never an
        exception."""
        vc = self.credential()
        private, kid = self.inae.current[1][0], self.inae.current[0]
        shapes = [dict(vc, issuer=[1]), dict(vc, issuer=None), dict(vc, credentialStatus=[]),
                  dict(vc, credentialStatus={"type": "BitstringStatusListEntry", "statusPurpose": "revocation",
                                             "statusListIndex": 5, "statusListCredential": []}),
                  dict(vc, credentialSubject="x"), dict(vc, validFrom=10 ** 30), dict(vc, validUntil=[]),
                  dict(vc, type=[{}])]
        for shape in shapes:
            for data in (self.token(shape), json.dumps(shape)):
                verdict = self.verify(data, resolve_credential=lambda i: shape)
                self.assertIn(verdict.status, ob3_verification.STATUSES)
        for header in ({"alg": "RS256", "kid": ["x"]}, {"alg": "RS256", "kid": kid, "typ": {}},
                       {"alg": ["RS256"]}, {"alg": "RS256", "jwk": {"kty": "RSA", "n": 1}}):
            token = signing.sign(dict(vc, **vcjwt.claims(vc)), private, header=header)
            self.assertEqual(self.verify(token).status, "invalid", header)
        token = self.token(vc)
        signature_at = token.rindex(".") + 1
        for position in range(0, len(token), 97):
            changed = token[:position] + ("A" if token[position] != "A" else "B") + token[position + 1:]
            if position >= signature_at and same_bytes(token[signature_at:], changed[signature_at:]):
                # the signature's last character carries unused bits: changing only those
                # leaves the same signature bytes (the signed text is untouched), so valid
                continue
            self.assertEqual(self.verify(changed).status, "invalid", position)
