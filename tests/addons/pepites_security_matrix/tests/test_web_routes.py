"""Core Odoo's JSON routes under ``/mail/`` and ``/web/`` that take ids or a model, and every
route that takes a redirect target (issue 12, items 2 and 8, "The matrix covers everything").

Both lists are read from the routing map of the installed addons: a new route of either kind
without a row here fails the test, so that a reviewer decides how outsiders may use it.
"""
import inspect
import json
import logging
import re
from urllib.parse import parse_qsl, quote, urlsplit

import odoo
from odoo.tests.common import HOST, PORT, at_install, post_install
from odoo.tools import mute_logger

from odoo.addons.pepites_partners.tests.common import PepitesHttpCase

from . import engine
from .cast import build_cast
from .test_routes_matrix import SessionMixin

_logger = logging.getLogger(__name__)

#: the roles that try the routes (staff is the control: it must see the markers)
ROLES = ("public", "siae1", "partner1")

#: every JSON route under /mail/ and /web/: ``route | variant | params`` where params is the
#: JSON of the call (``{names}`` filled from :meth:`TestWebRoutes.values`), or ``-`` and why
#: the route takes no ids nor model (it is then not called). The ids are those of an applicant
#: to siae2's offer, of its follower and of a staff note on it: INAÉ staff's only.
JSON_ROUTES = r"""
# route                              | variant            | params, or "-: why not called"
/mail/chat_history                   | -                  | -: a live chat channel's secret uuid, no model nor ids
/mail/chat_post                      | -                  | -: posts to a live chat channel by its secret uuid
/mail/chatter_fetch                  | applicant          | {"res_model": "hr.applicant", "res_id": {applicant}}
/mail/chatter_init                   | applicant          | {"res_model": "hr.applicant", "res_id": {applicant}}
/mail/client_action                  | -                  | -: the caller's own counters and channels
/mail/needaction                     | -                  | -: the caller's own counter
/mail/read_followers                 | applicant          | {"follower_ids": [{follower}], "res_model": "hr.applicant"}
/mail/read_followers                 | other model named  | {"follower_ids": [{follower}], "res_model": "hr.job"}
/mail/read_subscription_data         | applicant          | {"res_model": "hr.applicant", "follower_id": {follower}}
/mail/receive                        | -                  | -: the incoming mail gateway (raw e-mail, no ids)
/web/action/load                     | -                  | -: an action's definition, no records
/web/action/run                      | server action      | {"action_id": {server_action}}
/web/database/list                   | -                  | -: database names (list_db is off)
/web/dataset/call                    | read               | {"model": "hr.applicant", "method": "read", "args": [[{applicant}], ["partner_name", "email_from"]]}
/web/dataset/call_button             | read               | {"model": "hr.applicant", "method": "read", "args": [[{applicant}], ["partner_name", "email_from"]]}
/web/dataset/call_kw                 | read               | {"model": "hr.applicant", "method": "read", "args": [[{applicant}], ["partner_name", "email_from"]], "kwargs": {}}
/web/dataset/call_kw                 | message read       | {"model": "mail.message", "method": "message_format", "args": [[{note}]], "kwargs": {}}
/web/dataset/call_kw/<path:path>     | read               | {"model": "hr.applicant", "method": "read", "args": [[{applicant}], ["partner_name", "email_from"]], "kwargs": {}}
/web/dataset/load                    | applicant          | {"model": "hr.applicant", "id": {applicant}, "fields": ["partner_name", "email_from"]}
/web/dataset/resequence              | applicant          | {"model": "hr.applicant", "ids": [{applicant}], "field": "priority"}
/web/dataset/search_read             | applicant          | {"model": "hr.applicant", "fields": ["partner_name", "email_from"], "domain": [["id", "=", {applicant}]]}
/web/dataset/search_read             | queued mail        | {"model": "mail.mail", "fields": ["subject", "email_to", "body_html"], "domain": []}
/web/export/formats                  | -                  | -: the export formats
/web/export/get_fields               | applicant          | {"model": "hr.applicant"}
/web/export/namelist                 | -                  | -: a saved export's field names (ir.exports), no records
/web/pivot/check_xlwt                | -                  | -: whether xlwt is installed
/web/proxy/load                      | content of record  | {"path": "/web/content?model=hr.applicant&id={applicant}&field=email_from"}
/web/session/account                 | -                  | -: the odoo.com account link
/web/session/authenticate            | -                  | -: credentials, no ids
/web/session/change_password         | -                  | -: the caller's own password
/web/session/check                   | -                  | -: the caller's session
/web/session/destroy                 | -                  | -: the caller's session
/web/session/get_lang_list           | -                  | -: the languages
/web/session/get_session_action      | -                  | -: the caller's own saved action
/web/session/get_session_info        | -                  | -: the caller's session
/web/session/modules                 | -                  | -: the installed modules
/web/session/save_session_action     | -                  | -: the caller's own saved action
/web/view/edit_custom                | -                  | -: a customised view's arch (ir.ui.view.custom), no personal data
/web/webclient/bootstrap_translations | -                 | -: translations
/web/webclient/csslist               | -                  | -: assets
/web/webclient/jslist                | -                  | -: assets
/web/webclient/translations          | -                  | -: translations
/web/webclient/version_info          | -                  | -: the server version
"""

