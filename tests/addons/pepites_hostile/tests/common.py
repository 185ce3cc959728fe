"""The harness of the hostile inputs: the records the cases aim at, the row counts that prove
nothing was written, the watch on ERROR log lines, and the checks of what the user is told.

The cases themselves (plain data) are in :mod:`.cases`.
"""
import collections
import contextlib
import datetime
import html
import json
import logging
import re
import urllib.parse

from odoo import fields, http
from odoo.tests.common import get_db_name

from odoo.addons.pepites_jobs.tests.common import (
    PASSWORD, JobsHttpCase, create_offer, day)

from . import cases

#: one query counting the rows of every table a bad input could write to
COUNTS = collections.OrderedDict([
    ("res_partner", "SELECT count(*) FROM res_partner"),
    ("res_users", "SELECT count(*) FROM res_users"),
    ("hr_job", "SELECT count(*) FROM hr_job"),
    ("hr_applicant", "SELECT count(*) FROM hr_applicant"),
    ("cv", "SELECT count(*) FROM ir_attachment WHERE res_model = 'hr.applicant'"),
    ("event_event", "SELECT count(*) FROM event_event"),
    ("event_registration", "SELECT count(*) FROM event_registration"),
    ("pepites_immersion", "SELECT count(*) FROM pepites_immersion"),
    ("pepites_poei", "SELECT count(*) FROM pepites_poei"),
    ("pepites_orientation", "SELECT count(*) FROM pepites_orientation"),
    ("pepites_alternance", "SELECT count(*) FROM pepites_alternance"),
    ("pepites_vae", "SELECT count(*) FROM pepites_vae"),
    ("pepites_afest", "SELECT count(*) FROM pepites_afest"),
    ("pepites_training_session", "SELECT count(*) FROM pepites_training_session"),
    ("pepites_training_registration", "SELECT count(*) FROM pepites_training_registration"),
    ("pepites_training_offer", "SELECT count(*) FROM pepites_training_offer"),
    ("pepites_badge_class", "SELECT count(*) FROM pepites_badge_class"),
    ("pepites_badge_assertion", "SELECT count(*) FROM pepites_badge_assertion"),
    ("pepites_kpi_indicator", "SELECT count(*) FROM pepites_kpi_indicator"),
    ("pepites_kpi_snapshot", "SELECT count(*) FROM pepites_kpi_snapshot"),
    ("mail_mail", "SELECT count(*) FROM mail_mail"),
])
COUNT_QUERY = "SELECT %s" % ", ".join("(%s)" % query for query in COUNTS.values())

#: what appears in a page only when a payload of :data:`cases.HTML_PAYLOADS` is not escaped
RAW_MARKERS = ("<script>alert(1)", "<img src=x onerror=alert(1)>", 'href="javascript:',
               "<svg onload=alert(1)>")

_PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[sdr]")

#: inputs run per path and family, printed at the end of each test module
TALLY = collections.Counter()


def print_tally(path=None):
    rows = sorted((key, count) for key, count in TALLY.items()
                  if path is None or key[0] == path)
    total = sum(count for _key, count in rows)
    lines = ["hostile inputs run%s: %d" % (" over %s" % path if path else "", total)]
    lines += ["  %-8s %-22s %4d" % (key[0], key[1], count) for key, count in rows]
    print("\n".join(lines))
    return total


class _Capture(logging.Handler):
    """Collects the ERROR and CRITICAL records that reach the root logger."""

    def __init__(self):
        super(_Capture, self).__init__(level=logging.ERROR)
        self.records = []

    def emit(self, record):
        self.records.append(record)


class _Expected(logging.Filter):
    """Swallows the ERROR records of one logger that a case declares (and keeps them, so that
    the case asserts they are the ones expected); lower levels pass."""

    def __init__(self):
        super(_Expected, self).__init__()
        self.records = []

    def filter(self, record):
        if record.levelno >= logging.ERROR:
            self.records.append(record)
            return False
        return True


@contextlib.contextmanager
def watch_errors(expected_loggers=()):
    """Yield ``(unexpected, expected)`` lists of log records, filled while the block runs.

    ``unexpected`` gets every ERROR/CRITICAL line (they are still printed, so that the
    summary of the run fails too); ``expected`` the ERROR lines of ``expected_loggers``,
    which are not printed."""
    capture = _Capture()
    expected = _Expected()
    root = logging.getLogger()
    root.addHandler(capture)
    loggers = [logging.getLogger(name) for name in expected_loggers]
    for logger in loggers:
        logger.addFilter(expected)
    try:
        yield capture.records, expected.records
    finally:
        for logger in loggers:
            logger.removeFilter(expected)
        root.removeHandler(capture)


def unescape(text):
    return html.unescape(text or "")


