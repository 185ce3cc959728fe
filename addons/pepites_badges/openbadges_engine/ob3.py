"""Open Badges 3.0 (1EdTech, on W3C Verifiable Credentials 2.0): the ``OpenBadgeCredential`` of
an assertion, built from its Open Badges 2.0 documents.

One source: the credential is a function of the 2.0 ``Assertion``, ``BadgeClass`` and
``Issuer`` documents that :mod:`.jsonld` builds from the stored values (the same builders the
hosted 2.0 routes serve), so that both forms of a badge say the same thing: recipient hash and
salt (the same normalisation, :mod:`.identity`), dates, evidence, name, description, criteria,
image, alignments to competence blocks, tags, issuer. What 3.0 adds is said here: the contexts,
the credential's own URL, the ``achievementType``, the issuer's 3.0 Profile URL and the
``credentialStatus`` (:mod:`.statuslist`).

>>> import datetime
>>> from . import identity, jsonld, statuslist
>>> base = "https://ob.example.org"
>>> issuer = jsonld.issuer_profile(base + "/badges/issuers/1", "INAÉ", "https://www.inae.example.org",
...                                "contact@inae.example.org", image=base + "/badges/issuers/1/image.png",
...                                revocation_list=base + "/badges/issuers/1/revocations")
>>> block = jsonld.alignment("Accueillir un public", "https://www.francecompetences.fr/recherche/rncp/1/",
...                          "RNCP1BC01", "RNCP")
>>> badge = jsonld.badge_class(base + "/badges/classes/c1", "Accueil", "Accueillir le public.",
...                            base + "/badges/classes/c1/image.png", issuer["id"],
...                            criteria_narrative="Trois mises en situation.", tags=["accueil"],
...                            alignments=[block])
>>> salt = "5a1t"
>>> assertion = jsonld.assertion(base + "/badges/assertions/u1", badge["id"],
...                              identity.hash_identity("Lea@Example.org", salt), salt,
...                              datetime.datetime(2026, 3, 1), datetime.datetime(2029, 3, 1),
...                              evidence_url="https://preuves.example.org/1")
>>> status = statuslist.entry(base + "/badges/v3/issuers/1/status", 7)
>>> vc = credential(assertion, badge, issuer, base + "/badges/v3/credentials/u1",
...                 base + "/badges/v3/issuers/1", status=status)
>>> vc["@context"] == CONTEXTS, vc["type"], vc["validFrom"], vc["validUntil"]
(True, ['VerifiableCredential', 'OpenBadgeCredential'], '2026-03-01T00:00:00+00:00', '2029-03-01T00:00:00+00:00')
>>> vc["issuer"]["type"], vc["issuer"]["image"], "revocationList" in vc["issuer"]
(['Profile'], {'id': 'https://ob.example.org/badges/issuers/1/image.png', 'type': 'Image'}, False)
>>> subject = vc["credentialSubject"]
>>> subject["identifier"][0]["identityHash"] == assertion["recipient"]["identity"]
True
>>> identity.identity_matches(subject["identifier"][0]["identityHash"], subject["identifier"][0]["salt"],
...                           "lea@example.org")
True
>>> achievement = subject["achievement"]
>>> achievement["id"], achievement["achievementType"], achievement["criteria"]
('https://ob.example.org/badges/classes/c1', 'Badge', {'narrative': 'Trois mises en situation.'})
>>> achievement["alignment"][0]["type"], achievement["alignment"][0]["targetCode"]
(['Alignment'], 'RNCP1BC01')
>>> achievement["creator"] == vc["issuer"], vc["evidence"]
(True, [{'id': 'https://preuves.example.org/1', 'type': ['Evidence']}])
>>> vc["credentialStatus"]["statusListIndex"]
'7'
>>> credential(assertion, badge, issuer, vc["id"], vc["issuer"]["id"], achievement_type="Diplôme")
Traceback (most recent call last):
...
ValueError: unknown achievementType 'Diplôme'
>>> credential(assertion, badge, issuer, vc["id"], vc["issuer"]["id"],
...            achievement_type="ext:PEPITES-bloc")["credentialSubject"]["achievement"]["achievementType"]
'ext:PEPITES-bloc'
"""
import re

from . import urls

