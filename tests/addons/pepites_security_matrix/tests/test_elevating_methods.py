"""Every method and route of the PEPITES addons that elevates rights has a row, and every model
method row holds over XML-RPC for a plain portal user, siae1 and partner1 (issue 12, "The matrix
covers everything")."""
import ast
import itertools
import logging
import os

from odoo.modules.module import get_module_path
from odoo.tests.common import SavepointCase, at_install, post_install

from odoo.addons.pepites_partners.tests.common import PepitesHttpCase

from . import elevating, engine
from .cast import _slide, badge_class_values, build_assertion, build_cast, build_immersion, \
    create_offer, offer_values
from .rpc import call, short
from .test_routes_matrix import POSTS as POST_LINES, ROUTES as ROUTE_LINES, parse_routes
from .test_web_routes import JSON_ROUTES, parse as parse_table

_logger = logging.getLogger(__name__)

_counter = itertools.count(1)


def addons_dir():
    """The folder of the PEPITES addons (this clone's, wherever it is)."""
    return os.path.dirname(get_module_path("pepites_partners"))


class TestElevatingScan(SavepointCase):
    """The static scan: no elevating method or route without a row."""

    def test_scan_follows_helpers_and_cursors(self):
        """A route elevates through its controller's own helper method that calls sudo(), and
        by handing the request's cursor to plain Python (an engine running SQL): both are
        found, so neither can hide an elevation from the rows."""
        source = (
            "class Page(http.Controller):\n"
            "    def _record_sudo(self, key):\n"
            "        return request.env['x'].sudo().browse(key)\n"
            "    @http.route('/a')\n"
            "    def a(self, key):\n"
            "        return self._record_sudo(key)\n"
            "    @http.route('/b')\n"
            "    def b(self):\n"
            "        return engine.export(request.env.cr, 'rows')\n"
            "    @http.route('/c')\n"
            "    def c(self):\n"
            "        return request.render('page')\n")
        parsed = [("pepites_x/controllers/main.py", ast.parse(source))]
        helpers, problems = elevating._elevating_helpers(parsed)
        self.assertEqual((helpers - {name for name, why in elevating.HELPERS.items()
                                     if why == elevating.ROUTE}, problems),
                         ({"_record_sudo"}, []))
        routes = {}
        for function in parsed[0][1].body[0].body:
            if elevating._is_route(function):
                routes[function.name] = elevating.route_reasons(function, helpers)
        self.assertEqual(routes, {"a": {"_record_sudo()"}, "b": {"cursor to export()"},
                                  "c": set()})

    def test_every_elevating_function_has_a_row(self):
        """Every public model method and every route function of the PEPITES addons whose body
        calls sudo() or cr.execute() has a row in elevating.METHODS or elevating.ROUTES (a new
        one fails here until a reviewer says who may call it), and every route row names a line
        of test_routes_matrix.ROUTES, which exercises it."""
        methods, routes = elevating.scan(addons_dir())
        self.assertTrue(methods and routes, "the scan found nothing: is %s right?" % addons_dir())
        problems = elevating.unlisted(methods, routes, addons_dir())
        exercised = {route for route, _cells in parse_routes(ROUTE_LINES) + parse_routes(
            POST_LINES)} | {
            "json:" + row[0] for row in parse_table(JSON_ROUTES, 3)}
        for key, row in sorted(elevating.EXPECTED_ROUTES.items()):
            if row["route"] not in exercised:
                problems.append("elevating.ROUTES row %s: %s is not a line of "
                                "test_routes_matrix.ROUTES nor of test_web_routes.JSON_ROUTES"
                                % (key, row["route"]))
        rows = {}
        for key, (where, reasons) in sorted(methods.items()):
            rows[(key, ", ".join(sorted(reasons)))] = dict(elevating.EXPECTED_METHODS.get(key, {}))
        for key in sorted(elevating.CORE_METHODS):
            rows[(key, "core")] = dict(elevating.EXPECTED_METHODS[key])
        engine.log_matrix("Elevating model methods (%d found by the scan, %d core), over XML-RPC"
                          % (len(methods), len(elevating.CORE_METHODS)), rows,
                          elevating.ROLES + ("scenario",), labels=("method", "elevates by"))
        routes_rows = {(key, ", ".join(sorted(reasons))): {
            "route": elevating.EXPECTED_ROUTES.get(key, {}).get("route", "?"),
            "outsiders get": elevating.EXPECTED_ROUTES.get(key, {}).get("outsiders", "?")}
            for key, (where, reasons) in routes.items()}
        engine.log_matrix("Elevating route functions (%d), exercised by test_routes_matrix"
                          % len(routes), routes_rows, ("route", "outsiders get"),
                          labels=("route function", "elevates by"))
        self.assertFalse(problems, "\n" + "\n".join(
            ["Elevating methods and routes: %d problem(s)" % len(problems)] + problems))


