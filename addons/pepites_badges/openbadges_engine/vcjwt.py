"""The VC-JWT proof of an Open Badges 3.0 credential (OB 3.0 §8.2, W3C VC-JOSE-COSE): a JWS in
compact form, RS256 with the issuer's key (:mod:`.signing`), whose payload is the credential
itself (no ``vc`` wrapper) plus the registered claims that repeat it.

Header: ``alg`` RS256, ``kid`` the URL of the key in the issuer's JWK Set
(:func:`.ob3.kid`), ``typ`` ``vc+jwt`` (the media type ``application/vc+jwt`` of VC-JOSE-COSE;
the OB 3.0.3 examples write ``JWT``: :data:`ACCEPTED_TYP` accepts both when verifying).

Claims (:func:`claims`): ``iss`` the issuer's id, ``jti`` the credential's id, ``nbf``
``validFrom`` and ``exp`` ``validUntil`` (when it has one) as NumericDates, ``sub`` the subject's
``id`` when it has one (ours identify the holder by a hashed e-mail, so they have none). No
``iat``: OB 3.0 maps ``validFrom`` to ``nbf``, and a token signed again after a key rotation
stays the same credential.

>>> from . import signing
>>> private, public = signing.generate_rsa_key()
>>> vc = {"@context": ["https://www.w3.org/ns/credentials/v2"], "id": "https://x.example.org/c/1",
...       "type": ["VerifiableCredential"], "issuer": {"id": "https://x.example.org/i/1"},
...       "validFrom": "2026-03-01T00:00:00+00:00", "validUntil": "2027-03-01T00:00:00Z",
...       "credentialSubject": {"type": ["AchievementSubject"]}}
>>> token = sign(vc, private, "https://x.example.org/i/1/jwks#key-1")
>>> header, payload = signing.decode_unverified(token)
>>> header
{'alg': 'RS256', 'kid': 'https://x.example.org/i/1/jwks#key-1', 'typ': 'vc+jwt'}
>>> payload["iss"], payload["jti"], payload["nbf"], payload["exp"], "sub" in payload
('https://x.example.org/i/1', 'https://x.example.org/c/1', 1772323200, 1803859200, False)
>>> credential_of(payload) == vc
True
>>> claims_agree(dict(payload, nbf=0))
False
"""
import datetime

from . import signing

TYP = "vc+jwt"
#: the ``typ`` a verifier accepts: VC-JOSE-COSE's, the OB 3.0 examples', or none
ACCEPTED_TYP = frozenset([None, "vc+jwt", "application/vc+jwt", "JWT"])
#: the registered claims the token adds to the credential
REGISTERED = ("iss", "jti", "nbf", "exp", "sub", "iat")
#: the media type of a VC-JWT (the ``.jwt`` route's Content-Type)
MEDIA_TYPE = "application/vc+jwt"


def numeric_date(text):
    """The NumericDate (seconds since 1970 UTC) of an ISO 8601 date-time with a time zone;
    ``None`` when it is not one.

    >>> numeric_date("2026-03-01T01:00:00+01:00"), numeric_date("2026-03-01"), numeric_date(3)
    (1772323200, None, None)
    """
    if not isinstance(text, str) or "T" not in text:
        return None
    try:
        value = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is None:
        return None
    return int(value.timestamp())


def _issuer_id(credential):
    issuer = credential.get("issuer")
    return issuer.get("id") if isinstance(issuer, dict) else issuer


def claims(credential):
    """The registered claims of ``credential`` (see the module's docstring)."""
    subject = credential.get("credentialSubject")
    values = {
        "iss": _issuer_id(credential),
        "jti": credential.get("id"),
        "nbf": numeric_date(credential.get("validFrom")),
        "exp": numeric_date(credential.get("validUntil")),
        "sub": subject.get("id") if isinstance(subject, dict) else None,
    }
    return {key: value for key, value in values.items() if value is not None}


def sign(credential, private_key, kid):
    """The VC-JWT of ``credential`` signed by ``private_key`` (PEM or loaded), named ``kid``."""
    payload = dict(credential, **claims(credential))
    return signing.sign(payload, private_key, header={"kid": kid, "typ": TYP})


def credential_of(payload):
    """The credential a VC-JWT payload holds: the payload without the registered claims."""
    return {key: value for key, value in payload.items() if key not in REGISTERED}


def claims_agree(payload):
    """Tell whether the registered claims of ``payload`` say what its credential says: ``iss``,
    ``jti`` and ``nbf`` are required, ``exp`` and ``sub`` must match when either side has one
    (OB 3.0 §8.2.4.1: verifiers refuse claims that disagree with the credential)."""
    expected = claims(credential_of(payload))
    if any(payload.get(name) is None for name in ("iss", "jti", "nbf")):
        return False
    return all(payload.get(name) == expected.get(name) for name in ("iss", "jti", "nbf", "exp",
                                                                      "sub"))
