"""Sessions expire after inactivity (OCA auth_session_timeout, 2 hours) and the session cookie
is ``HttpOnly``, ``SameSite=Lax`` and, over TLS (behind a proxy saying so), ``Secure``."""
import os
import time

from odoo import http
from odoo.tests.common import HOST, PORT

from .accounts_common import AccountsHttpCase, option


class TestSessions(AccountsHttpCase):

    def test_inactivity_delay(self):
        """The inactivity delay is 2 hours."""
        self.assertEqual(self.env["ir.config_parameter"].sudo().get_param(
            "inactive_session_time_out_delay"), "7200")

    def test_idle_session_logged_out(self):
        """A session idle for more than 2 hours is logged out at its next request; an active
        one stays."""
        self.authenticate("acc_staff", "acc_staff")
        self.assertEqual(self.session_uid(), self.staff.id)
        self.assertTrue(self.logged_in())
        path = http.root.session_store.get_session_filename(self.session_id)
        idle = time.time() - 2 * 3600 - 60
        os.utime(path, (idle, idle))
        self.assertFalse(self.logged_in())
        self.assertFalse(self.session_uid())

    def session_cookie(self, answer):
        cookies = [value for key, value in answer.raw.headers.items()
                   if key.lower() == "set-cookie" and value.startswith("session_id=")]
        self.assertEqual(len(cookies), 1, answer.raw.headers)
        return [part.strip().lower() for part in cookies[0].split(";")]

    def test_cookie_flags_over_http(self):
        """Over plain HTTP (make run): HttpOnly and SameSite=Lax, not Secure (the browser would
        drop it)."""
        flags = self.session_cookie(self.opener.get(self.base_url() + "/web/login"))
        self.assertIn("httponly", flags)
        self.assertIn("samesite=lax", flags)
        self.assertNotIn("secure", flags)

    def test_cookie_flags_behind_tls_proxy(self):
        """Behind a proxy that received HTTPS (proxy_mode, X-Forwarded-Proto): Secure too."""
        with option("proxy_mode", True):
            answer = self.opener.get(self.base_url() + "/web/login", headers={
                "X-Forwarded-Proto": "https", "X-Forwarded-Host": "%s:%s" % (HOST, PORT),
                "X-Forwarded-For": "10.5.0.1"})
        flags = self.session_cookie(answer)
        self.assertIn("secure", flags)
        self.assertIn("httponly", flags)
        self.assertIn("samesite=lax", flags)
