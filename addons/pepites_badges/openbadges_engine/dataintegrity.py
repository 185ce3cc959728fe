"""Data Integrity proofs with the ``eddsa-rdfc-2022`` cryptosuite (W3C "Data Integrity EdDSA
Cryptosuites v1.0", §3.3): the second proof of an Open Badges 3.0 credential beside its VC-JWT,
the one that wallets built on Data Integrity (VC-API, CHAPI, the DCC wallets) read.

How a proof is made (§3.3.1 to §3.3.6), and checked the same way backwards:

1. the proof options (``type`` ``DataIntegrityProof``, ``cryptosuite``, ``created``,
   ``verificationMethod``, ``proofPurpose`` ``assertionMethod``; no ``proofValue``) get the
   document's ``@context`` and are canonicalised with RDFC-1.0 (URDNA2015) into N-Quads;
2. the document without ``proof`` is canonicalised the same way;
3. the signed bytes are ``sha256(proof options) || sha256(document)`` (64 bytes), signed with
   Ed25519 (RFC 8032, deterministic: the same key and document give the same bytes every time);
4. ``proofValue`` is the signature in multibase base58btc (``z`` then base58);
   ``verificationMethod`` names a ``Multikey`` whose ``publicKeyMultibase`` is ``z`` +
   base58btc(``0xed 0x01`` + the raw 32-byte public key).

**Contexts are never fetched.** The document loader serves the contexts bundled in
``contexts/`` (see its README: source URL, version, digest) and nothing else: a credential
naming any other context is refused as ``context`` before anything is signed or checked, so no
verification makes a network call and no context can change under a signature.

**Undefined terms are refused** (the "safe mode" of the Data Integrity verifiers): a property
that no context defines would be dropped by JSON-LD expansion, i.e. left unsigned. Before
canonicalising, the document is expanded once with a marker ``@vocab`` appended; any marker IRI
means an undefined term (``undefined_term``). A context with its own ``@vocab`` (the
specification's example context) maps every term, so nothing is dropped and nothing is marked.

**The canonicaliser** is PyLD, which must implement JSON-LD 1.1 (type-scoped and protected
contexts, used by both the VC 2.0 and the OB 3.0 contexts): PyLD 2.x, pinned at 2.0.4 in
requirements.txt. PyLD 0.7.x (what the 1EdTech Open Badges 2.0 validator asks for) is JSON-LD 1.0
and cannot read these contexts: :func:`available` says whether the installed PyLD can, and every
function here answers ``canonicaliser`` (never an exception) when it cannot.

**base58** is written here (:func:`b58encode`, :func:`b58decode`, 25 lines): no pinned package
does it (``base58`` and ``multiformats`` are not in requirements.txt, and adding a dependency
for Bitcoin's alphabet is not worth a pin).

>>> raw = bytes(range(32))
>>> multikey(raw)
'z6MkeTGwHmLmuCmgg4ABYhzWVh6ZX7hTwWt8gguAretUfc9c'
>>> decode_multikey(multikey(raw)) == raw
True
>>> b58decode(b58encode(b"\\x00\\x00abc")) == b"\\x00\\x00abc"
True
"""
import copy
import datetime
import hashlib
import json
import math
import os

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from . import ob3

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
PROOF_PURPOSE = "assertionMethod"
#: multicodec ``ed25519-pub``, before the 32 key bytes in a ``publicKeyMultibase``
ED25519_PUB_PREFIX = b"\xed\x01"
MULTIKEY = "Multikey"
#: the Controlled Identifier / Multikey context a controller document names
CONTEXT_MULTIKEY = "https://w3id.org/security/multikey/v1"
CONTEXT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "contexts")
#: the only contexts the loader serves: URL -> bundled file
BUNDLED_CONTEXTS = {
    ob3.CONTEXT_VC2: "credentials-v2.jsonld",
    ob3.CONTEXT_OB3: "ob-v3p0-context-3.0.3.json",
}
#: the IRI appended as ``@vocab`` to detect the terms no context defines
UNDEFINED_VOCAB = "urn:pepites:undefined-term#"
#: why a proof does not verify, each its own code (the verification page says each in French)
REASONS = (
    "canonicaliser",        # the installed PyLD cannot canonicalise JSON-LD 1.1
    "proof_missing",        # no proof, or several (proof sets are not accepted)
    "proof_type",           # not a DataIntegrityProof
    "cryptosuite",          # another cryptosuite than eddsa-rdfc-2022
    "proof_fields",         # a required field missing or malformed, another purpose, bad date
    "context",              # a context that is not bundled (or not a URL)
    "undefined_term",       # a property or type no context defines (it would be unsigned)
    "verification_method",  # the method is unknown to the caller, or not an Ed25519 Multikey
    "proof_value",          # proofValue is not base58btc multibase of 64 bytes
    "signature",            # tampered document or proof, or another key
    "canonicalisation",     # the document is not valid JSON-LD
    "too_complex",          # more JSON values or canonicalisation work than any credential needs
)
#: the most JSON values (objects, list items, scalars) a document canonicalised here may hold.
#: JSON-LD expansion and RDFC-1.0 grow faster than the document (measured with PyLD 2.0.4:
#: 4,000 values 1.3 s, 40,000 values 51 s), and anyone can post one to /badges/verify; our own
#: credentials hold about 100, one of another platform with 100 alignments about 600.
MAX_JSON_VALUES = 2000
#: the most "Hash N-Degree Quads" work RDFC-1.0 may do for one document, counted as one unit per
#: call plus one per permutation of look-alike blank nodes it tries. The algorithm is exponential
#: in blank nodes that look alike (a "poison graph": 7 blank nodes all linked to each other take
#: 13 s, each one more about ten times as long), and RDFC-1.0 asks implementations to bound it
#: (its "Dataset Poisoning" security consideration); a credential's blank nodes (its subject,
#: identifier, criteria, alignments) differ by their content and cost no unit at all.
CANONICALISATION_BUDGET = 1000
BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {char: index for index, char in enumerate(BASE58_ALPHABET)}