#: the W3C Verifiable Credentials Data Model 2.0 context, first
CONTEXT_VC2 = "https://www.w3.org/ns/credentials/v2"
#: the Open Badges 3.0 context, second (version 3.0.3 of the specification's context)
CONTEXT_OB3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
#: the ``@context`` of an OpenBadgeCredential, in this order
CONTEXTS = [CONTEXT_VC2, CONTEXT_OB3]
#: the earlier Open Badges 3.0 contexts a verifier still meets (the terms of 3.0.x agree)
CONTEXTS_OB3_KNOWN = frozenset([
    CONTEXT_OB3,
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.0.json",
])
CREDENTIAL_TYPES = ["VerifiableCredential", "OpenBadgeCredential"]
#: ``AchievementCredential`` is the same type under its other name (OB 3.0 §B.1.1)
CREDENTIAL_TYPE_NAMES = frozenset(["OpenBadgeCredential", "AchievementCredential"])
#: the ``achievementType`` vocabulary of Open Badges 3.0 (enumeration ``AchievementType``);
#: anything else is an extension, ``ext:`` followed by a name (:data:`EXTENSION_TYPE`)
ACHIEVEMENT_TYPES = (
    "Achievement", "ApprenticeshipCertificate", "Assessment", "Assignment", "AssociateDegree",
    "Award", "Badge", "BachelorDegree", "Certificate", "CertificateOfCompletion",
    "Certification", "CommunityService", "Competency", "Course", "CoCurricular", "Degree",
    "Diploma", "DoctoralDegree", "Fieldwork", "GeneralEducationDevelopment",
    "JourneymanCertificate", "LearningProgram", "License", "Membership",
    "ProfessionalDoctorate", "QualityAssuranceCredential", "MasterCertificate", "MasterDegree",
    "MicroCredential", "ResearchDoctorate", "SecondarySchoolDiploma",
)
EXTENSION_TYPE = re.compile(r"^ext:[A-Za-z0-9.\-_]+$")
#: what a PEPITES badge is, unless its class says otherwise
DEFAULT_ACHIEVEMENT_TYPE = "Badge"


def check_achievement_type(value):
    """Return ``value`` when it is an Open Badges 3.0 ``achievementType``.

    :raises ValueError: otherwise
    """
    if value in ACHIEVEMENT_TYPES or (isinstance(value, str) and EXTENSION_TYPE.match(value)):
        return value
    raise ValueError("unknown achievementType %r" % (value,))


def _clean(document):
    """Drop the keys without value (the 2.0 builders' rule, :func:`jsonld._clean`)."""
    return {key: value for key, value in document.items()
            if value is not None and value is not False and value not in ("", [], {})}


def image(url):
    """An OB 3.0 ``Image`` of an image URL (``None`` without one)."""
    return {"id": url, "type": "Image"} if url else None


def profile(issuer, profile_id):
    """The OB 3.0 ``Profile`` of a 2.0 ``Issuer`` document, whose id is ``profile_id`` (the
    issuer's 3.0 URL: its 2.0 document names keys and a revocation list 3.0 does not have)."""
    return _clean({
        "id": profile_id, "type": ["Profile"], "name": issuer.get("name"),
        "url": issuer.get("url"), "email": issuer.get("email"),
        "phone": issuer.get("telephone"), "description": issuer.get("description"),
        "image": image(issuer.get("image")),
    })


def alignment(document):
    """The OB 3.0 ``Alignment`` of a 2.0 ``AlignmentObject``."""
    return _clean(dict({"type": ["Alignment"]}, **{
        key: document.get(key) for key in ("targetName", "targetUrl", "targetDescription",
                                           "targetCode", "targetFramework")}))


def achievement(badge_class, creator, achievement_type=DEFAULT_ACHIEVEMENT_TYPE):
    """The OB 3.0 ``Achievement`` of a 2.0 ``BadgeClass``; ``creator`` is its issuer's
    :func:`profile`."""
    criteria = badge_class.get("criteria") or {}
    return _clean({
        "id": badge_class["id"], "type": ["Achievement"],
        "achievementType": check_achievement_type(achievement_type),
        "name": badge_class.get("name"), "description": badge_class.get("description"),
        "criteria": _clean({"id": criteria.get("id"), "narrative": criteria.get("narrative")}),
        "image": image(badge_class.get("image")),
        "alignment": [alignment(a) for a in _as_list(badge_class.get("alignment"))],
        "tag": list(badge_class.get("tags") or []),
        "creator": creator,
    })


def _as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def identity_object(recipient):
    """The OB 3.0 ``IdentityObject`` of a 2.0 hashed e-mail ``recipient``: the same hash and
    salt (:func:`.identity.hash_identity`), so that one address matches both forms."""
    return {"type": "IdentityObject", "identityHash": recipient["identity"],
            "identityType": "emailAddress", "hashed": bool(recipient.get("hashed", True)),
            "salt": recipient.get("salt")}


def evidence(documents):
    """The OB 3.0 ``Evidence`` list of the 2.0 assertion's evidence."""
    return [_clean({"id": e.get("id"), "type": ["Evidence"], "narrative": e.get("narrative"),
                    "name": e.get("name"), "description": e.get("description")})
            for e in _as_list(documents) if isinstance(e, dict)]


