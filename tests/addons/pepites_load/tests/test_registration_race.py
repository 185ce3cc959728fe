"""200 visitors register at the same instant to a discovery event of 100 seats, over HTTP, on a
real multi-process Odoo server.

Why a real server: Odoo 11's ``HttpCase`` serves every request on the one shared test cursor,
behind a lock, so its requests never overlap in the database and cannot show a race. This test
therefore:

1. commits its own event through a real cursor of the test database (a published RDV Découverte
   IAE, 100 seats, limited; pepites_jobs puts the overflow on the waiting list), as a manager
   would have created it;
2. starts a real Odoo server on that database (:class:`~.real_server.RealServer`: prefork
   master, 4 HTTP worker processes, the test run's configuration and addons path, no cron),
   as in production;
3. runs 210 threads, each a visitor with its own HTTP session: it opens the event's page
   (session cookie and CSRF token, read from the registration form as a browser would), waits
   on a barrier, then all post the registration form at once — 200 distinct emails, plus 10
   visitors re-posting (in upper case) the email of one of the first ones. At most 32
   connections are open at a time (:attr:`~.real_server.RealServer.backlog`): Odoo's prefork
   master listens with a backlog of 8 per worker, and the kernel resets the connections it
   cannot queue (SYN cookies: 85 of 210 posts were reset without ever reaching Odoo). In
   production a reverse proxy queues in front; the 4 workers, hence the race in the database,
   are as busy either way;
4. checks, through SQL on a fresh cursor: exactly 100 confirmed, the 100 others on the waiting
   list, no duplicate (event, lower(email)); over HTTP: no HTTP 500, every visitor a page with a
   clear French message agreeing with the database (confirmed / waiting list; a re-posted
   address gets the answer of a new one, never "already registered", which would tell anyone
   who registered); in the server's log (``var/log/race-server.log``): no ERROR or CRITICAL
   line.

No client retries: every request is posted once, and whatever it answers counts. A
serialization failure between two transactions must be handled by the server itself. Its first
runs found that Odoo's request layer (5 retries, then HTTP 500 — and an ERROR "bad query" line
for each) did not hold: 96 serialization failures and 9 HTTP 500 for 210 posts. pepites_jobs
now registers in a READ COMMITTED transaction of its own (``register()`` in its
controllers/events.py): the registrations wait for each other on the event row, with no
serialization failure left; the figures logged count them anyway.

The server is stopped and everything created is deleted whatever happens, so the rest of the
suite and the database are as before. The race itself (event, visitors, checks, clean-up) is in
race.py, shared with the same race through nginx across two nodes (test_cluster.py).
"""
import collections
import logging
import os

import requests

import odoo
from odoo.tests.common import BaseCase, at_install, get_db_name, post_install

from . import race
from .real_server import RealServer, max_connections

_logger = logging.getLogger(__name__)

WORKERS = 4


def new_session(_index):
    session = requests.Session()
    session.cookies.set("frontend_lang", "fr_FR")
    return session


@at_install(False)
@post_install(True)
class TestRegistrationRace(BaseCase):
    """The registration race on a real server. A plain BaseCase: the test holds no cursor
    during the race; what it creates is committed (the server's processes must see it) and
    deleted at the end."""

    def setUp(self):
        super(TestRegistrationRace, self).setUp()
        self.dbname = get_db_name()
        self.registry = odoo.registry(self.dbname)
        self.server = RealServer(self.dbname, workers=WORKERS, db_maxconn=8)
        self.event_id = None
        self.sids = []  # the visitors' sessions, whose files the clean-up deletes
        self.addCleanup(self._cleanup)
        with self.registry.cursor() as cr:
            limit, used = max_connections(cr)
        # the master and each worker open at most db_maxconn connections
        needed = (WORKERS + 1) * self.server.db_maxconn
        self.assertLess(used + needed, limit,
                        "PostgreSQL accepts %d connections, %d are open, the server may "
                        "open %d" % (limit, used, needed))
        self.event_id = race.create_event(self.registry)

    def _cleanup(self):
        """Stop the server, then delete what the race created."""
        self.server.stop()
        if self.event_id is not None:
            self.assertEqual(race.delete_race(self.registry, self.event_id, self.sids),
                             (0, 0, 0, 0), "the race left records behind")

    def _fail(self, message):
        self.fail("%s\n--- tail of %s ---\n%s" % (message, self.server.logfile,
                                                    self.server.log_tail()))

    def test_200_visitors_100_seats(self):
        """200 people post the registration form of a 100-seat event at the same instant, and
        10 others re-post an email already used: exactly 100 confirmed, 100 on the waiting
        list, no duplicate, no HTTP 500, each visitor told in French what happened to a new
        registration (a re-post answered as a new address would be, never "already
        registered")."""
        self.server.start()
        page_url = "%s/event/%d/register" % (self.server.url, self.event_id)
        # the first page compiles the website's assets: once, before the crowd
        warmup = requests.get(page_url, cookies={"frontend_lang": "fr_FR"},
                              timeout=race.TIMEOUT)
        self.assertEqual(warmup.status_code, 200)
        self.sids.append(warmup.cookies.get("session_id"))

        try:
            visitors, elapsed = race.run_race(
                page_url, race.race_forms(), new_session, get_slots=2 * WORKERS,
                post_slots=self.server.backlog)
        except AssertionError as error:
            self._fail(str(error))
        self.sids.extend(visitor.sid for visitor in visitors if visitor.sid)
        states, counters = race.registrations(self.registry, self.event_id)
        self.server.stop()  # its log is complete, its CPU time known
        outcomes = [race.outcome(visitor.page or "") for visitor in visitors]
        by_state = collections.Counter(state for _email, state in states)
        latencies = sorted(visitor.latency or 0 for visitor in visitors)
        _logger.info(
            "registration race: %d confirmed, %d waiting, %d re-posts (pages: %s); "
            "%d registrations for %d emails; %d posts in %.1f s (%.1f requests/s, latency "
            "median %.1f s, max %.1f s); %d serialization failures retried by the server, "
            "%d given up; server CPU %.0f s for its start, %d pages and %d posts; machine load "
            "average %.1f", by_state["open"], by_state["waiting"], race.REPOSTS,
            dict(collections.Counter(outcomes)), len(states), race.VISITORS, len(visitors),
            elapsed, len(visitors) / elapsed, latencies[len(latencies) // 2], latencies[-1],
            self.server.count("SERIALIZATION_FAILURE, retry"),
            self.server.count("maximum number of tries reached"), self.server.cpu_seconds or 0,
            len(visitors) + 1, len(visitors), os.getloadavg()[0])
        race.check_race(self, visitors, states, counters, fail=self._fail)
        bad_lines = self.server.bad_lines()
        if bad_lines:
            self._fail("the server logged %d errors, first: %s" % (len(bad_lines), bad_lines[0]))