class ProofError(ValueError):
    """A proof cannot be made or checked; ``reason`` is one of :data:`REASONS`."""

    def __init__(self, reason, detail=None):
        super(ProofError, self).__init__(detail or reason)
        self.reason = reason


def b58encode(data):
    """Bitcoin base58 of ``data`` (leading zero bytes kept as ``1``)."""
    number = int.from_bytes(data, "big")
    chars = []
    while number:
        number, rest = divmod(number, 58)
        chars.append(BASE58_ALPHABET[rest])
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * zeros + "".join(reversed(chars))


def b58decode(text):
    """Bytes of a base58 string; :class:`ValueError` on a character outside the alphabet."""
    number = 0
    for char in text:
        if char not in _B58_INDEX:
            raise ValueError("not base58: %r" % char)
        number = number * 58 + _B58_INDEX[char]
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def multikey(public_raw):
    """``publicKeyMultibase`` of a raw 32-byte Ed25519 public key."""
    return "z" + b58encode(ED25519_PUB_PREFIX + public_raw)


def decode_multikey(value):
    """The raw 32-byte Ed25519 key of a ``publicKeyMultibase``; :class:`ProofError` otherwise
    (another multibase, another multicodec — a private key's ``0x8026`` included — or length)."""
    if not isinstance(value, str) or not value.startswith("z"):
        raise ProofError("verification_method", "publicKeyMultibase is not base58btc")
    try:
        data = b58decode(value[1:])
    except ValueError:
        raise ProofError("verification_method", "publicKeyMultibase is not base58btc")
    if len(data) != 34 or not data.startswith(ED25519_PUB_PREFIX):
        raise ProofError("verification_method", "not an Ed25519 public key (multicodec 0xed01)")
    return data[2:]


def generate_key():
    """A new Ed25519 private key."""
    return ed25519.Ed25519PrivateKey.generate()


