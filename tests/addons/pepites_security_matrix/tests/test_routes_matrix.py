import logging
import re

import odoo
from odoo.tests.common import at_install, get_db_name, post_install
from odoo.tools import mute_logger

from odoo.addons.http_routing.models.ir_http import slug
from odoo.addons.pepites_partners.tests.common import PepitesHttpCase

from . import engine
from .cast import ROUTE_ROLES, build_cast, build_immersion, day, offer_values

_logger = logging.getLogger(__name__)

#: not requested
SKIP = "·"

#: every public and portal route of the PEPITES addons x role: the expected answer, ``200``,
#: ``404``, ``403``, ``405``, ``login`` (redirected to the login page) or ``→/path`` (redirected
#: elsewhere). ``{name}`` in a URL is filled from :meth:`TestRoutesMatrix.url_values`.
#: Columns: public, siae1, siae2, partner1, staff.
ROUTES = """
# route                                         | public | siae1 | siae2 | partner1 | staff
# --- pepites_jobs: job board and feeds (public)
/jobs                                           | 200    | 200   | 200   | 200      | 200
/jobs?department={dep}                          | 200    | 200   | 200   | 200      | 200
/jobs/detail/{job1_pub}                         | 200    | 200   | 200   | 200      | 200
/jobs/detail/{job1_draft}                       | 404    | 200   | 404   | 404      | 200
/jobs/detail/{job2_draft}                       | 404    | 404   | 200   | 404      | 200
/jobs/apply/{job1_pub}                          | →/jobs/detail/{job1_pub} | →/jobs/detail/{job1_pub} | →/jobs/detail/{job1_pub} | →/jobs/detail/{job1_pub} | →/jobs/detail/{job1_pub}
/jobs/apply/{job2_draft}                        | 404    | 404   | 404   | 404      | 404
/jobs/feed.json                                 | 200    | 200   | 200   | 200      | 200
/jobs/feed.rss                                  | 200    | 200   | 200   | 200      | 200
# --- pepites_jobs: events (website_event pages and the PEPITES registration)
/event                                          | 200    | 200   | 200   | 200      | 200
/event/{event_pub}/register                     | 200    | 200   | 200   | 200      | 200
/event/{event_draft}/register                   | 403    | 403   | 403   | 403      | 200
/event/{event_pub}/ics                          | 200    | 200   | 200   | 200      | 200
/event/{event_draft}/ics                        | 404    | 404   | 404   | 404      | 404
# --- pepites_training
# --- pepites_partners: the second factor's enrolment (only after a right password)
/pepites/totp/enrol                             | login  | login | login | login    | login
/training/catalogue                             | 200    | 200   | 200   | 200      | 200
/training/offer/{training_pub}                  | 200    | 200   | 200   | 200      | 200
/training/offer/{training_unpub}                | 404    | 404   | 404   | 404      | 404
/survey/print/{survey}?token=ZQXNOTATOKEN       | 200    | 200   | 200   | 403      | 200
/survey/scores/{survey}/ZQXNOTATOKEN            | 200    | 200   | 200   | 403      | 200
# --- pepites_badges: Open Badges hosted documents and verification
/badges/issuers/{issuer}                        | 200    | 200   | 200   | 200      | 200
/badges/issuers/{issuer}/image.png              | 404    | 404   | 404   | 404      | 404
/badges/issuers/{issuer}/revocations            | 200    | 200   | 200   | 200      | 200
/badges/endorsements/{issuer}                   | 404    | 404   | 404   | 404      | 404
/badges/keys/{key}                              | 200    | 200   | 200   | 200      | 200
/badges/classes/{class_pub}                     | 200    | 200   | 200   | 200      | 200
/badges/classes/{class_draft}                   | 404    | 404   | 404   | 404      | 404
/badges/classes/{class_draft}/image.png         | 404    | 404   | 404   | 404      | 404
/badges/assertions/{badge1}                     | 200    | 200   | 200   | 200      | 200
/badges/assertions/{badge1}/image.png           | 200    | 200   | 200   | 200      | 200
/badges/verify/{badge1}                         | 200    | 200   | 200   | 200      | 200
/badges/verify                                  | 200    | 200   | 200   | 200      | 200
# Open Badges 3.0 (issue 19): the credential (JSON, VC-JWT, PNG), the issuer's profile, JWK Set
# and status list; unknown or malformed ids 404
/badges/v3/credentials/{badge1}                 | 200    | 200   | 200   | 200      | 200
/badges/v3/credentials/{badge1}.jwt             | 200    | 200   | 200   | 200      | 200
/badges/v3/credentials/{badge1}.png             | 200    | 200   | 200   | 200      | 200
/badges/v3/credentials/{badge1}.exe             | 404    | 404   | 404   | 404      | 404
/badges/v3/credentials/ZQXNOTAUUID.jwt          | 404    | 404   | 404   | 404      | 404
/badges/v3/issuers/{issuer}                     | 200    | 200   | 200   | 200      | 200
/badges/v3/issuers/{issuer}/jwks                | 200    | 200   | 200   | 200      | 200
/badges/v3/issuers/{issuer}/status              | 200    | 200   | 200   | 200      | 200
/badges/v3/issuers/999999/jwks                  | 404    | 404   | 404   | 404      | 404
# --- pepites_kpi
/indicateurs                                    | 200    | 200   | 200   | 200      | 200
/pepites_kpi/funder_report.xlsx?month_from=2026-01-01&month_to=2026-03-01 | login | 403 | 403 | 403 | 200
# --- portal (auth="user")
/my                                             | login  | 200   | 200   | 200      | 200
/my/siae                                        | login  | 200   | 200   | →/my     | →/my
/my/offers                                      | login  | 200   | 200   | →/my     | →/my
/my/offers/new                                  | login  | 200   | 200   | →/my     | →/my
/my/offers/{job1_draft_id}                      | login  | 200   | 404   | 404      | 404
/my/offers/{job2_draft_id}                      | login  | 404   | 200   | 404      | 404
/my/offers/{job1_pub_id}                        | login  | 200   | 404   | 404      | 404
/my/immersions                                  | login  | 200   | 200   | →/my     | →/my
/my/immersions/{immersion1}                     | login  | 200   | 404   | 404      | 404
/my/immersions/{immersion2}                     | login  | 404   | 200   | 404      | 404
/my/immersions/{immersion1}/convention.pdf      | login  | 200   | 404   | 404      | 404
/my/immersions/{immersion2}/convention.pdf      | login  | 404   | 200   | 404      | 404
/my/immersions/{immersion1}/attestation.pdf     | login  | 404   | 404   | 404      | 404
/my/events                                      | login  | 404   | 404   | 404      | 404
/my/events/{event_pub_id}/group                 | login  | 404   | 404   | 404      | 404
/my/trainings                                   | login  | 200   | 200   | 200      | 200
/my/trainings/attestation/{registration1}       | login  | 200   | 404   | 404      | 200
/my/trainings/alternance/{alternance1}/summary.pdf | login | 200  | 404   | 404      | 200
/my/trainings/alternance/{alternance2}/summary.pdf | login | 404  | 200   | 404      | 200
/my/badges                                      | login  | 200   | 200   | 200      | 200
/my/badges/{badge1}/certificate                 | login  | 200   | 404   | 404      | 200
/my/badges/issue                                | login  | 403   | 403   | 403      | 403
# --- pepites_partners: the data·inclusion v1 export (issue 18), public, organisations only
/data-inclusion/v1/structures                   | 200    | 200   | 200   | 200      | 200
/data-inclusion/v1/structures?format=csv        | 200    | 200   | 200   | 200      | 200
/data-inclusion/v1/services                     | 200    | 200   | 200   | 200      | 200
/data-inclusion/v1/services?format=xml          | 400    | 400   | 400   | 400      | 400
# --- pepites_partners: the SIAE directory and each SIAE's public page (issue 18); any partner
#     that is not an active, non-private SIAE organisation is not found
/siae                                           | 200    | 200   | 200   | 200      | 200
/siae?department=33&kind=aci                    | 200    | 200   | 200   | 200      | 200
/siae/{siae1_page}                              | 200    | 200   | 200   | 200      | 200
/siae/{siae2_page}                              | 200    | 200   | 200   | 200      | 200
/siae/{person}                                  | 404    | 404   | 404   | 404      | 404
/siae/{prescriber_id}                           | 404    | 404   | 404   | 404      | 404
/siae/{staff_partner_id}                        | 404    | 404   | 404   | 404      | 404
# --- pepites_partners: a person's subject-access export (issue 15), INAÉ staff only
/pepites/personal-data/{person}/export          | login  | 403   | 403   | 403      | 200
# --- pepites_training: the OPCO's CSV of alternance contracts, INAÉ staff only
/pepites/alternance/export.csv?ids={alternance1} | login | 403   | 403   | 403      | 200
"""