@at_install(False)
@post_install(True)
class TestElevatingMethods(PepitesHttpCase):
    """Each row of elevating.METHODS, called over XML-RPC by each outsider role.

    A scenario makes the call a role would legitimately make ("own": its SIAE's records, the
    people it may read) and the call an attacker would make ("other": another SIAE's records,
    people it may not read), and returns whether each went through (a change in the database
    counts, whatever the answer said): ``-`` neither, ``own`` the first only, ``ok`` the first
    when there is no second, ``LEAK`` the second.
    """

    def setUp(self):
        super(TestElevatingMethods, self).setUp()
        self.cast = build_cast(self.env)
        c = self.cast
        self.users = {"portal": c.users["portal"], "siae1": c.users["siae1"],
                      "partner1": c.users["partner1"]}
        S = c.sudo_env
        c.applicant1 = S["hr.applicant"].create(self.applicant_values(c.job1_pub, "siae1"))
        c.applicant2 = S["hr.applicant"].create(self.applicant_values(c.job2_pub, "siae2"))

    # helpers ----------------------------------------------------------------------------

    def applicant_values(self, job, owner):
        person = self.cast.person(None, "APE", owner)
        return {"name": "Candidature %s" % person.name, "partner_name": person.name,
                "email_from": person.email, "job_id": job.id}

    def leaks(self, role, answer):
        """Personal markers in an answer (result or fault text) that ``role`` may not see."""
        text = short(answer, 100000).upper()
        own = "siae1" if role == "siae1" else None
        return sorted(marker for marker, owner in self.cast.markers.items()
                      if owner not in ("public", own) and marker.upper() in text)

    def assertion(self, partner, issued_by=None):
        """A badge of ``partner`` (as superuser)."""
        values = build_assertion(bool(issued_by))(self.cast, "fixture")
        # a class of its own: a holder holds one active badge of a class
        badge = self.cast.sudo_env["pepites.badge.class"].create(
            badge_class_values(self.cast, "own", "published"))
        values.update(recipient_partner_id=partner.id, recipient_email=partner.email,
                      badge_class_id=badge.id)
        return self.cast.sudo_env["pepites.badge.assertion"].create(values)

    def own_assertion(self, role, user):
        """A badge the role may read: a SIAE 1 employee's, one partner1 issued, the holder's."""
        c = self.cast
        if role == "siae1":
            return self.assertion(c.person(c.siae1, "BDO"))
        if role == "partner1":
            return self.assertion(c.person(None, "BDO"), issued_by=user)
        return self.assertion(user.partner_id)

    def immersion_to_sign(self, siae, owner):
        c = self.cast
        immersion = c.sudo_env["pepites.immersion"].create(dict(
            build_immersion(c, "sign"), host_siae_id=siae.id,
            beneficiary_id=c.person(None, "IMS", owner).id))
        immersion.action_to_sign()
        return immersion

    @staticmethod
    def snapshot(records, field_names):
        records.invalidate_cache()
        return records.sudo().read(field_names)

    # scenarios: (own went through, other went through or None, notes) ----------------------

    def scenario_init(self, key, role, user):
        """A set-up hook (it creates indexes and views as the database owner) called by hand."""
        ok, answer = call(self, user, key.rsplit(".", 1)[0], "init", [])
        return ok, None, [short(answer)]

    def scenario_partner_write(self, key, role, user):
        """Own: the caller's SIAE (siae1) or contact card; other: siae2's structure."""
        c = self.cast
        own = c.siae1 if role == "siae1" else user.partner_id
        results = []
        for partner in (own, c.siae2):
            phone = "+33 5 56 %02d %02d 00" % (next(_counter) % 100, next(_counter) % 100)
            ok, answer = call(self, user, "res.partner", "write", partner.ids, {"phone": phone})
            results.append((self.snapshot(partner, ["phone"])[0]["phone"] == phone, answer))
        return results[0][0], results[1][0], [short(answer) for _done, answer in results]

    def scenario_job_create(self, key, role, user):
        """Own: an offer of SIAE 1; other: an offer in siae2's name."""
        c = self.cast
        results = []
        for siae in (c.siae1, c.siae2):
            name = "Offre RPC %s %d" % (role, next(_counter))
            ok, answer = call(self, user, "hr.job", "create", offer_values(c, siae, name))
            created = c.sudo_env["hr.job"].search_count([("name", "=", name),
                                                         ("siae_id", "=", siae.id)])
            results.append((bool(created), answer))
        return results[0][0], results[1][0], [short(answer) for _done, answer in results]

    def scenario_job_write(self, key, role, user):
        """Own: a draft offer of SIAE 1; other: siae2's draft offer."""
        c = self.cast
        results = []
        for offer in (create_offer(c, c.siae1, "draft", "RPCW", owner="siae1"), c.job2_draft):
            name = "Offre réécrite %d" % next(_counter)
            ok, answer = call(self, user, "hr.job", "write", offer.ids, {"name": name})
            results.append((self.snapshot(offer, ["name"])[0]["name"] == name, answer))
        return results[0][0], results[1][0], [short(answer) for _done, answer in results]

    def scenario_board_search(self, key, role, user):
        """The job board's search helper (the /jobs page calls it), called over RPC."""
        ok, answer = call(self, user, "hr.job", "board_search", {"search": "Offre"})
        return ok, None, [short(answer)]

    def scenario_form_filter(self, key, role, user):
        """The website form's hook, called over RPC: an oracle on offers' existence."""
        c = self.cast
        ok, answer = call(self, user, "hr.applicant", "website_form_input_filter", [],
                          "request", {"job_id": c.job2_draft.id})
        return ok, None, [short(answer)]

    def scenario_portal_sign(self, key, role, user):
        """Own: a convention SIAE 1 hosts, waiting for signatures; other: one siae2 hosts."""
        results = []
        for siae, owner in ((self.cast.siae1, "siae1"), (self.cast.siae2, "siae2")):
            immersion = self.immersion_to_sign(siae, owner)
            ok, answer = call(self, user, "pepites.immersion", "portal_sign", immersion.ids)
            signed = self.snapshot(immersion, ["host_signed_date"])[0]["host_signed_date"]
            results.append((bool(signed), answer))
        return results[0][0], results[1][0], [short(answer) for _done, answer in results]

    def scenario_applicant_decide(self, key, role, user):
        """Own: a new application to SIAE 1's published offer, accepted; other: one to siae2's
        (its applicant would get an e-mail). The SIAE decides on its portal's page only: over
        RPC neither is accepted nor mailed."""
        c = self.cast
        results = []
        for job, owner in ((c.job1_pub, "siae1"), (c.job2_pub, "siae2")):
            applicant = c.sudo_env["hr.applicant"].create(self.applicant_values(job, owner))
            _ok, answer = call(self, user, "hr.applicant", "portal_decide", applicant.ids,
                               "accept")
            status = self.snapshot(applicant, ["pepites_siae_status"])[0]["pepites_siae_status"]
            mailed = c.sudo_env["mail.mail"].search_count([
                ("model", "=", "hr.applicant"), ("res_id", "=", applicant.id)])
            results.append((status == "accepted" or bool(mailed), answer))
        return results[0][0], results[1][0], [short(answer) for _done, answer in results]

    def scenario_mark_completed(self, key, role, user):
        """A published slide marked completed over RPC (the slide page has its own route)."""
        slide = _slide(self.cast)
        _ok, answer = call(self, user, "slide.slide", "pepites_mark_completed", slide.ids)
        done = self.cast.sudo_env["pepites.slide.completion"].search_count(
            [("slide_id", "=", slide.id)])
        return bool(done), None, [short(answer)]

    def scenario_issue_to(self, key, role, user):
        """Own: a badge of an issuer that lists partner1, to a person the caller supplies itself
        ({email, name}: a partner's own beneficiary); other: the same badge to people it may
        not read (one without an e-mail address, so that the error path runs too): nothing
        issued, and the error names no one."""
        c = self.cast
        Assertion = c.sudo_env["pepites.badge.assertion"]
        badge = c.ref("pepites_badges.pepites_badge_class_bike_repair_demo")
        mark = c.token("ISO", "public")
        before = Assertion.search_count([("badge_class_id", "=", badge.id)])
        _ok, answer = call(self, user, "pepites.badge.class", "issue_to", badge.ids,
                           [{"email": "%s@beneficiaire.example.org" % mark.lower(),
                             "name": "Zoé %s" % mark}])
        own = Assertion.search_count([("badge_class_id", "=", badge.id)]) > before
        strangers = c.person(None, "ISS") | c.person(None, "ISX")
        strangers[1].email = False
        _ok, answer2 = call(self, user, "pepites.badge.class", "issue_to", badge.ids,
                            strangers.ids)
        issued = Assertion.search_count([("recipient_partner_id", "in", strangers.ids)])
        leaks = self.leaks(role, answer2)
        notes = [short(answer), short(answer2)]
        if leaks:
            notes.append("the answer names %s" % ", ".join(leaks))
        return own, bool(issued) or bool(leaks), notes

    def scenario_assertion_name(self, key, role, user):
        """Own: the name of a badge the role may read; other: of a siae2 employee's badge."""
        c = self.cast
        own = self.own_assertion(role, user)
        ok, answer = call(self, user, "pepites.badge.assertion", "name_get", [own.id])
        stranger = self.assertion(c.person(c.siae2, "BDN", "siae2"))
        other, answer2 = call(self, user, "pepites.badge.assertion", "name_get", [stranger.id])
        leaks = self.leaks(role, answer2)
        return ok, bool(leaks) or (other and bool(answer2)), [short(answer), short(answer2)]

    def scenario_revoke(self, key, role, user):
        """Own: a badge the role may read; other: a siae2 employee's badge. Revoking (the reason
        is published in INAÉ's revocation list) is INAÉ's, from the back office."""
        c = self.cast
        own = self.own_assertion(role, user)
        stranger = self.assertion(c.person(c.siae2, "BDR", "siae2"))
        _ok, answer = call(self, user, "pepites.badge.assertion", "action_revoke", own.ids,
                           "Révoqué par la matrice")
        _ok, answer2 = call(self, user, "pepites.badge.assertion", "action_revoke",
                            stranger.ids, "Révoqué par la matrice")
        revoked = [self.snapshot(badge, ["revoked"])[0]["revoked"] for badge in (own, stranger)]
        return revoked[0], revoked[1], [short(answer), short(answer2)]

    def scenario_rotate_key(self, key, role, user):
        """A new signing key for an issuer (the one that lists partner1): INAÉ staff only."""
        issuer = self.cast.ref("pepites_badges.pepites_badge_issuer_siae_demo")
        Key = self.cast.sudo_env["pepites.badge.key"]
        before = Key.search_count([("issuer_id", "=", issuer.id)])
        _ok, answer = call(self, user, "pepites.badge.issuer", "action_rotate_key", issuer.ids)
        after = Key.search_count([("issuer_id", "=", issuer.id)])
        return after != before, None, [short(answer)]

    def _subscribe(self, user, model, own, other):
        """Whether ``user`` could make its partner a follower of ``own``, then of ``other``
        (with the staff notes' subtype: what a follower of a record hears of)."""
        Followers = self.cast.sudo_env["mail.followers"]
        partner = user.partner_id
        results = []
        for record in (own, other):
            _ok, answer = call(self, user, model, "message_subscribe", record.ids,
                               partner_ids=partner.ids,
                               subtype_ids=self.cast.ref("mail.mt_note").ids)
            followed = Followers.search_count([("res_model", "=", model),
                                               ("res_id", "=", record.id),
                                               ("partner_id", "=", partner.id)])
            results.append((bool(followed), answer))
        return results[0][0], results[1][0], [short(answer) for _done, answer in results]

    def scenario_subscribe(self, key, role, user):
        """Own: SIAE 1's published offer; other: siae2's (its followers hear of its
        applicants)."""
        return self._subscribe(user, "hr.job", self.cast.job1_pub, self.cast.job2_pub)

    def scenario_subscribe_applicant(self, key, role, user):
        """Own: an applicant to SIAE 1's offer; other: an applicant to siae2's offer."""
        return self._subscribe(user, "hr.applicant", self.cast.applicant1, self.cast.applicant2)

    def scenario_post(self, key, role, user):
        """Own: a message on SIAE 1's published offer; other: on siae2's (it would reach its
        followers, INAÉ staff, by e-mail)."""
        c = self.cast
        results = []
        for offer in (c.job1_pub, c.job2_pub):
            body = "Message de la matrice %d" % next(_counter)
            _ok, answer = call(self, user, "hr.job", "message_post", offer.ids, body=body,
                               message_type="comment")
            posted = c.sudo_env["mail.message"].search_count([
                ("model", "=", "hr.job"), ("res_id", "=", offer.id), ("body", "like", body)])
            results.append((bool(posted), answer))
        return results[0][0], results[1][0], [short(answer) for _done, answer in results]

    # the test -----------------------------------------------------------------------------

    @staticmethod
    def outcome(own, other):
        if other:
            return "LEAK"
        if own:
            return "ok" if other is None else "own"
        return "-"

    def test_elevating_methods(self):
        """Each elevating method called over XML-RPC by a plain portal user, siae1 and
        partner1 does what elevating.METHODS says: refused (nothing changes), or allowed on
        what the role may already touch and refused on anything else; no answer names a
        person the role may not read."""
        actual, problems = {}, []
        for key, row in sorted(elevating.EXPECTED_METHODS.items()):
            scenario = getattr(self, row["scenario"])
            actual[(key, row["scenario"])] = cells = {}
            for role in elevating.ROLES:
                own, other, notes = scenario(key, role, self.users[role])
                cells[role] = self.outcome(own, other)
                if cells[role] != row[role]:
                    problems.append("%-42s %-8s expected %-4s got %-4s %s" % (
                        key, role, row[role], cells[role], " | ".join(notes)))
        engine.log_matrix("Elevating methods over XML-RPC (%d rows x %d roles)"
                          % (len(actual), len(elevating.ROLES)), actual, elevating.ROLES,
                          labels=("method", "scenario"))
        self.assertFalse(problems, "\n" + "\n".join(
            ["Elevating methods: %d problem(s)" % len(problems)] + problems))