def private_raw_of(private_key):
    """The 32-byte seed of an Ed25519 private key (what the key model stores, encrypted)."""
    return private_key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                     serialization.NoEncryption())


def public_raw_of(private_key):
    """The 32-byte public key of an Ed25519 private key."""
    return private_key.public_key().public_bytes(serialization.Encoding.Raw,
                                                 serialization.PublicFormat.Raw)


def load_private_raw(raw):
    """An Ed25519 private key from its 32-byte seed."""
    return ed25519.Ed25519PrivateKey.from_private_bytes(raw)


def verification_method(controller, method_id, public_multibase):
    """The ``Multikey`` verification method a controller document (the issuer's profile) lists,
    so that a verifier resolves ``verificationMethod``: ``controller`` is the issuer's id,
    ``public_multibase`` the key's :func:`multikey`."""
    return {"id": method_id, "type": MULTIKEY, "controller": controller,
            "publicKeyMultibase": public_multibase}


_CONTEXT_CACHE = {}


def bundled_context(url):
    """The parsed text of a bundled context (read once per process)."""
    if url not in _CONTEXT_CACHE:
        with open(os.path.join(CONTEXT_DIR, BUNDLED_CONTEXTS[url]), encoding="utf-8") as handle:
            _CONTEXT_CACHE[url] = json.load(handle)
    return _CONTEXT_CACHE[url]


class UnknownContext(Exception):
    """The loader was asked for a context that is not bundled."""


def document_loader(extra=None):
    """A PyLD document loader serving only the bundled contexts, plus ``extra`` (URL -> parsed
    document: the tests' example context); anything else raises :class:`UnknownContext`
    (wrapped by PyLD) — never a network call."""
    extra = extra or {}

    def load(url, options=None):
        if url in extra:
            document = extra[url]
        elif url in BUNDLED_CONTEXTS:
            document = bundled_context(url)
        else:
            raise UnknownContext(url)
        return {"contextUrl": None, "documentUrl": url, "document": copy.deepcopy(document)}
    return load


def _jsonld():
    """PyLD's jsonld module, or ``None`` when it is not installed."""
    try:
        from pyld import jsonld
    except ImportError:
        return None
    return jsonld


_AVAILABLE = []


def available():
    """Whether the installed PyLD canonicalises JSON-LD 1.1 (checked once per process on a
    document using the bundled VC 2.0 context's type-scoped terms)."""
    if not _AVAILABLE:
        probe = {"@context": [ob3.CONTEXT_VC2], "id": "urn:uuid:probe",
                 "type": ["VerifiableCredential"], "validFrom": "2026-01-01T00:00:00Z"}
        try:
            quads = _normalize(probe, document_loader())
        except Exception:  # an old PyLD raises on the scoped contexts: not available
            quads = ""
        _AVAILABLE.append("credentials#validFrom" in quads)
    return _AVAILABLE[0]


def _normalize(document, loader):
    """RDFC-1.0 (PyLD's URDNA2015) of ``document``, its Hash N-Degree Quads work bounded by
    :data:`CANONICALISATION_BUDGET` units."""
    jsonld = _jsonld()
    if jsonld is None:
        raise ProofError("canonicaliser", "PyLD is not installed")
    dataset = jsonld.to_rdf(document, {"documentLoader": loader, "produceGeneralizedRdf": False})
    canoniser = _budgeted_canoniser(jsonld)(CANONICALISATION_BUDGET)
    return canoniser.main(dataset, {"algorithm": "URDNA2015", "format": "application/n-quads"})


def _budgeted_canoniser(jsonld):
    """PyLD's URDNA2015 with a work budget: :class:`ProofError` ``too_complex`` once spent."""

    class BudgetedURDNA2015(jsonld.URDNA2015):

        def __init__(self, budget):
            super(BudgetedURDNA2015, self).__init__()
            self.budget = budget

        def create_hash_to_related(self, id_, issuer):
            # called once by each Hash N-Degree Quads step, before it tries every permutation
            # of each group of look-alike related blank nodes: charge the step and those
            related = super(BudgetedURDNA2015, self).create_hash_to_related(id_, issuer)
            self.budget -= 1 + sum(math.factorial(min(len(nodes), 20)) for nodes in
                                   related.values() if len(nodes) > 1)
            if self.budget < 0:
                raise ProofError("too_complex", "canonicalisation work over budget")
            return related

    return BudgetedURDNA2015


