"""Recipient identity of an Open Badges 2.0 assertion: a salted sha256 of the e-mail address.

The address is trimmed and lower-cased before hashing (Open Badges displayers compare what the
earner types, whatever its case), and every assertion gets its own salt so that two assertions of
one person cannot be linked by their hashes.

>>> identity = hash_identity("  Alice.Martin@Example.ORG ", "a1b2")
>>> identity == hash_identity("alice.martin@example.org", "a1b2")
True
>>> identity.startswith("sha256$") and len(identity) == 7 + 64
True
>>> identity_matches(identity, "a1b2", "ALICE.MARTIN@example.org")
True
>>> identity_matches(identity, "other-salt", "alice.martin@example.org")
False
>>> len(make_salt()) == 32 and make_salt() != make_salt()
True
>>> is_valid_email("alice@example.org"), is_valid_email("alice@"), is_valid_email("a b@c.fr")
(True, False, False)
"""
import hashlib
import hmac
import secrets

from odoo.addons.pepites_partners import contact


def normalize_email(email):
    """Return the address as it is hashed: trimmed and lower-cased."""
    return (email or "").strip().lower()


def is_valid_email(email):
    """Tell whether ``email`` is one address, as every form of PEPITES checks it."""
    return contact.is_email(normalize_email(email))


def make_salt():
    """Return a new random salt (128 bits, hexadecimal): one per assertion."""
    return secrets.token_hex(16)


def hash_identity(email, salt):
    """Return the Open Badges ``recipient.identity`` of ``email`` salted with ``salt``."""
    digest = hashlib.sha256((normalize_email(email) + (salt or "")).encode("utf-8")).hexdigest()
    return "sha256$" + digest


def identity_matches(identity, salt, email):
    """Tell whether ``email`` is the recipient behind ``identity`` (constant-time comparison)."""
    if not identity or not email:
        return False
    return hmac.compare_digest(identity.lower(), hash_identity(email, salt))