class HostileCase(JobsHttpCase):
    """The records every hostile input aims at, created by the test (never demo data): the
    pepites_jobs cast (two SIAE, their portal users, INAÉ staff, a partner API user) plus a
    manager, a CEP counsellor, people, offers in every state, immersions, an event, trainings,
    badges and an indicator."""

    def setUp(self):
        super(HostileCase, self).setUp()
        env = self.env
        setup_hostile_fixtures(self, env)
        self._french = {}

    def url_open(self, url, data=None, timeout=120, files=None):
        # the machine running the tests may be busy: a slow page is not a failure here
        return super(HostileCase, self).url_open(url, data=data, timeout=timeout, files=files)

    # ------------------------------------------------------------------ no partial write

    def counts(self):
        self.env["res.partner"].recompute()
        self.cr.execute(COUNT_QUERY)
        return dict(zip(COUNTS, self.cr.fetchone()))

    def snapshot(self, table, record_id):
        """The row as JSON (every column): equal before and after when nothing was written."""
        if not record_id:
            return None
        # the table name comes from the case tables, never from the input
        self.cr.execute("SELECT row_to_json(t)::text FROM %s t WHERE id = %%s" % table,
                        (record_id,))
        row = self.cr.fetchone()
        return row and json.loads(row[0])

    # ------------------------------------------------------------------ messages

    def french(self, msgid):
        """The French of an English message of the code (or of an SQL constraint)."""
        if msgid not in self._french:
            self._french[msgid] = self.env["ir.translation"]._get_source(
                None, ("code", "sql_constraint"), "fr_FR", msgid)
        return self._french[msgid]

    def assert_message(self, text, msgid, label):
        """``text`` is the French message of ``msgid`` (its fixed parts, around the values)."""
        text = unescape(text)
        self.assertTrue(text and text.strip(), "%s: no message shown" % label)
        self.assertNotIn("Traceback", text, "%s: a traceback instead of a message" % label)
        if not msgid:
            return
        french = self.french(msgid)
        self.assertNotEqual(french, msgid, "%s: message not translated: %r" % (label, msgid))
        for chunk in _PLACEHOLDER.split(french):
            chunk = chunk.strip(" .:\"«»")
            if len(chunk) >= 4:
                self.assertIn(chunk, text, "%s: expected %r in the message %r"
                              % (label, french, text))

    def assert_escaped(self, page, label):
        for marker in RAW_MARKERS:
            self.assertNotIn(marker, page, "%s: %r rendered unescaped" % (label, marker))

    def assert_no_unexpected_errors(self, records, label):
        self.assertFalse(records, "%s: ERROR log lines: %s" % (
            label, [record.getMessage()[:300] for record in records]))

    # ------------------------------------------------------------------ placeholders

    def resolve(self, value):
        """Replace ``"@name"`` by the id of the fixture ``name`` and ``"=name.field"`` by its
        value, anywhere in lists and dicts."""
        if isinstance(value, str):
            match = re.match(r"^@(\w+)$", value)
            if match:
                return getattr(self, match.group(1)).id
            match = re.match(r"^=(\w+)\.(\w+)$", value)
            if match:
                return getattr(self, match.group(1))[match.group(2)]
            return value
        if isinstance(value, (list, tuple)):
            return type(value)(self.resolve(item) for item in value)
        if isinstance(value, dict):
            return {key: self.resolve(item) for key, item in value.items()}
        return value

    def url(self, template):
        """A case's URL (or SQL), with ``{name}`` replaced by the id of the fixture ``name``
        and ``=name.field`` by its value."""
        text = re.sub(r"=(\w+)\.(\w+)",
                      lambda match: str(getattr(self, match.group(1))[match.group(2)]), template)
        return re.sub(r"{(\w+)}", lambda match: str(getattr(self, match.group(1)).id), text)

    def sql_value(self, query):
        if not query:
            return None
        # the query comes from the case tables; only fixture ids are put into it
        self.cr.execute(query)
        return self.cr.fetchall()

    # ------------------------------------------------------------------ HTTP

    def login_as(self, key):
        """Switch the test's HTTP session to the user ``key`` of :attr:`users` (or the public
        user for None) and return the session's CSRF token."""
        if getattr(self, "_http_user", False) == key:
            return self._token
        if key is None:
            self.opener.cookies.clear()
            self.session = http.root.session_store.new()
            self.session.db = get_db_name()
            http.root.session_store.save(self.session)
            self.opener.cookies["session_id"] = self.session.sid
        else:
            self.authenticate(self.users[key].login, PASSWORD)
        self._http_user = key
        self._token = self.csrf_token("/web/login")
        return self._token

    def run_http(self, case):
        """Send one website or portal case and assert what it expects (see cases.py)."""
        spec = case.spec
        token = self.login_as(spec["user"])
        url = self.url(spec["url"])
        data = self.resolve(dict(spec["data"]))
        if spec["csrf"]:
            data.setdefault("csrf_token", token)
        row = spec.get("row") and (spec["row"][0], self.resolve(spec["row"][1]))
        unchanged = spec.get("unchanged_sql") and self.url(spec["unchanged_sql"])
        before, row_before = self.counts(), row and self.snapshot(*row)
        unchanged_before = self.sql_value(unchanged)
        with watch_errors(spec.get("expected_loggers", ())) as (unexpected, _expected):
            if spec["method"] == "GET":
                query = urllib.parse.urlencode(data)
                response = self.url_open(url + ("?" + query if query else ""))
            else:
                response = self.url_open(url, data=data, files=spec.get("files"))
        self.assert_no_unexpected_errors(unexpected, case.name)
        self.assertNotEqual(response.status_code, 500, case.name)
        page = response.text
        self.assert_escaped(page, case.name)
        if case.expect == cases.STATUS:
            status = case.message if isinstance(case.message, int) else spec["status"]
            self.assertEqual(response.status_code, status, case.name)
            if not isinstance(case.message, int):
                self.assert_message(json.loads(page)["message"], case.message, case.name)
        else:
            self.assertEqual(response.status_code, 200, "%s: %s" % (case.name, page[:300]))
        if case.expect == cases.ALERT:
            self.assert_message(self.alert(page), case.message, case.name)
        if case.expect in (cases.STATUS, cases.ALERT):
            self.assertEqual(self.counts(), before, "%s: rows were written" % case.name)
            if row:
                self.assertEqual(self.snapshot(*row), row_before,
                                 "%s: the row changed" % case.name)
        if unchanged:
            self.assertEqual(self.sql_value(unchanged), unchanged_before,
                             "%s: the forged value was written" % case.name)
        if spec.get("after_sql"):
            query, value = spec["after_sql"]
            self.assertEqual(self.sql_value(self.url(query))[0][0], value, case.name)
        return response

    def run_cases(self, cases_list):
        for case in cases_list:
            with self.subTest(case=case.name):
                TALLY[(case.path, case.family)] += 1
                self.run_http(case)


