"""Open Badges 2.0 JSON-LD documents, built from plain values (no database).

Every id is an absolute URL on one origin (the issuer's, assertion's and badge class's origins must
match for hosted verification). Dates carry their time zone.

>>> issuer = issuer_profile("https://ob.example.org/badges/issuers/1", "INAÉ",
...                         "https://www.inae.example.org", "contact@inae.example.org",
...                         public_keys=["https://ob.example.org/badges/keys/1"],
...                         revocation_list="https://ob.example.org/badges/issuers/1/revocations")
>>> issuer["type"], issuer["publicKey"], issuer["@context"] == CONTEXT_V2
('Issuer', 'https://ob.example.org/badges/keys/1', True)
>>> format_datetime(datetime.datetime(2026, 3, 1, 8, 30))
'2026-03-01T08:30:00+00:00'
>>> doc = assertion("https://ob.example.org/badges/assertions/u1", "https://ob.example.org/badges/classes/c1",
...                 "sha256$00", "salt", datetime.datetime(2026, 3, 1), evidence_url="https://e.example.org")
>>> doc["recipient"]["hashed"], doc["verification"], doc["evidence"]
(True, {'type': 'hosted'}, [{'id': 'https://e.example.org'}])
"""
import datetime

from . import urls

CONTEXT_V2 = "https://w3id.org/openbadges/v2"


def format_datetime(value):
    """Return ISO 8601 with a time zone; naive datetimes are UTC (Odoo stores UTC)."""
    if value is None:
        return None
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        value = datetime.datetime(value.year, value.month, value.day)
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return value.replace(microsecond=0).isoformat()


def _one_or_list(values):
    values = [v for v in values or [] if v]  # Odoo gives False for an empty field
    if not values:
        return None
    return values[0] if len(values) == 1 else values


def _document(kind, id_url, **fields):
    """An Open Badges document of type ``kind``: its context, type and id, then ``fields`` in
    their order (the hosted JSON is served in this order)."""
    document = {"@context": CONTEXT_V2, "type": kind, "id": id_url}
    document.update(fields)
    return document


def _clean(document):
    """Drop the keys without value: Open Badges validators reject ``null``s."""
    return {key: value for key, value in document.items()
            if value is not None and value is not False and value not in ("", [], {})}


def issuer_profile(id_url, name, url, email, description=None, image=None, public_keys=None,
                   revocation_list=None, endorsements=None, telephone=None):
    """Return an ``Issuer`` Profile document."""
    return _clean(_document(
        "Issuer", id_url, name=name, url=url, email=email, telephone=telephone,
        description=description, image=image, publicKey=_one_or_list(public_keys),
        revocationList=revocation_list, endorsement=_one_or_list(endorsements)))


def cryptographic_key(id_url, owner_url, public_pem):
    """Return a ``CryptographicKey`` document (the public half of an issuer key)."""
    return _document("CryptographicKey", id_url, owner=owner_url, publicKeyPem=public_pem)


def alignment(target_name, target_url, target_code=None, target_framework=None,
              target_description=None):
    """Return an ``AlignmentObject`` (a competence block of a title, a job frame…)."""
    return _clean({
        "targetName": target_name,
        "targetUrl": target_url,
        "targetCode": target_code,
        "targetFramework": target_framework,
        "targetDescription": target_description,
    })


def badge_class(id_url, name, description, image, issuer_url, criteria_narrative=None,
                criteria_url=None, tags=None, alignments=None):
    """Return a ``BadgeClass`` document. ``alignments`` are dicts made by :func:`alignment`."""
    criteria = _clean({"id": criteria_url, "narrative": criteria_narrative})
    return _clean(_document(
        "BadgeClass", id_url, name=name, description=description, image=image,
        criteria=criteria, issuer=issuer_url, tags=list(tags or []),
        alignment=list(alignments or [])))


def assertion(id_url, badge_url, identity, salt, issued_on, expires=None, evidence_url=None,
              evidence_narrative=None, narrative=None, image=None, verification_creator=None):
    """Return an ``Assertion`` document.

    :param identity: ``sha256$…`` made by :func:`identity.hash_identity` with ``salt``
    :param verification_creator: the key URL for a signed assertion; ``None`` means hosted
    """
    if verification_creator:
        verification = {"type": "signed", "creator": verification_creator}
    else:
        verification = {"type": "hosted"}
    evidence = _clean({"id": evidence_url, "narrative": evidence_narrative})
    return _clean(_document(
        "Assertion", id_url,
        recipient={"type": "email", "hashed": True, "salt": salt, "identity": identity},
        badge=badge_url, issuedOn=format_datetime(issued_on), expires=format_datetime(expires),
        verification=verification, evidence=[evidence] if evidence else None,
        narrative=narrative, image=image))


def origin_of(assertion_url, assertion_uuid):
    """The origin of an assertion's id: its URL without ``/badges/assertions/<uuid>``; ``None``
    when it is not the URL of this assertion.

    >>> origin_of("https://ob.example.org/badges/assertions/u1", "u1")
    'https://ob.example.org'
    >>> origin_of("https://ob.example.org/u1", "u1") is None, origin_of(None, "u1") is None
    (True, True)
    """
    return urls.origin_of(assertion_url, "assertion", assertion_uuid)


def issued_ids(document, assertion_uuid, class_uuid):
    """The ``(id, badge)`` URLs that an assertion ``document`` (as it was baked or signed)
    names, when they are the ids of this assertion and of its badge class on one origin;
    ``None`` otherwise (a document of another badge, or a malformed one).

    >>> doc = {"id": "http://localhost:8069/badges/assertions/u1",
    ...        "badge": "http://localhost:8069/badges/classes/c1"}
    >>> issued_ids(doc, "u1", "c1")
    ('http://localhost:8069/badges/assertions/u1', 'http://localhost:8069/badges/classes/c1')
    >>> issued_ids(doc, "u2", "c1"), issued_ids(doc, "u1", "c2"), issued_ids([], "u1", "c1")
    (None, None, None)
    >>> issued_ids(dict(doc, badge="https://other.example.org/badges/classes/c1"), "u1", "c1")
    """
    if not isinstance(document, dict):
        return None
    origin = origin_of(document.get("id"), assertion_uuid)
    if origin is None or document.get("badge") != urls.url(origin, "class", class_uuid):
        return None
    return document["id"], document["badge"]


def revoked_assertion(id_url, reason=None):
    """Return the body of a revoked hosted assertion (served with HTTP 410)."""
    return _clean({"@context": CONTEXT_V2, "id": id_url, "revoked": True,
                   "revocationReason": reason})


def revocation_list(id_url, issuer_url, revoked):
    """Return a ``RevocationList``; ``revoked`` is an iterable of ``(assertion_url, reason)``."""
    return _document("RevocationList", id_url, issuer=issuer_url, revokedAssertions=[
        _clean({"id": url, "revocationReason": reason}) for url, reason in revoked])


def endorsement(id_url, issuer_url, claim_id, comment, issued_on):
    """Return a hosted ``Endorsement`` of ``claim_id`` (an issuer) by ``issuer_url``."""
    return _document("Endorsement", id_url, issuer=issuer_url,
                     claim=_clean({"id": claim_id, "endorsementComment": comment}),
                     issuedOn=format_datetime(issued_on), verification={"type": "hosted"})
