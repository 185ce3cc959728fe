"""Where people land after logging in: portal users on ``/my``, INAÉ staff on the "Accueil
PEPITES" (their home action), anyone else where core sends them, and an explicit ``redirect``
still wins. The queues of that home count with the user's own rights."""
from urllib.parse import urlsplit

from odoo.exceptions import AccessError, ValidationError
from odoo.tests.common import at_install, post_install

from .common import PepitesCase, PepitesHttpCastCase, create_user
from .test_redirects import csrf_token_of, landing

HOME = "pepites_partners.pepites_home_queue_action"


class TestHomeAction(PepitesCase):
    """Staff get the PEPITES home as home action, on creation and when joining the group."""

    def setUp(self):
        super(TestHomeAction, self).setUp()
        # users hold an ir.actions.actions: compare as such
        self.home = self.env["ir.actions.actions"].browse(self.env.ref(HOME).id)

    def test_staff_and_managers_land_on_the_home(self):
        """A new staff member or manager opens the back office on the PEPITES home."""
        self.assertEqual(self.user_staff.action_id, self.home)
        self.assertEqual(self.user_manager.action_id, self.home)

    def test_others_keep_core_behaviour(self):
        """Portal users, partner API users and internal users outside PEPITES get no home
        action (they could not read the queues): no error at login."""
        internal = create_user(self.env, "test_internal_other", ["base.group_user"])
        for user in (self.user_siae_a, self.user_partner_api, self.user_portal, internal):
            self.assertFalse(user.action_id, user.login)

    def test_joining_and_leaving_the_group(self):
        """Made staff from the user form: the home is set; no longer staff: it is removed;
        a home action chosen otherwise is kept."""
        staff = self.env.ref("pepites_partners.group_pepites_user")
        internal = create_user(self.env, "test_internal_joins", ["base.group_user"])
        internal.write({"groups_id": [(4, staff.id)]})
        self.assertEqual(internal.action_id, self.home)
        internal.write({"groups_id": [(3, staff.id)]})
        self.assertFalse(internal.action_id)
        other = self.env["ir.actions.actions"].browse(
            self.env.ref("pepites_partners.res_partner_siae_action").id)
        chosen = create_user(self.env, "test_staff_chooses", ["base.group_user"],
                             action_id=other.id)
        chosen.write({"groups_id": [(4, staff.id)]})
        self.assertEqual(chosen.action_id, other)

    def test_existing_staff_on_update(self):
        """Staff added through the group (no write on the user) get it at the next update of
        the addon (the data file's call)."""
        self.user_staff.action_id = False
        self.env["res.users"]._pepites_set_home_actions()
        self.assertEqual(self.user_staff.action_id, self.home)