def credential(assertion, badge_class, issuer, credential_id, profile_id,
               achievement_type=DEFAULT_ACHIEVEMENT_TYPE, status=None):
    """The ``OpenBadgeCredential`` of a 2.0 assertion (no proof: :mod:`.vcjwt` signs it).

    :param assertion: the 2.0 ``Assertion`` document (:func:`.jsonld.assertion`)
    :param badge_class: its ``BadgeClass`` document (:func:`.jsonld.badge_class`)
    :param issuer: the class's ``Issuer`` document (:func:`.jsonld.issuer_profile`)
    :param credential_id: the credential's URL (:func:`credential_url`)
    :param profile_id: the issuer's OB 3.0 Profile URL (``urls`` kind ``issuer_v3``)
    :param achievement_type: one of :data:`ACHIEVEMENT_TYPES` or an ``ext:`` name
    :param status: the ``credentialStatus`` (:func:`.statuslist.entry`)
    :raises ValueError: on an unknown ``achievement_type``
    """
    issuer_profile = profile(issuer, profile_id)
    return _clean({
        "@context": list(CONTEXTS),
        "id": credential_id,
        "type": list(CREDENTIAL_TYPES),
        "issuer": issuer_profile,
        "validFrom": assertion["issuedOn"],
        "validUntil": assertion.get("expires"),
        "name": badge_class.get("name"),
        "description": badge_class.get("description"),
        "credentialSubject": _clean({
            "type": ["AchievementSubject"],
            "identifier": [identity_object(assertion["recipient"])],
            "achievement": achievement(badge_class, issuer_profile, achievement_type),
            "narrative": assertion.get("narrative"),
        }),
        "evidence": evidence(assertion.get("evidence")),
        "credentialStatus": status,
    })


def credential_url(assertion_id, assertion_uuid):
    """The URL of the credential of the 2.0 assertion whose id is ``assertion_id``: on the same
    origin (fixed when the badge was issued, as the 2.0 id), so that it never changes.

    >>> credential_url("https://ob.example.org/badges/assertions/u1", "u1")
    'https://ob.example.org/badges/v3/credentials/u1'
    >>> credential_url("https://ob.example.org/badges/assertions/u1", "u2") is None
    True
    """
    origin = urls.origin_of(assertion_id, "assertion", assertion_uuid)
    return origin and urls.url(origin, "credential", assertion_uuid)


def kid(jwks_url, key_id):
    """The ``kid`` of the issuer key ``key_id``: its place in the issuer's JWK Set (a URL whose
    document, fetched, is the set holding the key under this ``kid``).

    >>> kid("https://ob.example.org/badges/v3/issuers/1/jwks", 4)
    'https://ob.example.org/badges/v3/issuers/1/jwks#key-4'
    """
    return "%s#key-%s" % (jwks_url, key_id)


def verification_method_id(profile_id, key_id):
    """The id of the issuer key ``key_id``'s Ed25519 half as a ``Multikey`` of its profile (the
    ``verificationMethod`` of its Data Integrity proofs).

    >>> verification_method_id("https://ob.example.org/badges/v3/issuers/1", 4)
    'https://ob.example.org/badges/v3/issuers/1#ed25519-4'
    """
    return "%s#ed25519-%s" % (profile_id, key_id)


def key_id_of_kid(value):
    """The key id a ``kid`` of :func:`kid` names, or ``None``.

    >>> key_id_of_kid("https://ob.example.org/badges/v3/issuers/1/jwks#key-4")
    4
    >>> key_id_of_kid("x") is None
    True
    """
    tail = value.rpartition("#key-")[2] if isinstance(value, str) and "#key-" in value else ""
    return int(tail) if tail.isdigit() and len(tail) < 10 else None


def jwk_set(keys):
    """The JWK Set of an issuer: ``keys`` are ``(kid, public_pem)``, its current key and the
    retired ones (a credential signed before a rotation keeps verifying).

    >>> from . import signing
    >>> _private, public = signing.generate_rsa_key()
    >>> [k["kid"] for k in jwk_set([("https://x.example.org/jwks#key-1", public)])["keys"]]
    ['https://x.example.org/jwks#key-1']
    """
    from . import signing
    return {"keys": [signing.public_jwk(pem, kid=key_kid) for key_kid, pem in keys]}


def is_credential(document):
    """Tell whether a parsed document is an Open Badges 3.0 credential rather than a 2.0
    assertion: a VC ``type`` or ``credentialSubject``, or an enveloped VC (the reader of the
    verification page chooses its path by it).

    >>> is_credential({"@context": CONTEXTS, "type": CREDENTIAL_TYPES}), is_credential({"type": "Assertion"})
    (True, False)
    >>> is_credential({"@context": ["https://example.org/other"], "credentialSubject": {}})
    True
    """
    if not isinstance(document, dict):
        return False
    types = _as_list(document.get("type"))
    return "credentialSubject" in document or any(
        t in ("VerifiableCredential", "EnvelopedVerifiableCredential") or t in CREDENTIAL_TYPE_NAMES
        for t in types if isinstance(t, str))