#: cross-SIAE actions (POST with the session's CSRF token): the answer, and the record stays
#: as it was. Columns as above; ``·``: not tried.
POSTS = """
/my/offers/{job2_draft_id}/submit               | login  | 404   | ·     | 404      | 404
/my/immersions/{immersion2}/sign                | login  | 404   | ·     | 404      | 404
/my/offers/{job2_draft_id}                      | login  | 404   | ·     | 404      | 404
/my/offers/{job2_draft_id}/filled               | login  | 404   | ·     | 404      | 404
/my/offers/{job2_pub_id}/applicants/{applicant2} | login | 404   | ·     | 404      | 404
/my/offers/{job1_pub_id}/applicants/{applicant2} | login | 404   | ·     | 404      | 404
# a SIAE issues its badges only when INAÉ endorsed its issuer (none here: 403, nothing written),
# and revokes only what it issued (badge2: INAÉ's badge of a SIAE 2 employee)
/my/badges/issue/{class_pub_id}                 | login  | 403   | ·     | 403      | 403
/my/badges/issued/{badge2}/revoke               | login  | 404   | ·     | 404      | 404
"""


def parse_routes(table):
    rows = []
    for line in table.strip().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [part.strip() for part in line.split("|")]
        rows.append((parts[0], dict(zip(ROUTE_ROLES, parts[1:]))))
        assert len(parts) == len(ROUTE_ROLES) + 1, "bad route line: %r" % line
    return rows


