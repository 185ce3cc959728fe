"""Lockout after repeated failed logins (OCA auth_brute_force + PEPITES' per-login limit):
on the login form and over XML-RPC, per login whatever the address, per address, a manager's
lift, and staff who cannot see any of it."""
from odoo.exceptions import AccessError
from odoo.tools import mute_logger

from .accounts_common import LOCKED_FR, AccountsHttpCase

MUTE = ("odoo.addons.auth_brute_force.models.res_authentication_attempt",
        "odoo.addons.pepites_partners.models.res_authentication_attempt",
        "odoo.addons.base.res.res_users", "odoo.http")


class TestLockout(AccountsHttpCase):

    @mute_logger(*MUTE)
    def test_fifteen_wrong_passwords_lock_the_login_form(self):
        """15 wrong passwords on the login form: the right one is then refused with the French
        message; a manager lifts the lock (recorded) and the login works."""
        for attempt in range(15):
            self.login_form("acc_staff", "wrong-%d" % attempt)
        answer = self.login_form("acc_staff", "acc_staff")
        self.assertIn(LOCKED_FR, answer.text)
        self.assertFalse(self.session_uid())
        locked = self.Attempt.sudo(self.manager).search([("pepites_locked", "=", True)])
        self.assertIn("acc_staff", locked.mapped("login"))
        locked.sudo(self.manager).action_pepites_lift_lock()
        lift = self.Attempt.sudo().search([("result", "=", "lifted")])
        self.assertEqual(lift.mapped("pepites_lifted_by_id"), self.manager)
        self.assertFalse(self.Attempt.sudo().search([("pepites_locked", "=", True)]))
        self.login_form("acc_staff", "acc_staff")
        self.assertEqual(self.session_uid(), self.staff.id)

    @mute_logger(*MUTE)
    def test_fifteen_wrong_passwords_lock_xmlrpc(self):
        """The same over XML-RPC: after 15 wrong passwords the right one gets no uid, until a
        manager lifts the lock."""
        for attempt in range(15):
            self.assertFalse(self.xmlrpc_login("acc_staff", "wrong-%d" % attempt))
        self.assertFalse(self.xmlrpc_login("acc_staff", "acc_staff"))
        self.Attempt.sudo(self.manager).search([("login", "=", "acc_staff")]) \
            .action_pepites_lift_lock()
        self.assertEqual(self.xmlrpc_login("acc_staff", "acc_staff"), self.staff.id)

    @mute_logger(*MUTE)
    def test_login_locked_whatever_the_address(self):
        """15 failures from 15 addresses lock the login itself (OCA's limits, per address, do
        not see them): the right password is refused from a 16th address; the lock ends 30
        minutes after the last failure, so nobody locks staff out for good."""
        for attempt in range(15):
            with self.from_address("10.1.0.%d" % (attempt + 1)):
                self.login_form("acc_staff", "wrong-%d" % attempt)
        with self.from_address("10.1.0.99"):
            answer = self.login_form("acc_staff", "acc_staff")
            self.assertIn(LOCKED_FR, answer.text)
            self.assertFalse(self.session_uid())
        self.assertTrue(self.Attempt._pepites_is_locked("acc_staff", "10.1.0.200"))
        # the same message for a login nobody has: no hint whether an account exists
        for attempt in range(15):
            with self.from_address("10.2.0.%d" % (attempt + 1)):
                self.login_form("nobody_here", "wrong-%d" % attempt)
        with self.from_address("10.2.0.99"):
            self.assertIn(LOCKED_FR, self.login_form("nobody_here", "x").text)
        # 31 minutes later
        self.cr.execute("UPDATE res_authentication_attempt SET create_date = create_date - "
                        "interval '31 minutes' WHERE login = 'acc_staff'")
        with self.from_address("10.1.0.99"):
            self.login_form("acc_staff", "acc_staff")
            self.assertEqual(self.session_uid(), self.staff.id)

    @mute_logger(*MUTE)
    def test_address_banned(self):
        """50 failures from one address since its last success ban the address: a right
        password from there is refused, from elsewhere it works; a manager lifts the ban."""
        for number in range(50):
            self.Attempt.sudo().create({"login": "guess%d" % number, "remote": "10.3.0.1",
                                        "result": "failed"})
        with self.from_address("10.3.0.1"):
            self.assertIn(LOCKED_FR, self.login_form("acc_staff", "acc_staff").text)
            self.assertFalse(self.session_uid())
        with self.from_address("10.3.0.2"):
            self.login_form("acc_staff", "acc_staff")
            self.assertEqual(self.session_uid(), self.staff.id)
        banned = self.Attempt.sudo(self.manager).search([("remote", "=", "10.3.0.1"),
                                                         ("pepites_locked", "=", True)])
        self.assertTrue(banned)
        banned[:1].action_pepites_lift_lock()
        with self.from_address("10.3.0.1"):
            self.login_form("acc_staff", "acc_staff")
            self.assertEqual(self.session_uid(), self.staff.id)

    @mute_logger(*MUTE)
    def test_staff_see_no_attempt(self):
        """Logins and addresses are for managers: staff neither read the attempts nor lift a
        lock; managers read them but do not write them."""
        attempt = self.Attempt.sudo().create({"login": "x", "remote": "10.4.0.1",
                                              "result": "failed"})
        with self.assertRaises(AccessError):
            attempt.sudo(self.staff).read(["login"])
        with self.assertRaises(AccessError):
            attempt.sudo(self.staff).action_pepites_lift_lock()
        self.assertEqual(attempt.sudo(self.manager).read(["login"])[0]["login"], "x")
        with self.assertRaises(AccessError):
            attempt.sudo(self.manager).write({"login": "y"})
        with self.assertRaises(AccessError):
            attempt.sudo(self.manager).unlink()