def setup_hostile_fixtures(case, env):
    """Create the records the cases aim at and set them on ``case`` (which already holds
    the pepites_jobs cast: see JobsHttpCase)."""
    ref = env.ref
    Partner = env["res.partner"]
    Users = env["res.users"].with_context(no_reset_password=True, mail_create_nolog=True)
    case.passwords = {}

    def user(login, name, groups, **partner_values):
        partner = Partner.create(dict({"name": name, "email": "%s@example.test" % login},
                                      **partner_values))
        return Users.create({"login": login, "password": PASSWORD, "partner_id": partner.id,
                             "lang": "fr_FR",
                             "groups_id": [(6, 0, [ref(group).id for group in groups])]})

    case.user_manager = user("hx_manager", "Maud Gestion (INAÉ)",
                             ["pepites_partners.group_pepites_manager"])
    case.user_cep = user("hx_cep", "Paul Conseil CEP", ["base.group_portal"],
                         is_cep_counsellor=True)
    case.users = {"staff": case.user_staff, "siae1": case.user_siae1, "siae2": case.user_siae2,
                  "partner": case.user_partner, "manager": case.user_manager,
                  "cep": case.user_cep}
    case.person = Partner.create({"name": "Karim Benali (test)", "email": "karim@example.test",
                                  "parent_id": case.siae1.id})
    case.person2 = Partner.create({"name": "Sonia Leroy (test)", "email": "sonia@example.test"})
    case.person_no_email = Partner.create({"name": "Sans Courriel (test)"})
    case.prescriber = Partner.create({"name": "Agence hostile (test)", "is_company": True})
    # offers in the states a SIAE meets
    case.offer1_draft = create_offer(case, case.siae1, "draft", name="Brouillon hostile")
    case.offer1_incomplete = case.Job.create({"name": "Offre incomplète",
                                              "siae_id": case.siae1.id})
    case.offer1_submitted = create_offer(case, case.siae1, "submitted", name="Soumise hostile")
    case.offer1_published = create_offer(case, case.siae1, "published", name="Publiée hostile")
    case.offer2_draft = create_offer(case, case.siae2, "draft", name="Brouillon de B")
    case.offer2_published = create_offer(case, case.siae2, "published", name="Publiée de B")
    # an application already there (duplicate key of the website form)
    case.applicant1 = env["hr.applicant"].sudo().create({
        "name": "Candidature existante", "partner_name": "Déjà Candidat",
        "email_from": "deja@example.test", "job_id": case.offer1_published.id})
    # an application to siae2's offer: siae1 decides nothing on it (issue 16)
    case.applicant2 = env["hr.applicant"].sudo().create({
        "name": "Candidature chez B", "partner_name": "Candidate de B",
        "email_from": "candidate-b@example.test", "job_id": case.offer2_published.id})
    # PMSMP immersions: two of siae1 (one to sign, one draft), one of siae2
    Immersion = env["pepites.immersion"]

    def immersion(host, state="to_sign"):
        record = Immersion.create({
            "beneficiary_id": case.person2.id, "prescriber_id": case.prescriber.id,
            "host_siae_id": host.id, "date_start": day(5), "date_end": day(15),
            "weekly_hours": 30, "rome_code": "K1203"})
        if state == "to_sign":
            record.action_to_sign()
        return record

    case.immersion1 = immersion(case.siae1)
    case.immersion1_draft = immersion(case.siae1, "draft")
    case.immersion2 = immersion(case.siae2)
    case.immersion1_hostsigned = immersion(case.siae1)
    case.immersion1_hostsigned.action_sign("host")
    case.poei1 = env["pepites.poei"].create({
        "candidate_id": case.person2.id, "siae_id": case.siae1.id, "hours": 120,
        "date_start": day(10), "date_end": day(40)})
    case.poei1_running = case.poei1.copy()
    case.poei1_running.action_start()
    case.orientation1 = env["pepites.orientation"].create({
        "person_id": case.person2.id, "siae_id": case.siae1.id})
    # discovery events: one open (with a registration), one full, one over
    Event = env["event.event"]

    def event(name, seats, begin, end, **extra):
        return Event.create(dict({
            "name": name, "pepites_kind": "rally", "date_begin": begin, "date_end": end,
            "seats_availability": "limited", "seats_max": seats, "website_published": True,
            "pepites_department_id": case.department_33.id, "state": "confirm"}, **extra))

    now = fields.Datetime.from_string(fields.Datetime.now())

    def stamp(days):
        return fields.Datetime.to_string(now + datetime.timedelta(days=days))

    case.event_open = event("Rallye hostile", 50, stamp(10), stamp(10.3))
    case.event_full = event("Rallye complet", 1, stamp(12), stamp(12.3))
    case.event_over = event("Rallye passé", 50, stamp(-10), stamp(-9.7))
    Registration = env["event.registration"]
    Registration.create({"event_id": case.event_open.id, "name": "Déjà Inscrite",
                         "email": "deja@example.test"})
    Registration.create({"event_id": case.event_full.id, "name": "Première",
                         "email": "premiere@example.test"})
    # trainings
    certification = env["pepites.certification"].search([("code", "=", "ETI")], limit=1)
    case.certification = certification
    case.alternance_session = env["pepites.alternance.session"].search(
        [("certification_id", "=", certification.id)], limit=1)
    case.alternance1 = env["pepites.alternance"].create({
        "apprentice_id": case.person.id, "employer_id": case.siae1.id,
        "certification_id": certification.id, "session_id": case.alternance_session.id,
        "date_start": day(30), "date_end": day(400)})
    case.vae_session = env["pepites.vae.session"].search([], limit=1, order="id")
    case.vae_certification = case.vae_session.certification_id
    case.vae1 = env["pepites.vae"].create({
        "candidate_id": case.person.id, "certification_id": case.vae_certification.id,
        "session_id": case.vae_session.id})
    case.training_module = env["pepites.training.module"].search([], limit=1)
    case.training_session = env["pepites.training.session"].create({
        "name": "Session hostile", "module_id": case.training_module.id,
        "date_start": day(20), "date_end": day(22)})
    case.training_registration = env["pepites.training.registration"].create({
        "session_id": case.training_session.id, "partner_id": case.person.id,
        "participant_kind": env["pepites.training.registration"]._fields[
            "participant_kind"].selection[0][0]})
    # badges: a published class of INAÉ's issuer, a draft one, one badge already held
    issuer = env["pepites.badge.issuer"].search([], order="id").filtered("active_key_id")[:1]
    case.issuer = issuer
    BadgeClass = env["pepites.badge.class"]
    values = {"name": "Badge hostile", "description": "Un badge pour les tests.",
              "criteria_narrative": "Avoir résisté aux entrées hostiles.",
              "issuer_id": issuer.id, "audience": "staff"}
    case.badge_class = BadgeClass.create(values)
    case.badge_class.action_publish()
    case.badge_draft = BadgeClass.create(dict(values, name="Badge brouillon"))
    assertion_ids = BadgeClass.issue_to([case.badge_class.id], [case.person.id])
    case.assertion1 = env["pepites.badge.assertion"].browse(assertion_ids)
    case.indicator = env["pepites.kpi.indicator"].search([], limit=1, order="id")