#: hostile redirect targets: another host, protocol-relative, backslash trick, script
HOSTILE = ("https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)")

#: names of the parameters that carry a redirect target in core Odoo's controllers
REDIRECT_PARAMS = ("redirect", "r", "redirect_url", "return_url", "next", "success_url",
                   "error_url")

#: every route of the installed addons that takes a redirect target: ``route | param | who |
#: method and URL`` (``{target}`` is the hostile target, URL-encoded; POST data after ``?``
#: for POST). ``who``: the roles that try it (a redirect some routes make only for a logged-in
#: user). /website/reset_templates answers HTTP 500 to anything in Odoo 11 (it reads a field
#: ir.ui.view does not have): its redirect is never reached, the row stays for when it is.
REDIRECTS = r"""
# route                        | param    | who              | method and URL (or "-: why")
/web/session/logout            | redirect | public siae1     | GET /web/session/logout?redirect={target}
/website/lang/<lang>           | r        | public siae1     | GET /website/lang/fr_FR?r={target}
/website/lang/<lang>           | r (default) | public siae1  | GET /website/lang/default?r={target}
/web/login                     | redirect | siae1            | GET /web/login?redirect={target}
/web/login                     | redirect (login) | public   | POST /web/login?login=siae2&password=siae2&redirect={target}
/web                           | redirect | siae1            | GET /web?redirect={target}
/web/dbredirect                | redirect | public siae1     | GET /web/dbredirect?redirect={target}
/my/account                    | redirect | siae1            | POST /my/account?name=Diagonales&email=siae1@example.org&phone=0556000000&street=1+rue&city=Bordeaux&country_id={country}&redirect={target}
/website/reset_templates       | redirect | siae1            | POST /website/reset_templates?templates={homepage_view}&redirect={target}
/web/signup                    | redirect | public siae1     | GET /web/signup?redirect={target}
/web/reset_password            | redirect | public siae1     | GET /web/reset_password?redirect={target}
/survey/submit/<model("survey.survey"):survey> | redirect | - | -: the JSON answer's "redirect" is the server's next page, no parameter
/auth_totp/login               | redirect | public siae1     | POST /auth_totp/login?confirmation_code=000000&redirect={target}
/pepites/totp/enrol            | redirect | public siae1     | GET /pepites/totp/enrol?redirect={target}
"""


def parse(table, size):
    rows = []
    for line in table.strip().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [part.strip() for part in line.split("|", size - 1)]
        assert len(parts) == size, "bad line: %r" % line
        rows.append(parts)
    return rows


def escapes(target, site):
    """Whether a browser sent to ``target`` (a Location or a script's URL) leaves ``site``
    (``host:port``): another host, a protocol-relative or backslashed URL, another scheme."""
    if target is None:
        return False
    # browsers drop tabs and newlines, and read a backslash as a slash
    norm = re.sub(r"[\t\n\r ]", "", target).replace("\\", "/")
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", norm):
        parts = urlsplit(norm)
        return parts.scheme not in ("http", "https") or parts.netloc != site
    return norm.startswith("//")


def redirect_targets(response):
    """Where a response sends the browser: its Location header, a script's window.location, a
    meta refresh."""
    targets = []
    if response.headers.get("Location"):
        targets.append(response.headers["Location"])
    body = response.content.decode("utf-8", "replace")[:20000]
    targets += re.findall(r"window\.location(?:\.href)?\s*=\s*['\"]([^'\"]*)['\"]", body)
    targets += re.findall(r"http-equiv=['\"]refresh['\"][^>]*url=([^'\">]*)", body, re.I)
    return targets


