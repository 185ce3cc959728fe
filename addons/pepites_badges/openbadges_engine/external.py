"""Reading and verifying, offline, an Open Badges 2.0 assertion that another platform issued (a
person brings it into their PEPITES record).

No internet: a hosted assertion cannot be fetched, so what can be checked here is checked and
the rest is said. Checked: the file is an assertion (JSON, a signed JWS, or either baked into a
PNG); its recipient is the person (the salted hash of their e-mail address, or the address in
clear); it has not expired; a signed one's signature, with the public key the badge itself
embeds (its issuer profile's ``publicKey``) or with a key of this platform — a signature that
does not match is a tampered file. A hosted badge, or a signed one whose key is only on its
issuer's server, is kept as not verified (:data:`UNVERIFIED`).

>>> import datetime
>>> now = datetime.datetime(2026, 6, 1)
>>> salt = "s1"
>>> doc = {"@context": "https://w3id.org/openbadges/v2", "type": "Assertion",
...        "id": "https://badges.example.org/a/1", "issuedOn": "2025-03-01T10:00:00Z",
...        "recipient": {"type": "email", "hashed": True, "salt": salt,
...                      "identity": identity.hash_identity("lea@example.org", salt)},
...        "badge": {"type": "BadgeClass", "name": "Soudure", "issuer": {"name": "CFA Sud"}},
...        "verification": {"type": "hosted"}}
>>> found = read(json.dumps(doc), "Lea@Example.org", now)
>>> found["badge_name"], found["issuer_name"], found["state"], found["issued_on"]
('Soudure', 'CFA Sud', 'unverified', datetime.datetime(2025, 3, 1, 10, 0))
>>> read(json.dumps(doc), "other@example.org", now)
Traceback (most recent call last):
...
odoo.addons.pepites_badges.openbadges_engine.external.ExternalBadgeError: recipient

A signed badge whose issuer embeds its key is verified; changing one byte of what was signed
breaks it:

>>> private, public = signing.generate_rsa_key()
>>> signed = dict(doc, verification={"type": "signed", "creator": "https://badges.example.org/k"},
...               badge=dict(doc["badge"], issuer={"name": "CFA Sud", "publicKey": {
...                   "id": "https://badges.example.org/k", "publicKeyPem": public}}))
>>> token = signing.sign(signed, private)
>>> read(token, "lea@example.org", now)["state"]
'verified'
>>> head, body, sig = token.split(".")
>>> forged = signing._b64encode(json.dumps(dict(signed, issuedOn="2020-01-01T00:00:00Z")).encode())
>>> read(".".join((head, forged, sig)), "lea@example.org", now)
Traceback (most recent call last):
...
odoo.addons.pepites_badges.openbadges_engine.external.ExternalBadgeError: signature
>>> read(json.dumps(dict(doc, expires="2026-01-01T00:00:00Z")), "lea@example.org", now)
Traceback (most recent call last):
...
odoo.addons.pepites_badges.openbadges_engine.external.ExternalBadgeError: expired
"""
import base64
import binascii
import json
from urllib.parse import urlparse

from . import identity, signing, verification

VERIFIED, UNVERIFIED = "verified", "unverified"
#: the verification states of an imported badge, with their (English) labels
STATES = [(VERIFIED, "Signature verified"), (UNVERIFIED, "Not verified")]
#: the reasons an import is refused (:class:`ExternalBadgeError`'s ``code``)
CODES = ("too_large", "format", "not_assertion", "recipient", "signature", "expired")


class ExternalBadgeError(ValueError):
    """The file cannot be imported; ``code`` (one of :data:`CODES`) says why."""

    def __init__(self, code):
        super(ExternalBadgeError, self).__init__(code)
        self.code = code


def _types(document):
    kind = document.get("type") if isinstance(document, dict) else None
    return set(kind) if isinstance(kind, list) else {kind}


def _text(value):
    return value.strip() if isinstance(value, str) and value.strip() else None


def _recipient_matches(recipient, email):
    """Whether the assertion's ``recipient`` is the address ``email``."""
    if not isinstance(recipient, dict) or recipient.get("type", "email") != "email":
        return False
    value = _text(recipient.get("identity"))
    if not value or not email:
        return False
    if recipient.get("hashed"):
        salt = recipient.get("salt") if isinstance(recipient.get("salt"), str) else ""
        return value.lower().startswith("sha256$") and identity.identity_matches(
            value, salt, email)
    return identity.normalize_email(value) == identity.normalize_email(email)


