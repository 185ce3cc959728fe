"""nginx in front of the test server, as in production: the production template rendered by
``scripts/prod_render.py`` (the renderer of ``make prod``) with the upstream pointed at the HTTP
server Odoo's test runner starts, a local test CA, free ports, and a folder of its own.

:class:`ProxyCase` starts one nginx per test class (the rate limits' counters start afresh) and
stops it in ``tearDownClass``; it skips the class, with the reason in the log, only when nginx
or openssl is not installed (the set-up installs them: scripts/lib.sh).
"""
import importlib.util
import logging
import os
import shutil
import socket
import subprocess
import tempfile
import time
import unittest

import requests

from odoo.tools import config

from odoo.addons.pepites_partners.tests.common import PepitesHttpCase

_logger = logging.getLogger(__name__)

#: the repository (this file is tests/addons/pepites_prod/tests/common.py), its real path
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.realpath(__file__))))))


def load_renderer():
    """scripts/prod_render.py, the renderer make prod uses (a script, not an Odoo module)."""
    spec = importlib.util.spec_from_file_location(
        "pepites_prod_render", os.path.join(ROOT, "scripts", "prod_render.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


prod_render = load_renderer()


def nginx_binary():
    for path in (shutil.which("nginx"), "/usr/sbin/nginx"):
        if path and os.access(path, os.X_OK):
            return path
    return None


def proxy_missing():
    """Why nginx cannot be started here, or None."""
    if not nginx_binary():
        return "nginx is not installed (Debian package nginx; the set-up installs it as root)"
    if not shutil.which("openssl"):
        return "openssl is not installed (Debian package openssl)"
    return None


def free_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


class ProxyCase(PepitesHttpCase):
    """HttpCase reaching the test server through nginx over HTTPS (see the module docstring).

    ``self.proxy(method, path, **kwargs)`` sends a request through nginx with the test CA
    trusted, on a session of the test's own (``self.web``), around the test cursor like
    ``url_open``. Odoo runs in ``proxy_mode`` during each test, as behind nginx in production.
    """

    @classmethod
    def setUpClass(cls):
        # checked before Odoo's set-up opens its cursor: a class failing or skipping after
        # that leaves the test runner stuck on the next class
        missing = proxy_missing()
        if missing:
            _logger.warning("tests through the proxy skipped: %s", missing)
            raise unittest.SkipTest("tests through the proxy skipped: %s" % missing)
        cls.workdir = tempfile.mkdtemp(prefix="pepites-proxy-")
        try:
            cls._start_nginx()
        except Exception:
            cls._stop_nginx()
            raise
        super(ProxyCase, cls).setUpClass()

    @classmethod
    def _start_nginx(cls):
        cls.nginx_process = None
        tls = prod_render.ensure_local_tls(os.path.join(cls.workdir, "tls"))
        cls.ca_cert, cls.server_cert = tls["ca.crt"], tls["server.crt"]
        cls.https_port, cls.http_port = free_port(), free_port()
        cls.public_url = "https://127.0.0.1:%d" % cls.https_port
        upstream = "127.0.0.1:%s" % config["http_port"]
        prefix = os.path.join(cls.workdir, "nginx")
        cls.nginx_conf = os.path.join(prefix, "nginx.conf")
        # the threaded test server answers /longpolling on its HTTP port
        cls.nginx_values = prod_render.write_nginx(
            cls.nginx_conf, PREFIX=prefix, LISTEN="127.0.0.1", HTTPS_PORT=cls.https_port,
            HTTP_PORT=cls.http_port, PUBLIC_URL=cls.public_url, ODOO_UPSTREAM=upstream,
            LONGPOLLING_UPSTREAM=upstream, TLS_CERT=tls["server.crt"], TLS_KEY=tls["server.key"],
            USER="www-data" if os.geteuid() == 0 else "")
        if os.geteuid() == 0:
            # the workers (www-data) read the error pages and write under the prefix
            os.chmod(cls.workdir, 0o755)
        cls.nginx_process = subprocess.Popen(
            [nginx_binary(), "-p", prefix, "-c", cls.nginx_conf, "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.time() + 20
        while time.time() < deadline:
            if cls.nginx_process.poll() is not None:
                raise RuntimeError("nginx did not start: %s"
                                   % cls.nginx_process.stderr.read().decode())
            try:
                socket.create_connection(("127.0.0.1", cls.https_port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("nginx did not listen on %d" % cls.https_port)

    @classmethod
    def _stop_nginx(cls):
        process = getattr(cls, "nginx_process", None)
        if process and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process:
            process.stderr.close()
        shutil.rmtree(cls.workdir, ignore_errors=True)

    @classmethod
    def tearDownClass(cls):
        try:
            super(ProxyCase, cls).tearDownClass()
        finally:
            cls._stop_nginx()

    def setUp(self):
        super(ProxyCase, self).setUp()
        proxy_mode = config["proxy_mode"]
        config["proxy_mode"] = True

        @self.addCleanup
        def restore():
            config["proxy_mode"] = proxy_mode
        self.web = requests.Session()
        self.web.verify = self.ca_cert
        self.web.headers["Accept-Language"] = "fr-FR,fr;q=0.9"
        self.addCleanup(self.web.close)

    def proxy(self, method, path, session=None, **kwargs):
        """Send ``method path`` through nginx (``path`` relative to the public HTTPS URL, or a
        whole URL); redirects are not followed unless asked."""
        kwargs.setdefault("allow_redirects", False)
        # given with each request: requests prefers REQUESTS_CA_BUNDLE to a session's verify
        kwargs.setdefault("verify", self.ca_cert)
        kwargs.setdefault("timeout", 60)
        url = self.public_url + path if path.startswith("/") else path
        self._before_request()
        try:
            return (session or self.web).request(method, url, **kwargs)
        finally:
            self._after_request()

    def csrf_through_proxy(self, path, session=None):
        """The CSRF token of the form on the page at ``path`` (redirects followed)."""
        html = self.proxy("GET", path, session=session, allow_redirects=True).text
        marker = 'name="csrf_token" value="'
        start = html.index(marker) + len(marker)
        return html[start:html.index('"', start)]

    def nginx_log(self, name="error.log"):
        with open(os.path.join(self.nginx_values["STATE"], "logs", name)) as handle:
            return handle.read()

    def assertSecurityHeaders(self, response):
        """The headers every answer of the public HTTPS server carries, error pages too."""
        headers = response.headers
        self.assertEqual(headers.get("Strict-Transport-Security"),
                         "max-age=31536000; includeSubDomains")
        # Odoo's own DENY (the back office) is kept, SAMEORIGIN elsewhere; never both
        self.assertIn(headers.get("X-Frame-Options"), ("SAMEORIGIN", "DENY"))
        self.assertEqual(headers.get("X-Content-Type-Options"), "nosniff")
        self.assertEqual(headers.get("Referrer-Policy"), "strict-origin-when-cross-origin")
        csp = headers.get("Content-Security-Policy") or ""
        for directive in ("frame-ancestors 'self'", "object-src 'none'", "base-uri 'self'",
                          "default-src 'self'"):
            self.assertIn(directive, csp)
        self.assertNotIn("nginx/", headers.get("Server", ""), "nginx tells its version")
