"""Verification of an Open Badges 3.0 credential given by anyone (the public verification page):
a baked PNG, a VC-JWT, or JSON (the credential, or an ``EnvelopedVerifiableCredential`` holding
its VC-JWT).

What is checked, in this order, each failure its own :data:`REASONS` entry: the input is
readable and within bounds (:mod:`.verification`'s limits: a bomb is refused, never inflated);
the JOSE header (``alg`` RS256 only: ``none`` and any other algorithm refused before any key is
looked at; a known ``typ``; no ``crit``); the contexts (VC 2.0 then Open Badges 3.0.x, nothing
else) and the type; the issuer, whose JWK Set the caller resolves (``resolve_jwks``): the
``kid`` must name a key of *this* issuer (a key of another issuer is refused even when its
signature is right); the signature; the registered claims agree with the credential; then the
status list (``resolve_status``) and the dates. Revocation wins over the dates, as in 2.0
(:func:`.verification.status`).

A JSON credential without proof is what the issuer serves at its id: it is accepted when the
caller's ``resolve_credential`` gives the same document for that id (like a hosted 2.0
assertion), refused as ``unsecured`` otherwise. A Data Integrity ``proof`` (``eddsa-rdfc-2022``)
is checked by :mod:`.dataintegrity` when the caller gives ``resolve_methods`` (the issuer's
Multikeys) and a JSON-LD 1.1 canonicaliser is installed; ``unsupported_proof`` otherwise. Its
``verificationMethod`` must be one of the credential's issuer (a key of another issuer is
``foreign_key``, even when its signature is right).

>>> import datetime
>>> from . import signing, vcjwt, statuslist
>>> private, public = signing.generate_rsa_key()
>>> iss = "https://ob.example.org/badges/v3/issuers/1"
>>> kid = iss + "/jwks#key-1"
>>> jwks = {iss: {"keys": [signing.public_jwk(public, kid)]}}
>>> lists = {iss + "/status": statuslist.status_list_credential(iss + "/status", iss, [9],
...                                                               datetime.datetime(2026, 1, 1))}
>>> def vc(index, **fields):
...     return dict({"@context": ["https://www.w3.org/ns/credentials/v2",
...                               "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
...                  "id": "https://ob.example.org/badges/v3/credentials/u%d" % index,
...                  "type": ["VerifiableCredential", "OpenBadgeCredential"],
...                  "issuer": {"id": iss, "type": ["Profile"], "name": "INAÉ"},
...                  "validFrom": "2026-03-01T00:00:00+00:00",
...                  "credentialSubject": {"type": ["AchievementSubject"],
...                                        "achievement": {"name": "Accueil"}},
...                  "credentialStatus": statuslist.entry(iss + "/status", index)}, **fields)
>>> now = datetime.datetime(2026, 6, 1)
>>> check = lambda data: verify(data, jwks.get, now, resolve_status=lists.get)
>>> result = check(vcjwt.sign(vc(1), private, kid))
>>> result.status, result.reason, result.issuer_name, result.achievement_name
('valid', None, 'INAÉ', 'Accueil')
>>> check(vcjwt.sign(vc(9), private, kid)).status
'revoked'
>>> check(vcjwt.sign(vc(1, validUntil="2026-05-01T00:00:00Z"), private, kid)).status
'expired'
>>> check(vcjwt.sign(vc(1, validFrom="2026-07-01T00:00:00Z"), private, kid)).status
'not_yet_valid'
>>> head, body, sig = vcjwt.sign(vc(1), private, kid).split(".")
>>> none = signing._b64encode(b'{"alg":"none"}')
>>> check(none + "." + body + ".").reason
'alg_none'
>>> check("garbage").reason, check(b"\\x89PNG" + bytes(3 * 1024 * 1024)).reason
('format', 'too_large')
"""
import datetime
import json

from . import baking, dataintegrity, jsontext, ob3, signing, statuslist, vcjwt, verification

VALID, EXPIRED, REVOKED, NOT_YET_VALID, INVALID = (
    "valid", "expired", "revoked", "not_yet_valid", "invalid")