def _embedded_key(payload, creator):
    """The public key (PEM) the badge embeds for ``creator``: in its issuer profile."""
    badge = payload.get("badge")
    issuer = badge.get("issuer") if isinstance(badge, dict) else None
    keys = issuer.get("publicKey") if isinstance(issuer, dict) else None
    for key in keys if isinstance(keys, list) else [keys]:
        if isinstance(key, dict) and key.get("id") == creator \
                and isinstance(key.get("publicKeyPem"), str):
            return key["publicKeyPem"]
    return None


def _image(badge, png):
    """The badge's image: the baked PNG given, else a ``data:`` image the badge embeds."""
    if png:
        return png
    image = badge.get("image") if isinstance(badge, dict) else None
    if isinstance(image, dict):
        image = image.get("id")
    if isinstance(image, str) and image.startswith("data:image/png;base64,"):
        try:
            return base64.b64decode(image.split(",", 1)[1], validate=True)
        except (binascii.Error, ValueError):
            return None
    return None


def _date(value):
    try:
        return verification.parse_datetime(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _names(payload):
    """``(badge name, badge URL, issuer name)`` of the assertion, as far as it tells them (a
    hosted badge names its class by URL only: its host stands for the issuer)."""
    badge = payload.get("badge")
    if isinstance(badge, dict):
        issuer = badge.get("issuer")
        issuer_name = _text(issuer.get("name")) if isinstance(issuer, dict) else None
        url = _text(badge.get("id"))
        return (_text(badge.get("name")) or url, url,
                issuer_name or (isinstance(issuer, str) and urlparse(issuer).netloc) or None)
    url = _text(badge)
    return url, url, url and urlparse(url).netloc or None


def read(data, email, now, local_key=None):
    """Read and verify the badge ``data`` (JSON text, a compact JWS, or PNG bytes) of the person
    whose address is ``email``, at ``now`` (naive UTC).

    :param local_key: ``callable(creator URL) -> public PEM or None``: this platform's keys
    :return: dict ``ob_id``, ``badge_name``, ``badge_url``, ``issuer_name``, ``issued_on``,
        ``expires_on``, ``image`` (PNG bytes or ``None``), ``state`` (:data:`VERIFIED` or
        :data:`UNVERIFIED`), ``payload`` (the assertion) and ``token`` (the JWS or ``None``)
    :raises ExternalBadgeError: when the file is not to be imported (:data:`CODES`)
    """
    try:
        kind, payload, token = verification.read_badge(data)
    except verification.BadgeTooLargeError:
        raise ExternalBadgeError("too_large")
    except verification.BadgeFormatError:
        raise ExternalBadgeError("format")
    issued_on = _date(payload.get("issuedOn"))
    if "Assertion" not in _types(payload) or not issued_on or not payload.get("badge"):
        raise ExternalBadgeError("not_assertion")
    if not _recipient_matches(payload.get("recipient"), email):
        raise ExternalBadgeError("recipient")
    state = UNVERIFIED
    if kind == "jws":
        proof = payload.get("verification")
        creator = proof.get("creator") if isinstance(proof, dict) else None
        pem = isinstance(creator, str) and (
            _embedded_key(payload, creator) or (local_key and local_key(creator)))
        if pem:
            try:
                signing.verify(token, pem)
            except signing.SignatureError:
                raise ExternalBadgeError("signature")
            state = VERIFIED
    expires_on = _date(payload.get("expires"))
    if expires_on and expires_on <= now:
        raise ExternalBadgeError("expired")
    badge_name, badge_url, issuer_name = _names(payload)
    return {"ob_id": _text(payload.get("id")), "badge_name": badge_name, "badge_url": badge_url,
            "issuer_name": issuer_name, "issued_on": issued_on, "expires_on": expires_on,
            "image": _image(payload.get("badge"), data if isinstance(data, bytes)
                            and data.startswith(b"\x89PNG") else None),
            "state": state, "payload": payload, "token": token}
