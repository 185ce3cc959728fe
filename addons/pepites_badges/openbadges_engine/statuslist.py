"""Revocation of Open Badges 3.0 credentials: a W3C Bitstring Status List v1.0.

Why this list rather than the 1EdTech revocation list: it is a W3C Recommendation of the
Verifiable Credentials 2.0 family, its terms are in the VC 2.0 context every credential names
already (no third context), wallets and generic VC verifiers read it, and it tells a verifier
nothing about the other credentials (one bit each, in a list of at least 131,072 — "herd
privacy"; the 1EdTech list names every revoked credential). Each credential gets one index in
its issuer's list when it is issued, and keeps it: the index is signed into the credential
(``credentialStatus.statusListIndex``). Bit ``1`` at the index means revoked.

The list is a bitstring, index 0 the leftmost (most significant) bit of the first byte, GZIP
compressed, then base64url without padding behind the multibase prefix ``u``.

>>> encoded = encode([3, 131071])
>>> encoded[0], len(decode(encoded)) * 8
('u', 131072)
>>> bits = decode(encoded)
>>> is_set(bits, 3), is_set(bits, 4), is_set(bits, 131071), is_set(bits, 131072)
(True, False, True, None)
>>> len(decode(encode([MIN_BITS + 5]))) * 8 == 2 * MIN_BITS
True
>>> entry("https://ob.example.org/badges/v3/issuers/1/status", 42)["statusListIndex"]
'42'

A list sent by someone else is read within bounds: a gzip bomb is refused, not inflated.

>>> import base64, gzip
>>> bomb = "u" + base64.urlsafe_b64encode(gzip.compress(bytes(MAX_LIST_BYTES + 1))).decode()
>>> decode(bomb)
Traceback (most recent call last):
...
odoo.addons.pepites_badges.openbadges_engine.statuslist.StatusListError: the status list is too large
>>> decode("zNotBase64url")
Traceback (most recent call last):
...
odoo.addons.pepites_badges.openbadges_engine.statuslist.StatusListError: the status list is not a multibase base64url text
"""
import base64
import binascii
import gzip
import io
import re
import zlib

from . import jsonld

#: the smallest list (bits, 16 KB): the Recommendation's minimum, for herd privacy
MIN_BITS = 131072
#: the largest list read (bytes once inflated: 16 million credentials); a compressed bomb stops
#: there
MAX_LIST_BYTES = 2 * 1024 * 1024
#: the largest ``encodedList`` text read (a list of revoked badges compresses to a few KB)
MAX_ENCODED_CHARS = 1024 * 1024
_BASE64URL = re.compile(r"^[A-Za-z0-9_-]+$")
PURPOSE = "revocation"
ENTRY_TYPE = "BitstringStatusListEntry"
LIST_TYPE = "BitstringStatusList"
CREDENTIAL_TYPE = "BitstringStatusListCredential"


class StatusListError(ValueError):
    """A status list that cannot be read (not multibase base64url, not gzip, too large)."""


def size_for(indexes):
    """The size in bits of a list holding ``indexes``: :data:`MIN_BITS`, or the next multiple of
    it (the list only grows, so every index already given stays inside)."""
    highest = max(indexes, default=-1)
    return (highest // MIN_BITS + 1) * MIN_BITS if highest >= 0 else MIN_BITS


def encode(revoked_indexes, size=None):
    """The ``encodedList`` of a list whose bits ``revoked_indexes`` are set.

    :param size: at least this many bits (rounded up to a multiple of :data:`MIN_BITS`)
    """
    indexes = [int(index) for index in revoked_indexes]
    if any(index < 0 for index in indexes):
        raise ValueError("a status list index is never negative")
    bits = max(size_for(indexes), size_for([size - 1]) if size else MIN_BITS)
    data = bytearray(bits // 8)
    for index in indexes:
        data[index // 8] |= 0x80 >> (index % 8)
    # mtime 0: the same list gives the same bytes (cacheable, comparable)
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as handle:
        handle.write(bytes(data))
    return "u" + base64.urlsafe_b64encode(buffer.getvalue()).decode("ascii").rstrip("=")


def decode(encoded):
    """The bitstring (bytes) of an ``encodedList``, inflated at most to :data:`MAX_LIST_BYTES`.

    :raises StatusListError: when it is not multibase base64url GZIP data, or too large
    """
    if not isinstance(encoded, str) or not encoded.startswith("u") \
            or len(encoded) > MAX_ENCODED_CHARS:
        raise StatusListError("the status list is not a multibase base64url text")
    text = encoded[1:]
    if not _BASE64URL.match(text):
        raise StatusListError("the status list is not a multibase base64url text")
    try:
        compressed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise StatusListError("the status list is not a multibase base64url text")
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)  # gzip header expected
    try:
        data = inflater.decompress(compressed, MAX_LIST_BYTES + 1)
    except zlib.error:
        raise StatusListError("the status list is not GZIP data")
    if len(data) > MAX_LIST_BYTES:
        raise StatusListError("the status list is too large")
    if not inflater.eof:  # truncated, or nothing at all
        raise StatusListError("the status list is not GZIP data")
    return data


def is_set(bits, index):
    """The bit ``index`` of ``bits`` (``True`` revoked), ``None`` when outside the list."""
    if not isinstance(index, int) or index < 0 or index >= len(bits) * 8:
        return None
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def parse_index(value):
    """The integer of a ``statusListIndex`` (a string of digits), ``None`` if it is not one."""
    if isinstance(value, str) and value.isdigit() and len(value) <= 10:
        return int(value)
    return None


def entry(list_url, index):
    """The ``credentialStatus`` of the credential at ``index`` of the list at ``list_url``."""
    return {"id": "%s#%d" % (list_url, index), "type": ENTRY_TYPE, "statusPurpose": PURPOSE,
            "statusListIndex": str(index), "statusListCredential": list_url}


def status_list_credential(list_url, issuer_id, revoked_indexes, valid_from, size=None):
    """The ``BitstringStatusListCredential`` an issuer serves at ``list_url``.

    >>> import datetime
    >>> doc = status_list_credential("https://ob.example.org/s", "https://ob.example.org/i", [1],
    ...                              datetime.datetime(2026, 12, 5))
    >>> doc["type"], doc["credentialSubject"]["statusPurpose"], doc["validFrom"]
    (['VerifiableCredential', 'BitstringStatusListCredential'], 'revocation', '2026-12-05T00:00:00+00:00')
    >>> is_set(decode(doc["credentialSubject"]["encodedList"]), 1)
    True

    :param valid_from: a datetime (naive: UTC)
    """
    from . import ob3
    return {
        "@context": [ob3.CONTEXT_VC2],
        "id": list_url,
        "type": ["VerifiableCredential", CREDENTIAL_TYPE],
        "issuer": issuer_id,
        "validFrom": jsonld.format_datetime(valid_from),
        "credentialSubject": {"id": list_url + "#list", "type": LIST_TYPE,
                              "statusPurpose": PURPOSE,
                              "encodedList": encode(revoked_indexes, size)},
    }
