"""docker-compose.yml, the Dockerfile and requirements.txt, checked by reading (no Docker engine
runs where PEPITES is developed)."""
import os
import re

import yaml

from odoo.tests.common import TransactionCase

from .common import ROOT

#: what only the tests use: never in the production image or venv
TEST_TOOLS = ("pytest", "pytest-odoo", "coverage", "selenium", "openbadges", "python-jose",
              "pycryptodome", "pluggy", "iniconfig")


def read(name):
    with open(os.path.join(ROOT, name), encoding="utf-8") as handle:
        return handle.read()


def requirement_names(text):
    return {re.split(r"[=<>!~\[ ]", line.strip(), 1)[0].lower()
            for line in text.splitlines()
            if line.strip() and not line.strip().startswith(("#", "-"))}


class TestCompose(TransactionCase):
    """The `production` profile of docker-compose.yml has the layout of make prod."""

    @classmethod
    def setUpClass(cls):
        super(TestCompose, cls).setUpClass()
        cls.compose = yaml.safe_load(read("docker-compose.yml"))
        cls.services = cls.compose["services"]
        cls.production = {name: service for name, service in cls.services.items()
                          if "production" in service.get("profiles", [])}

    def test_production_profile_services(self):
        """The profile holds its own database, the one-off installation, Odoo and nginx; the
        demo stack stays out of it (and the profile out of the demo stack)."""
        self.assertEqual(set(self.production), {"db-prod", "prod-init", "odoo-prod", "nginx"})
        for name in ("db", "init", "odoo"):
            self.assertNotIn("profiles", self.services[name])

    def test_only_nginx_is_published(self):
        """Only nginx publishes ports (HTTPS and the HTTP redirect); Odoo and its database are
        reachable from the compose network only, so proxy_mode trusts nginx alone."""
        for name, service in self.production.items():
            if name == "nginx":
                self.assertEqual(sorted(service["ports"]), ["443:8443", "80:8080"])
            else:
                self.assertNotIn("ports", service, "%s publishes a port" % name)

    def test_nginx_renders_the_same_template(self):
        """nginx is Debian's 1.22 and reads the configuration that prod-init renders from
        config/nginx/pepites.conf.in with scripts/prod_render.py, as make prod does."""
        nginx = self.production["nginx"]
        self.assertTrue(nginx["image"].startswith("nginx:1.22"))
        self.assertIn("pepites-prod-nginx:/etc/pepites-nginx:ro", nginx["volumes"])
        self.assertIn("-c /etc/pepites-nginx/nginx.conf", " ".join(nginx["command"]))
        self.assertEqual(sorted(nginx["secrets"]), ["tls_cert", "tls_key"])
        self.assertIn("pepites-prod-nginx:/etc/pepites-nginx",
                      self.production["prod-init"]["volumes"])
        script = read("docker/prod.sh")
        self.assertIn("$RENDER nginx /etc/pepites-nginx/nginx.conf", script)
        self.assertIn('RENDER="python /opt/pepites/scripts/prod_render.py"', script)
        self.assertIn("TLS_CERT=/run/secrets/tls_cert", script)
        dockerfile = read("Dockerfile")
        self.assertIn("scripts/prod_render.py", dockerfile)
        self.assertIn("COPY config/nginx /opt/pepites/config/nginx", dockerfile)
        self.assertIn("COPY config/odoo.production.conf.in", dockerfile)

    def test_secrets_not_environment(self):
        """Passwords come from compose secrets (files under var/prod/, ignored by git), never
        from a value written in the compose file."""
        for name, service in self.production.items():
            environment = service.get("environment", {})
            for key, value in environment.items():
                if "PASSWORD" in key:
                    self.assertTrue(key.endswith("_FILE") and value.startswith("/run/secrets/"),
                                    "%s: %s is written in the compose file" % (name, key))
        for name in ("prod-init", "odoo-prod"):
            self.assertTrue({"db_password", "master_password", "smtp_password",
                             "badge_key_passphrase"} <= set(self.production[name]["secrets"]))
        for name, secret in self.compose["secrets"].items():
            self.assertTrue(re.match(r"^(\$\{PEPITES_TLS_(CERT|KEY):-)?\./var/prod/",
                                     secret["file"]), name)
        self.assertIn("PGPASSWORD=\"$(cat \"$SECRETS/db_password\")\"", read("docker/prod.sh"))
        # the signing keys' passphrase: Odoo reads the mounted secret file itself
        self.assertIn("BADGE_KEY_PASSPHRASE_FILE=$SECRETS/badge_key_passphrase",
                      read("docker/prod.sh"))

    def test_no_demo_and_non_superuser_role(self):
        """Production installs without demo data, as a role that is neither superuser nor
        allowed to create databases and that owns the production database."""
        script = read("docker/prod.sh")
        self.assertIn("--without-demo=all", script)
        self.assertIn('"DB_USER=$ROLE"', script)
        self.assertEqual(self.production["db-prod"]["environment"]["POSTGRES_USER"], "postgres")
        self.assertEqual(self.production["odoo-prod"]["environment"]["PEPITES_PROD_DB_USER"],
                         "pepites")
        initdb = read("docker/prod-initdb.sh")
        self.assertIn("LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE", initdb)
        self.assertIn('CREATE DATABASE :"db" OWNER :"role"', initdb)
        self.assertIn("./docker/prod-initdb.sh:/docker-entrypoint-initdb.d/10-pepites-prod.sh:ro",
                      self.production["db-prod"]["volumes"])
        self.assertIn("without_demo = all", read("config/odoo.production.conf.in"))

    def test_dockerfile_runtime_only(self):
        """The image installs requirements.txt alone: none of requirements-test.txt's tools."""
        instructions = "\n".join(line for line in read("Dockerfile").splitlines()
                                 if not line.lstrip().startswith("#"))
        self.assertIn("pip install --no-cache-dir --no-deps -r /opt/pepites/requirements.txt",
                      instructions)
        self.assertNotIn("requirements-test", instructions)
        self.assertEqual(len(re.findall(r"pip install", instructions)), 1)

    def test_requirements_hold_no_test_tool(self):
        """requirements.txt (the production venv and image) holds no test tool, and nothing
        that requirements-test.txt adds."""
        runtime = requirement_names(read("requirements.txt"))
        tests_only = requirement_names(read("requirements-test.txt"))
        for tool in TEST_TOOLS:
            self.assertNotIn(tool, runtime)
            self.assertIn(tool, tests_only)
        self.assertFalse(runtime & tests_only)
        self.assertIn("-r requirements.txt", read("requirements-test.txt"))
