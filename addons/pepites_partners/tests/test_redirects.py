"""Every redirect parameter of the core routes PEPITES serves keeps the browser on the site."""
import re
from urllib.parse import quote, urlsplit

from odoo.tests.common import HOST, PORT, at_install, post_install

from .common import PepitesHttpCastCase

#: where an attacker would send a visitor; browsers take each of them for another host or a
#: script (tabs and newlines are dropped, a backslash is a slash)
HOSTILE = [
    "https://evil.example/", "//evil.example/", "/\\evil.example/", "\\\\evil.example",
    "javascript:alert(1)", "http:evil.example", "/\t/evil.example", "/\n/evil.example",
    " //evil.example", "HTTPS://evil.example@%s:%s/" % (HOST, PORT),
]


def csrf_token_of(html):
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def landing(response):
    """Where a response sends the browser: its Location header, or the address of core's
    ``redirect_with_hash`` page (``window.location = '…'``); None when it renders a page."""
    if response.is_redirect:
        return response.headers["Location"]
    match = re.search(r"window\.location = '([^']*)'", response.text)
    return match.group(1) if match else None


@at_install(False)
@post_install(True)
class TestRedirects(PepitesHttpCastCase):
    """Login, logout, ``/web``, the language switch, signup, password reset and the portal's
    account page redirect only to a page of the site (``redirects.local_path``), whatever the
    ``redirect`` or ``r`` parameter says."""

    def get(self, url, data=None):
        """GET (POST with ``data``) ``url`` without following redirects."""
        self._before_request()
        try:
            url = self.base_url() + url
            if data is None:
                return self.opener.get(url, timeout=30, allow_redirects=False)
            return self.opener.post(url, data=data, timeout=30, allow_redirects=False)
        finally:
            self._after_request()

    def assertOnSite(self, target, what):
        """``target`` (a redirect, or None for a page rendered here) stays on the site."""
        if target is None:
            return
        self.assertIsNone(re.search(r"[\x00-\x20\\]", target), "%s → %r" % (what, target))
        parts = urlsplit(target)
        self.assertIn(parts.scheme, ("", "http"), "%s → %r" % (what, target))
        self.assertIn(parts.netloc, ("", "%s:%s" % (HOST, PORT)), "%s → %r" % (what, target))
        self.assertFalse(parts.path.startswith("//"), "%s → %r" % (what, target))

    def assertLandsOn(self, response, path, what):
        target = landing(response)
        self.assertTrue(target, "%s: no redirect" % what)
        self.assertOnSite(target, what)
        self.assertEqual(urlsplit(target).path, path, what)

    def test_logout_and_language_switch(self):
        """``/web/session/logout?redirect=`` and ``/website/lang/<lang>?r=`` (also with the
        ``default`` language) go to ``/web`` or ``/`` instead of another host; a local path is
        kept."""
        for value in HOSTILE:
            self.assertOnSite(landing(self.get(
                "/web/session/logout?redirect=%s" % quote(value))), "logout %r" % value)
            for lang in ("fr_FR", "default"):
                self.assertOnSite(landing(self.get(
                    "/website/lang/%s?r=%s" % (lang, quote(value)))), "lang %r" % value)
        self.assertLandsOn(self.get("/web/session/logout?redirect=/my/home"), "/my/home",
                           "local logout")
        self.assertLandsOn(self.get("/website/lang/fr_FR?r=/jobs"), "/jobs", "local lang")

    def test_login_and_web_client(self):
        """``/web/login?redirect=`` (logging in, or already logged in) and ``/web?redirect=``
        land on the user's home page instead of another host; a local path is kept, and so is
        an absolute URL of this site (core sends ``/web/login?redirect=<this page's URL>``)."""
        # logging in hashes the password: a few values are enough for the login form itself
        for value in HOSTILE[:4]:
            self.get("/web/session/logout")
            data = {"login": "test_siae_a", "password": "test_siae_a", "redirect": value,
                    "csrf_token": csrf_token_of(self.get("/web/login").text)}
            self.assertOnSite(landing(self.get("/web/login", data)), "login %r" % value)
        for value in HOSTILE:
            self.assertOnSite(landing(self.get("/web/login?redirect=%s" % quote(value))),
                              "logged-in login %r" % value)
            self.assertOnSite(landing(self.get("/web?redirect=%s" % quote(value))),
                              "web client %r" % value)
            self.assertOnSite(landing(self.get("/web/dbredirect?redirect=%s" % quote(value))),
                              "dbredirect %r" % value)
        self.assertLandsOn(self.get("/web/login?redirect=/my/siae"), "/my/siae", "local login")
        own_page = quote("%s/my/siae?x=1" % self.base_url())
        self.assertLandsOn(self.get("/web/login?redirect=%s" % own_page), "/my/siae",
                           "this site's page")

    def test_signup_and_reset_password_forms(self):
        """The signup and password-reset forms carry ``redirect`` to the login that follows:
        they keep a local path and drop another host."""
        self.person_a.sudo().signup_prepare()
        token = self.person_a.sudo().signup_token
        for route in ("/web/signup", "/web/reset_password"):
            for value in HOSTILE + ["/my/home"]:
                page = self.get("%s?token=%s&redirect=%s" % (route, token, quote(value)))
                self.assertEqual(page.status_code, 200, route)
                kept = re.search(r'name="redirect" value="([^"]*)"', page.text)
                if value == "/my/home":
                    self.assertEqual(kept.group(1), "/my/home", route)
                else:
                    self.assertIsNone(kept, "%s %r" % (route, value))

    def test_portal_account_and_reset_templates(self):
        """``/my/account?redirect=`` (after saving one's details) and
        ``/website/reset_templates?redirect=`` go back to a page of the site only."""
        self.authenticate("test_siae_a", "test_siae_a")
        country = self.env.ref("base.fr")
        for value in HOSTILE + ["/my/siae"]:
            token = csrf_token_of(self.get("/my/account").text)
            response = self.get("/my/account?redirect=%s" % quote(value), {
                "csrf_token": token, "name": "Alice Encadrante", "phone": "05 56 00 00 00",
                "email": "alice@siae-a.example.org", "street": "1 rue du Port",
                "city": "Bègles", "country_id": str(country.id)})
            self.assertOnSite(landing(response), "account %r" % value)
            if value == "/my/siae":
                self.assertEqual(urlsplit(landing(response)).path, "/my/siae")
            response = self.get("/website/reset_templates?templates=&redirect=%s" % quote(value),
                                {"csrf_token": token})
            self.assertOnSite(landing(response), "reset_templates %r" % value)
