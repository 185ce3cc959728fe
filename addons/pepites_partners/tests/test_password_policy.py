"""The password policy (OCA password_security, set in data/pepites_accounts_data.xml): 12
characters or more, passphrases welcome, no forced classes, no expiry, the last ones refused;
checked on creation too, in French."""
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import UserError

from .common import PepitesCase

FRENCH = "au moins 12 caractères"


class TestPasswordPolicy(PepitesCase):

    def setUp(self):
        super(TestPasswordPolicy, self).setUp()
        # a manager's screen: French, an invitation would be sent (no no_reset_password)
        self.Users = self.env["res.users"].with_context(lang="fr_FR")

    def new_user(self, password):
        return self.Users.create({"name": "Nouvelle", "login": "nouvelle@example.org",
                                  "password": password})

    def test_company_settings(self):
        """The company's policy: length 12, no class required, no expiry, history 5, no delay
        before a reset."""
        company = self.env.ref("base.main_company")
        self.assertEqual((company.password_length, company.password_lower,
                          company.password_upper, company.password_numeric,
                          company.password_special, company.password_expiration,
                          company.password_minimum),
                         (12, 0, 0, 0, 0, 0, 0))
        self.assertEqual(company.password_history, 5)

    def test_short_passwords_refused_on_create(self):
        """A manager creating a user with a 1- or 11-character password is refused in French,
        and no user is written."""
        for password in ("a", "abcdefghijk"):
            with self.assertRaises(UserError) as caught:
                self.new_user(password)
            self.assertIn(FRENCH, caught.exception.args[0])
        self.assertFalse(self.Users.search([("login", "=", "nouvelle@example.org")]))

    def test_passphrase_accepted(self):
        """A passphrase of plain lowercase words (no digit, no capital) is accepted."""
        user = self.new_user("cheval correct agrafe")
        self.assertEqual(user.login, "nouvelle@example.org")

    def test_short_password_refused_on_write_and_history(self):
        """On a change too: a short password is refused in French; the passwords used last
        are refused."""
        user = self.new_user("cheval correct agrafe")
        with self.assertRaises(UserError) as caught:
            user.write({"password": "court"})
        self.assertIn(FRENCH, caught.exception.args[0])
        user.write({"password": "une autre phrase de passe"})
        with self.assertRaises(UserError):
            user.write({"password": "cheval correct agrafe"})

    def test_no_expiry(self):
        """A password set two years ago has not expired."""
        user = self.new_user("cheval correct agrafe")
        user.password_write_date = fields.Datetime.to_string(
            datetime.utcnow() - timedelta(days=730))
        self.assertFalse(user._password_has_expired())

    def test_demo_fixtures_keep_their_passwords(self):
        """In a database with demo data, fixtures (no invitation) keep password = login, as the
        demo users do; a database without demo data (production) has no such exception."""
        fixture = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Démo", "login": "demo_x", "password": "demo_x"})
        self.assertTrue(fixture)
        self.assertTrue(self.env.ref("pepites_partners.user_staff_demo"))
        base = self.env["ir.module.module"].search([("name", "=", "base")])
        base.demo = False
        with self.assertRaises(UserError):
            self.env["res.users"].with_context(no_reset_password=True).create({
                "name": "Prod", "login": "prod_x", "password": "prod_x"})
