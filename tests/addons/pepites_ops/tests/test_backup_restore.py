"""make backup and make restore for real (issue 13, "Backups that restore").

The scripts run as an admin runs them, in subprocesses, on the test database itself: they see
its committed data only (the test commits nothing). The copy is restored under another name,
compared with the original id by id and file by file, checked neutralised, then dropped.
"""
import configparser
import json
import logging
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import zipfile

import psycopg2
from psycopg2 import sql

import odoo
from odoo.tests.common import BaseCase, at_install, get_db_name, post_install
from odoo.tools import config

from odoo.addons.pepites_partners.models.pepites_database import CRONS_CONTACTING

_logger = logging.getLogger(__name__)

#: the root of the PEPITES repository (tests/addons/pepites_ops/tests/<this file>)
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.realpath(__file__))))))

#: run in the restored copy through `odoo shell`: an admin re-enables a mail server (pointed at
#: the test's listening socket) and a mail is sent
SEND_A_MAIL = """
server = env["ir.mail_server"].create({"name": "re-enabled", "smtp_host": "127.0.0.1",
                                       "smtp_port": %(port)d})
mail = env["mail.mail"].create({"subject": "copy", "email_to": "beneficiary@example.org",
                                "body_html": "<p>x</p>", "mail_server_id": server.id})
mail.send()
print("MAIL_STATE=%%s" %% mail.state)
print("MAIL_REASON=%%s" %% (mail.failure_reason or "").replace("\\n", " "))
"""


