"""JWS (RFC 7515, compact serialization, RS256) signing of Open Badges assertions.

>>> private_pem, public_pem = generate_rsa_key()
>>> token = sign({"id": "urn:uuid:1", "type": "Assertion"}, private_pem)
>>> token.count(".")
2
>>> verify(token, public_pem)["id"]
'urn:uuid:1'
>>> header, payload = decode_unverified(token)
>>> header["alg"], payload["type"]
('RS256', 'Assertion')
>>> decode_unverified(sign([1, 2], private_pem))
Traceback (most recent call last):
...
odoo.addons.pepites_badges.openbadges_engine.signing.SignatureError: not a JWS compact serialization
>>> other_private, other_public = generate_rsa_key()
>>> verify(token, other_public)
Traceback (most recent call last):
...
odoo.addons.pepites_badges.openbadges_engine.signing.SignatureError: the signature does not match the key

A private key may be stored encrypted with a passphrase (PKCS#8, the best encryption the library
offers): a copy of the database alone then cannot sign badges in INAÉ's name.

>>> locked, public = generate_rsa_key(passphrase="s3cret")
>>> locked.splitlines()[0]
'-----BEGIN ENCRYPTED PRIVATE KEY-----'
>>> verify(sign({"id": "urn:uuid:2"}, load_private_key(locked, "s3cret")), public)["id"]
'urn:uuid:2'
>>> load_private_key(locked)
Traceback (most recent call last):
...
odoo.addons.pepites_badges.openbadges_engine.signing.KeyPassphraseError: the private key is encrypted and no passphrase was given
>>> load_private_key(locked, "wrong")
Traceback (most recent call last):
...
odoo.addons.pepites_badges.openbadges_engine.signing.KeyPassphraseError: the passphrase does not open the private key
>>> is_encrypted(private_pem_of(load_private_key(private_pem), "s3cret"))
True

The public half as a JSON Web Key (RFC 7517: Open Badges 3.0 verifiers read keys in a JWK Set),
and back:

>>> jwk = public_jwk(public_pem, kid="https://ob.example.org/k#1")
>>> sorted(jwk), jwk["kty"], jwk["e"]
(['alg', 'e', 'kid', 'kty', 'n', 'use'], 'RSA', 'AQAB')
>>> pem_of_jwk(jwk) == public_pem
True
>>> pem_of_jwk({"kty": "EC", "crv": "P-256"})
Traceback (most recent call last):
...
odoo.addons.pepites_badges.openbadges_engine.signing.SignatureError: not an RSA public JWK
"""
import base64
import json
import warnings

from . import jsontext

with warnings.catch_warnings():
    # cryptography 45 warns once, at import, that Python 3.7 support is deprecated: known, pinned.
    warnings.simplefilter("ignore")
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding, rsa
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey, RSAPublicNumbers


class SignatureError(ValueError):
    """A JWS that is malformed, uses another algorithm or does not match the key."""


def _b64encode(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text):
    text = text.encode("ascii") if isinstance(text, str) else text
    return base64.urlsafe_b64decode(text + b"=" * (-len(text) % 4))


class KeyPassphraseError(ValueError):
    """An encrypted private key without its passphrase, or with a wrong one."""


def generate_rsa_key(key_size=2048, passphrase=None):
    """Return ``(private_pem, public_pem)`` of a new RSA key, as text (PKCS#8 / SubjectPublicKeyInfo);
    the private half encrypted with ``passphrase`` when one is given."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=key_size)
    return private_pem_and_public(key, passphrase)


def private_pem_and_public(key, passphrase=None):
    return private_pem_of(key, passphrase), public_pem_of(key)


def private_pem_of(key, passphrase=None):
    """The PKCS#8 PEM of the loaded private ``key``, encrypted with ``passphrase`` if given."""
    encryption = (serialization.BestAvailableEncryption(passphrase.encode("utf-8"))
                  if passphrase else serialization.NoEncryption())
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             encryption).decode("ascii")


def is_encrypted(private_pem):
    """Whether a PKCS#8 PEM needs a passphrase."""
    return (private_pem or "").lstrip().startswith("-----BEGIN ENCRYPTED PRIVATE KEY-----")


def public_pem_of(private_key):
    if isinstance(private_key, str):
        private_key = load_private_key(private_key)
    return private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")


def load_private_key(private_pem, passphrase=None):
    """The private key of a PEM text; ``passphrase`` opens an encrypted one (ignored otherwise).

    :raises KeyPassphraseError: an encrypted key without passphrase, or with a wrong one
    """
    if not is_encrypted(private_pem):
        return serialization.load_pem_private_key(private_pem.encode("ascii"), password=None)
    if not passphrase:
        raise KeyPassphraseError("the private key is encrypted and no passphrase was given")
    try:
        return serialization.load_pem_private_key(private_pem.encode("ascii"),
                                                  password=passphrase.encode("utf-8"))
    except ValueError:
        raise KeyPassphraseError("the passphrase does not open the private key")


