"""The production configuration make prod writes: Odoo's, nginx's, and the secrets."""
import configparser
import os
import re
import shutil
import stat
import subprocess
import tempfile

import odoo
from odoo.tests.common import TransactionCase
from odoo.tools.config import crypt_context

from odoo.addons.pepites_jobs.models.hr_applicant import DEFAULT_CV_MAX_MB

from .common import ROOT, prod_render


class TestProductionConfig(TransactionCase):
    """config/odoo.production.conf.in and config/nginx/pepites.conf.in, rendered."""

    def setUp(self):
        super(TestProductionConfig, self).setUp()
        self.folder = tempfile.mkdtemp(prefix="pepites-prod-config-")
        self.addCleanup(shutil.rmtree, self.folder, ignore_errors=True)

    def render_odoo(self, **values):
        self.cr.execute("SHOW max_connections")
        values.setdefault("MAX_CONNECTIONS", self.cr.fetchone()[0])
        values.setdefault("MASTER_PASSWORD", "Le mot de passe maître")
        parser = configparser.RawConfigParser()
        parser.read_string(prod_render.render_odoo(**values))
        return dict(parser.items("options"))

    def test_odoo_production_options(self):
        """Odoo in production: prefork workers with memory and time limits, behind the proxy,
        no demo data, no database manager, one database, and the master password stored as
        a pbkdf2-sha512 hash that Odoo itself accepts (never in clear)."""
        options = self.render_odoo(DB="pepites_prod", WORKERS="2")
        self.assertEqual(options["workers"], "2")
        self.assertEqual(options["proxy_mode"], "True")
        self.assertEqual(options["pepites_require_totp"], "True", "staff need a second factor")
        self.assertEqual(options["without_demo"], "all")
        self.assertEqual(options["list_db"], "False")
        self.assertEqual(options["dbfilter"], "^pepites_prod$")
        self.assertEqual(options["db_user"], "pepites")
        self.assertEqual(options["db_password"], "False", "the DB password is in the file")
        for limit in ("limit_memory_soft", "limit_memory_hard", "limit_time_cpu",
                      "limit_time_real"):
            self.assertGreater(int(options[limit]), 0)
        self.assertLess(int(options["limit_memory_soft"]), int(options["limit_memory_hard"]))
        self.assertTrue(options["admin_passwd"].startswith("$pbkdf2-sha512$"))
        self.assertTrue(crypt_context.verify("Le mot de passe maître", options["admin_passwd"]))
        self.assertFalse(crypt_context.verify("admin", options["admin_passwd"]))
        self.assertNotIn("Le mot de passe maître", prod_render.render_odoo(
            MASTER_PASSWORD="Le mot de passe maître", MAX_CONNECTIONS=100))
        # the signing keys' passphrase: the path of its secret file, never the passphrase
        options = self.render_odoo(BADGE_KEY_PASSPHRASE_FILE="/run/secrets/badge_key_passphrase")
        self.assertEqual(options["pepites_badge_key_passphrase_file"],
                         "/run/secrets/badge_key_passphrase")
        self.assertEqual(self.render_odoo()["pepites_badge_key_passphrase_file"], "False")

    def test_db_maxconn_within_max_connections(self):
        """Every Odoo process (the HTTP workers, the cron worker, the longpolling process)
        holds its own pool: together they stay within PostgreSQL's max_connections, leaving
        room for psql and backups; a server too small for the workers is refused."""
        self.cr.execute("SHOW max_connections")
        max_connections = int(self.cr.fetchone()[0])
        for workers in ("2", "4", "8"):
            options = self.render_odoo(WORKERS=workers, MAX_CONNECTIONS=max_connections)
            processes = int(options["workers"]) + int(options["max_cron_threads"]) + 1
            self.assertLess(processes * int(options["db_maxconn"]), max_connections)
        with self.assertRaises(SystemExit):
            prod_render.db_maxconn(12, 4, 1)

    def test_nginx_body_limit_follows_cv_limit(self):
        """nginx's client_max_body_size is read from pepites_jobs' CV limit (the constant the
        application form applies) plus the form around it; the French 413 page names the
        limit; a limit changed in the database is followed when given."""
        self.assertEqual(prod_render.cv_max_mb(), DEFAULT_CV_MAX_MB)
        prefix = os.path.join(self.folder, "nginx")
        prod_render.write_nginx(os.path.join(prefix, "nginx.conf"), PREFIX=prefix)
        with open(os.path.join(prefix, "nginx.conf")) as handle:
            conf = handle.read()
        self.assertIn("client_max_body_size %dm;" % (DEFAULT_CV_MAX_MB + 1), conf)
        self.assertFalse(re.search(r"@[A-Z_]+@", conf), "a value left unrendered")
        with open(os.path.join(prefix, "errors", "413.html")) as handle:
            self.assertIn("un CV ne peut pas dépasser %s Mo" % DEFAULT_CV_MAX_MB, handle.read())
        values = prod_render.write_nginx(os.path.join(prefix, "nginx.conf"), PREFIX=prefix,
                                         CV_MAX_MB="8")
        self.assertEqual(values["BODY_LIMIT"], "9m")

    def test_nginx_routes_rate_limited(self):
        """The rate limits sit on the routes the addons really serve: the login form, the
        application form, both event registration forms and the badge verification."""
        prefix = os.path.join(self.folder, "nginx")
        prod_render.write_nginx(os.path.join(prefix, "nginx.conf"), PREFIX=prefix)
        with open(os.path.join(prefix, "nginx.conf")) as handle:
            conf = handle.read()
        limited = {}
        for regex, body in re.findall(r'location ~ "([^"]+)" \{(.*?)\}', conf, re.S):
            zone = re.search(r"limit_req zone=(\w+)", body)
            if zone:
                limited.setdefault(zone.group(1), []).append(re.compile(regex))
        routes = {
            "pepites_login": ["/web/login", "/fr_FR/web/login", "/web/session/authenticate",
                              "/xmlrpc/2/common", "/auth_totp/login", "/pepites/totp/enrol"],
            "pepites_apply": ["/jobs/apply/encadrant-42", "/fr_FR/jobs/apply/encadrant-42"],
            "pepites_event": ["/event/rallye-3/pepites/register",
                              "/event/rallye-3/registration/confirm",
                              "/event/rallye-3/registration/new"],
            "pepites_verify": ["/badges/verify", "/badges/verify/0b6e-uuid"],
        }
        self.assertEqual(set(limited), set(prod_render.RATE_LIMITS))
        for zone, paths in routes.items():
            for path in paths:
                self.assertTrue(any(regex.match(path) for regex in limited[zone]),
                                "%s is not limited by %s" % (path, zone))
        for path in ("/jobs", "/jobs/detail/encadrant-42", "/web", "/event/rallye-3"):
            self.assertFalse(any(regex.match(path) for regexes in limited.values()
                                 for regex in regexes), "%s is rate limited" % path)
        # the routes exist as the addons declare them
        modules = [""] + odoo.conf.server_wide_modules + sorted(self.registry._init_modules)
        routing = odoo.http.routing_map(modules, False,
                                        converters=self.env["ir.http"]._get_converters())
        rules = {rule.rule for rule in routing.iter_rules()}
        for rule in ("/web/login", "/auth_totp/login", "/pepites/totp/enrol",
                     "/jobs/apply/<string:offer_slug>",
                     '/event/<model("event.event"):event>/pepites/register',
                     '/event/<model("event.event"):event>/registration/confirm',
                     "/badges/verify", "/badges/verify/<string:uuid>"):
            self.assertIn(rule, rules)

    def test_nginx_upstreams_one_or_two_nodes(self):
        """One template for make prod (one node) and make cluster (two): the upstream lists
        hold every node, longpolling included; a request is passed to the other node only on
        a connection error or timeout, never a POST the first node received (no
        non_idempotent), never an error page a living node answered; nginx trusts no
        X-Forwarded-For unless told (the rush bench only)."""
        confs = {}
        for nodes in (1, 2):
            prefix = os.path.join(self.folder, "nginx-%d" % nodes)
            prod_render.write_nginx(
                os.path.join(prefix, "nginx.conf"), PREFIX=prefix,
                ODOO_UPSTREAM=" ".join("127.0.0.1:%d" % (8169 + 100 * i) for i in range(nodes)),
                LONGPOLLING_UPSTREAM=",".join("127.0.0.1:%d" % (8172 + 100 * i)
                                              for i in range(nodes)))
            with open(os.path.join(prefix, "nginx.conf")) as handle:
                confs[nodes] = handle.read()
        for nodes, conf in confs.items():
            odoo_block = re.search(r"upstream pepites_odoo \{(.*?)\}", conf, re.S).group(1)
            lp_block = re.search(r"upstream pepites_longpolling \{(.*?)\}", conf, re.S).group(1)
            self.assertEqual(re.findall(r"server (\S+) ", odoo_block),
                             ["127.0.0.1:%d" % (8169 + 100 * i) for i in range(nodes)])
            self.assertEqual(re.findall(r"server (\S+) ", lp_block),
                             ["127.0.0.1:%d" % (8172 + 100 * i) for i in range(nodes)])
            self.assertEqual(re.findall(r"^\s*proxy_next_upstream .*$", conf, re.M),
                             ["    proxy_next_upstream error timeout;"])
            self.assertNotIn("non_idempotent", re.sub(r"#.*", "", conf))
            self.assertNotIn("real_ip", conf)
        prefix = os.path.join(self.folder, "nginx-bench")
        values = prod_render.write_nginx(os.path.join(prefix, "nginx.conf"), PREFIX=prefix,
                                         REAL_IP_FROM="127.0.0.1")
        self.assertEqual(values["REAL_IP_LINES"], "    set_real_ip_from 127.0.0.1;\n"
                                                  "    real_ip_header X-Forwarded-For;")


