"""Core routes that redirect to a URL named in the request: only to a page of this site.

Odoo 11 sends the browser wherever ``redirect`` (login, logout, ``/web``, signup, password
reset, ``/web/dbredirect``, ``/website/reset_templates``) or ``r`` (``/website/lang/<lang>``)
points: ``https://evil.example``, ``//evil.example``, ``javascript:…``. Each route is extended
(subclass and ``super()``) to pass its parameter through :func:`..redirects.local_path` first; the
portal's ``/my/account`` is covered in :mod:`.portal`. The security matrix lists the
parameters.
"""
from odoo import http
from odoo.http import request

# auth_signup is installed with mail (auto_install on base_setup, mail, web), so not declared:
# a new dependency would change the test template's key and rebuild it for everyone
from odoo.addons.auth_signup.controllers.main import AuthSignupHome
from odoo.addons.web.controllers.main import Session
from odoo.addons.website.controllers.main import Website

from ..redirects import local_path


def keep_local(kw, name, default=None):
    """Make the request parameter ``name`` a local path (else ``default``; ``None`` drops it),
    in ``kw`` and in ``request.params``, which some core routes read instead of their
    arguments. Return the value kept."""
    if name not in kw and name not in request.params:
        return default
    value = local_path(kw.get(name, request.params.get(name)), request.httprequest.host,
                       default)
    for params in (kw, request.params):
        if value is None:
            params.pop(name, None)
        else:
            params[name] = value
    return value


def login_landing(uid):
    """Where a user lands after logging in without a ``redirect``: the back office for
    internal users (INAÉ staff then open their home action, the "Accueil PEPITES"), ``/my``
    for portal users (SIAE managers, counsellors, partners), whatever route logged them in."""
    user_sudo = request.env["res.users"].sudo().browse(uid)
    return "/web" if user_sudo.has_group("base.group_user") else "/my"


class PepitesHome(Website, AuthSignupHome):
    """Login, ``/web``, signup, password reset and the website's redirects, kept on the site.

    Inherits both leaves of core's ``Home`` so that its checks run before theirs: auth_signup
    calls ``web.Home.web_login`` past the classes between them.
    """

    @http.route()
    def web_login(self, redirect=None, *args, **kw):
        kw["redirect"] = redirect
        redirect = keep_local(kw, "redirect")
        kw.pop("redirect", None)
        response = super(PepitesHome, self).web_login(redirect, *args, **kw)
        # website's web_login sends portal users to the home page ("/"), past portal's
        # _login_redirect ("/my"): portal users land on their portal, where their to-do is
        if not redirect and request.params.get("login_success") and request.session.uid \
                and login_landing(request.session.uid) == "/my":
            return http.redirect_with_hash("/my")
        return response

    @http.route()
    def web_client(self, s_action=None, **kw):
        keep_local(kw, "redirect")
        return super(PepitesHome, self).web_client(s_action=s_action, **kw)

    @http.route()
    def web_db_redirect(self, redirect="/", **kw):
        kw["redirect"] = redirect
        keep_local(kw, "redirect", "/")
        return super(PepitesHome, self).web_db_redirect(**kw)

    @http.route()
    def web_auth_signup(self, *args, **kw):
        keep_local(kw, "redirect")
        return super(PepitesHome, self).web_auth_signup(*args, **kw)

    @http.route()
    def web_auth_reset_password(self, *args, **kw):
        keep_local(kw, "redirect")
        return super(PepitesHome, self).web_auth_reset_password(*args, **kw)

    @http.route()
    def change_lang(self, lang, r="/", **kwargs):
        kwargs["r"] = r
        keep_local(kwargs, "r", "/")
        return super(PepitesHome, self).change_lang(lang, **kwargs)

    @http.route()
    def reset_template(self, templates, redirect="/", **kw):
        kw["redirect"] = redirect
        keep_local(kw, "redirect", "/")
        return super(PepitesHome, self).reset_template(templates, **kw)


class PepitesSession(Session):
    """``/web/session/logout?redirect=``: back to the site's login, never to another host."""

    @http.route()
    def logout(self, redirect="/web"):
        return super(PepitesSession, self).logout(
            redirect=local_path(redirect, request.httprequest.host, "/web"))
