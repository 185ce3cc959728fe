"""Two registrations racing for the last seat, on two real database connections.

These tests commit (each connection is its own transaction, as two web requests are), so they
create their own event in a committed transaction and delete it at the end.
"""
import threading
import time

from psycopg2 import IntegrityError, OperationalError

import odoo
from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.service.model import PG_CONCURRENCY_ERRORS_TO_RETRY
from odoo.tests.common import BaseCase, at_install, get_db_name, post_install
from odoo.tools import mute_logger

from .events_common import moment, person_values


class Racer(threading.Thread):
    """Register one person on a connection of its own; stays in its transaction until
    ``release`` is set, then commits."""

    def __init__(self, event_id, values, release=None):
        super(Racer, self).__init__()
        self.event_id, self.values = event_id, values
        self.release = release
        self.registered = threading.Event()
        self.state = self.error = self.pid = None
        self.retries = 0

    def run(self):
        registry = odoo.registry(get_db_name())
        with api.Environment.manage(), registry.cursor() as cr:
            cr.execute("SELECT pg_backend_pid()")
            self.pid = cr.fetchone()[0]
            env = api.Environment(cr, SUPERUSER_ID, {})
            for _attempt in range(5):
                try:
                    registration = env["event.event"].browse(self.event_id)._pepites_register(
                        [self.values])
                    self.state = registration.state
                    break
                except OperationalError as error:
                    # what Odoo's request layer does on a serialization failure: retry the
                    # whole request in a new transaction
                    cr.rollback()
                    env.clear()
                    self.retries += 1
                    if error.pgcode not in PG_CONCURRENCY_ERRORS_TO_RETRY:
                        raise
                except (UserError, IntegrityError) as error:
                    self.error = error
                    cr.rollback()
                    break
            self.registered.set()
            if self.release is not None:
                self.release.wait(30)


@at_install(False)
@post_install(True)
class TestRegistrationRace(BaseCase):
    """The event row is locked before the seats are counted: the second request waits for
    the first to commit, then sees the seat taken."""

    def setUp(self):
        super(TestRegistrationRace, self).setUp()
        self.registry = odoo.registry(get_db_name())
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            event = env["event.event"].create({
                "name": "Course à la dernière place", "pepites_kind": "job_dating",
                "date_begin": moment(days=3), "date_end": moment(days=3, hours=2),
                "seats_availability": "limited", "seats_max": 1, "auto_confirm": True})
            event.button_confirm()
            self.event_id = event.id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            event = env["event.event"].browse(self.event_id)
            env["mail.mail"].search([("model", "=", "event.registration"), (
                "res_id", "in", event.registration_ids.ids)]).unlink()
            event.registration_ids.unlink()
            event.unlink()

    def _waiting_on_lock(self, pid, timeout=10):
        """True once the backend ``pid`` waits for a lock."""
        deadline = time.time() + timeout
        with self.registry.cursor() as cr:
            while time.time() < deadline:
                cr.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", (pid,))
                row = cr.fetchone()
                if row and row[0] == "Lock":
                    return True
                time.sleep(0.05)
        return False

    def _states(self):
        with self.registry.cursor() as cr:
            cr.execute("SELECT email, state FROM event_registration WHERE event_id = %s "
                       "ORDER BY id", (self.event_id,))
            return cr.fetchall()

    def race(self, first_values, second_values):
        with mute_logger("odoo.sql_db"):  # the serialization failure retried by the second
            return self._race(first_values, second_values)

    def _race(self, first_values, second_values):
        release = threading.Event()
        first = Racer(self.event_id, first_values, release)
        first.start()
        self.assertTrue(first.registered.wait(30))
        # the first request holds the last seat, uncommitted; the second one starts now
        second = Racer(self.event_id, second_values)
        second.start()
        try:
            self.assertTrue(self._waiting_on_lock_of(second),
                            "the second registration did not wait for the first one")
        finally:
            release.set()
            first.join(30)
            second.join(30)
        return first, second

    def _waiting_on_lock_of(self, racer):
        deadline = time.time() + 10
        while racer.pid is None and time.time() < deadline:
            time.sleep(0.01)
        return self._waiting_on_lock(racer.pid)

    def test_last_seat_race(self):
        """Two people register at the same time for the last seat: one is confirmed, the other
        is on the waiting list — never two confirmed."""
        first, second = self.race(person_values("Anne", "anne@example.org"),
                                  person_values("Bob", "bob@example.org"))
        self.assertEqual((first.state, second.state), ("open", "waiting"))
        self.assertEqual(self._states(), [("anne@example.org", "open"),
                                          ("bob@example.org", "waiting")])

    def test_same_email_race(self):
        """The same email registered twice at the same time: one registration only, the other
        request gets a clear error."""
        first, second = self.race(person_values("Anne", "anne@example.org"),
                                  person_values("Anne", "ANNE@example.org"))
        self.assertEqual(first.state, "open")
        self.assertIsNone(second.state)
        self.assertIsInstance(second.error, UserError)
        self.assertEqual(len(self._states()), 1)

    def test_unique_index_race(self):
        """Without the lock (raw inserts), the database still lets only one of two concurrent
        registrations of one email through: the second waits on the unique index, then fails."""
        first_cr = self.registry.cursor()
        second_cr = self.registry.cursor()
        try:
            insert = ("INSERT INTO event_registration (event_id, name, email, state) "
                      "VALUES (%s, 'Anne', %s, 'open')")
            first_cr.execute(insert, (self.event_id, "anne@example.org"))
            second_cr.execute("SELECT pg_backend_pid()")
            pid = second_cr.fetchone()[0]
            outcome = {}

            def second_insert():
                try:
                    with mute_logger("odoo.sql_db"):
                        second_cr.execute(insert, (self.event_id, "Anne@Example.org"))
                except IntegrityError as error:
                    outcome["error"] = error

            thread = threading.Thread(target=second_insert)
            thread.start()
            self.assertTrue(self._waiting_on_lock(pid))
            first_cr.commit()
            thread.join(30)
            self.assertIsInstance(outcome.get("error"), IntegrityError)
        finally:
            second_cr.rollback()
            second_cr.close()
            first_cr.close()
        self.assertEqual(len(self._states()), 1)
