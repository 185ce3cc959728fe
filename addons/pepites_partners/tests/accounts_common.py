"""Shared helpers of the account tests (lockout, second factor, sessions): logins on the login
form and over XML-RPC, from a chosen client address.

The test server runs in ``proxy_mode`` while :meth:`AccountsHttpCase.from_address` is used, as
behind nginx in production, so that ``X-Forwarded-For`` gives each request its address: the
per-login lock holds whatever the address, and only distinct addresses can show it.
"""
import re
import xmlrpc.client
from contextlib import contextmanager

import requests

from odoo.tests import common
from odoo.tests.common import HOST, PORT, get_db_name
from odoo.tools import config

from ..models.res_users import REQUIRE_TOTP_OPTION
from .common import PepitesHttpCase, create_user

LOCKED_FR = "Trop d'échecs de connexion"


@contextmanager
def option(name, value):
    """An Odoo configuration option set for the duration of a block."""
    missing = object()
    previous = config.options.get(name, missing)
    config[name] = value
    try:
        yield
    finally:
        if previous is missing:
            config.options.pop(name, None)
        else:
            config[name] = previous


def production_mode():
    """``pepites_require_totp = True``, as config/odoo.production.conf.in sets it."""
    return option(REQUIRE_TOTP_OPTION, "True")


@common.at_install(False)
@common.post_install(True)
class AccountsHttpCase(PepitesHttpCase):
    """After the installation: OCA auth_brute_force learns the client's address from a hook
    that the registry runs once every module is loaded (``_register_hook``)."""

    def setUp(self):
        super(AccountsHttpCase, self).setUp()
        self.forwarded = {}
        self.staff = create_user(self.env, "acc_staff", ["pepites_partners.group_pepites_user"])
        self.manager = create_user(self.env, "acc_manager",
                                   ["pepites_partners.group_pepites_manager"])
        self.Attempt = self.env["res.authentication.attempt"]

    def new_browser(self):
        """A fresh browser session (no cookie), behind the proxy of :meth:`from_address`."""
        self.opener = requests.Session()
        self.opener.headers.update(self.forwarded)

    @contextmanager
    def from_address(self, address):
        """Requests of the block come from ``address`` (through a proxy, ``proxy_mode``)."""
        with option("proxy_mode", True):
            self.forwarded = {"X-Forwarded-For": address,
                              "X-Forwarded-Host": "%s:%s" % (HOST, PORT)}
            self.opener.headers.update(self.forwarded)
            try:
                yield
            finally:
                for header in self.forwarded:
                    self.opener.headers.pop(header, None)
                self.forwarded = {}

    def follow(self, answer):
        """Follow the script redirects of Odoo 11 (``redirect_with_hash``: a 200 page setting
        ``window.location``), as a browser does."""
        for _hop in range(5):
            found = re.search(r"window\.location = '([^']*)'", answer.text[:1000])
            # not into the web client: its asset bundles take long to build on a busy machine,
            # and the session is what the tests look at
            if not found or found.group(1).split("?")[0].split("#")[0] == "/web":
                break
            answer = self.url_open(found.group(1))
        return answer

    def login_form(self, login, password, redirect="/web"):
        """POST the login form (a fresh browser); return the last page."""
        self.new_browser()
        token = self.csrf_token("/web/login")
        return self.follow(self.url_open("/web/login", data={
            "login": login, "password": password, "csrf_token": token, "redirect": redirect}))

    def session_uid(self):
        """The uid of this browser's session (None when not logged in)."""
        self._before_request()
        try:
            answer = self.opener.post(self.base_url() + "/web/session/get_session_info",
                                      json={"jsonrpc": "2.0", "params": {}}, timeout=30)
        finally:
            self._after_request()
        # not logged in: Odoo 11 answers with a "session expired" error
        return (answer.json().get("result") or {}).get("uid")

    def logged_in(self):
        """Whether this browser's session is logged in (portal users too: Odoo 11's
        get_session_info is for internal users)."""
        return "/web/login" not in self.url_open("/my/home").url

    def xmlrpc_login(self, login, password):
        self._before_request()
        try:
            return self.xmlrpc_common.login(get_db_name(), login, password)
        finally:
            self._after_request()

    def xmlrpc_call(self, uid, password, model, method, *args):
        self._before_request()
        try:
            return self.xmlrpc_object.execute_kw(get_db_name(), uid, password, model, method,
                                                 list(args))
        finally:
            self._after_request()

    def post_form(self, url, values):
        """POST a form of this browser's current page at ``url`` with its CSRF token."""
        token = self.csrf_token(url)
        return self.follow(self.url_open(url, data=dict(values, csrf_token=token)))

    @staticmethod
    def secret_of(html):
        """The key shown on the enrolment page."""
        return re.search(r'class="pepites_totp_secret">([A-Z2-7]+)<', html).group(1)

    def assertFault(self, call, text):
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            call()
        self.assertIn(text, caught.exception.faultString)
