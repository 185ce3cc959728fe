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
>>> read_badge("{" + "[" * 50000)
Traceback (most recent call last):
...
odoo.addons.pepites_badges.openbadges_engine.verification.BadgeFormatError: neither JSON, a JWS nor a baked PNG
>>> read_badge(b"\\x89PNG" + bytes(MAX_FILE_BYTES))
Traceback (most recent call last):
...
odoo.addons.pepites_badges.openbadges_engine.verification.BadgeTooLargeError: more than 2 MB
"""
import datetime

from . import baking, jsontext, signing

VALID, EXPIRED, REVOKED = "valid", "expired", "revoked"
#: the statuses :func:`status` returns, with their (English) labels
STATUSES = [(VALID, "Valid"), (EXPIRED, "Expired"), (REVOKED, "Revoked")]
#: most bytes of a badge file read on the verification page: a baked badge is its class image
#: (a PNG of a few dozen KB: ours are drawn at 400 px or uploaded by INAÉ) plus a few KB of
#: assertion; 2 MB leaves room for large artwork and bounds the memory of one upload
MAX_FILE_BYTES = 2 * 1024 * 1024
#: most characters of a pasted assertion or JWS (the same bound as a baked text)
MAX_TEXT_BYTES = baking.MAX_TEXT_BYTES


class BadgeFormatError(ValueError):
    """What was given is not a badge (no JSON, JWS, nor baked PNG)."""


class BadgeTooLargeError(BadgeFormatError):
    """The file, its number of PNG chunks or its (inflated) text exceed our limits."""


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
    JWS); ``jws`` is the token or ``None``. Anyone may send it: sizes are bounded
    (:data:`MAX_FILE_BYTES`, :data:`MAX_TEXT_BYTES`, :data:`baking.MAX_CHUNKS`) and the JSON is
    parsed by :func:`jsontext.loads`.

    :raises BadgeTooLargeError: beyond these bounds
    :raises BadgeFormatError: on anything else that is not a badge (a PNG without a badge
        included, JSON that is not an object...)
    """
    if isinstance(data, bytes):
        if len(data) > MAX_FILE_BYTES:
            raise BadgeTooLargeError("more than %d MB" % (MAX_FILE_BYTES // 2 ** 20))
        if data.startswith(b"\x89PNG"):
            try:
                data = baking.unbake(data)
            except baking.BakeTooLargeError as error:
                raise BadgeTooLargeError(str(error))
            except baking.BakeError:
                data = None
            if not data:
                raise BadgeFormatError("this PNG image holds no badge")
        else:
            try:
                data = data.decode("utf-8")
            except UnicodeDecodeError:
                raise BadgeFormatError("neither JSON, a JWS nor a baked PNG")
    if not isinstance(data, str) and data is not None:
        raise BadgeFormatError("neither JSON, a JWS nor a baked PNG")
    text = (data or "").strip()
    if len(text) > MAX_TEXT_BYTES:
        raise BadgeTooLargeError("more than %d KB of text" % (MAX_TEXT_BYTES // 1024))
    if text.startswith("{"):
        try:
            payload = jsontext.loads(text)
        except jsontext.JsonTextError:
            raise BadgeFormatError("neither JSON, a JWS nor a baked PNG")
        return "json", payload, None
    try:
        _header, payload = signing.decode_unverified(text)
    except signing.SignatureError:
        raise BadgeFormatError("neither JSON, a JWS nor a baked PNG")
    return "jws", payload, text
