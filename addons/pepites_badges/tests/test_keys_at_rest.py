"""No database holds a signing key in clear (issue 15): ``make run`` and ``make test`` give the
server a passphrase (``scripts/lib.sh``, ``var/secrets/badge_key_passphrase``), as production
does, so that the keys of the demo and test databases are encrypted like production's."""
import os
import re
import subprocess

from odoo.tests.common import SavepointCase
from odoo.tools import config

from ..models.pepites_badge_key import PASSPHRASE_ENV, key_passphrase
from ..openbadges_engine import signing

#: the headers of an unencrypted PEM private key (PKCS#8 and PKCS#1)
CLEAR_PEM = re.compile(rb"-----BEGIN (RSA )?PRIVATE KEY-----")


def pg_dump(dbname):
    """The plain SQL dump of ``dbname``, as a backup holds it (what is committed)."""
    command = ["pg_dump", "--no-owner", "--format=plain", "--dbname", dbname]
    env = dict(os.environ)
    if config.get("db_host"):
        command += ["--host", config["db_host"]]
    if config.get("db_port"):
        command += ["--port", str(config["db_port"])]
    if config.get("db_user"):
        command += ["--username", config["db_user"]]
    if config.get("db_password"):
        env["PGPASSWORD"] = config["db_password"]
    return subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                          check=True).stdout


class TestKeysAtRest(SavepointCase):

    def test_test_server_has_a_passphrase(self):
        """The test server, like make run's, got a passphrase from its environment."""
        self.assertTrue(os.environ.get(PASSPHRASE_ENV) or config.get(
            "pepites_badge_key_passphrase_file"))
        self.assertTrue(key_passphrase())

    def test_every_stored_key_is_encrypted(self):
        """Every private key of this database, demo issuers' included, is encrypted."""
        keys = self.env["pepites.badge.key"].sudo().search([])
        self.assertTrue(keys, "the demo issuers have keys")
        for key in keys:
            self.assertTrue(signing.is_encrypted(key.private_key_pem), key.display_name)

    def test_dump_holds_no_clear_private_key(self):
        """A dump of the test database (what a backup or a thief gets) holds encrypted keys
        only: no ``BEGIN PRIVATE KEY`` nor ``BEGIN RSA PRIVATE KEY``."""
        dump = pg_dump(self.env.cr.dbname)
        self.assertIn(b"BEGIN ENCRYPTED PRIVATE KEY", dump, "the install's keys are in the dump")
        self.assertIsNone(CLEAR_PEM.search(dump))
