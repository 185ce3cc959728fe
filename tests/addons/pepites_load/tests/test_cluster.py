"""Two Odoo nodes behind nginx, as ``make cluster`` runs them (cluster.py): what a second node
must not break.

One cluster for the class (two nodes of 2 prefork workers each, on the test database, the same
configuration hence the same data directory; node A alone runs the crons; nginx from the
production template in front, with both nodes in its upstream). The tests run in the order of
their numbers, the last one killing node A:

1. a session opened on node A (logged in through A's own port) serves requests on node B;
2. a CV uploaded with an application through A downloads through B (staff session);
3. a badge baked through A (issued by JSON-RPC on A's port) is served by B, byte for byte;
4. the 200-visitor race of race.py (plus 10 re-posts of a used e-mail) through nginx, the
   visitors spread over both nodes: 100 confirmed, 100 waiting, no duplicate, no 500;
5. a due cron runs exactly once, on node A (B has no cron worker);
6. node A is SIGKILLed (its whole process group) in the middle of the same race (smaller: 60
   visitors and 5 re-posts for 30 seats, to keep make test short): nginx moves on to B; each
   visitor's last answer is a 200 page, every e-mail registered exactly once (a visitor whose
   post died with A got the proxy's 502 and posted again, as a person does).

Why 2 workers per node: this machine has 2 cores; 2 nodes x 2 workers is the 4 workers the race
ran on as one server before, so the same race measures the same work spread over two nodes.
(This class replaced the one-server race test, which it covers through nginx, to keep make
test within its time.) Each visitor
comes from an address of its own (X-Forwarded-For trusted from 127.0.0.1 only, see cluster.py):
nginx's production rate limits (12 event registrations a minute per address) apply to each.
At most 32 posts are in flight at once (8 per worker: the listen backlog of Odoo's prefork
master; 16 once node A is dead); nginx queues nothing itself (see race.py).

The servers' logs must hold no ERROR or CRITICAL line. The SIGKILL writes nothing to node A's
log and node B keeps serving: no line is filtered; nginx's own error log (connections refused
or reset by the dead node) is not an Odoo log and is only read to show the kill was seen.

Everything created is deleted and the crons' next calls restored, whatever happens.
"""
import base64
import collections
import datetime
import logging
import re
import threading
import time

import requests

import odoo
from odoo import SUPERUSER_ID, api, fields
from odoo.tests.common import BaseCase, at_install, get_db_name, post_install

from odoo.addons.http_routing.models.ir_http import slug

from . import race
from .cluster import Cluster, nginx_binary, visitor_address
from .real_server import max_connections

from odoo.addons.pepites_partners.tests.common import make_siret

_logger = logging.getLogger(__name__)

WORKERS = 2
DB_MAXCONN = 6
#: a one-page PDF (the application form checks the CV's content)
PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
       b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
       b"trailer << /Root 1 0 R >>\n%%EOF\n")
EMAILS = ["karim.grappe@example.org", "nadia.grappe@example.org"]
#: the race node A dies in: the same race, smaller (make test's time: the full race takes
#: about 2.5 min on the 2-core machine, most of it the registrations queueing on the event)
KILL_SEATS, KILL_VISITORS, KILL_REPOSTS = 30, 60, 5
CRON_NAME = "PEPITES cluster: once"
CRON_PARAM = "pepites_load.cluster_cron_runs"
#: a cron worker sleeps 60 to 69 s before it first looks for jobs
CRON_WAIT = 150


def csrf(text):
    return re.search(r'name="csrf_token" value="([^"]+)"', text).group(1)