def _check_size(document):
    """:class:`ProofError` ``too_complex`` when ``document`` holds more than
    :data:`MAX_JSON_VALUES` JSON values (counted without recursion: any depth)."""
    count, todo = 0, [document]
    while todo:
        value = todo.pop()
        count += 1
        if count > MAX_JSON_VALUES:
            raise ProofError("too_complex", "more than %d JSON values" % MAX_JSON_VALUES)
        if isinstance(value, dict):
            todo.extend(value.values())
        elif isinstance(value, list):
            todo.extend(value)


def _unknown_context(error):
    """Whether a PyLD error was caused by the loader refusing a context."""
    seen = 0
    while error is not None and seen < 20:
        if isinstance(error, UnknownContext):
            return True
        details = getattr(error, "details", None) or {}
        error = getattr(error, "cause", None) or details.get("cause") or error.__cause__
        seen += 1
    return False


def _check_contexts(document, extra):
    contexts = document.get("@context") if isinstance(document, dict) else None
    if isinstance(contexts, str):
        contexts = [contexts]
    if not isinstance(contexts, list) or not contexts:
        raise ProofError("context", "no @context")
    for context in contexts:
        if not isinstance(context, str) or (context not in BUNDLED_CONTEXTS
                                            and context not in (extra or {})):
            raise ProofError("context", "unknown context %r" % (context,))
    return contexts


def canonical_nquads(document, extra_contexts=None):
    """RDFC-1.0 canonical N-Quads of ``document`` (its contexts checked, undefined terms
    refused). :raises ProofError: ``canonicaliser``, ``context``, ``undefined_term`` or
    ``canonicalisation``."""
    if not available():
        raise ProofError("canonicaliser", "the installed PyLD does not read JSON-LD 1.1")
    contexts = _check_contexts(document, extra_contexts)
    _check_size(document)
    loader = document_loader(extra_contexts)
    jsonld = _jsonld()
    try:
        if not any("@vocab" in loader(url)["document"].get("@context", {}) for url in contexts):
            marked = dict(document, **{"@context": list(contexts) + [{"@vocab": UNDEFINED_VOCAB}]})
            expanded = jsonld.expand(marked, {"documentLoader": loader})
            if UNDEFINED_VOCAB in json.dumps(expanded):
                raise ProofError("undefined_term", "a term no context defines")
        return _normalize(document, loader)
    except ProofError:
        raise
    except Exception as error:  # PyLD's JsonLdError, or anything a malformed document raises
        if _unknown_context(error):
            raise ProofError("context", "unknown context")
        raise ProofError("canonicalisation", str(error).splitlines()[0] if str(error) else "")


def hash_data(document, proof_options, extra_contexts=None):
    """``sha256(canonical proof options) || sha256(canonical document)`` (§3.3.4): the 64 bytes
    signed. The proof options get the document's ``@context``; ``proofValue`` and the
    document's ``proof`` are left out."""
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    options = {key: value for key, value in proof_options.items() if key != "proofValue"}
    options["@context"] = unsecured.get("@context")
    return (hashlib.sha256(canonical_nquads(options, extra_contexts).encode("utf-8")).digest()
            + hashlib.sha256(canonical_nquads(unsecured, extra_contexts).encode("utf-8")).digest())


def format_created(created):
    """``created`` as an XML Schema dateTime in UTC, to the second (``…Z``)."""
    if isinstance(created, str):
        return created
    if created.tzinfo is not None:
        created = created.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return created.replace(microsecond=0).isoformat() + "Z"


