"""The session cookie's flags: ``HttpOnly``, ``SameSite=Lax``, and ``Secure`` over TLS.

Odoo 11 sets ``session_id`` with ``HttpOnly`` only (``odoo.http.Root.get_response``, not a
model method: no ORM hook reaches it). nginx adds ``Secure`` and ``SameSite=Lax`` in production
(``proxy_cookie_flags``), but the application must not depend on its proxy for them: behind
any proxy that passes ``X-Forwarded-Proto`` and ``X-Forwarded-Host`` (``proxy_mode``), or over TLS
directly, Odoo sets them itself. Over plain HTTP (``make run``), ``Secure`` would make the
browser drop the cookie, so it is left out there.

:func:`install` wraps ``Root.get_response`` once per process (the addon's import).

>>> with_flags("session_id=abc; Expires=x; Max-Age=7776000; HttpOnly; Path=/", True)
'session_id=abc; Expires=x; Max-Age=7776000; HttpOnly; Path=/; SameSite=Lax; Secure'
>>> with_flags("session_id=abc; Path=/", False)
'session_id=abc; Path=/; HttpOnly; SameSite=Lax'
"""
import functools

COOKIE = "session_id"


def with_flags(header, secure):
    """The ``Set-Cookie`` value ``header`` with the flags PEPITES requires."""
    flags = {part.strip().split("=")[0].lower() for part in header.split(";")[1:]}
    if "httponly" not in flags:
        header += "; HttpOnly"
    if "samesite" not in flags:
        header += "; SameSite=Lax"
    if secure and "secure" not in flags:
        header += "; Secure"
    return header


def secure_session_cookie(response, httprequest):
    """Rewrite the session cookie of ``response`` (a werkzeug response) in place."""
    headers = getattr(response, "headers", None)
    if headers is None:
        return response
    cookies = headers.get_all("Set-Cookie")
    if not any(value.startswith(COOKIE + "=") for value in cookies):
        return response
    secure = httprequest.scheme == "https"
    headers.remove("Set-Cookie")
    for value in cookies:
        headers.add("Set-Cookie", with_flags(value, secure)
                    if value.startswith(COOKIE + "=") else value)
    return response


def install():
    """Wrap ``odoo.http.Root.get_response`` (idempotent)."""
    from odoo import http
    original = http.Root.get_response
    if getattr(original, "_pepites_cookie", False):
        return

    @functools.wraps(original)
    def get_response(self, httprequest, result, explicit_session):
        response = original(self, httprequest, result, explicit_session)
        return secure_session_cookie(response, httprequest)
    get_response._pepites_cookie = True
    http.Root.get_response = get_response