class TestSecrets(TransactionCase):
    """The secrets of make prod (scripts/prod_lib.sh): files 0600, generated when absent, the
    environment first, and git ignores them."""

    def secret(self, folder, *args, **env):
        script = ('source scripts/lib.sh >/dev/null 2>&1; source scripts/prod_lib.sh; '
                  'secret %s' % " ".join(args))
        environment = dict(os.environ, PEPITES_SECRETS_DIR=folder, PEPITES_NGINX="0",
                           PEPITES_BROWSER="0", **env)
        environment.pop("PEPITES_DB_PASSWORD", None)
        environment.update(env)
        return subprocess.run(["bash", "-c", script], cwd=ROOT, env=environment, check=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE).stdout.decode()

    def test_secret_files(self):
        """A generated secret is long, random, kept in a file only its owner reads, and the
        same at the next start; the environment wins over the file; a secret that cannot be
        generated (SMTP) is an empty file to fill in."""
        folder = tempfile.mkdtemp(prefix="pepites-secrets-")
        self.addCleanup(shutil.rmtree, folder, ignore_errors=True)
        first = self.secret(folder, "db_password", "generate")
        self.assertGreaterEqual(len(first), 32)
        path = os.path.join(folder, "db_password")
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        self.assertEqual(self.secret(folder, "db_password", "generate"), first)
        self.assertEqual(self.secret(folder, "db_password", PEPITES_DB_PASSWORD="from-env"),
                         "from-env")
        self.assertEqual(self.secret(folder, "smtp_password"), "")
        self.assertEqual(stat.S_IMODE(os.stat(os.path.join(folder, "smtp_password")).st_mode),
                         0o600)
        other = tempfile.mkdtemp(prefix="pepites-secrets-")
        self.addCleanup(shutil.rmtree, other, ignore_errors=True)
        self.assertNotEqual(self.secret(other, "db_password", "generate"), first)

    def test_secrets_never_in_git(self):
        """The secrets, the certificates and the production venv are ignored by git, and no
        tracked file is a key or a secret."""
        if not shutil.which("git") or not os.path.exists(os.path.join(ROOT, ".git")):
            self.skipTest("not a git checkout")
        for path in ("var/prod/secrets/db_password", "var/prod/secrets/master_password",
                     "var/prod/tls/server.key", "var/prod/odoo.conf", ".venv-prod/bin/python"):
            ignored = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT)
            self.assertEqual(ignored.returncode, 0, "%s is not ignored by git" % path)
        tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, stdout=subprocess.PIPE,
                                 check=True).stdout.decode().split("\n")
        self.assertFalse([path for path in tracked if path.endswith((".key", ".pem"))
                          or "/secrets/" in path or path.startswith("var/")])