class SessionMixin(object):
    """Browser sessions of the matrix's users on the test server (a PepitesHttpCase mixin)."""

    def login_as(self, role):
        """A new browser session, logged in as ``role`` (the public: not logged in)."""
        self.session = odoo.http.root.session_store.new()
        self.session.db = get_db_name()
        odoo.http.root.session_store.save(self.session)
        self.opener.cookies.clear()
        self.opener.cookies["session_id"] = self.session.sid
        if role != "public":
            user = self.cast.users[role]
            self.authenticate(user.login, user.login)

    def request(self, url, data=None):
        """``(answer, body)``: the status as the tables write it, and the response text."""
        self._before_request()
        try:
            full = self.base_url() + url
            if data is None:
                response = self.opener.get(full, timeout=60, allow_redirects=False)
            else:
                response = self.opener.post(full, data=data, timeout=60, allow_redirects=False)
        finally:
            self._after_request()
        if response.is_redirect or response.status_code in (301, 302, 303, 307, 308):
            location = re.sub(r"^https?://[^/]+", "", response.headers.get("Location", ""))
            if location.startswith("/web/login"):
                return "login", ""
            return "→%s" % location.split("?")[0].split("#")[0], ""
        return str(response.status_code), response.content.decode("utf-8", "replace")


@at_install(False)
@post_install(True)
class TestRoutesMatrix(SessionMixin, PepitesHttpCase):
    """Every public and portal route x role: the expected answer, and no leak (another SIAE's
    data, personal data of people in integration paths) in any page or feed."""

    def setUp(self):
        super(TestRoutesMatrix, self).setUp()
        c = self.cast = build_cast(self.env)
        S = c.sudo_env
        # siae1's and siae2's own data, with markers of their owner
        c.job1_draft = self.offer(c.siae1, "JOBDRAFTA", "siae1")
        c.applicant1 = self.applicant(c.job1_pub, "siae1")
        c.applicant2 = self.applicant(c.job2_pub, "siae2")
        c.immersion1 = S["pepites.immersion"].create(dict(
            build_immersion(c, "route"), beneficiary_id=c.person(None, "IMMA", "siae1").id))
        c.immersion2 = S["pepites.immersion"].create(dict(
            build_immersion(c, "route"), host_siae_id=c.siae2.id,
            beneficiary_id=c.person(None, "IMMB", "siae2").id))
        c.orientation2 = S["pepites.orientation"].create({
            "person_id": c.person(None, "ORIB", "siae2").id, "referrer_kind": "prescriber",
            "prescriber_id": c.prescriber.id, "siae_id": c.siae2.id})
        c.poei2 = S["pepites.poei"].create({
            "candidate_id": c.person(None, "POEB", "siae2").id, "siae_id": c.siae2.id,
            "hours": 400, "date_start": day(30), "date_end": day(90)})
        # people in integration paths, attached to no SIAE: nobody but INAÉ sees them
        c.orientation0 = S["pepites.orientation"].create({
            "person_id": c.person(None, "ORIP").id, "referrer_kind": "prescriber",
            "prescriber_id": c.prescriber.id})
        registrant = c.person(None, "REGP")
        c.registration = S["event.registration"].create({
            "event_id": c.event_pub.id, "name": registrant.name, "email": registrant.email,
            "phone": registrant.phone, "partner_id": registrant.id})
        # training records of each SIAE's employees
        c.registration1 = S["pepites.training.registration"].create({
            "session_id": c.session.id, "partner_id": c.person(c.siae1, "TRGA").id,
            "employer_id": c.siae1.id, "state": "attended"})
        c.registration2 = S["pepites.training.registration"].create({
            "session_id": c.session.id, "partner_id": c.person(c.siae2, "TRGB").id,
            "employer_id": c.siae2.id})
        c.alternance1 = S["pepites.alternance"].create({
            "apprentice_id": c.person(c.siae1, "ALTA").id, "employer_id": c.siae1.id,
            "certification_id": c.cert.id})
        c.alternance2 = S["pepites.alternance"].create({
            "apprentice_id": c.person(c.siae2, "ALTB").id, "employer_id": c.siae2.id,
            "certification_id": c.cert.id})
        # badges of each SIAE's staff
        c.class_draft = S["pepites.badge.class"].create({
            "name": "Badge brouillon matrice", "description": "Brouillon.",
            "criteria_narrative": "Aucun.", "issuer_id": c.inae_issuer.id})
        recipient1 = c.person(c.siae1, "BDGA")
        recipient2 = c.person(c.siae2, "BDGB")
        Class = S["pepites.badge.class"]
        c.badge1 = S["pepites.badge.assertion"].browse(
            Class.issue_to(c.badge_pub.ids, recipient1.ids))
        c.badge2 = S["pepites.badge.assertion"].browse(
            Class.issue_to(c.badge_pub.ids, recipient2.ids))
        c.training_pub = S["pepites.training.offer"].create(
            {"name": "Formation publiée matrice", "website_published": True})
        c.training_unpub = S["pepites.training.offer"].create(
            {"name": "Formation cachée matrice", "website_published": False})
        c.inae_issuer._ensure_key()
        c.key = S["pepites.badge.key"].search([("issuer_id", "=", c.inae_issuer.id)], limit=1)
        self.badge_pages = {c.badge1: ("/badges/assertions/%s" % c.badge1.uuid,
                                       "/badges/verify/%s" % c.badge1.uuid,
                                       "/badges/v3/credentials/%s" % c.badge1.uuid,
                                       "/badges/v3/credentials/%s.jwt" % c.badge1.uuid,
                                       "/badges/v3/credentials/%s.png" % c.badge1.uuid)}

    # helpers ----------------------------------------------------------------------------

    def offer(self, siae, kind, owner):
        c = self.cast
        name = "Offre %s" % c.token(kind, owner)
        return c.sudo_env["hr.job"].create(offer_values(c, siae, name))

    def applicant(self, job, owner):
        c = self.cast
        person = c.person(None, "APP", owner)
        return c.sudo_env["hr.applicant"].create({
            "name": "Candidature %s" % person.name, "partner_name": person.name,
            "email_from": person.email, "partner_phone": person.phone, "job_id": job.id})

    def url_values(self):
        c = self.cast
        return {
            "alternance1": c.alternance1.id, "alternance2": c.alternance2.id,
            "dep": c.dep.id, "job1_pub": slug(c.job1_pub), "job1_draft": slug(c.job1_draft),
            "job2_draft": slug(c.job2_draft), "job1_draft_id": c.job1_draft.id,
            "job2_draft_id": c.job2_draft.id, "job1_pub_id": c.job1_pub.id,
            "job2_pub_id": c.job2_pub.id, "applicant2": c.applicant2.id,
            "event_pub": slug(c.event_pub),
            "event_draft": slug(c.event_draft), "event_pub_id": c.event_pub.id,
            "training_pub": slug(c.training_pub), "training_unpub": slug(c.training_unpub),
            "issuer": c.inae_issuer.id, "key": c.key.id, "class_pub": c.badge_pub.uuid,
            "class_draft": c.class_draft.uuid, "badge1": c.badge1.uuid,
            "class_pub_id": c.badge_pub.id, "badge2": c.badge2.uuid,
            "immersion1": c.immersion1.id, "immersion2": c.immersion2.id,
            "registration1": c.registration1.id, "survey": slug(c.survey.with_context(lang="fr_FR")),
            "person": c.ref("pepites_partners.person_privacy_demo").id,
            "siae1_page": slug(c.siae1), "siae2_page": slug(c.siae2),
            "prescriber_id": c.prescriber.id,
            "staff_partner_id": c.users["staff"].partner_id.id,
        }

    def leaks(self, role, url, body):
        """The markers in ``body`` that ``role`` must not see on ``url``."""
        if role == "staff" or not body:
            return []
        text = body.upper()
        own = {"siae1": "siae1", "siae2": "siae2"}.get(role)
        found = []
        for marker, owner in self.cast.markers.items():
            if owner == "public" or owner == own:
                continue
            # the requested URL (an offer's slug) may hold the marker: the requester knew it
            if marker.upper() in text and marker.upper() not in url.upper():
                # a badge holder's own assertion is public by design (they share its link)
                if any(url in pages and marker.upper() in
                       (badge.recipient_partner_id.name or "").upper()
                       for badge, pages in self.badge_pages.items()):
                    continue
                found.append("%s (%s's)" % (marker, owner))
        return found

    @staticmethod
    def templated(actual, values):
        """``actual`` with the URLs' values written back as their ``{names}``, to print."""
        def template(cell):
            for name, value in values.items():
                if isinstance(value, str) and len(value) > 4:
                    cell = cell.replace(value, "{%s}" % name)
            return cell
        return {key: {role: template(cell) for role, cell in cells.items()}
                for key, cells in actual.items()}

    # the test -----------------------------------------------------------------------------

    def test_routes_matrix(self):
        """Each role gets the expected answer from every public and portal route, siae1 never
        sees siae2's data (nor the reverse), and no page or feed shown to anyone but INAÉ staff
        holds personal data of people in integration paths; cross-SIAE actions change nothing."""
        c = self.cast
        values = self.url_values()
        routes = parse_routes(ROUTES)
        posts = parse_routes(POSTS)
        actual, problems, bodies = {}, [], {}
        states = (c.job2_draft.pepites_state, c.immersion2.state, c.job2_draft.name,
                  c.applicant2.pepites_siae_status, c.badge2.revoked,
                  c.sudo_env["pepites.badge.assertion"].search_count([]))
        with mute_logger("odoo.http", "werkzeug", "odoo.models",
                         "odoo.addons.website.models.ir_http"):
            for role in ROUTE_ROLES:
                self.login_as(role)
                token = None
                for route, expected in routes:
                    url = route.format(**values)
                    if expected[role] == SKIP:
                        got = SKIP
                    else:
                        got, body = self.request(url)
                        bodies[(role, route)] = body
                        for leak in self.leaks(role, url, body):
                            problems.append("LEAK %s on %s as %s: %s" % (leak, url, role, got))
                    actual.setdefault((route, "GET"), {})[role] = got
                for route, expected in posts:
                    url = route.format(**values)
                    if expected[role] == SKIP:
                        got = SKIP
                    else:
                        if token is None:
                            token = self.csrf_token("/web/login") if role != "public" else ""
                        got, body = self.request(url, data={
                            "csrf_token": token, "name": "Détournée ZQX", "description": "x"})
                        for leak in self.leaks(role, url, body):
                            problems.append("LEAK %s on %s as %s: %s" % (leak, url, role, got))
                    actual.setdefault((route, "POST"), {})[role] = got
        c.job2_draft.invalidate_cache()
        c.immersion2.invalidate_cache()
        c.applicant2.invalidate_cache()
        c.badge2.invalidate_cache()
        after = (c.job2_draft.pepites_state, c.immersion2.state, c.job2_draft.name,
                 c.applicant2.pepites_siae_status, c.badge2.revoked,
                 c.sudo_env["pepites.badge.assertion"].search_count([]))
        if after != states:
            problems.append("a cross-SIAE POST changed siae2's records: %s -> %s" % (
                states, after))
        # the search for markers is not vacuous: pages show them to whom they belong
        for role, route, person in (
                ("siae1", "/my/offers/{job1_pub_id}", c.applicant1.partner_name),
                ("siae1", "/my/immersions/{immersion1}", c.immersion1.beneficiary_id.name),
                ("siae2", "/my/immersions/{immersion2}", c.immersion2.beneficiary_id.name),
                ("siae1", "/my/offers", c.job1_draft.name)):
            marker = person.split()[-1]
            if marker.upper() not in bodies.get((role, route), "").upper():
                problems.append("control: %s is not on %s as %s" % (marker, route, role))
        engine.log_matrix("Security matrix, routes (%d routes x %d roles)"
                          % (len(actual), len(ROUTE_ROLES)), self.templated(actual, values),
                          ROUTE_ROLES, labels=("route", "method"))
        for (route, method), cells in sorted(actual.items()):
            table = routes if method == "GET" else posts
            expected = {role: cell.format(**values) for role, cell in dict(table)[route].items()}
            for role in ROUTE_ROLES:
                if cells[role] != expected[role]:
                    problems.append("%-4s %-46s %-8s expected %s got %s"
                                    % (method, route, role, expected[role], cells[role]))
        self.assertFalse(problems, "\n" + "\n".join(
            ["Security matrix (routes): %d problem(s)" % len(problems)] + problems))