#: why a credential is invalid: each bad input of the issue its own code (the page says each in
#: French)
REASONS = (
    "too_large",           # file or text beyond the bounds, a PNG with too many chunks, a bomb
    "format",              # neither a baked PNG, a JWT nor JSON; a PNG without a badge
    "not_ob3",             # an Open Badges 2.0 assertion (the 2.0 path verifies it)
    "alg_none",            # an unsecured JWT (alg none)
    "algorithm",           # another algorithm than RS256
    "header",              # unknown typ, a crit header, no kid nor jwk
    "context",             # an unknown or missing @context
    "type",                # not an OpenBadgeCredential
    "unknown_issuer",      # the issuer has no JWK Set the caller knows
    "foreign_key",         # the kid (or jwk) is no key of the claimed issuer
    "signature",           # tampered payload or signature
    "claims",              # iss/jti/nbf/exp/sub disagree with the credential
    "dates",               # validFrom missing or not a date-time with a time zone
    "status_unavailable",  # the status list cannot be read, or does not hold the index
    "unsecured",           # JSON without proof, not what the issuer serves
    "unsupported_proof",   # a proof this platform cannot check (another type; Data Integrity
                           # without a JSON-LD 1.1 canonicaliser or without the issuer's keys)
    "cryptosuite",         # a DataIntegrityProof of another cryptosuite than eddsa-rdfc-2022
    "proof_fields",        # a DataIntegrityProof with a field missing or malformed
    "undefined_term",      # a property no context defines (a Data Integrity proof leaves it
                           # unsigned)
    "verification_method", # the proof's key is none the issuer publishes, or not Ed25519
    "too_complex",         # more JSON values or canonicalisation work than a credential needs
                           # (a "poison graph" posted to make the page spin)
)
#: :mod:`.dataintegrity`'s reasons as this page's
DI_REASONS = {
    "canonicaliser": "unsupported_proof", "proof_missing": "unsupported_proof",
    "proof_type": "unsupported_proof", "cryptosuite": "cryptosuite",
    "proof_fields": "proof_fields", "proof_value": "proof_fields", "context": "context",
    "undefined_term": "undefined_term", "verification_method": "verification_method",
    "signature": "signature", "canonicalisation": "format", "too_complex": "too_complex",
}
#: every status of a verdict
STATUSES = (VALID, EXPIRED, REVOKED, NOT_YET_VALID, INVALID)
ENVELOPED = "EnvelopedVerifiableCredential"
DATA_URL_PREFIX = "data:%s," % vcjwt.MEDIA_TYPE


class _ResolverError(Exception):
    """A resolver of the caller failed (its bug, its database): carried through the checks."""

    def __init__(self, error):
        super(_ResolverError, self).__init__(error)
        self.error = error


def _guard(resolver):
    """``resolver`` whose exceptions cross :func:`verify`'s net of malformed input."""
    if resolver is None:
        return None

    def call(value):
        try:
            return resolver(value)
        except Exception as error:
            raise _ResolverError(error)
    return call


class Verdict(object):
    """What the verification says: ``status`` (:data:`STATUSES`), ``reason`` (one of
    :data:`REASONS` when invalid), the ``credential`` read (``None`` when unreadable) and how it
    was secured (``proof``: ``jwt``, ``data_integrity``, ``hosted`` or ``None``)."""

    def __init__(self, status, reason=None, credential=None, proof=None):
        self.status, self.reason, self.credential, self.proof = status, reason, credential, proof

    def __repr__(self):
        return "Verdict(%r, %r)" % (self.status, self.reason)

    @property
    def issuer_name(self):
        issuer = (self.credential or {}).get("issuer")
        return issuer.get("name") if isinstance(issuer, dict) else None

    @property
    def achievement_name(self):
        subject = (self.credential or {}).get("credentialSubject")
        achievement = subject.get("achievement") if isinstance(subject, dict) else None
        if isinstance(achievement, dict) and isinstance(achievement.get("name"), str):
            return achievement["name"]
        name = (self.credential or {}).get("name")
        return name if isinstance(name, str) else None


def _invalid(reason, credential=None, proof=None):
    return Verdict(INVALID, reason, credential, proof)


