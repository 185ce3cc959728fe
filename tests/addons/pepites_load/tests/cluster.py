"""Two (or more) real Odoo nodes behind nginx, as ``make cluster`` runs them, for the cluster
tests (test_cluster.py) and the rush benchmark (bench/bench_rush.py).

Each node is a :class:`~.real_server.RealServer` (a prefork master with its HTTP workers and its
longpolling process, in a process group of its own) on the same database and with the same
configuration, hence the same ``data_dir``: the sessions and the filestore are shared, as they
must be for any node to serve any visitor. Node A (index 0) alone runs the crons
(``max_cron_threads`` 1, 0 on the others). nginx is rendered from the production template
(``config/nginx/pepites.conf.in`` by ``scripts/prod_render.py``, as make prod and make cluster)
with every node in its upstream lists, a local test CA and free ports.

With ``real_ip=True`` nginx takes the client's address from ``X-Forwarded-For`` when the
connection comes from 127.0.0.1 (``REAL_IP_FROM``): all simulated visitors connect from the
loopback, and each sends an address of its own (:func:`visitor_address`), so that nginx's rate
limits count per visitor as they would for a real crowd. The limits themselves are the
production ones.
"""
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import time

import requests

from odoo.addons.pepites_prod.tests.common import load_renderer, nginx_binary

from .real_server import ROOT, RealServer, free_port

_logger = logging.getLogger(__name__)

NODE_NAMES = "abcdefgh"


def visitor_address(index):
    """A distinct private IPv4 address per visitor (10.x.y.z), sent as X-Forwarded-For."""
    index += 1
    return "10.%d.%d.%d" % ((index >> 16) & 255, (index >> 8) & 255, index & 255)


class ClusterSession(requests.Session):
    """A session trusting the cluster's test CA: ``verify`` given with each request, since
    requests prefers REQUESTS_CA_BUNDLE (set by the test environment) to a session's own."""

    def __init__(self, ca):
        super(ClusterSession, self).__init__()
        self.ca = ca

    def request(self, method, url, **kwargs):
        kwargs.setdefault("verify", self.ca)
        return super(ClusterSession, self).request(method, url, **kwargs)


class Cluster(object):
    """``nodes`` Odoo nodes on ``dbname`` behind one nginx (HTTPS).

    :param int workers: HTTP workers per node
    :param int db_maxconn: database connections per process
    :param str log_prefix: the nodes log to ``var/log/<log_prefix>-node-<a|b>.log``
    :param bool cron: node A runs the crons (the benchmark turns them off: its measure is of
        the visitors' requests only)
    """

    def __init__(self, dbname, nodes=2, workers=2, db_maxconn=6, real_ip=True,
                 log_prefix="cluster", cron=True):
        self.dbname, self.real_ip = dbname, real_ip
        self.nodes = [
            RealServer(dbname, workers=workers, db_maxconn=db_maxconn,
                       logfile=os.path.join(ROOT, "var", "log", "%s-node-%s.log"
                                            % (log_prefix, NODE_NAMES[index])),
                       cron_threads=1 if cron and index == 0 else 0, name=NODE_NAMES[index],
                       proxy_mode=True)
            for index in range(nodes)]
        self.workdir = self.nginx_process = self.url = self.ca = None
        self.nginx_error_log = os.path.join(ROOT, "var", "log", "%s-nginx-error.log" % log_prefix)
        self.nginx_values = None

    @property
    def processes(self):
        """The Odoo processes of the cluster, each holding at most ``db_maxconn``
        connections: per node its master, HTTP workers, cron worker and longpolling."""
        return sum(node.workers + node.cron_threads + 2 for node in self.nodes)

    def node(self, index):
        return self.nodes[index]

    def start(self, timeout=240):
        """Start the nodes side by side, wait for each, then nginx in front of them."""
        try:
            for node in self.nodes:
                node.spawn()
            for node in self.nodes:
                node.wait_ready(timeout)
            self._start_nginx()
        except BaseException:
            self.stop()
            raise

    def _start_nginx(self):
        prod_render = load_renderer()
        self.workdir = tempfile.mkdtemp(prefix="pepites-cluster-")
        tls = prod_render.ensure_local_tls(os.path.join(self.workdir, "tls"))
        self.ca = tls["ca.crt"]
        https_port, http_port = free_port(), free_port()
        self.url = "https://127.0.0.1:%d" % https_port
        prefix = os.path.join(self.workdir, "nginx")
        conf = os.path.join(prefix, "nginx.conf")
        self.nginx_values = prod_render.write_nginx(
            conf, PREFIX=prefix, LISTEN="127.0.0.1", HTTPS_PORT=https_port, HTTP_PORT=http_port,
            PUBLIC_URL=self.url,
            ODOO_UPSTREAM=" ".join("127.0.0.1:%d" % node.port for node in self.nodes),
            LONGPOLLING_UPSTREAM=" ".join("127.0.0.1:%d" % node.longpolling_port
                                          for node in self.nodes),
            REAL_IP_FROM="127.0.0.1" if self.real_ip else "",
            TLS_CERT=tls["server.crt"], TLS_KEY=tls["server.key"],
            USER="www-data" if os.geteuid() == 0 else "")
        if os.geteuid() == 0:
            os.chmod(self.workdir, 0o755)
        # a session of its own: stop() ends the master and its workers together
        self.nginx_process = subprocess.Popen(
            [nginx_binary(), "-p", prefix, "-c", conf, "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.nginx_process.poll() is not None:
                raise RuntimeError("nginx did not start: %s"
                                   % self.nginx_process.stderr.read().decode())
            try:
                if requests.get(self.url + "/web/webclient/version_info", verify=self.ca,
                                timeout=5).status_code < 500:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError("nginx did not answer on %s" % self.url)

    def session(self, address=None):
        """A visitor's HTTP session through nginx (the test CA trusted, French asked), coming
        from ``address`` when given (X-Forwarded-For, see the module docstring)."""
        session = ClusterSession(self.ca)
        session.headers["Accept-Language"] = "fr-FR,fr;q=0.9"
        session.cookies.set("frontend_lang", "fr_FR")
        if address:
            session.headers["X-Forwarded-For"] = address
        return session

    def kill(self, index):
        """SIGKILL the process group of node ``index`` (see RealServer.kill)."""
        self.nodes[index].kill()

    def stop(self):
        """Stop nginx and every node still alive; keep nginx's error log beside the nodes'
        (``var/log/<log_prefix>-nginx-error.log``), remove its folder. Safe to call twice."""
        process, self.nginx_process = self.nginx_process, None
        if process is not None:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
            process.stderr.close()
        for node in self.nodes:
            node.stop()
        if self.workdir:
            if self.nginx_values:
                with open(self.nginx_error_log, "w") as handle:
                    handle.write(self.nginx_log())
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None

    def nginx_log(self, name="error.log"):
        path = os.path.join(self.nginx_values["STATE"], "logs", name)
        if not os.path.isfile(path):
            return ""
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read()

    def bad_lines(self):
        """The ERROR and CRITICAL lines of every node's log, prefixed with the node's name."""
        return ["node %s: %s" % (NODE_NAMES[index], line)
                for index, node in enumerate(self.nodes) for line in node.bad_lines()]
