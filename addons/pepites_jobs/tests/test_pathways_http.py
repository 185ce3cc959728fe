import html
import re

from lxml import html as lxml_html

from odoo.tests.common import at_install, post_install

from odoo.addons.pepites_partners.tests.common import pdf_text

from .events_common import PathwaysHttpCase, immersion_values

_TOKEN_RE = re.compile(r"[0-9a-f]{40}o[0-9]+")


def same_page(text, typed_name):
    """A page with what differs between two requests (the CSRF tokens, the name typed)
    blanked out: two answers that are equal this way tell nothing more than the name."""
    return _TOKEN_RE.sub("TOKEN", text).replace(typed_name, "NAME")


@at_install(False)
@post_install(True)
class TestPathwaysHttp(PathwaysHttpCase):
    """Website registration, the counsellor's group registration and the SIAE portal."""

    def register(self, **form):
        url = "/event/%d" % self.event.id
        data = {"csrf_token": self.csrf_token(url + "/register"), "pepites_consent": "1"}
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
        """An invalid email re-renders the page with a French message and the typed values,
        never an error page; nothing is written."""
        self.authenticate("test_portal", "test_portal")  # French user
        response = self.register(name="Zoé", email="pas-un-email", current_job="Cuisinière")
        self.assertEqual(response.status_code, 200)
        self.assertIn("invalide", self.alert(response.text))
        self.assertIn("Cuisinière", response.text)
        self.assertFalse(self.Registration.search_count([("event_id", "=", self.event.id)]))

    def already_mails(self, registration):
        return self.env["mail.mail"].search([
            ("model", "=", "event.registration"), ("res_id", "=", registration.id),
            ("subject", "ilike", "déjà inscrit")])

    def test_already_registered_same_answer(self):
        """An address already registered gets, over the event's form, exactly the page a new
        address gets at that moment (confirmed while seats are left, the waiting list after,
        whatever the earlier registration's state); no second registration is written and the
        owner of the address is mailed "you had already registered". It used to answer
        "already registered" to anyone typing the address."""
        self.register(name="Anne", email="anne@example.org")
        anne = self.Registration.search([("email", "=", "anne@example.org")])
        # one seat left: the known address and a new one both read "confirmed"
        again = self.register(name="Annie", email="ANNE@example.org", current_job="Cuisinière")
        self.assertEqual(again.status_code, 200)
        self.assertIsNone(self.alert(again.text))
        self.assertNotIn("déjà", again.text)
        self.assertIn("o_pepites_confirmed", again.text)
        self.assertNotIn("Anne:", again.text, "the earlier registration's name is not shown")
        fresh = self.register(name="Bruno", email="bruno@example.org")
        self.assertEqual(same_page(again.text, "Annie"), same_page(fresh.text, "Bruno"))
        # full: both read "waiting list", though Anne's own registration stays confirmed
        again = self.register(name="Annie", email="anne@example.org")
        self.assertIn("o_pepites_waiting", again.text)
        fresh = self.register(name="Chloé", email="chloe@example.org")
        self.assertEqual(same_page(again.text, "Annie"), same_page(fresh.text, "Chloé"))
        registrations = self.Registration.search([("event_id", "=", self.event.id)])
        self.assertEqual(sorted(registrations.mapped("email")),
                         ["anne@example.org", "bruno@example.org", "chloe@example.org"])
        self.assertEqual((anne.name, anne.state, anne.current_job), ("Anne", "open", False))
        mails = self.already_mails(anne)
        self.assertEqual(len(mails), 2)
        self.assertEqual(set(mails.mapped("email_to")), {"anne@example.org"})
        self.assertEqual(set(mails.mapped("state")), {"outgoing"}, "queued, not sent inline")
        self.assertIn("Anne", mails[0].body_html)

    def test_already_registered_modal_same_answer(self):
        """Core's registration modal answers a known address as a new one, and writes no
        second registration."""
        self.register(name="Anne", email="anne@example.org")
        url = "/event/%d/registration/confirm" % self.event.id
        token = self.csrf_token("/event/%d/register" % self.event.id)
        again = self.url_open(url, data={"csrf_token": token, "pepites_consent": "1",
                                         "1-name": "Annie",
                                         "1-email": "anne@example.org"})
        fresh = self.url_open(url, data={"csrf_token": token, "pepites_consent": "1",
                                         "1-name": "Bruno",
                                         "1-email": "bruno@example.org"})
        self.assertEqual(again.status_code, 200)
        self.assertEqual(same_page(again.text, "Annie"), same_page(fresh.text, "Bruno"))
        self.assertEqual(self.Registration.search_count([("email", "=ilike", "anne@example.org")]),
                         1)

    def test_counsellor_group_registration(self):
        """A CEP counsellor logged in on the portal registers a group; the overflow goes to
        the waiting list and the counsellor sees the people they registered."""
        self.authenticate("test_counsellor", "test_counsellor")
        url = "/my/events/%d/group" % self.event.id
        data = {"csrf_token": self.csrf_token(url), "pepites_consent": "1"}
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

    def test_counsellor_group_with_known_address(self):
        """A counsellor's group holding an address already registered gets the answer of a
        group of new addresses; that person is not registered twice (their registration is
        unchanged) and is mailed; the others are registered."""
        self.register(name="Anne", email="anne@example.org")
        anne = self.Registration.search([("email", "=", "anne@example.org")])
        self.authenticate("test_counsellor", "test_counsellor")
        url = "/my/events/%d/group" % self.event.id
        response = self.url_open(url, data={
            "csrf_token": self.csrf_token(url), "pepites_consent": "1", "1-name": "Anne B.",
            "1-email": "ANNE@example.org",
            "2-name": "Bob", "2-email": "bob@example.org"})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith("/my/events?registered=2"), response.url)
        registrations = self.Registration.search([("event_id", "=", self.event.id)])
        self.assertEqual(sorted(registrations.mapped("email")),
                         ["anne@example.org", "bob@example.org"])
        self.assertFalse(anne.registered_by_id)
        self.assertEqual(len(self.already_mails(anne)), 1)

    def test_group_registration_refused_to_others(self):
        """Only CEP counsellors register groups; a bad row refuses the whole group."""
        self.authenticate("test_portal", "test_portal")
        self.assertEqual(self.url_open("/my/events").status_code, 404)
        self.authenticate("test_counsellor", "test_counsellor")
        url = "/my/events/%d/group" % self.event.id
        response = self.url_open(url, data={
            "csrf_token": self.csrf_token(url), "pepites_consent": "1", "1-name": "Anne",
            "1-email": "anne@example.org", "2-name": "Bob", "2-email": "bob(at)example.org"})
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

    def test_portal_reads_the_convention_before_signing(self):
        """The host SIAE opens the PDF of the convention it is asked to sign, from the list
        (a card on a phone) and from the convention's page, before the sign button; another
        SIAE gets a 404 and no PDF; the attestation waits for the immersion's end."""
        immersion = self.env["pepites.immersion"].create(immersion_values(self))
        immersion.action_to_sign()
        pdf_url = "/my/immersions/%d/convention.pdf" % immersion.id
        self.authenticate("test_siae_b", "test_siae_b")
        response = self.url_open(pdf_url)
        self.assertEqual(response.status_code, 404)
        self.assertFalse(response.content.startswith(b"%PDF"))
        self.assertNotIn(self.person.name, response.text)
        self.authenticate("test_siae_a", "test_siae_a")
        listing = self.url_open("/my/immersions").text
        self.assertIn('class="table table-hover o_portal_my_doc_table pepites-cards"', listing)
        self.assertIn(pdf_url, listing)
        page = self.url_open("/my/immersions/%d" % immersion.id).text
        self.assertIn("Lire la convention (PDF)", page)
        self.assertLess(page.index(pdf_url), page.index("/sign"))
        self.assertIn("Ce que vous signez", page)
        response = self.url_open(pdf_url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))
        self.assertEqual(
            self.url_open("/my/immersions/%d/attestation.pdf" % immersion.id).status_code, 404)

    def test_portal_signature_records_who_when_where(self):
        """The host's signature records the user, the moment and the client's address as the
        server sees it (a forwarded address the client sends itself is not trusted), and the
        browser; the PDF's box says so."""
        immersion = self.env["pepites.immersion"].create(immersion_values(self))
        immersion.action_to_sign()
        self.authenticate("test_siae_a", "test_siae_a")
        url = "/my/immersions/%d" % immersion.id
        token = self.csrf_token(url)
        self.opener.headers["X-Forwarded-For"] = "203.0.113.66"
        try:
            response = self.url_open(url + "/sign", data={"csrf_token": token})
        finally:
            del self.opener.headers["X-Forwarded-For"]
        self.assertEqual(response.status_code, 200)
        self.assertEqual(immersion.host_signed_by_id, self.user_siae_a)
        self.assertTrue(immersion.host_signed_at)
        self.assertEqual(immersion.host_signed_ip, "127.0.0.1")
        self.assertIn("python-requests", immersion.host_signed_agent)
        self.assertFalse(immersion.beneficiary_signed_at or immersion.beneficiary_signed_ip)
        info = immersion._signature_info("host")
        self.assertEqual((info["by"], info["ip"]), (self.user_siae_a.name, "127.0.0.1"))
        text = " ".join(pdf_text(self.url_open(url + "/convention.pdf").content).split())
        self.assertIn("par %s (adresse IP 127.0.0.1)" % self.user_siae_a.name, text)

    def test_portal_sign_refusals_write_nothing(self):
        """Signing a draft, signing twice, or signing another SIAE's convention: a French
        error or a 404, and nothing written."""
        draft = self.env["pepites.immersion"].create(immersion_values(self))
        waiting = self.env["pepites.immersion"].create(immersion_values(self))
        waiting.action_to_sign()
        self.authenticate("test_siae_a", "test_siae_a")
        url = "/my/immersions/%d" % draft.id
        # a draft's page has no sign form: the session's token from another convention's
        token = self.csrf_token("/my/immersions/%d" % waiting.id)
        response = self.url_open(url + "/sign", data={"csrf_token": token})
        self.assertIn("brouillon", self.alert(response.text))
        self.assertFalse(draft.host_signed_date or draft.host_signed_at
                         or draft.host_signed_ip or draft.host_signed_by_id)
        draft.action_to_sign()
        self.url_open(url + "/sign", data={"csrf_token": token})
        first = (draft.host_signed_at, draft.host_signed_ip, draft.host_signed_by_id)
        response = self.url_open(url + "/sign", data={"csrf_token": token})
        self.assertIn("déjà signé", self.alert(response.text))
        self.assertEqual((draft.host_signed_at, draft.host_signed_ip, draft.host_signed_by_id),
                         first)
        other = self.env["pepites.immersion"].create(immersion_values(
            self, host_siae_id=self.siae_b.id, tutor_id=False))
        other.action_to_sign()
        response = self.url_open("/my/immersions/%d/sign" % other.id,
                                 data={"csrf_token": token})
        self.assertEqual(response.status_code, 404)
        self.assertFalse(other.host_signed_date or other.host_signed_at)

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