def read(data):
    """``(kind, value)`` of a credential given as PNG bytes, a JWT or JSON: ``('jwt', token)``
    or ``('json', document)``.

    :raises verification.BadgeTooLargeError: beyond the bounds of the verification page
    :raises verification.BadgeFormatError: when it is none of these
    """
    if isinstance(data, bytes):
        if len(data) > verification.MAX_FILE_BYTES:
            raise verification.BadgeTooLargeError("more than 2 MB")
        if data.startswith(b"\x89PNG"):
            try:
                _keyword, data = baking.find_baked(data)
            except baking.BakeTooLargeError as error:
                raise verification.BadgeTooLargeError(str(error))
            except baking.BakeError:
                data = None
            if not data:
                raise verification.BadgeFormatError("this PNG image holds no badge")
        else:
            try:
                data = data.decode("utf-8")
            except UnicodeDecodeError:
                raise verification.BadgeFormatError("neither JSON, a JWT nor a baked PNG")
    if not isinstance(data, str):
        raise verification.BadgeFormatError("neither JSON, a JWT nor a baked PNG")
    text = data.strip()
    if len(text) > verification.MAX_TEXT_BYTES:
        raise verification.BadgeTooLargeError("more than 256 KB of text")
    if text.startswith("{"):
        try:
            document = jsontext.loads(text)
        except jsontext.JsonTextError:
            raise verification.BadgeFormatError("neither JSON, a JWT nor a baked PNG")
        if not isinstance(document, dict):
            raise verification.BadgeFormatError("neither JSON, a JWT nor a baked PNG")
        token = _enveloped_token(document)
        return ("jwt", token) if token else ("json", document)
    if text.count(".") == 2:
        return "jwt", text
    raise verification.BadgeFormatError("neither JSON, a JWT nor a baked PNG")


def _enveloped_token(document):
    """The VC-JWT of an ``EnvelopedVerifiableCredential`` (VC 2.0 §4.13), else ``None``."""
    types = document.get("type")
    types = types if isinstance(types, list) else [types]
    value = document.get("id")
    if ENVELOPED in types and isinstance(value, str) and value.startswith(DATA_URL_PREFIX):
        return value[len(DATA_URL_PREFIX):]
    return None


def enveloped(token):
    """The ``EnvelopedVerifiableCredential`` JSON holding ``token`` (a VC-JWT).

    >>> enveloped("a.b.c")["id"]
    'data:application/vc+jwt,a.b.c'
    >>> _enveloped_token(enveloped("a.b.c"))
    'a.b.c'
    """
    return {"@context": [ob3.CONTEXT_VC2], "id": DATA_URL_PREFIX + token, "type": ENVELOPED}


def is_ob3(data):
    """Tell whether ``data`` (as for :func:`read`) is an Open Badges 3.0 credential rather than
    a 2.0 badge: the verification page sends it down the 3.0 path then. Unreadable data is not
    (the 2.0 path reports it, as before).

    >>> is_ob3('{"@context": "https://w3id.org/openbadges/v2", "type": "Assertion"}')
    False
    >>> is_ob3(enveloped("a.b.c")) or is_ob3(json.dumps(enveloped("a.b.c")))
    True
    """
    if isinstance(data, dict):
        return ob3.is_credential(data)
    try:
        kind, value = read(data)
        if kind == "jwt":
            value = signing.decode_unverified(value)[1]
    except verification.BadgeTooLargeError:
        return isinstance(data, bytes) and data.startswith(b"\x89PNG") and _has_ob3_chunk(data)
    except (verification.BadgeFormatError, signing.SignatureError):
        return False
    return ob3.is_credential(value)


def _has_ob3_chunk(data):
    """Whether an oversize PNG names an OB 3.0 chunk (so its verdict is the 3.0 one)."""
    return baking.KEYWORD_OB3 + b"\x00" in data[:verification.MAX_FILE_BYTES]


def _check_document(credential):
    """The reason ``credential`` (a parsed payload) is no OB 3.0 credential, or ``None``."""
    contexts = credential.get("@context")
    if not isinstance(contexts, list) or len(contexts) < 2 or contexts[0] != ob3.CONTEXT_VC2 \
            or contexts[1] not in ob3.CONTEXTS_OB3_KNOWN \
            or any(not isinstance(c, str) or (c != ob3.CONTEXT_VC2
                                              and c not in ob3.CONTEXTS_OB3_KNOWN)
                   for c in contexts):
        return "context"
    types = credential.get("type")
    if not isinstance(types, list) or "VerifiableCredential" not in types \
            or not ob3.CREDENTIAL_TYPE_NAMES.intersection(t for t in types if isinstance(t, str)):
        return "type"
    if vcjwt.numeric_date(credential.get("validFrom")) is None \
            or ("validUntil" in credential
                and vcjwt.numeric_date(credential.get("validUntil")) is None):
        return "dates"
    return None