@at_install(False)
@post_install(True)
class TestBackupRestore(BaseCase):
    """make backup, make restore and make upgrade on a copy of the test database."""

    def setUp(self):
        super(TestBackupRestore, self).setUp()
        self.source = get_db_name()
        self.copy = "%s_restored" % self.source
        self.backups = tempfile.mkdtemp(prefix="pepites-backups-")
        self.addCleanup(shutil.rmtree, self.backups, ignore_errors=True)
        self.addCleanup(self._drop, self.copy)
        self.script_env = dict(os.environ, PEPITES_ODOO_CONF=config.rcfile,
                        PEPITES_BACKUP_DIR=self.backups, PEPITES_PROD_DB="pepites_prod_of_tests")
        for name in ("USER", "HOST", "PORT", "PASSWORD", "PGHOST", "PGPORT", "PGUSER"):
            self.script_env.pop(name, None)

    def _drop(self, db):
        odoo.sql_db.close_db(db)
        self.superuser_sql(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(db)))
        shutil.rmtree(config.filestore(db), ignore_errors=True)
        # make upgrade tells make run the addons are up to date there
        stamp = os.path.join(config["data_dir"], ".fingerprint-%s" % db)
        if os.path.exists(stamp):
            os.unlink(stamp)

    def superuser_sql(self, statement, db="postgres"):
        """As the cluster's administrator (make test's cluster trusts its local socket): what the
        test's role may not do — drop a database another role owns, create that role."""
        conn = psycopg2.connect(host=config["db_host"], port=config["db_port"], user="postgres",
                                dbname=db)
        conn.autocommit = True
        try:
            with conn.cursor() as cr:
                cr.execute(statement)
                return cr.fetchall() if cr.description else None
        finally:
            conn.close()

    def run_script(self, script, **env):
        started = time.time()
        result = subprocess.run(["bash", os.path.join(ROOT, "scripts", script)], cwd=ROOT,
                                env=dict(self.script_env, **env), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, universal_newlines=True,
                                stdin=subprocess.DEVNULL)
        _logger.info("%s: exit %d in %.1f s", script, result.returncode, time.time() - started)
        return result

    def digest(self, db, conf=None):
        output = subprocess.check_output(
            [os.path.join(ROOT, ".venv", "bin", "python"), os.path.join(ROOT, "scripts", "ops.py"),
             "digest", conf or config.rcfile, db], env=self.script_env, universal_newlines=True)
        return json.loads(output.strip().splitlines()[-1])

    def query(self, db, query, params=None):
        with odoo.sql_db.db_connect(db).cursor() as cr:
            cr.execute(query, params)
            return cr.fetchall()

    def test_backup_restore_neutralise_upgrade(self):
        """A backup restored under another name has every table's ids and every file's
        checksum of the original, is neutralised (no active mail server, the crons that contact
        people off, a mail sent from it reaches no SMTP server), and an existing database is not
        overwritten unless asked; make upgrade backs up first and prints the restore command."""
        before = self.digest(self.source)
        self.assertTrue(before["files"], "the test database should have files in its filestore")
        backup = self.run_script("backup.sh", PEPITES_DB=self.source)
        self.assertEqual(backup.returncode, 0, backup.stderr[-3000:])
        archive = backup.stdout.strip().splitlines()[-1]
        self.assertTrue(os.path.isfile(archive), archive)
        self.assertEqual(os.path.dirname(archive), self.backups)
        with zipfile.ZipFile(archive) as zf:
            names = set(zf.namelist())
            manifest = json.loads(zf.read("manifest.json").decode("utf-8"))
        self.assertIn("dump.sql", names)
        self.assertEqual(manifest["db_name"], self.source)
        self.assertEqual({"filestore/" + name for name in before["files"]},
                         {name for name in names if name.startswith("filestore/")})
        self.assertFalse([name for name in os.listdir(self.backups) if name.startswith(".")],
                         "a partial file was left behind")

        restore = self.run_script("restore.sh", BACKUP=archive, PEPITES_RESTORE_DB=self.copy)
        self.assertEqual(restore.returncode, 0, restore.stdout[-2000:] + restore.stderr[-3000:])
        after = self.digest(self.copy)
        differing = sorted(name for name in set(before["tables"]) | set(after["tables"])
                           if before["tables"].get(name) != after["tables"].get(name))
        self.assertFalse(differing, "tables whose ids differ after the restore: %s" % differing)
        self.assertEqual(before["files"], after["files"])

        # neutralised: no active mail server, the crons that contact people off, flagged
        self.assertFalse(self.query(self.copy, "SELECT id FROM ir_mail_server WHERE active"))
        active = self.query(self.copy, """
            SELECT d.module || '.' || d.name FROM ir_cron c JOIN ir_model_data d
            ON d.model = 'ir.cron' AND d.res_id = c.id WHERE c.active""")
        self.assertFalse({row[0] for row in active} & set(CRONS_CONTACTING))
        self.assertEqual(self.query(self.copy, "SELECT value FROM ir_config_parameter "
                                               "WHERE key = 'database.is_neutralized'"),
                         [("True",)])
        self.assertFalse(self.query(self.source, "SELECT value FROM ir_config_parameter "
                                                 "WHERE key = 'database.is_neutralized'"))

        # a mail sent from the copy never reaches an SMTP server, even one an admin re-enables
        listener = socket.socket()
        self.addCleanup(listener.close)
        listener.bind(("127.0.0.1", 0))
        listener.listen(5)
        shell = subprocess.run(
            [os.path.join(ROOT, ".venv", "bin", "python"), os.path.join(ROOT, "bin", "odoo"),
             "shell", "-c", config.rcfile, "-d", self.copy, "--no-http", "--log-level=warn"],
            input=SEND_A_MAIL % {"port": listener.getsockname()[1]}, env=self.script_env, cwd=ROOT,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
        self.assertIn("MAIL_STATE=exception", shell.stdout, shell.stdout[-3000:])
        self.assertRegex(shell.stdout, r"MAIL_REASON=(This database|Cette base)[^(]*neutralis")
        listener.setblocking(False)
        try:
            listener.accept()[0].close()
            self.fail("the copy connected to the SMTP server")
        except BlockingIOError:
            pass  # no connection was ever attempted

        # an existing database is never overwritten unless asked
        again = self.run_script("restore.sh", BACKUP=archive, PEPITES_RESTORE_DB=self.copy)
        self.assertNotEqual(again.returncode, 0)
        self.assertIn("PEPITES_RESTORE_OVERWRITE=1", again.stderr)

        # make upgrade: a backup first, then -u (a leaf addon: quick), the restore command
        upgrade = self.run_script("upgrade.sh", PEPITES_DB=self.copy,
                                  PEPITES_UPGRADE_ADDONS="pepites_ops")
        self.assertEqual(upgrade.returncode, 0, upgrade.stdout[-2000:] + upgrade.stderr[-3000:])
        archives = [name for name in os.listdir(self.backups) if name.startswith(self.copy)]
        self.assertEqual(len(archives), 1, archives)
        # make run will not update the addons again: the stamp is in the configuration's data_dir
        self.assertTrue(os.path.isfile(os.path.join(config["data_dir"],
                                                    ".fingerprint-%s" % self.copy)))
        self.assertIn("make restore BACKUP=%s PEPITES_RESTORE_DB=%s PEPITES_RESTORE_OVERWRITE=1"
                      % (os.path.join(self.backups, archives[0]), self.copy), upgrade.stderr)

    def production_role(self):
        """A role as make prod makes it (no superuser, NOCREATEDB), and a configuration that
        connects as it: the database named after the test's is "production" for the scripts."""
        role = "%s_role" % self.source
        self.superuser_sql(sql.SQL("CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
                           .format(sql.Identifier(role)))
        self.addCleanup(self.superuser_sql,
                        sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
        self.addCleanup(self._drop, self.copy)  # before the role that owns it
        parser = configparser.RawConfigParser()
        parser.read(config.rcfile)
        parser.set("options", "db_user", role)
        conf = os.path.join(self.backups, "production.conf")
        with open(conf, "w") as handle:
            parser.write(handle)
        return role, conf

    def test_restore_into_production_and_failed_upgrade(self):
        """Production's role may not create databases: a restore into production still works
        (the cluster's administrator creates and renames it, the role owns it and everything in
        it) and leaves it live; a failed make upgrade exits non-zero and prints the command that
        puts production back, which does."""
        role, conf = self.production_role()
        prod = self.copy  # dropped by the cleanup
        env = dict(PEPITES_ODOO_CONF=conf, PEPITES_PROD_DB=prod)
        backup = self.run_script("backup.sh", PEPITES_DB=self.source)
        self.assertEqual(backup.returncode, 0, backup.stderr[-3000:])
        archive = backup.stdout.strip().splitlines()[-1]

        restore = self.run_script("restore.sh", BACKUP=archive, PEPITES_RESTORE_DB=prod, **env)
        self.assertEqual(restore.returncode, 0, restore.stdout[-2000:] + restore.stderr[-3000:])
        self.assertIn("production database", restore.stderr)
        self.assertEqual(self.superuser_sql(
            "SELECT r.rolname FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba "
            "WHERE d.datname = '%s'" % prod), [(role,)])
        self.assertEqual(self.superuser_sql(
            "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'", prod),
            [(role,)])
        self.assertFalse(self.superuser_sql("SELECT value FROM ir_config_parameter "
                                            "WHERE key = 'database.is_neutralized'", prod))

        # an update that fails half-way: PostgreSQL refuses to mark a module for update
        self.superuser_sql("""
            CREATE FUNCTION pepites_refuse() RETURNS trigger LANGUAGE plpgsql AS
                $$BEGIN RAISE EXCEPTION 'update refused by the test'; END$$;
            CREATE TRIGGER pepites_refuse BEFORE UPDATE OF state ON ir_module_module
                FOR EACH ROW WHEN (NEW.state = 'to upgrade') EXECUTE FUNCTION pepites_refuse();
        """, prod)
        upgrade = self.run_script("upgrade.sh", PEPITES_DB=prod,
                                  PEPITES_UPGRADE_ADDONS="pepites_ops", **env)
        self.assertNotEqual(upgrade.returncode, 0, upgrade.stderr[-3000:])
        self.assertIn("UPGRADE FAILED", upgrade.stderr)
        command = re.findall(r"^\S*\s*((?:PEPITES_ODOO_CONF=\S+ )?make restore BACKUP=\S+ "
                             r"PEPITES_RESTORE_DB=\S+ PEPITES_RESTORE_OVERWRITE=1)(.*)$",
                             upgrade.stderr, re.M)
        self.assertEqual(len(command), 1, upgrade.stderr[-3000:])
        command, comment = command[0]
        self.assertTrue(command.startswith("PEPITES_ODOO_CONF=%s make restore" % conf), command)
        self.assertIn("PEPITES_RESTORE_DB=%s PEPITES_RESTORE_OVERWRITE=1" % prod, command)
        self.assertNotIn("neutralised", comment)

        # the printed command, as an admin would paste it, puts production back, live
        before = self.digest(prod, conf)
        again = subprocess.run(["bash", "-c", command], cwd=ROOT,
                               env=dict(self.script_env, PEPITES_PROD_DB=prod),
                               universal_newlines=True, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        self.assertEqual(again.returncode, 0, again.stdout[-2000:] + again.stderr[-3000:])
        self.assertIn("production database", again.stderr)
        self.assertEqual(self.digest(prod, conf), before)
