"""The one place where the ``/badges/...`` URLs are written: the Open Badges ids (issuer, key,
badge class, assertion, revocation list, endorsement), the images and the verification pages.

Models, controllers (their route patterns), templates and the JSON-LD engine all go through
:func:`path` and :func:`url`, so that a URL served, a URL baked into a badge and a URL read back
from a badge file cannot disagree.

>>> url("https://ob.example.org", "assertion", "u1")
'https://ob.example.org/badges/assertions/u1'
>>> path("class_image", "c1"), path("issuer", 7), path("verify_upload")
('/badges/classes/c1/image.png', '/badges/issuers/7', '/badges/verify')
>>> route("revocations", "<int:issuer_id>")
'/badges/issuers/<int:issuer_id>/revocations'
>>> origin_of("https://ob.example.org/badges/assertions/u1", "assertion", "u1")
'https://ob.example.org'
>>> origin_of("https://ob.example.org/u1", "assertion", "u1") is None
True
>>> path("credential_jwt", "u1"), path("jwks", 7), path("status_list", 7)
('/badges/v3/credentials/u1.jwt', '/badges/v3/issuers/7/jwks', '/badges/v3/issuers/7/status')
>>> parse("https://ob.example.org/badges/v3/issuers/7/status", "status_list")
('https://ob.example.org', '7')
>>> parse("https://ob.example.org/badges/v3/credentials/u1", "credential")
('https://ob.example.org', 'u1')
>>> [parse(bad, "issuer_v3") for bad in ("https://ob.example.org/badges/v3/issuers/", "/badges/v3/issuers/7",
...                                        "https://ob.example.org/x/badges/v3/issuers/7", None,
...                                        "https://ob.example.org/badges/v3/issuers/7/jwks")]
[None, None, None, None, None]
>>> path("nowhere", 1)
Traceback (most recent call last):
...
KeyError: 'nowhere'
"""
import re

#: every public ``/badges/...`` address, by kind; ``{}`` stands for the record's key (an id or
#: a uuid)
PATHS = {
    "issuer": "/badges/issuers/{}",
    "issuer_image": "/badges/issuers/{}/image.png",
    "revocations": "/badges/issuers/{}/revocations",
    "endorsement": "/badges/endorsements/{}",
    "key": "/badges/keys/{}",
    "class": "/badges/classes/{}",
    "class_image": "/badges/classes/{}/image.png",
    "assertion": "/badges/assertions/{}",
    "assertion_image": "/badges/assertions/{}/image.png",
    "verify": "/badges/verify/{}",
    "verify_upload": "/badges/verify",
    # the holder's pages (portal)
    "portal": "/my/badges",
    "portal_name": "/my/badges/name",
    "certificate": "/my/badges/{}/certificate",
    # a badge earned elsewhere, imported by its holder (issue 17)
    "portal_import": "/my/badges/import",
    # a SIAE endorsed by INAÉ issues its badges to its people (issue 17)
    "portal_issue": "/my/badges/issue",
    "portal_issue_class": "/my/badges/issue/{}",
    "portal_issue_revoke": "/my/badges/issued/{}/revoke",
    # Open Badges 3.0 (issue 19), beside the 2.0 documents: the OpenBadgeCredential of an
    # assertion (JSON, and its VC-JWT), the issuer's OB 3.0 Profile, its JWK Set (current and
    # retired keys: the ``kid`` of a VC-JWT is a URL into it) and its Bitstring status list
    "credential": "/badges/v3/credentials/{}",
    "credential_jwt": "/badges/v3/credentials/{}.jwt",
    "credential_image": "/badges/v3/credentials/{}.png",
    "issuer_v3": "/badges/v3/issuers/{}",
    "jwks": "/badges/v3/issuers/{}/jwks",
    "status_list": "/badges/v3/issuers/{}/status",
}


def path(kind, key=None):
    """The path of the ``kind`` address of the record ``key`` (see :data:`PATHS`).

    :raises KeyError: on an unknown kind
    """
    return PATHS[kind].format(key)


def url(base, kind, key=None):
    """The absolute URL on ``base`` (an origin without trailing slash) of :func:`path`."""
    return base + path(kind, key)


def route(kind, converter=None):
    """The werkzeug route pattern of ``kind``, its key given as ``converter``."""
    return path(kind, converter)


_ORIGIN = re.compile(r"^https?://[^/?#]+$")


def parse(address, kind):
    """``(origin, key)`` when ``address`` is the ``kind`` URL of some key on some origin (an
    address read from a stranger's badge), ``None`` otherwise. The key is text: the caller
    checks it is an id or a uuid."""
    if not isinstance(address, str):
        return None
    before, after = PATHS[kind].split("{}")
    if after:
        if not address.endswith(after):
            return None
        address = address[:-len(after)]
    origin, found, key = address.rpartition(before)
    if not found or not key or "/" in key or "#" in key or "?" in key \
            or not _ORIGIN.match(origin):
        return None
    return origin, key


def origin_of(address, kind, key):
    """The origin of ``address`` when it is the ``kind`` URL of ``key`` (``None`` otherwise)."""
    suffix = path(kind, key)
    if not isinstance(address, str) or not address.endswith(suffix) \
            or len(address) == len(suffix):
        return None
    return address[:-len(suffix)]