def sign(payload, private_key, header=None):
    """Return the compact JWS (``header.payload.signature``) of the JSON ``payload``.

    :param payload: a dict (the assertion)
    :param private_key: a PEM text or a loaded key (load it once to sign many assertions)
    :param header: more JOSE header parameters (``kid``, ``typ`` of a VC-JWT); ``alg`` is
        always RS256, and first (a 2.0 JWS keeps its header byte for byte)
    """
    if isinstance(private_key, str):
        private_key = load_private_key(private_key)
    fields = dict({"alg": "RS256"}, **{k: v for k, v in (header or {}).items() if k != "alg"})
    header = _b64encode(json.dumps(fields, separators=(",", ":")).encode("utf-8"))
    body = _b64encode(json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
    signing_input = ("%s.%s" % (header, body)).encode("ascii")
    signature = private_key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
    return "%s.%s.%s" % (header, body, _b64encode(signature))


def decode_unverified(token):
    """Return ``(header, payload)`` of a compact JWS without checking it.

    The token may come from anyone (a badge pasted on the verification page): header and payload
    are parsed as untrusted JSON (:func:`jsontext.loads`) and must both be JSON objects.

    :raises SignatureError: when the token is not a JWS of two JSON objects
    """
    try:
        header, body, _signature = (token or "").strip().split(".")
        header, payload = jsontext.loads(_b64decode(header)), jsontext.loads(_b64decode(body))
    except (ValueError, TypeError):  # JsonTextError, binascii.Error, UnicodeError included
        raise SignatureError("not a JWS compact serialization")
    if not isinstance(header, dict) or not isinstance(payload, dict):
        raise SignatureError("not a JWS compact serialization")
    return header, payload


def verify(token, public_pem):
    """Return the payload of ``token`` after checking its RS256 signature with ``public_pem``.

    :raises SignatureError: when the token is malformed, not RS256, or signed by another key
    """
    header, payload = decode_unverified(token)
    if header.get("alg") != "RS256":
        raise SignatureError("unsupported algorithm %r" % header.get("alg"))
    head, body, signature = token.strip().split(".")
    try:
        public_key = serialization.load_pem_public_key(public_pem.encode("ascii"))
        public_key.verify(_b64decode(signature), ("%s.%s" % (head, body)).encode("ascii"),
                          padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        raise SignatureError("the signature does not match the key")
    except ValueError:
        raise SignatureError("invalid key or signature")
    return payload


def _b64_uint(value):
    return _b64encode(value.to_bytes((value.bit_length() + 7) // 8 or 1, "big"))


def public_jwk(public_pem, kid=None):
    """The RSA public key ``public_pem`` as a JWK (``kty``, ``n``, ``e``; ``use`` ``sig``,
    ``alg`` RS256 and ``kid`` when given): what the issuer's JWK Set publishes."""
    numbers = serialization.load_pem_public_key(public_pem.encode("ascii")).public_numbers()
    jwk = {"kty": "RSA", "use": "sig", "alg": "RS256", "n": _b64_uint(numbers.n),
           "e": _b64_uint(numbers.e)}
    if kid:
        jwk["kid"] = kid
    return jwk


#: the largest RSA modulus accepted from a JWK (bits): 2048 is ours, 4096 the largest in use;
#: a key of a million bits would only cost CPU
MAX_RSA_BITS = 8192


def pem_of_jwk(jwk):
    """The PEM text of an RSA public JWK (a dict from a JWK Set, maybe a stranger's).

    :raises SignatureError: when it is not an RSA public key of a sensible size
    """
    if not isinstance(jwk, dict) or jwk.get("kty") != "RSA" \
            or not isinstance(jwk.get("n"), str) or not isinstance(jwk.get("e"), str) \
            or len(jwk["n"]) > MAX_RSA_BITS // 6 + 2 or len(jwk["e"]) > 12:
        raise SignatureError("not an RSA public JWK")
    try:
        numbers = RSAPublicNumbers(int.from_bytes(_b64decode(jwk["e"]), "big"),
                                   int.from_bytes(_b64decode(jwk["n"]), "big"))
        key = numbers.public_key()
    except (ValueError, TypeError):  # binascii.Error included
        raise SignatureError("not an RSA public JWK")
    if not isinstance(key, RSAPublicKey):
        raise SignatureError("not an RSA public JWK")
    return key.public_bytes(serialization.Encoding.PEM,
                            serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")