@at_install(False)
@post_install(True)
class TestRallyPages(PathwaysHttpCase):
    """The pages of the demo rally days (circuits of SIAE stops) for visitors and portal users:
    the names of the SIAE visited are public directory data."""

    def assert_rally_page(self, event):
        response = self.url_open("/event/%d/register" % event.id)
        self.assertEqual(response.status_code, 200, response.text[-500:])
        root = lxml_html.fromstring(response.text)
        circuit = [" ".join(item.text_content().split())
                   for item in root.xpath("//ol[contains(@class, 'o_pepites_circuit')]/li")]
        self.assertEqual(len(circuit), len(event.stop_ids))
        for item, stop in zip(circuit, event.stop_ids):
            self.assertIn(stop.siae_id.name, item)
            self.assertIn(stop.siae_id.city or "", item)
        hosts = root.xpath("//p[contains(@class, 'o_pepites_hosts')]")
        self.assertIn(event.host_siae_ids.name, hosts[0].text_content())
        # the circuit reads names and cities only (the venue's card, core's, shows the contact
        # details INAÉ chose to publish for the event's address)
        page = html.unescape(response.text)
        for siae in event.stop_ids.mapped("siae_id") - event.address_id:
            for other_field in (siae.email, siae.phone, siae.siret):
                if other_field:
                    self.assertNotIn(other_field, page)

    def test_rally_pages_as_visitor_and_portal_user(self):
        """Both demo rally days answer 200, with each stop's SIAE name and city and the host,
        to a visitor and to siae1 (a portal user of another SIAE); they were HTTP 500 (the
        stops' partners read without the right), and the hosts were silently left out."""
        rallies = self.env.ref("pepites_jobs.event_03_demo") | self.env.ref(
            "pepites_jobs.event_05_demo")
        self.assertEqual(set(rallies.mapped("pepites_kind")), {"rally"})
        self.assertTrue(all(rally.stop_ids for rally in rallies))
        for rally in rallies:
            self.assert_rally_page(rally)
        self.authenticate("siae1", "siae1")
        for rally in rallies:
            self.assert_rally_page(rally)
