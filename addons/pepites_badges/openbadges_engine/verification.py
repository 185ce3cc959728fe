"""Our own verification of a badge, beyond the 1EdTech validator (which does not see a revoked
hosted assertion nor an HTTP 410): status from revocation and expiry, and the payload of a badge
given as JSON, a JWS or a baked PNG.

>>> import datetime
>>> now = datetime.datetime(2026, 6, 1)
>>> status(False, None, now), status(False, datetime.datetime(2026, 1, 1), now)
('valid', 'expired')
>>> status(True, datetime.datetime(2026, 1, 1), now)
'revoked'
>>> read_badge('{"id": "https://x.example.org/badges/assertions/u"}')
('json', {'id': 'https://x.example.org/badges/assertions/u'}, None)
>>> read_badge("not a badge")
Traceback (most recent call last):
...
odoo.addons.pepites_badges.openbadges_engine.verification.BadgeFormatError: neither JSON, a JWS nor a baked PNG
"""
import datetime
import json

from . import baking, signing

VALID, EXPIRED, REVOKED = "valid", "expired", "revoked"


class BadgeFormatError(ValueError):
    """What was given is not a badge (no JSON, JWS, nor baked PNG)."""


def parse_datetime(text):
    """Parse an ISO 8601 ``issuedOn``/``expires`` into a naive UTC datetime."""
    value = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value


def status(revoked, expires, now):
    """Return ``'revoked'``, ``'expired'`` or ``'valid'`` (revocation wins over expiry)."""
    if revoked:
        return REVOKED
    if expires and expires <= now:
        return EXPIRED
    return VALID


def read_badge(data):
    """Return ``(kind, payload, jws)`` of a badge given as JSON text, a compact JWS or PNG bytes.

    ``kind`` is ``'json'`` or ``'jws'``; ``payload`` is the assertion dict (not yet verified for a
    JWS); ``jws`` is the token or ``None``.

    :raises BadgeFormatError: on anything else (a PNG without a badge included)
    """
    if isinstance(data, bytes):
        if data.startswith(b"\x89PNG"):
            try:
                data = baking.unbake(data)
            except baking.BakeError:
                data = None
            if not data:
                raise BadgeFormatError("this PNG image holds no badge")
        else:
            try:
                data = data.decode("utf-8")
            except UnicodeDecodeError:
                raise BadgeFormatError("neither JSON, a JWS nor a baked PNG")
    text = (data or "").strip()
    if text.startswith("{"):
        try:
            return "json", json.loads(text), None
        except ValueError:
            raise BadgeFormatError("neither JSON, a JWS nor a baked PNG")
    try:
        _header, payload = signing.decode_unverified(text)
    except signing.SignatureError:
        raise BadgeFormatError("neither JSON, a JWS nor a baked PNG")
    return "jws", payload, text