def add_proof(document, private_key, verification_method_id, created, extra_contexts=None):
    """A copy of ``document`` with an ``eddsa-rdfc-2022`` proof (§3.3.1 Create Proof).

    :param private_key: an Ed25519 private key (:func:`load_private_raw`)
    :param verification_method_id: the URL of the key's ``Multikey`` in the issuer's profile
    :param created: a ``datetime`` (naive = UTC) or an XML Schema dateTime string
    :raises ProofError: the document cannot be canonicalised (unknown context, undefined term)
    """
    proof = {"type": PROOF_TYPE, "cryptosuite": CRYPTOSUITE, "created": format_created(created),
             "verificationMethod": verification_method_id, "proofPurpose": PROOF_PURPOSE}
    signature = private_key.sign(hash_data(document, proof, extra_contexts))
    proof["proofValue"] = "z" + b58encode(signature)
    secured = {key: value for key, value in document.items() if key != "proof"}
    secured["proof"] = proof
    return secured


def _checked_proof(document):
    """The single proof of ``document``, its fields checked (§3.3.2 steps before hashing)."""
    proof = document.get("proof") if isinstance(document, dict) else None
    if not isinstance(proof, dict):
        raise ProofError("proof_missing", "no single proof object")
    if proof.get("type") != PROOF_TYPE:
        raise ProofError("proof_type", "proof type %r" % (proof.get("type"),))
    if proof.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError("cryptosuite", "cryptosuite %r" % (proof.get("cryptosuite"),))
    for field in ("verificationMethod", "proofValue", "proofPurpose"):
        if not isinstance(proof.get(field), str) or not proof[field]:
            raise ProofError("proof_fields", "%s missing" % field)
    if proof["proofPurpose"] != PROOF_PURPOSE:
        raise ProofError("proof_fields", "proofPurpose %r" % proof["proofPurpose"])
    if "created" in proof and not _is_datetime(proof["created"]):
        raise ProofError("proof_fields", "created is not a dateTime")
    if "@context" in proof and proof["@context"] != document.get("@context"):
        raise ProofError("context", "the proof's @context differs from the document's")
    return proof


def _is_datetime(value):
    if not isinstance(value, str):
        return False
    try:
        datetime.datetime.strptime(value.replace("Z", "+00:00")[:19], "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        return False
    return True


def _signature_of(proof):
    value = proof["proofValue"]
    try:
        signature = b58decode(value[1:]) if value.startswith("z") else b""
    except ValueError:
        signature = b""
    if len(signature) != 64:
        raise ProofError("proof_value", "proofValue is not a base58btc Ed25519 signature")
    return signature


def check(document, resolve_method, extra_contexts=None):
    """Check the ``eddsa-rdfc-2022`` proof of ``document`` (§3.3.2 Verify Proof).

    :param resolve_method: ``verificationMethod`` URL -> its ``publicKeyMultibase`` (``None``
        when the caller does not know it: a key of another issuer is unknown to the issuer's
        profile, so it is refused here)
    :returns: the verification method URL
    :raises ProofError: with its reason (:data:`REASONS`); any other exception is a
        ``canonicalisation`` error, so that nothing escapes to the caller
    """
    try:
        return _check(document, resolve_method, extra_contexts)
    except ProofError:
        raise
    except Exception as error:  # a resolver or a malformed input: a verdict, never a 500
        raise ProofError("canonicalisation", str(error))


def _check(document, resolve_method, extra_contexts):
    # what needs no canonicaliser first: each bad input gets its own verdict on any platform
    proof = _checked_proof(document)
    _check_contexts(document, extra_contexts)
    signature = _signature_of(proof)
    method = proof["verificationMethod"]
    public_multibase = resolve_method(method)
    if not public_multibase:
        raise ProofError("verification_method", "unknown verification method %s" % method)
    public_key = ed25519.Ed25519PublicKey.from_public_bytes(decode_multikey(public_multibase))
    if not available():
        raise ProofError("canonicaliser", "the installed PyLD does not read JSON-LD 1.1")
    try:
        public_key.verify(signature, hash_data(document, proof, extra_contexts))
    except InvalidSignature:
        raise ProofError("signature", "the signature does not match")
    return method