def _issuer_id(credential):
    issuer = credential.get("issuer")
    issuer = issuer.get("id") if isinstance(issuer, dict) else issuer
    return issuer if isinstance(issuer, str) else None


def _key_of(header, jwks):
    """The JWK of ``jwks`` (an issuer's set) the JOSE ``header`` names by ``kid`` or by an
    embedded ``jwk`` (same modulus and exponent), or ``None``."""
    keys = jwks.get("keys") if isinstance(jwks, dict) else None
    keys = [k for k in keys if isinstance(k, dict)] if isinstance(keys, list) else []
    kid = header.get("kid")
    if isinstance(kid, str):
        return next((k for k in keys if k.get("kid") == kid), None)
    embedded = header.get("jwk")
    if isinstance(embedded, dict):
        return next((k for k in keys if k.get("n") == embedded.get("n")
                     and k.get("e") == embedded.get("e")), None)
    return None


def _check_jwt(token, resolve_jwks):
    """``(reason, payload)`` of a VC-JWT: ``reason`` ``None`` when its header, contexts,
    issuer key, signature and claims hold."""
    try:
        header, payload = signing.decode_unverified(token)
    except signing.SignatureError:
        return "format", None
    alg = header.get("alg")
    if not isinstance(alg, str) or alg.lower() == "none":
        return "alg_none", payload
    if alg != "RS256":
        return "algorithm", payload
    if header.get("typ") not in vcjwt.ACCEPTED_TYP or "crit" in header \
            or not (isinstance(header.get("kid"), str) or isinstance(header.get("jwk"), dict)):
        return "header", payload
    reason = _check_document(payload)
    if reason:
        return reason, payload
    jwks = resolve_jwks(_issuer_id(payload)) if _issuer_id(payload) else None
    if not jwks:
        return "unknown_issuer", payload
    key = _key_of(header, jwks)
    if key is None:
        return "foreign_key", payload
    try:
        signing.verify(token, signing.pem_of_jwk(key))
    except signing.SignatureError:
        return "signature", payload
    if not vcjwt.claims_agree(payload):
        return "claims", payload
    return None, payload


def _status_bits(credential, resolve_status, resolve_jwks):
    """``(revoked, reason)``: whether the status list says revoked, or why it cannot say."""
    entry = credential.get("credentialStatus")
    if entry is None:
        return False, None
    if not isinstance(entry, dict) or entry.get("type") != statuslist.ENTRY_TYPE \
            or entry.get("statusPurpose") != statuslist.PURPOSE or resolve_status is None:
        return False, "status_unavailable"
    url = entry.get("statusListCredential")
    index = statuslist.parse_index(entry.get("statusListIndex"))
    listed = resolve_status(url) if isinstance(url, str) and index is not None else None
    if isinstance(listed, str):  # the list's own VC-JWT: signed by the same issuer
        reason, listed = _check_jwt_list(listed, resolve_jwks)
        if reason:
            return False, "status_unavailable"
    if not isinstance(listed, dict) or _issuer_id(listed) != _issuer_id(credential):
        return False, "status_unavailable"
    subject = listed.get("credentialSubject")
    try:
        bits = statuslist.decode(subject.get("encodedList") if isinstance(subject, dict)
                                 else None)
    except statuslist.StatusListError:
        return False, "status_unavailable"
    revoked = statuslist.is_set(bits, index)
    if revoked is None or subject.get("statusPurpose") != statuslist.PURPOSE:
        return False, "status_unavailable"
    return revoked, None


def _check_jwt_list(token, resolve_jwks):
    """A status list given as a VC-JWT: its signature by a key of its issuer."""
    try:
        header, payload = signing.decode_unverified(token)
        jwks = resolve_jwks(_issuer_id(payload)) if _issuer_id(payload) else None
        key = _key_of(header, jwks) if jwks and header.get("alg") == "RS256" else None
        if key is None:
            return "foreign_key", None
        signing.verify(token, signing.pem_of_jwk(key))
    except signing.SignatureError:
        return "signature", None
    return None, vcjwt.credential_of(payload)


