"""The pinned OCA modules of the accounts (issue 15) are installed and do their job in PEPITES;
the geolocation of OCA auth_brute_force never calls out."""
from unittest.mock import patch

from odoo.tests.common import SavepointCase

OCA_ACCOUNTS = ("auth_brute_force", "password_security", "auth_totp",
                "auth_totp_password_security", "auth_session_timeout")


class TestOcaAccounts(SavepointCase):

    def test_installed(self):
        """Each is installed (their jobs: test_lockout, test_password_policy, test_totp,
        test_sessions)."""
        modules = self.env["ir.module.module"].search([("name", "in", OCA_ACCOUNTS)])
        self.assertEqual({module.name: module.state for module in modules},
                         {name: "installed" for name in OCA_ACCOUNTS})

    def test_jobs(self):
        """Their hooks are those of the registry: brute-force attempts recorded, the password
        rules, the second factor's check, the inactivity check."""
        Users = self.env["res.users"]
        for name in ("_auth_attempt", "_check_password_rules", "validate_mfa_confirmation_code",
                     "_auth_timeout_check"):
            self.assertTrue(hasattr(Users, name), name)
        self.assertIn("res.authentication.attempt", self.env)
        self.assertIn("res.users.authenticator", self.env)
        self.assertIn("res.users.pass.history", self.env)

    def test_no_geolocation_call(self):
        """An attempt's address is never sent to the third-party geolocation site."""
        def forbidden(*args, **kwargs):
            raise AssertionError("outbound call to %s" % (args,))
        attempt = self.env["res.authentication.attempt"].create({
            "login": "x", "remote": "192.0.2.1", "result": "failed"})
        with patch("odoo.addons.auth_brute_force.models.res_authentication_attempt.urlopen",
                   forbidden):
            self.assertFalse(attempt.remote_metadata)
