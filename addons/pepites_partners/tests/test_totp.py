"""The second factor (OCA auth_totp): a wrong code counts as a failed login; in production
(``pepites_require_totp``) INAÉ staff without an authenticator get no session but the enrolment
page, then log in with a real code; their XML-RPC logins are refused; portal and partner-API
users are never asked."""
import pyotp

from odoo.tools import mute_logger

from .accounts_common import LOCKED_FR, AccountsHttpCase, production_mode
from .common import create_user
from .test_lockout import MUTE


class TestTotp(AccountsHttpCase):

    def enrol(self, user):
        """Give ``user`` an authenticator app; return its TOTP."""
        secret = pyotp.random_base32()
        self.env["res.users.authenticator"].sudo().create({
            "name": "Téléphone", "secret_key": secret, "user_id": user.id})
        user.sudo().write({"mfa_enabled": True})
        return pyotp.TOTP(secret)

    @mute_logger(*MUTE)
    def test_code_after_password(self):
        """An enrolled user gives the password, then the code: logged in only after both."""
        totp = self.enrol(self.staff)
        answer = self.login_form("acc_staff", "acc_staff")
        self.assertIn("/auth_totp/login", answer.url)
        self.assertIn("Code de votre application", answer.text)
        self.assertFalse(self.session_uid())
        self.post_form("/auth_totp/login", {"confirmation_code": totp.now()})
        self.assertEqual(self.session_uid(), self.staff.id)

    @mute_logger(*MUTE)
    def test_wrong_codes_count_as_failures(self):
        """Wrong codes are failed logins: after 15 the right code is refused (the 6 digits
        cannot be guessed), and the password step alone never resets the counters."""
        totp = self.enrol(self.staff)
        self.login_form("acc_staff", "acc_staff")
        wrong = [code for code in ("%06d" % n for n in range(30)) if code != totp.now()]
        for code in wrong[:15]:
            self.post_form("/auth_totp/login", {"confirmation_code": code})
        failed = self.Attempt.sudo().search([("login", "=", "acc_staff"),
                                             ("result", "=", "failed")])
        # the address + login limit (10, the password step included) stops them first
        self.assertGreaterEqual(len(failed), 9)
        self.assertFalse(self.Attempt.sudo().search([("login", "=", "acc_staff"),
                                                     ("result", "=", "successful")]))
        answer = self.post_form("/auth_totp/login", {"confirmation_code": totp.now()})
        self.assertIn(LOCKED_FR, answer.text)
        self.assertFalse(self.session_uid())

    @mute_logger(*MUTE)
    def test_code_page_needs_the_password_first(self):
        """A code posted in a session whose password step did not pass is refused, even for a
        login typed earlier in it (the code of an account is no oracle)."""
        totp = self.enrol(self.staff)
        self.login_form("acc_staff", "wrong")
        self.post_form("/auth_totp/login", {"confirmation_code": totp.now()})
        self.assertFalse(self.session_uid())

    @mute_logger(*MUTE)
    def test_production_staff_without_totp_enrol_then_log_in(self):
        """Production: the right password of staff without an authenticator gives no session
        but the French enrolment page (QR code); a code of the app then logs in."""
        with production_mode():
            answer = self.login_form("acc_staff", "acc_staff")
            self.assertIn("/pepites/totp/enrol", answer.url)
            self.assertIn("data:image/png;base64,", answer.text)
            self.assertIn("second facteur", answer.text)
            self.assertFalse(self.session_uid())
            secret = self.secret_of(answer.text)
            wrong = self.post_form("/pepites/totp/enrol", {"confirmation_code": "12345"})
            self.assertIn("Code incorrect", wrong.text)
            self.assertFalse(self.session_uid())
            self.post_form("/pepites/totp/enrol",
                           {"confirmation_code": pyotp.TOTP(secret).now()})
            self.assertEqual(self.session_uid(), self.staff.id)
            self.staff.invalidate_cache()
            self.assertTrue(self.staff.mfa_enabled)
            self.assertEqual(self.staff.authenticator_ids.secret_key, secret)
            # the next login asks for the code of that app
            answer = self.login_form("acc_staff", "acc_staff")
            self.assertIn("/auth_totp/login", answer.url)
            self.post_form("/auth_totp/login", {"confirmation_code": pyotp.TOTP(secret).now()})
            self.assertEqual(self.session_uid(), self.staff.id)

    @mute_logger(*MUTE)
    def test_production_admin_and_managers_too(self):
        """Managers and admin are internal users: the same enrolment."""
        with production_mode():
            self.assertIn("/pepites/totp/enrol",
                          self.login_form("acc_manager", "acc_manager").url)
            self.assertFalse(self.session_uid())

    @mute_logger(*MUTE)
    def test_production_rpc_refused_for_staff(self):
        """Production: XML-RPC logins of staff without a second factor are refused, with the
        reason for calls that give one; portal and partner-API users work as before."""
        siae = create_user(self.env, "acc_siae", ["pepites_partners.group_pepites_siae"])
        api = create_user(self.env, "acc_api", ["pepites_partners.group_pepites_partner_api"])
        with production_mode():
            self.assertFalse(self.xmlrpc_login("acc_staff", "acc_staff"))
            self.assertFault(lambda: self.xmlrpc_call(
                self.staff.id, "acc_staff", "res.partner", "search", []), "second facteur")
            self.assertEqual(self.xmlrpc_login("acc_api", "acc_api"), api.id)
            self.assertTrue(self.xmlrpc_call(api.id, "acc_api", "pepites.department",
                                             "search", []))
            self.login_form("acc_siae", "acc_siae", redirect="/my")
            self.assertTrue(self.logged_in())
            self.assertTrue(siae.share)

    @mute_logger(*MUTE)
    def test_demo_mode_leaves_logins_alone(self):
        """Without the production setting (demo, development, tests) staff and the demo users
        log in with their password only."""
        self.login_form("acc_staff", "acc_staff")
        self.assertEqual(self.session_uid(), self.staff.id)
        self.assertEqual(self.xmlrpc_login("staff", "staff"),
                         self.env.ref("pepites_partners.user_staff_demo").id)
