import contextlib
import os
import tempfile

from odoo.exceptions import AccessError, UserError
from odoo.tools import config

from ..models.pepites_badge_key import PASSPHRASE_ENV, PASSPHRASE_FILE_OPTION
from ..openbadges_engine import signing
from .common import BadgesCase


@contextlib.contextmanager
def passphrase_file(passphrase):
    """The server configured as make prod configures it: the passphrase in a secret file."""
    handle, path = tempfile.mkstemp(prefix="pepites-passphrase-")
    with os.fdopen(handle, "w") as secret:
        secret.write(passphrase + "\n")
    had, previous = PASSPHRASE_FILE_OPTION in config.options, config.get(PASSPHRASE_FILE_OPTION)
    config[PASSPHRASE_FILE_OPTION] = path
    try:
        yield path
    finally:
        if had:
            config[PASSPHRASE_FILE_OPTION] = previous
        else:
            config.options.pop(PASSPHRASE_FILE_OPTION, None)
        os.unlink(path)


@contextlib.contextmanager
def no_passphrase():
    """A server given no passphrase at all (neither file nor environment), as before issue 15:
    ``make run`` and ``make test`` now always give one (scripts/lib.sh)."""
    had, previous = PASSPHRASE_FILE_OPTION in config.options, config.get(PASSPHRASE_FILE_OPTION)
    env_value = os.environ.pop(PASSPHRASE_ENV, None)
    config.options.pop(PASSPHRASE_FILE_OPTION, None)
    try:
        yield
    finally:
        if had:
            config[PASSPHRASE_FILE_OPTION] = previous
        if env_value is not None:
            os.environ[PASSPHRASE_ENV] = env_value


class TestKeys(BadgesCase):

    def test_rotation_keeps_old_badges_verifiable(self):
        """After a key rotation new badges are signed with the new key; the old key is retired
        but still published (owner: the issuer); a badge file signed before still verifies, and
        the hosted copy is signed again with the new key."""
        old_key = self.inae.active_key_id
        before = self.issue(self.signed, self.bob)
        old_token = before.signed_jws
        self.inae.sudo(self.users["manager"]).action_rotate_key()
        new_key = self.inae.active_key_id
        self.assertNotEqual(old_key, new_key)
        self.assertEqual(old_key.state, "retired")
        after = self.issue(self.signed, self.carla)
        self.assertEqual(after.signing_key_id, new_key)
        profile = self.inae._ob_json()
        self.assertEqual(profile["publicKey"], new_key.public_url)
        self.assertEqual(old_key._ob_json()["publicKeyPem"], old_key.public_key_pem)
        self.assertEqual(old_key._ob_json()["owner"], profile["id"])
        signing.verify(old_token, old_key.public_key_pem)
        with self.assertRaises(signing.SignatureError):
            signing.verify(old_token, new_key.public_key_pem)
        Assertion = self.env["pepites.badge.assertion"]
        self.assertEqual(Assertion._verify_badge(old_token)["status"], "valid")
        self.assertEqual(before.signing_key_id, new_key)
        signing.verify(before.signed_jws, new_key.public_key_pem)
        self.assertEqual(Assertion._verify_badge(before.signed_jws)["status"], "valid")

    def test_private_key_readable_by_managers_only(self):
        """Staff sign badges but cannot read a private key; managers can; portal users cannot
        read keys at all."""
        key = self.inae.active_key_id
        self.assertTrue(key.sudo(self.users["manager"]).private_key_pem.startswith("-----BEGIN"))
        with self.assertRaises(AccessError):
            key.sudo(self.users["staff"]).read(["private_key_pem"])
        self.assertNotIn("private_key_pem", key.sudo(self.users["staff"]).read()[0])
        with self.assertRaises(AccessError):
            key.sudo(self.users["holder"]).read(["public_key_pem"])
        with self.assertRaises(AccessError):
            key.sudo(self.users["api"]).read(["public_key_pem"])

    def test_key_that_signed_cannot_be_deleted(self):
        """A key that signed badges cannot be deleted (they would stop verifying)."""
        self.issue(self.signed, self.bob)
        with self.assertRaises(UserError):
            self.inae.active_key_id.unlink()

    def test_keys_stored_encrypted_with_the_passphrase(self):
        """With a passphrase configured, a new key is stored encrypted and signs badges that
        verify; without the passphrase, or with a wrong one, signing stops with a clear error
        instead of a badge signed by nothing."""
        with passphrase_file("correct horse battery staple"):
            self.inae.sudo(self.users["manager"]).action_rotate_key()
            key = self.inae.active_key_id
            self.assertTrue(signing.is_encrypted(key.sudo().private_key_pem))
            badge = self.issue(self.signed, self.bob)
            self.assertEqual(badge.signing_key_id, key)
            signing.verify(badge.signed_jws, key.public_key_pem)
            Assertion = self.env["pepites.badge.assertion"]
            self.assertEqual(Assertion._verify_badge(badge.signed_jws)["status"], "valid")
        with self.assertRaisesRegex(UserError, "passphrase|phrase secrète"):
            self.issue(self.signed, self.carla)
        with passphrase_file("wrong"), self.assertRaisesRegex(UserError,
                                                              "passphrase|phrase secrète"):
            self.issue(self.signed, self.carla)

    def test_clear_keys_encrypted_at_start(self):
        """Keys made before a passphrase was configured are encrypted at the next start (the
        registry hook): same public key, badges signed with them still verify."""
        Key = self.env["pepites.badge.key"]
        with no_passphrase():
            self.inae.sudo(self.users["manager"]).action_rotate_key()
            key = self.inae.active_key_id
            self.assertFalse(signing.is_encrypted(key.sudo().private_key_pem))
            self.assertEqual(Key._encrypt_stored_keys(), 0, "no passphrase: nothing to do")
        public = key.public_key_pem
        with passphrase_file("correct horse battery staple"):
            self.assertGreaterEqual(Key._encrypt_stored_keys(), 1)
            self.assertTrue(signing.is_encrypted(key.sudo().private_key_pem))
            self.assertEqual(key.public_key_pem, public)
            self.assertEqual(Key._encrypt_stored_keys(), 0)
            badge = self.issue(self.signed, self.bob)
            signing.verify(badge.signed_jws, public)