def verify(data, resolve_jwks, now, resolve_status=None, resolve_credential=None,
           resolve_methods=None):
    """The :class:`Verdict` on ``data`` (PNG bytes, a VC-JWT, JSON text or bytes).

    :param resolve_jwks: ``issuer id -> JWK Set dict`` of the issuers this verifier trusts
        (``None``: unknown issuer); a key's ``kid`` is the one a VC-JWT names
    :param now: a naive UTC datetime
    :param resolve_status: ``status list URL -> BitstringStatusListCredential`` (a dict, or its
        VC-JWT), ``None`` when unknown; without it, a credential with a status is
        ``status_unavailable``
    :param resolve_credential: ``credential id -> the credential the issuer serves`` (a dict) or
        ``None``: accepts a JSON credential without proof that is exactly that one
    :param resolve_methods: ``issuer id -> {verification method URL: publicKeyMultibase}`` of
        the issuers this verifier trusts (their Multikeys, retired ones included); without it a
        Data Integrity proof is ``unsupported_proof``

    An exception raised by a resolver is the caller's own failure, not the input's: it is raised
    as it is, never turned into a verdict.
    """
    try:
        return _verify(data, _guard(resolve_jwks), now, _guard(resolve_status),
                       _guard(resolve_credential), _guard(resolve_methods))
    except _ResolverError as failure:
        raise failure.error
    except verification.BadgeTooLargeError:
        return _invalid("too_large")
    except verification.BadgeFormatError:
        return _invalid("format")
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError,
            OverflowError):
        # a stranger's document of a shape no check above foresaw: not a credential, never a
        # crash of the public page
        return _invalid("format")


def _check_data_integrity(credential, resolve_methods):
    """The reason the Data Integrity proof of ``credential`` fails, or ``None``."""
    reason = _check_document(credential)
    if reason:
        return reason
    issuer_id = _issuer_id(credential)
    methods = (resolve_methods(issuer_id) if issuer_id else None) or {}
    proof = credential.get("proof")
    method = proof.get("verificationMethod") if isinstance(proof, dict) else None
    if not methods:
        return "unknown_issuer"
    if isinstance(method, str) and method not in methods and "#" in method:
        owner = method.split("#", 1)[0]
        if owner != issuer_id and resolve_methods(owner):
            return "foreign_key"
    try:
        dataintegrity.check(credential, methods.get)
    except dataintegrity.ProofError as error:
        return DI_REASONS.get(error.reason, "format")
    return None


def _verify(data, resolve_jwks, now, resolve_status, resolve_credential, resolve_methods=None):
    kind, value = read(data)
    proof = "jwt"
    if kind == "json":
        credential = value
        if not ob3.is_credential(credential):
            return _invalid("not_ob3")
        if "proof" in credential:
            if resolve_methods is None:
                return _invalid("unsupported_proof", credential)
            reason = _check_data_integrity(credential, resolve_methods)
            return _invalid(reason, credential, "data_integrity") if reason else \
                _valid_or_not(credential, "data_integrity", now, resolve_status, resolve_jwks)
        served = resolve_credential(credential.get("id")) \
            if resolve_credential and isinstance(credential.get("id"), str) else None
        if served is None or served != credential:
            return _invalid("unsecured", credential)
        reason, proof = _check_document(credential), "hosted"
    else:
        try:
            if not ob3.is_credential(signing.decode_unverified(value)[1]):
                return _invalid("not_ob3")
        except signing.SignatureError:
            return _invalid("format")
        reason, payload = _check_jwt(value, resolve_jwks)
        if reason == "format":
            return _invalid("format")
        credential = vcjwt.credential_of(payload) if isinstance(payload, dict) else None
    if reason:
        return _invalid(reason, credential, proof)
    return _valid_or_not(credential, proof, now, resolve_status, resolve_jwks)


def _valid_or_not(credential, proof, now, resolve_status, resolve_jwks):
    """The verdict on a credential whose proof holds: its status list, then its dates."""
    revoked, reason = _status_bits(credential, resolve_status, resolve_jwks)
    if reason:
        return _invalid(reason, credential, proof)
    moment = int(now.replace(tzinfo=datetime.timezone.utc).timestamp())
    valid_until = vcjwt.numeric_date(credential.get("validUntil"))
    if revoked:
        status = REVOKED
    elif moment < vcjwt.numeric_date(credential["validFrom"]):
        status = NOT_YET_VALID
    elif valid_until is not None and moment >= valid_until:
        status = EXPIRED
    else:
        status = VALID
    return Verdict(status, None, credential, proof)