class TestHomeQueues(PepitesCase):
    """A queue counts what its list shows, as the user looking at it."""

    def setUp(self):
        super(TestHomeQueues, self).setUp()
        self.queue = self.env["pepites.home.queue"].create({
            "name": "SIAE de Gironde", "model_name": "res.partner",
            "domain": "[('is_siae', '=', True), ('department_id', '=', %d)]" % self.dep_33.id,
            "action_id": self.env.ref("pepites_partners.res_partner_siae_action").id})

    def test_count_and_open(self):
        """The card's count is the number of records its list opens on, under staff rights;
        the list opens with the queue's domain and name."""
        queue = self.queue.sudo(self.user_staff)
        domain = [("is_siae", "=", True), ("department_id", "=", self.dep_33.id)]
        expected = self.env["res.partner"].sudo(self.user_staff).search_count(domain)
        self.assertIn(self.siae_a, self.env["res.partner"].search(domain))
        self.assertEqual(queue.count, expected)
        action = queue.action_open()
        self.assertEqual(action["res_model"], "res.partner")
        self.assertEqual(action["domain"], domain)
        self.assertEqual(action["name"], "SIAE de Gironde")
        self.assertFalse([key for key in action["context"] if key.startswith("search_default")])

    def test_dates_in_domain(self):
        """A domain may use today's date (queues of things starting soon)."""
        self.queue.domain = "[('create_date', '>=', (context_today() - relativedelta(days=1))" \
                            ".strftime('%Y-%m-%d'))]"
        self.assertGreaterEqual(self.queue.sudo(self.user_staff).count, 1)  # SIAE A, created now

    def test_hidden_when_model_not_readable(self):
        """A queue of a model the user may not read counts nothing and is not on their home."""
        attempts = self.queue.copy({
            "name": "Tentatives", "model_name": "res.authentication.attempt", "domain": "[]"})
        Queue = self.env["pepites.home.queue"]
        staff_home = Queue.sudo(self.user_staff).search([("visible", "=", True)])
        self.assertIn(self.queue, staff_home)
        self.assertNotIn(attempts, staff_home)
        self.assertEqual(attempts.sudo(self.user_staff).count, 0)
        self.assertIn(attempts, Queue.sudo(self.user_manager).search([("visible", "=", True)]))

    def test_outsiders_and_bad_domains(self):
        """Portal and API users read no queue; staff cannot change one; a domain that is not
        a list is refused."""
        for user in (self.user_siae_a, self.user_partner_api, self.user_portal):
            with self.assertRaises(AccessError):
                self.queue.sudo(user).read(["name"])
        with self.assertRaises(AccessError):
            self.queue.sudo(self.user_staff).write({"name": "Autre"})
        with self.assertRaises(ValidationError):
            self.queue.domain = "[('is_siae', '=',"
        with self.assertRaises(ValidationError):
            self.queue.domain = "42"


@at_install(False)
@post_install(True)
class TestLanding(PepitesHttpCastCase):
    """The login form sends each user to their place."""

    def login(self, login, redirect=None):
        """POST the login form in a fresh session; return where the answer sends the
        browser."""
        self.opener.cookies.clear()
        self._before_request()
        try:
            url = self.base_url() + "/web/login"
            token = csrf_token_of(self.opener.get(url, timeout=60).text)
            data = {"login": login, "password": login, "csrf_token": token}
            if redirect is not None:
                data["redirect"] = redirect
            response = self.opener.post(url, data=data, timeout=60, allow_redirects=False)
        finally:
            self._after_request()
        target = landing(response)
        self.assertTrue(target, "%s: no redirect after login" % login)
        return urlsplit(target).path

    def test_portal_users_land_on_my(self):
        """SIAE, partner API and plain portal users land on /my (not the empty home page),
        which answers; an explicit local redirect is honoured, a hostile one is not."""
        for login in ("test_siae_a", "test_partner_api", "test_portal"):
            self.assertEqual(self.login(login), "/my", login)
        self.assertEqual(self.url_open("/my").status_code, 200)
        self.assertEqual(self.login("test_siae_a", "/jobs"), "/jobs")
        self.assertEqual(self.login("test_siae_a", "https://evil.example/"), "/my")

    def test_internal_users_land_in_the_back_office(self):
        """Staff and users outside PEPITES go to the back office without error; staff open
        it on the PEPITES home, whose queues they read."""
        create_user(self.env, "test_internal_other", ["base.group_user"])
        self.assertEqual(self.login("test_internal_other"), "/web")
        self.assertEqual(self.login("test_staff"), "/web")
        self.assertEqual(self.login("test_staff", "/my/account"), "/my/account")
        home = self.env.ref(HOME)
        read = self.xmlrpc(self.user_staff, "res.users", "read", [self.user_staff.id],
                           ["action_id"])
        self.assertEqual(read[0]["action_id"][0], home.id)
        queues = self.xmlrpc(self.user_staff, "pepites.home.queue", "search_read",
                             [("visible", "=", True)], ["name", "count"])
        self.assertEqual(len(queues), self.env["pepites.home.queue"].search_count([]))