@at_install(False)
@post_install(True)
class TestCluster(BaseCase):
    """Two nodes behind nginx on the test database (see the module docstring)."""

    @classmethod
    def setUpClass(cls):
        super(TestCluster, cls).setUpClass()
        if not nginx_binary():
            raise AssertionError("nginx is not installed (the set-up installs it)")
        cls.dbname = get_db_name()
        cls.registry = odoo.registry(cls.dbname)
        cls.cluster = Cluster(cls.dbname, nodes=2, workers=WORKERS, db_maxconn=DB_MAXCONN)
        cls.created = collections.defaultdict(list)  # model -> ids, deleted at the end
        cls.cron_nextcalls = []
        cls.sids = []
        try:
            with cls.registry.cursor() as cr:
                limit, used = max_connections(cr)
            needed = cls.cluster.processes * DB_MAXCONN
            assert used + needed < limit, "PostgreSQL accepts %d connections, %d are open, " \
                "the cluster may open %d" % (limit, used, needed)
            cls._prepare()
            cls.cluster.start()
        except BaseException:
            cls._clean()
            raise

    @classmethod
    def _prepare(cls):
        """Commit what the tests use: a published offer, and one cron due now while every
        other cron waits (their next calls are restored at the end)."""
        with api.Environment.manage(), cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            staff = env.ref("pepites_partners.user_staff_demo")
            siae = env["res.partner"].create({
                "name": "Régie de quartier Grappe", "is_company": True, "is_siae": True,
                "siae_kind": "aci", "siret": make_siret(),
                "department_id": env.ref("pepites_partners.department_33").id,
                "city": "Bordeaux", "email": "contact@regie-grappe.example.org"})
            cls.created["res.partner"].append(siae.id)
            offer = env["hr.job"].create({
                "name": "Agent d'entretien Grappe", "siae_id": siae.id,
                "job_family_id": env.ref("pepites_partners.job_family_eti").id,
                "contract_type": "cdi", "weekly_hours": 35, "city": "Bordeaux",
                "pepites_department_id": siae.department_id.id, "no_of_recruitment": 1,
                "website_description": "<p>Entretien des parties communes.</p>"})
            offer.sudo(staff).action_submit()
            offer.sudo(staff).action_publish()
            cls.created["hr.job"].append(offer.id)
            cls.offer_slug = slug(offer)
            cr.execute("SELECT id, nextcall FROM ir_cron WHERE active")
            cls.cron_nextcalls = cr.fetchall()
            cr.execute("UPDATE ir_cron SET nextcall = now() AT TIME ZONE 'UTC' + interval '1 year'"
                       " WHERE active")
            cron = env["ir.cron"].create({
                "name": CRON_NAME, "model_id": env.ref("base.model_ir_config_parameter").id,
                "state": "code", "interval_number": 1, "interval_type": "days",
                "numbercall": -1, "nextcall": fields.Datetime.to_string(
                    datetime.datetime.utcnow() - datetime.timedelta(minutes=1)),
                "code": "runs = int(model.sudo().get_param(%r, '0'))\n"
                        "model.sudo().set_param(%r, str(runs + 1))" % (CRON_PARAM, CRON_PARAM)})
            cls.created["ir.cron"].append(cron.id)

    @classmethod
    def tearDownClass(cls):
        cls._clean()
        super(TestCluster, cls).tearDownClass()

    @classmethod
    def _clean(cls):
        cls.cluster.stop()
        with cls.registry.cursor() as cr:
            for cron_id, nextcall in cls.cron_nextcalls:
                cr.execute("UPDATE ir_cron SET nextcall = %s WHERE id = %s", (nextcall, cron_id))
        with api.Environment.manage(), cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["ir.config_parameter"].search([("key", "=", CRON_PARAM)]).unlink()
            # the application's and the badge's people, created by the nodes
            cls.created["res.partner"] += env["res.partner"].with_context(
                active_test=False).search([("email", "in", EMAILS)]).ids
            if cls.created["hr.job"]:
                # a published offer is archived, never deleted (pepites_jobs): this one was
                # the test's alone, it goes back to a draft first
                cr.execute("UPDATE hr_job SET date_published = NULL, pepites_state = 'draft' "
                           "WHERE id IN %s", (tuple(cls.created["hr.job"]),))
                env["hr.job"].invalidate_cache()
            for model in ("pepites.badge.assertion", "pepites.badge.class", "hr.applicant",
                          "ir.cron", "hr.job", "res.partner"):
                if cls.created[model]:
                    env[model].sudo().with_context(active_test=False).browse(
                        cls.created[model]).exists().unlink()
        race.delete_sessions(cls.sids)

    def _node_url(self, index):
        return self.cluster.node(index).url

    def _login(self, index):
        """A session logged in as admin on node ``index``'s own port."""
        session = requests.Session()
        page = session.get(self._node_url(index) + "/web/login", timeout=60)
        answer = session.post(self._node_url(index) + "/web/login", data={
            "login": "admin", "password": "admin", "csrf_token": csrf(page.text),
            "redirect": "/web"}, timeout=60)
        self.assertEqual(answer.status_code, 200)
        self.sids.append(session.cookies.get("session_id"))
        return session

    def _call(self, session, index, model, method, *args):
        """JSON-RPC ``model.method(*args)`` on node ``index`` with ``session``."""
        answer = session.post(self._node_url(index) + "/web/dataset/call_kw", json={
            "jsonrpc": "2.0", "method": "call", "params": {
                "model": model, "method": method, "args": list(args), "kwargs": {}}},
            timeout=120).json()
        self.assertNotIn("error", answer, answer.get("error"))
        return answer["result"]

    def _fail(self, message):
        tails = "\n".join("--- tail of %s ---\n%s" % (node.logfile, node.log_tail(30))
                          for node in self.cluster.nodes if node.logfile)
        self.fail("%s\n%s" % (message, tails))

    def test_1_session_opened_on_a_serves_b(self):
        """Logged in through node A's port, the same cookie is a logged-in session on B."""
        session = self._login(0)
        info = session.post(self._node_url(1) + "/web/session/get_session_info",
                            json={"jsonrpc": "2.0", "method": "call", "params": {}},
                            timeout=60).json()["result"]
        self.assertEqual(info["uid"], SUPERUSER_ID)
        self.assertEqual(info["db"], self.dbname)
        # a model read on B in the session opened on A (the back office's own call)
        me = self._call(session, 1, "res.users", "read", [SUPERUSER_ID], ["login"])
        self.assertEqual(me[0]["login"], "admin")

    def test_2_cv_uploaded_on_a_downloads_on_b(self):
        """A visitor applies with a CV through node A; staff download it through node B."""
        visitor = requests.Session()
        detail = visitor.get("%s/jobs/detail/%s" % (self._node_url(0), self.offer_slug),
                             timeout=120)
        self.assertEqual(detail.status_code, 200)
        cv = PDF + b"% CV de Karim Grappe\n"
        answer = visitor.post("%s/jobs/apply/%s" % (self._node_url(0), self.offer_slug), data={
            "csrf_token": csrf(detail.text), "partner_name": "Karim Grappe",
            "email_from": "karim.grappe@example.org", "partner_phone": "05 56 00 00 03",
            "description": "Disponible.", "pepites_consent": "1"},
            files={"cv": ("cv.pdf", cv, "application/pdf")}, timeout=120,
            allow_redirects=False)
        self.sids.append(visitor.cookies.get("session_id"))
        self.assertEqual(answer.status_code, 302, answer.text[:500])
        with self.registry.cursor() as cr:
            cr.execute("SELECT a.id, att.id FROM hr_applicant a JOIN ir_attachment att "
                       "ON att.res_model = 'hr.applicant' AND att.res_id = a.id "
                       "WHERE a.email_from = %s", ("karim.grappe@example.org",))
            rows = cr.fetchall()
        self.assertEqual(len(rows), 1, "one application with its CV")
        self.created["hr.applicant"].append(rows[0][0])
        staff = self._login(0)
        download = staff.get("%s/web/content/%d?download=true" % (self._node_url(1), rows[0][1]),
                             timeout=120)
        self.assertEqual(download.status_code, 200)
        self.assertEqual(download.content, cv)

    def test_3_badge_baked_on_a_served_by_b(self):
        """A badge issued (signed and baked into its PNG) by node A is served by node B."""
        if "pepites.badge.class" not in self.registry:
            self.skipTest("pepites_badges is not installed in this run")
        from odoo.addons.pepites_badges.openbadges_engine import images
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            badge = env["pepites.badge.class"].create({
                "name": "Accueillir en équipe Grappe", "audience": "staff",
                "issuer_id": env.ref("pepites_badges.pepites_badge_issuer_inae").id,
                "description": "Accueille un salarié en parcours.",
                "criteria_narrative": "Bloc 1 du titre ETI validé.",
                "image": base64.b64encode(images.default_badge_image("Grappe", "#16a085")),
                "state": "published"})
            holder = env["res.partner"].create({"name": "Nadia Grappe",
                                                "email": "nadia.grappe@example.org"})
            self.created["pepites.badge.class"].append(badge.id)
            self.created["res.partner"].append(holder.id)
        staff = self._login(0)
        assertion_ids = self._call(staff, 0, "pepites.badge.class", "issue_to", [badge.id],
                                   [holder.id])
        self.created["pepites.badge.assertion"].extend(assertion_ids)
        with api.Environment.manage(), self.registry.cursor() as cr:
            assertion = api.Environment(cr, SUPERUSER_ID, {})["pepites.badge.assertion"].browse(
                assertion_ids)
            uuid, baked = assertion.uuid, base64.b64decode(assertion.baked_image)
        image = requests.get("%s/badges/assertions/%s/image.png" % (self._node_url(1), uuid),
                             timeout=120)
        self.assertEqual(image.status_code, 200)
        self.assertEqual(image.headers["Content-Type"], "image/png")
        self.assertEqual(image.content, baked)
        hosted = requests.get("%s/badges/assertions/%s" % (self._node_url(1), uuid), timeout=120)
        self.assertEqual(hosted.json()["type"], "Assertion")

    def _race(self, seats=race.SEATS, visitors=race.VISITORS, reposts=race.REPOSTS, retries=0,
              during=None, post_slots=None):
        """The race of race.py through nginx, at most ``post_slots`` posts in flight (default:
        what the nodes' listen backlogs queue); return ``(visitors, states, counters)``."""
        post_slots = post_slots or sum(node.backlog for node in self.cluster.nodes)
        event_id = race.create_event(self.registry, seats)
        self.addCleanup(lambda: self.assertEqual(
            race.delete_race(self.registry, event_id, []), (0, 0, 0, 0), "records left"))
        page_url = "%s/event/%d/register" % (self.cluster.url, event_id)
        warmup = self.cluster.session().get(page_url, timeout=race.TIMEOUT)
        self.assertEqual(warmup.status_code, 200)
        self.sids.append(warmup.cookies.get("session_id"))
        visitors, elapsed = race.run_race(
            page_url, race.race_forms(visitors, reposts),
            lambda index: self.cluster.session(visitor_address(index)),
            get_slots=2 * WORKERS * len(self.cluster.nodes), post_slots=post_slots,
            retries=retries, during=during)
        self.sids.extend(visitor.sid for visitor in visitors if visitor.sid)
        states, counters = race.registrations(self.registry, event_id)
        _logger.info("cluster race: %d posts in %.1f s, %d retried after %s; statuses %s",
                     len(visitors), elapsed, sum(1 for v in visitors if v.failed_attempts),
                     dict(collections.Counter(a for v in visitors for a in v.failed_attempts)),
                     dict(collections.Counter(v.status for v in visitors)))
        return visitors, states, counters

    def _posts_served(self, index):
        return self.cluster.node(index).count("POST /event/")

    def test_4_race_across_both_nodes(self):
        """The 200-visitor race through nginx, spread over both nodes."""
        before = [self._posts_served(0), self._posts_served(1)]
        visitors, states, counters = self._race()
        race.check_race(self, visitors, states, counters, fail=self._fail)
        served = [self._posts_served(0) - before[0], self._posts_served(1) - before[1]]
        self.assertEqual(sum(served), len(visitors))
        self.assertTrue(all(served), "a node served no registration: %s" % served)
        bad_lines = self.cluster.bad_lines()
        if bad_lines:
            self._fail("the nodes logged %d errors, first: %s" % (len(bad_lines), bad_lines[0]))

    def test_5_cron_runs_once(self):
        """The due cron ran exactly once, on node A; node B ran no cron."""
        deadline = time.time() + CRON_WAIT
        runs = None
        while time.time() < deadline:
            with self.registry.cursor() as cr:
                cr.execute("SELECT value FROM ir_config_parameter WHERE key = %s", (CRON_PARAM,))
                row = cr.fetchone()
            if row:
                runs = row[0]
                break
            time.sleep(2)
        self.assertEqual(runs, "1", "the due cron did not run in %d s" % CRON_WAIT)
        with self.registry.cursor() as cr:
            cr.execute("SELECT nextcall > now() AT TIME ZONE 'UTC' FROM ir_cron WHERE id = %s",
                       (self.created["ir.cron"][0],))
            self.assertTrue(cr.fetchone()[0], "its next call is not tomorrow")
        started = "Starting job `%s`" % CRON_NAME
        self.assertEqual(self.cluster.node(0).count(started), 1)
        self.assertEqual(self.cluster.node(1).count("Starting job"), 0)

    def test_6_node_a_killed_mid_race(self):
        """Node A SIGKILLed when a quarter of the visitors have their answer (60 visitors and
        5 re-posts for 30 seats): nginx serves the rest on B; 30 confirmed, 30 waiting, every
        e-mail registered exactly once, each visitor's last answer a 200 page (after posting
        again if its post died with A)."""
        killed = threading.Event()

        def kill_a_midway(visitors):
            deadline = time.time() + race.TIMEOUT[1]
            while time.time() < deadline:
                if sum(1 for visitor in visitors if visitor.done_at) >= len(visitors) // 4:
                    break
                time.sleep(0.05)
            self.cluster.kill(0)
            killed.set()

        b_before = self._posts_served(1)
        # at most what node B queues alone: the race is of the registrations, not of B's
        # listen backlog (see race.py)
        visitors, states, counters = self._race(
            KILL_SEATS, KILL_VISITORS, KILL_REPOSTS, retries=3, during=kill_a_midway,
            post_slots=self.cluster.node(1).backlog)
        self.assertTrue(killed.is_set())
        race.check_race(self, visitors, states, counters, KILL_SEATS, KILL_VISITORS,
                        KILL_REPOSTS, fail=self._fail)
        retried = [v for v in visitors if v.failed_attempts]
        self.assertLessEqual({a for v in retried for a in v.failed_attempts},
                             set(race.PROXY_ERRORS), "only the proxy's error pages may be "
                             "retried: no 500, no dropped connection")
        self.assertTrue(self._posts_served(1) > b_before)
        _logger.info("node A killed: %d visitors posted again; nginx error log: %d lines about "
                     "the dead node", len(retried), self.cluster.nginx_log().count("upstream"))
        bad_lines = self.cluster.bad_lines()
        if bad_lines:
            self._fail("the nodes logged %d errors, first: %s" % (len(bad_lines), bad_lines[0]))
