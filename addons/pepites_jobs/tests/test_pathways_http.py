from odoo.tests.common import at_install, post_install

from .events_common import PathwaysHttpCase, immersion_values, person_values


@at_install(False)
@post_install(True)
class TestPathwaysHttp(PathwaysHttpCase):
    """Website registration, the counsellor's group registration and the SIAE portal."""

    def register(self, **form):
        url = "/event/%d" % self.event.id
        data = {"csrf_token": self.csrf_token(url + "/register")}
        data.update(form)
        return self.url_open(url + "/pepites/register", data=data)

    def test_event_page_shows_form(self):
        """The page of a discovery event shows its registration form with the situation
        questions and the hosts."""
        html = self.url_open("/event/%d/register" % self.event.id).text
        self.assertIn("o_pepites_registration", html)
        self.assertIn('name="in_career_change"', html)
        self.assertIn("o_pepites_event_info", html)

    def test_register_then_waiting_list(self):
        """A visitor registers with their situation; once the two seats are taken, the next
        one is told they are on the waiting list."""
        response = self.register(name="Anne", email="anne@example.org", in_career_change="1",
                                 current_job="Comptable", referred_by="Ma conseillère CEP")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_pepites_confirmed", response.text)
        registration = self.Registration.search([("email", "=", "anne@example.org")])
        self.assertEqual(registration.state, "open")
        self.assertTrue(registration.in_career_change)
        self.assertEqual(registration.referred_by, "Ma conseillère CEP")
        self.register(name="Bob", email="bob@example.org")
        response = self.register(name="Chloé", email="chloe@example.org")
        self.assertIn("o_pepites_waiting", response.text)
        self.assertEqual(self.Registration.search([("email", "=", "chloe@example.org")]).state,
                         "waiting")

    def test_bad_input_rerenders(self):
        """A double registration or an invalid email re-renders the page with a French
        message and the typed values, never an error page; nothing is written."""
        self.register(name="Anne", email="anne@example.org")
        self.authenticate("test_portal", "test_portal")  # French user
        response = self.register(name="Anne", email="ANNE@example.org", current_job="Cuisinière")
        self.assertEqual(response.status_code, 200)
        self.assertIn("déjà inscrit", self.alert(response.text))
        self.assertIn("Cuisinière", response.text)
        response = self.register(name="Zoé", email="pas-un-email")
        self.assertEqual(response.status_code, 200)
        self.assertIn("invalide", self.alert(response.text))
        self.assertEqual(self.Registration.search_count([("event_id", "=", self.event.id)]), 1)

    def test_counsellor_group_registration(self):
        """A CEP counsellor logged in on the portal registers a group; the overflow goes to
        the waiting list and the counsellor sees the people they registered."""
        self.authenticate("test_counsellor", "test_counsellor")
        url = "/my/events/%d/group" % self.event.id
        data = {"csrf_token": self.csrf_token(url)}
        for index, (name, email) in enumerate([("Anne", "anne@example.org"),
                                               ("Bob", "bob@example.org"),
                                               ("Chloé", "chloe@example.org")], 1):
            data.update({"%d-name" % index: name, "%d-email" % index: email,
                         "%d-in_career_change" % index: "1"})
        response = self.url_open(url, data=data)
        self.assertEqual(response.status_code, 200)
        registrations = self.Registration.search([("event_id", "=", self.event.id)])
        self.assertEqual(sorted(registrations.mapped("state")), ["open", "open", "waiting"])
        self.assertEqual(registrations.mapped("registered_by_id"), self.counsellor)
        self.assertIn("chloe@example.org", self.url_open("/my/events").text)

    def test_group_registration_refused_to_others(self):
        """Only CEP counsellors register groups; a bad row refuses the whole group."""
        self.authenticate("test_portal", "test_portal")
        self.assertEqual(self.url_open("/my/events").status_code, 404)
        self.authenticate("test_counsellor", "test_counsellor")
        url = "/my/events/%d/group" % self.event.id
        response = self.url_open(url, data={
            "csrf_token": self.csrf_token(url), "1-name": "Anne", "1-email": "anne@example.org",
            "2-name": "Bob", "2-email": "bob(at)example.org"})
        self.assertIn("invalide", self.alert(response.text))
        self.assertFalse(self.Registration.search([("event_id", "=", self.event.id)]))

    def test_portal_immersions_isolation_and_signature(self):
        """A host SIAE lists and signs its own immersions on the portal; another SIAE gets a
        404 on them."""
        immersion = self.env["pepites.immersion"].create(immersion_values(self))
        immersion.action_to_sign()
        self.authenticate("test_siae_b", "test_siae_b")
        self.assertNotIn(immersion.name, self.url_open("/my/immersions").text)
        self.assertEqual(self.url_open("/my/immersions/%d" % immersion.id).status_code, 404)
        self.authenticate("test_siae_a", "test_siae_a")
        html = self.url_open("/my/immersions").text
        self.assertIn(immersion.name, html)
        url = "/my/immersions/%d" % immersion.id
        token = self.csrf_token(url)
        response = self.url_open(url + "/sign", data={"csrf_token": token})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(immersion.host_signed_date)
        response = self.url_open(url + "/sign", data={"csrf_token": token})
        self.assertIn("déjà signé", self.alert(response.text))

    def test_xmlrpc_partner_api_denied(self):
        """Over XML-RPC, a partner API user reads no immersion or orientation; INAÉ staff
        do, and a bad immersion is refused with a clear message."""
        immersion = self.env["pepites.immersion"].create(immersion_values(self))
        for model in ("pepites.immersion", "pepites.orientation", "pepites.poei"):
            with self.assertRaises(Exception) as error:
                self.xmlrpc(self.user_partner_api, model, "search_read", [], ["name"])
            self.assertIn("autoris", str(error.exception))
        self.assertIn(immersion.id,
                      self.xmlrpc(self.user_staff, "pepites.immersion", "search", []))
        values = immersion_values(self, date_end="2099-12-31")
        with self.assertRaises(Exception) as error:
            self.xmlrpc(self.user_staff, "pepites.immersion", "create", values,
                        context={"lang": "fr_FR"})
        self.assertIn("30 jours", str(error.exception))