def installed_routes(env):
    """``{rule: endpoint}`` of the installed addons (what the server routes for this
    database), read as ``ir.http`` builds it."""
    modules = [""] + odoo.conf.server_wide_modules + sorted(env.registry._init_modules - {"web"})
    routing = odoo.http.routing_map(modules, False,
                                    converters=env["ir.http"]._get_converters())
    return {rule.rule: rule.endpoint for rule in routing.iter_rules()}


def takes_redirect(endpoint):
    """The redirect parameters a route function (or an override it calls) reads."""
    method = endpoint.method
    found = set(inspect.signature(method).parameters) & set(REDIRECT_PARAMS)
    name = method.__name__
    for cls in type(getattr(method, "__self__", None)).__mro__:
        function = cls.__dict__.get(name)
        if function is None:
            continue
        try:
            source = inspect.getsource(function)
        except (OSError, TypeError):
            continue
        for param in REDIRECT_PARAMS:
            # a parameter read by name: request.params.get("redirect"), kw["r"], f(kw, "r")
            key = r"""['"]%s['"]""" % param
            if re.search(r"(params|kw|post|kwargs)(\.get\(|\[|, )" + key, source) or (
                    len(param) > 1 and re.search(key, source)):
                found.add(param)
    return found


@at_install(False)
@post_install(True)
class TestWebRoutes(SessionMixin, PepitesHttpCase):
    """Core JSON routes called with the ids of a record only INAÉ staff may read, and every
    redirect parameter with hostile targets, as the public, siae1 and partner1."""

    def setUp(self):
        super(TestWebRoutes, self).setUp()
        c = self.cast = build_cast(self.env)
        S = c.sudo_env
        person = c.person(None, "WAPP")
        c.applicant = S["hr.applicant"].create({
            "name": "Candidature %s" % person.name, "partner_name": person.name,
            "email_from": person.email, "partner_phone": person.phone,
            "job_id": c.job2_pub.id})
        c.follower = S["mail.followers"].create({
            "res_model": "hr.applicant", "res_id": c.applicant.id,
            "partner_id": c.person(None, "WFOL").id})
        c.note = S["mail.message"].create({
            "model": "hr.applicant", "res_id": c.applicant.id, "message_type": "comment",
            "subtype_id": c.ref("mail.mt_note").id, "body": "<p>Note %s</p>" % c.token("WNOTE"),
            "author_id": c.users["staff"].partner_id.id})
        S["mail.mail"].create({
            "subject": "Votre candidature %s" % c.token("WMAIL"), "email_to": person.email,
            "body_html": "<p>%s</p>" % person.name, "model": "hr.applicant",
            "res_id": c.applicant.id})
        c.server_action = S["ir.actions.server"].create({
            "name": "Lire une candidature (matrice)", "state": "code",
            "model_id": c.ref("hr_recruitment.model_hr_applicant").id,
            "code": "action = {'values': env['hr.applicant'].browse(%d).read("
                    "['partner_name', 'email_from'])}" % c.applicant.id})

    def values(self):
        c = self.cast
        return {"applicant": c.applicant.id, "follower": c.follower.id, "note": c.note.id,
                "server_action": c.server_action.id,
                "country": c.ref("base.fr").id, "homepage_view": c.ref("website.homepage").id}

    def json_call(self, route, params):
        """``(status, body)`` of a JSON-RPC call of ``route`` in the current session."""
        self._before_request()
        try:
            response = self.opener.post(
                self.base_url() + route, timeout=60,
                data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params,
                                 "id": 1}),
                headers={"Content-Type": "application/json"})
        finally:
            self._after_request()
        return response.status_code, response.content.decode("utf-8", "replace")

    def markers_in(self, body):
        return sorted(marker for marker, owner in self.cast.markers.items()
                      if owner != "public" and marker.upper() in body.upper())

    def test_json_routes_with_ids(self):
        """Every JSON route under /mail/ and /web/ has a row; each that takes ids or a model,
        called by the public, siae1 and partner1 with the ids of an applicant to siae2's offer
        (its follower, a staff note on it, its queued e-mail), answers no personal value of
        it; INAÉ staff, the control, reads them."""
        routes = installed_routes(self.env)
        listed = parse(JSON_ROUTES, 3)
        problems = []
        json_routes = {rule for rule, endpoint in routes.items()
                       if rule.startswith(("/mail/", "/web/"))
                       and endpoint.routing.get("type") == "json"}
        for rule in sorted(json_routes - {row[0] for row in listed}):
            problems.append("%s: a JSON route without a row in JSON_ROUTES (does it take ids "
                            "or a model? give it a call)" % rule)
        for rule in sorted({row[0] for row in listed} - json_routes):
            problems.append("%s: a row of JSON_ROUTES for no installed JSON route" % rule)
        values = self.values()
        actual = {}
        with mute_logger("odoo.http", "odoo.sql_db", "werkzeug"):
            for role in ROLES + ("staff",):
                self.login_as(role)
                for rule, variant, params in listed:
                    if params.startswith("-"):
                        actual.setdefault((rule, params[2:].strip()[:40]), {})[role] = "·"
                        continue
                    route = rule.replace("<path:path>", "hr.applicant/read")
                    text = params
                    for name, value in values.items():
                        text = text.replace("{%s}" % name, str(value))
                    status, body = self.json_call(route, json.loads(text))
                    found = self.markers_in(body)
                    answer = json.loads(body) if body.startswith("{") else {}
                    cell = "%s %s" % (status, "error" if "error" in answer else "result")
                    if found:
                        cell += " LEAK" if role != "staff" else " seen"
                        if role != "staff":
                            problems.append("%s (%s) as %s: %s in the answer" % (
                                rule, variant, role, ", ".join(found)))
                    actual.setdefault((rule, variant), {})[role] = cell
        for key in (("/web/dataset/call_kw", "read"), ("/mail/read_followers", "applicant")):
            if "seen" not in actual[key]["staff"]:
                problems.append("control: INAÉ staff does not see the applicant through %s (%s):"
                                " the markers are not where the test looks" % key)
        engine.log_matrix("JSON routes under /mail/ and /web/ (%d routes; ·: takes no ids)"
                          % len(json_routes), actual, ROLES + ("staff",),
                          labels=("route", "call"))
        self.assertFalse(problems, "\n" + "\n".join(
            ["JSON routes: %d problem(s)" % len(problems)] + problems))

    def test_redirect_targets_stay_on_site(self):
        """Every route of the installed addons that takes a redirect target has a row, and no
        hostile target (another host, //host, /\\host, javascript:) given to it sends the
        browser off the site (Location header, script or meta refresh)."""
        routes = installed_routes(self.env)
        found = {(rule, param) for rule, endpoint in routes.items()
                 if getattr(endpoint, "method", None)
                 for param in takes_redirect(endpoint)}
        listed = parse(REDIRECTS, 4)
        problems = []
        for rule, param in sorted(found - {(row[0], row[1].split()[0]) for row in listed}):
            problems.append("%s?%s=: a route that takes a redirect target without a row in "
                            "REDIRECTS" % (rule, param))
        site = "%s:%s" % (HOST, PORT)
        values = self.values()
        actual = {}
        with mute_logger("odoo.http", "werkzeug", "odoo.addons.website.models.ir_http"):
            for rule, param, who, call in listed:
                if call.startswith("-"):
                    continue
                for role in who.split():
                    self.login_as(role)
                    token = self.csrf_token("/web/login") if call.startswith("POST") else None
                    cells = []
                    for target in HOSTILE:
                        method, url = call.split(" ", 1)
                        url = url.replace("{target}", quote(target, safe=""))
                        for name, value in values.items():
                            url = url.replace("{%s}" % name, str(value))
                        self._before_request()
                        try:
                            if method == "GET":
                                response = self.opener.get(self.base_url() + url, timeout=60,
                                                           allow_redirects=False)
                            else:
                                path, _sep, query = url.partition("?")
                                data = dict(parse_qsl(query, keep_blank_values=True),
                                            csrf_token=token)
                                response = self.opener.post(self.base_url() + path, data=data,
                                                            timeout=60, allow_redirects=False)
                        finally:
                            self._after_request()
                        escaped = [t for t in redirect_targets(response) if escapes(t, site)]
                        cells.append("%s%s" % (response.status_code, "!" if escaped else ""))
                        if escaped:
                            problems.append("%s %s as %s with %s sends the browser to %s" % (
                                method, rule, role, target, escaped[0]))
                    actual.setdefault(("%s %s" % (call.split(" ", 1)[0], rule), param),
                                      {})[role] = " ".join(cells)
        engine.log_matrix("Redirect targets (%d routes; each cell: the status for %s; !: "
                          "off the site)" % (len(listed), ", ".join(HOSTILE)), actual,
                          ("public", "siae1"), labels=("route", "param"))
        self.assertFalse(problems, "\n" + "\n".join(
            ["Redirect targets: %d problem(s)" % len(problems)] + problems))
