"""One canonical public URL (issue 13): ``web.base.url`` is set to the ``pepites_public_url``
option of the configuration file and frozen at every start, so that no admin's login through
another host name moves it."""
import logging

from odoo import SUPERUSER_ID
from odoo.tests import common
from odoo.tests.common import HOST, PORT, TransactionCase

from ..models.ir_config_parameter import configured_public_url
from .common import PepitesHttpCase, set_public_url

LOGGER = "odoo.addons.pepites_partners.models.ir_config_parameter"
# levels as numbers: Odoo renames level 25 "INFO", so assertLogs(..., "INFO") would miss INFO


class TestPublicUrlOption(TransactionCase):

    def setUp(self):
        super(TestPublicUrlOption, self).setUp()
        self.addCleanup(set_public_url(None))
        self.params = self.env["ir.config_parameter"]
        # a database as main left it: a web.base.url taken from a login, nothing frozen
        self.params.set_param("web.base.url", "http://localhost:8069")
        self.params.set_param("web.base.url.freeze", False)

    def test_start_sets_and_freezes_web_base_url(self):
        """At start, web.base.url becomes the configured public URL (without its trailing
        slash) and is frozen, and the log says it."""
        set_public_url("https://pepites.example.org/")
        with self.assertLogs(LOGGER, logging.INFO) as logs:
            self.params._register_hook()
        self.assertEqual(self.params.get_param("web.base.url"), "https://pepites.example.org")
        self.assertTrue(self.params.get_param("web.base.url.freeze"))
        self.assertIn("web.base.url set to https://pepites.example.org", logs.output[0])
        self.assertIn("was http://localhost:8069", logs.output[0])

    def test_start_changes_nothing_when_it_is_set(self):
        """A start that finds web.base.url already set and frozen writes nothing and logs
        nothing."""
        set_public_url("https://pepites.example.org")
        self.params._pepites_freeze_base_url()
        with self.assertRaises(AssertionError):  # assertLogs fails when nothing is logged
            with self.assertLogs(LOGGER, logging.INFO):
                self.params._pepites_freeze_base_url()

    def test_without_option_freezes_the_current_value(self):
        """Without the option (a development database), web.base.url keeps its value and is
        frozen at it; the log says which option would choose it."""
        with self.assertLogs(LOGGER, logging.INFO) as logs:
            url = self.params._pepites_freeze_base_url()
        self.assertEqual(url, "http://localhost:8069")
        self.assertEqual(self.params.get_param("web.base.url"), "http://localhost:8069")
        self.assertTrue(self.params.get_param("web.base.url.freeze"))
        self.assertIn("pepites_public_url", logs.output[0])
        self.assertEqual(self.params._pepites_public_url(), "http://localhost:8069")

    def test_invalid_option_is_refused(self):
        """An option that is not an origin is said at start (ERROR) and not applied: every id
        built from it would be wrong."""
        for value in ("pepites.example.org", "ftp://pepites.example.org",
                      "https://pepites.example.org/odoo", "https://pepites.example.org/?a=1"):
            set_public_url(value)
            with self.assertRaises(ValueError):
                configured_public_url()
            with self.assertLogs(LOGGER, logging.ERROR):
                self.params._pepites_freeze_base_url()
            self.assertEqual(self.params.get_param("web.base.url"), "http://localhost:8069")
            self.assertEqual(self.params._pepites_public_url(), "http://localhost:8069")

    def test_neutralised_copy_keeps_its_own_url(self):
        """A neutralised copy of production (make restore), started with the production
        configuration, keeps the web.base.url its restore gave it: its links and the badge
        documents it serves do not lead to production."""
        set_public_url("https://pepites.example.org")
        self.params.set_param("database.is_neutralized", "True")
        self.params.set_param("web.base.url", "http://127.0.0.1:8070")
        with self.assertLogs(LOGGER, logging.INFO) as logs:
            self.params._register_hook()
        self.assertIn("neutralised copy", logs.output[0])
        self.assertEqual(self.params.get_param("web.base.url"), "http://127.0.0.1:8070")
        self.assertEqual(self.params._pepites_public_url(), "http://127.0.0.1:8070")

    def test_hand_edit_does_not_move_the_public_url(self):
        """Staff editing web.base.url in the settings do not move the public URL PEPITES
        publishes (the option wins); the next start puts web.base.url back."""
        set_public_url("https://pepites.example.org")
        self.params._pepites_freeze_base_url()
        self.params.set_param("web.base.url", "http://10.0.0.5:8069")
        self.assertEqual(self.params._pepites_public_url(), "https://pepites.example.org")
        self.params._register_hook()
        self.assertEqual(self.params.get_param("web.base.url"), "https://pepites.example.org")


@common.at_install(False)
@common.post_install(True)
class TestAdminLoginThroughAnotherHost(PepitesHttpCase):

    def setUp(self):
        super(TestAdminLoginThroughAnotherHost, self).setUp()
        self.origin = "http://%s:%d" % (HOST, PORT)
        self.addCleanup(set_public_url(self.origin))
        self.params = self.env["ir.config_parameter"]

    def test_admin_login_elsewhere_keeps_web_base_url(self):
        """Once frozen at start, web.base.url stays the public URL when the admin logs in
        through ``localhost``; unfrozen (core Odoo 11, as main was), that login rewrote it."""
        self.params.set_param("web.base.url", self.origin)
        self.params.set_param("web.base.url.freeze", False)
        other_host = "localhost:%d" % PORT
        self.assertEqual(self.login_through(other_host, "admin", "admin"), SUPERUSER_ID)
        self.assertEqual(self.params.get_param("web.base.url"), "http://" + other_host)

        self.params._register_hook()  # what every start of the server does
        self.assertEqual(self.params.get_param("web.base.url"), self.origin)
        self.assertEqual(self.login_through(other_host, "admin", "admin"), SUPERUSER_ID)
        self.assertEqual(self.params.get_param("web.base.url"), self.origin)
