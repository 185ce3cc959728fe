"""The login's second step: the locked-account message, OCA ``auth_totp``'s code page (a wrong
code counts as a failed login) and the enrolment page production requires of INAÉ staff.

The rules live in ``models/res_users.py`` (second step) and ``models/res_authentication_attempt.py``
(locks); these routes read the request, call them and render.
"""
from odoo import http
from odoo.http import request

from odoo.addons.auth_totp_password_security.controllers.main import AuthTotpPasswordSecurity

from ..redirects import local_path
from .web import login_landing

ENROL_PATH = "/pepites/totp/enrol"


def _remote():
    return request.httprequest.remote_addr


def _redirect_param():
    return local_path(request.params.get("redirect"), request.httprequest.host, None)


class PepitesTotp(AuthTotpPasswordSecurity):

    @http.route()
    def web_login(self, *args, **kw):
        """After the password: the enrolment page when production requires it, else the
        French message of a locked account or address (the same whether the login exists)."""
        response = super(PepitesTotp, self).web_login(*args, **kw)
        if request.httprequest.method != "POST" or request.params.get("login_success"):
            return response
        pending = request.env["res.users"]._pepites_second_step_pending()
        if pending and request.session.get("pepites_second_step", {}).get("enrol"):
            return http.local_redirect(ENROL_PATH, query={"redirect": _redirect_param()},
                                       keep_hash=True)
        attempts = request.env["res.authentication.attempt"]
        if getattr(response, "qcontext", None) is not None and \
                attempts._pepites_is_locked(request.params.get("login"), _remote()):
            response.qcontext["error"] = attempts._pepites_locked_message()
        return response

    @http.route()
    def mfa_login_post(self, *args, **kwargs):
        """OCA's code check, after ours: no pending password step or a lock, back to the login
        page; a wrong code is a failed login (a 6-digit code must not be guessable)."""
        users = request.env["res.users"]
        user_sudo = users._pepites_second_step_pending()
        error = users._pepites_second_step_refusal(
            user_sudo, request.params.get("confirmation_code"), _remote())
        if error:
            target = "/auth_totp/login" if user_sudo else "/web/login"
            return http.local_redirect(target, query={
                "redirect": _redirect_param(), "error": error}, keep_hash=True)
        # OCA sends the browser to ``redirect`` as given: a page of this site only, else
        # where this user lands (OCA's default, /web, is the back office: not for portal users)
        request.params["redirect"] = _redirect_param() or login_landing(user_sudo.id)
        response = super(PepitesTotp, self).mfa_login_post(*args, **kwargs)
        if request.session.uid:
            users._pepites_second_step_end()
        return response

    @http.route(ENROL_PATH, type="http", auth="public", website=True, sitemap=False)
    def totp_enrol(self, confirmation_code=None, redirect=None, **kw):
        """Set up the authenticator app (QR code, then a code from it), then log in."""
        users = request.env["res.users"]
        enrolment = users._pepites_totp_enrolment()
        if not enrolment:
            return http.local_redirect("/web/login")
        error = None
        if request.httprequest.method == "POST":
            error = users._pepites_totp_enrol(confirmation_code, _remote())
            if not error:
                request.session.authenticate(request.db, enrolment["login"],
                                             request.session.get("password"))
                users._pepites_second_step_end()
                return http.redirect_with_hash(_redirect_param() or "/web")
        return request.render("pepites_partners.totp_enrol", dict(
            enrolment, error=error, redirect=_redirect_param()))
