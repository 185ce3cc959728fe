"""A real, multi-process Odoo server on the test database, for tests that need true concurrency.

Odoo 11's ``HttpCase`` serves every request on the one test cursor, behind a lock: requests never
overlap in the database, so it cannot show a race. :class:`RealServer` starts the production
set-up instead: a prefork master with HTTP workers (separate processes, each with its own
database connections and transactions), on the database and with the configuration and addons
path of the running tests.
"""
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import time

import requests

import odoo
from odoo.tools import config

_logger = logging.getLogger(__name__)

#: the root of the PEPITES repository (tests/addons/pepites_load/tests/real_server.py)
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.realpath(__file__))))))
#: the project's Odoo launcher; the prefork master also starts the longpolling (gevent) server
ODOO_BIN = os.path.join(ROOT, "bin", "odoo")
#: the PostgreSQL application_name of the server's connections
APPLICATION_NAME = "pepites-real-server"
#: an Odoo log line at level ERROR or CRITICAL, or a traceback printed outside the log
BAD_LINE_RE = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) |^Traceback ")


def free_port():
    """A TCP port free on the loopback interface right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def max_connections(cr):
    """PostgreSQL's ``max_connections`` and the connections open now, on the cluster of
    ``cr``."""
    cr.execute("SELECT current_setting('max_connections')::int, "
               "(SELECT count(*) FROM pg_stat_activity)")
    return cr.fetchone()


class RealServer(object):
    """An Odoo server in a process group of its own, serving ``dbname`` only.

    :param str dbname: the database (the test database: the tests commit what it must see)
    :param int workers: prefork HTTP workers (real processes, as in production)
    :param int db_maxconn: connections each process may open at most
    :param str logfile: where the server logs (truncated at start)
    :param int cron_threads: cron worker processes (0: this server runs no scheduled action)
    :param bool proxy_mode: behind nginx (trust its X-Forwarded-* headers, as production)
    :param str name: tells apart the database connections of several servers (a node killed
        is waited for alone)
    """

    def __init__(self, dbname, workers=4, db_maxconn=8, logfile=None, cron_threads=0,
                 name=None, proxy_mode=False):
        self.dbname, self.workers, self.db_maxconn = dbname, workers, db_maxconn
        self.logfile = logfile or os.path.join(ROOT, "var", "log", "race-server.log")
        self.cron_threads, self.proxy_mode = cron_threads, proxy_mode
        self.application_name = APPLICATION_NAME + ("-%s" % name if name else "")
        self.port = self.longpolling_port = None
        self.process = None
        self.cpu_seconds = None

    @property
    def backlog(self):
        """How many connections the server's listen socket queues: Odoo's prefork master
        listens with a backlog of 8 per worker. Beyond, the kernel answers with SYN cookies and
        resets what it cannot queue; in production a reverse proxy queues in front."""
        return 8 * self.workers

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.port

    def command(self):
        self.port, self.longpolling_port = free_port(), free_port()
        command = [sys.executable, ODOO_BIN]
        if config.rcfile and os.path.isfile(config.rcfile):
            command += ["-c", config.rcfile]
        return command + [
            "-d", self.dbname, "--db-filter", "^%s$" % re.escape(self.dbname),
            "--addons-path", config["addons_path"],
            "--http-interface", "127.0.0.1", "--http-port", str(self.port),
            "--longpolling-port", str(self.longpolling_port),
            "--workers", str(self.workers), "--max-cron-threads", str(self.cron_threads),
            # the languages are loaded already: a configured load_language would reload them
            "--load-language=",
            "--db_maxconn", str(self.db_maxconn),
            "--logfile", self.logfile, "--log-level", "info", "--no-database-list",
        ] + (["--proxy-mode"] if self.proxy_mode else [])

    def start(self, timeout=180):
        """Start the server and wait until ``/web/webclient/version_info`` answers.

        :raises AssertionError: when the server dies or does not answer within ``timeout``
        """
        self.spawn()
        self.wait_ready(timeout)

    def spawn(self):
        """Start the server's process group, without waiting (several servers start side by
        side: see :meth:`wait_ready`)."""
        os.makedirs(os.path.dirname(self.logfile), exist_ok=True)
        open(self.logfile, "w").close()
        command = self.command()
        _logger.info("starting a real server: %s", " ".join(command))
        with open(self.logfile, "a") as output:
            # libpq names the server's connections: stop() waits until they are closed
            env = dict(os.environ, PGAPPNAME=self.application_name)
            # a session of its own: stop() can kill the master, its workers and the
            # longpolling process together
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output,
                                            stderr=output, stdin=subprocess.DEVNULL,
                                            start_new_session=True)

    def wait_ready(self, timeout=180):
        """Wait until the spawned server answers ``/web/webclient/version_info``."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise AssertionError("the real server exited with code %s:\n%s"
                                     % (self.process.returncode, self.log_tail()))
            try:
                response = requests.post(self.url + "/web/webclient/version_info",
                                         json={"jsonrpc": "2.0", "method": "call", "params": {}},
                                         timeout=10)
                if response.status_code == 200 and "server_version" in response.text:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise AssertionError("the real server did not answer in %ds:\n%s"
                             % (timeout, self.log_tail()))

    def stop(self, timeout=20):
        """SIGTERM to the master (graceful: it stops its workers), SIGKILL to the whole process
        group if anything is still alive after ``timeout`` seconds. Sets :attr:`cpu_seconds`:
        the CPU time of the master and of the workers it reaped."""
        if self.process is None:
            return
        pid, status = self.process.pid, None
        if self.process.returncode is None:  # else it died early, and start() reaped it
            os.kill(pid, signal.SIGTERM)
            deadline = time.time() + timeout
            while status is None and time.time() < deadline:
                waited, code, usage = os.wait4(pid, os.WNOHANG)
                if waited:
                    status = (code, usage)
                else:
                    time.sleep(0.2)
        try:
            os.killpg(pid, signal.SIGKILL)  # what is left of the group, if anything
        except ProcessLookupError:
            pass
        if status is None and self.process.returncode is None:
            _logger.info("the real server did not stop in %ds: killed", timeout)
            status = os.wait4(pid, 0)[1:]
        if status is not None:
            code = status[0]
            self.process.returncode = (os.WEXITSTATUS(code) if os.WIFEXITED(code)
                                       else -os.WTERMSIG(code))
            self.cpu_seconds = status[1].ru_utime + status[1].ru_stime
        self.process = None
        self._wait_connections_closed()

    def kill(self):
        """SIGKILL to the whole process group at once (master, HTTP workers, cron,
        longpolling): the node dies as in a crash, in the middle of its requests. PostgreSQL
        rolls back their open transactions when their connections drop."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()
        self.process = None
        self._wait_connections_closed()

    def _wait_connections_closed(self, timeout=20):
        """The killed processes' database connections close asynchronously: wait for them, so
        that nothing holds the database when the suite drops it (they are told apart by their
        ``application_name``, see :meth:`start`)."""
        deadline = time.time() + timeout
        with odoo.sql_db.db_connect(self.dbname).cursor() as cr:
            while time.time() < deadline:
                cr.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = %s",
                           (self.application_name,))
                if cr.fetchone()[0] == 0:
                    return
                cr.rollback()
                time.sleep(0.2)
        _logger.warning("connections of the real server still open after %ds", timeout)

    def log_lines(self):
        if not os.path.isfile(self.logfile):
            return []
        with open(self.logfile, encoding="utf-8", errors="replace") as handle:
            return handle.read().splitlines()

    def bad_lines(self):
        """The ERROR and CRITICAL lines of the server's log (and tracebacks outside it)."""
        return [line for line in self.log_lines() if BAD_LINE_RE.match(line)]

    def count(self, text):
        """How many lines of the server's log contain ``text``."""
        return sum(1 for line in self.log_lines() if text in line)

    def log_tail(self, lines=60):
        return "\n".join(self.log_lines()[-lines:])
