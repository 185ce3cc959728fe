"""Issue 15, consent and information: every public form of pepites_jobs shows the notice of its
processing activity and is refused without the consent box; the consent (version of the notice,
date) is stored with the record. Real POSTs with the session's CSRF token."""
import html as html_lib
import json

from odoo.tests.common import at_install, post_install
from odoo.tools import mute_logger

from .common import JobsHttpCase, create_offer
from .events_common import PathwaysHttpCase

#: the French refusal of the notice's box (privacy.activity._pepites_consent)
REFUSAL = "Cochez la case pour accepter"
#: a counsellor's refusal (event.event._pepites_website_attendees)
REFUSAL_GROUP = "Cochez la case pour certifier"


class NoticeAssertions(object):

    def activity(self, purpose):
        return self.env["privacy.activity"].search([("pepites_purpose", "=", purpose)])

    def assertNotice(self, html, purpose):
        """The page shows the notice of ``purpose`` read from the register (its purpose and
        retention), the rights, the CNIL, the links to the legal pages and the box."""
        activity = self.activity(purpose)
        self.assertIn("o_pepites_privacy_notice", html)
        text = " ".join(html_lib.unescape(html).split())
        self.assertIn(activity.pepites_purpose_text, text)
        self.assertIn(activity.pepites_retention, text)
        self.assertIn('href="/legal/privacy-policy"', html)
        self.assertIn('href="/legal/advice"', html)
        self.assertIn("CNIL", html)
        self.assertIn('name="pepites_consent"', html)
        self.assertIn("Vos données personnelles", html)


@at_install(False)
@post_install(True)
class TestApplicationConsent(NoticeAssertions, JobsHttpCase):
    """The application form of an offer (/jobs/apply/<offer>) and core's form of positions
    without a SIAE (/website_form/hr.applicant)."""

    def setUp(self):
        super(TestApplicationConsent, self).setUp()
        self.offer = create_offer(self, self.siae1, "published")
        self.Applicant = self.env["hr.applicant"].with_context(active_test=False)

    def apply(self, **values):
        data = {"partner_name": "Léa Petit", "email_from": "lea.petit@example.test",
                "partner_phone": "06 12 34 56 78", "description": "Motivée."}
        data.update(values)
        return self.post("/jobs/apply/%d" % self.offer.id, **data)

    def applicants(self, job=None):
        return self.Applicant.search([("job_id", "=", (job or self.offer).id)])

    def test_notice_from_the_register(self):
        """The offer's page shows the notice of the "recruitment" activity; a change of its
        purpose in the register is what the page says next."""
        self.assertNotice(self.url_open("/jobs/detail/%d" % self.offer.id).text, "recruitment")
        self.activity("recruitment").pepites_purpose_text = "Finalité témoin du registre."
        self.assertIn("Finalité témoin du registre.",
                      self.url_open("/jobs/detail/%d" % self.offer.id).text)

    def test_without_consent_nothing_written(self):
        """Without the box, the form comes back with the French message and what was typed;
        no application, no attachment, no mail."""
        mails = self.env["mail.mail"].search_count([])
        for consent in (None, "", "0"):
            values = {} if consent is None else {"pepites_consent": consent}
            response = self.apply(**values)
            self.assertEqual(response.status_code, 200)
            self.assertIn(REFUSAL, self.alert(response.text))
            self.assertIn("lea.petit@example.test", response.text)
        self.assertFalse(self.applicants())
        self.assertEqual(self.env["mail.mail"].search_count([]), mails)

    def test_with_consent_stored(self):
        """With the box, the application carries the version of the notice (the one INAÉ set
        in the register) and the date of the consent."""
        self.activity("recruitment").pepites_notice_version = "2026-12"
        response = self.apply(pepites_consent="1")
        self.assertIn("applied=1", response.url)
        applicant = self.applicants()
        self.assertEqual(len(applicant), 1)
        self.assertEqual(applicant.pepites_consent_version, "2026-12")
        self.assertTrue(applicant.pepites_consent_date)

    def core_position(self):
        return self.env["hr.job"].create({"name": "Chargé de mission INAÉ",
                                          "website_published": True})

    def test_core_form_notice_and_consent(self):
        """Core's application form (a position without a SIAE) shows the notice; the generic
        website form refuses it without the box (French message on the box, nothing written)
        and stores the consent with it."""
        job = self.core_position()
        self.assertNotice(self.url_open("/jobs/apply/%d" % job.id).text, "recruitment")
        values = {"partner_name": "Léa Petit", "email_from": "lea.petit@example.test",
                  "partner_phone": "0612345678", "job_id": job.id}
        answer = json.loads(self.post("/website_form/hr.applicant", **values).text)
        self.assertIn(REFUSAL, answer["error_fields"]["pepites_consent"])
        self.assertFalse(self.applicants(job))
        answer = json.loads(self.post("/website_form/hr.applicant", pepites_consent="1",
                                      **values).text)
        applicant = self.applicants(job)
        self.assertEqual(answer, {"id": applicant.id})
        self.assertEqual(applicant.pepites_consent_version,
                         self.activity("recruitment").pepites_notice_version)
        self.assertTrue(applicant.pepites_consent_date)


@at_install(False)
@post_install(True)
class TestEventConsent(NoticeAssertions, PathwaysHttpCase):
    """The event's form, core's registration modal and the counsellor's group form."""

    def registrations(self):
        return self.env["event.registration"].search([("event_id", "=", self.event.id)])

    def register(self, **form):
        url = "/event/%d" % self.event.id
        data = {"csrf_token": self.csrf_token(url + "/register"), "name": "Anne",
                "email": "anne@example.org"}
        data.update(form)
        return self.url_open(url + "/pepites/register", data=data)

    def test_event_form(self):
        """The event's page shows the notice of the "events" activity; its form is refused
        without the box (nothing written) and stores the consent with it."""
        self.assertNotice(self.url_open("/event/%d/register" % self.event.id).text, "events")
        response = self.register()
        self.assertIn(REFUSAL, self.alert(response.text))
        self.assertFalse(self.registrations())
        self.register(pepites_consent="1")
        registration = self.registrations()
        self.assertEqual(len(registration), 1)
        self.assertEqual(registration.pepites_consent_version,
                         self.activity("events").pepites_notice_version)
        self.assertTrue(registration.pepites_consent_date)

    def test_core_modal(self):
        """Core's registration modal shows the notice; its confirmation is refused without the
        box and stores the consent with each person."""
        self.url_open("/event/%d/register" % self.event.id)
        self._before_request()
        try:
            modal = self.opener.post(
                self.base_url() + "/event/%d/registration/new" % self.event.id, timeout=30,
                json={"jsonrpc": "2.0", "method": "call", "id": 1,
                      "params": {"nb_register-0": "1"}})
        finally:
            self._after_request()
        self.assertNotice(json.loads(modal.text)["result"], "events")
        url = "/event/%d/registration/confirm" % self.event.id
        token = self.csrf_token("/event/%d/register" % self.event.id)
        people = {"csrf_token": token, "1-name": "Anne", "1-email": "anne@example.org",
                  "2-name": "Bob", "2-email": "bob@example.org"}
        response = self.url_open(url, data=people)
        self.assertIn(REFUSAL, self.alert(response.text))
        self.assertFalse(self.registrations())
        self.url_open(url, data=dict(people, pepites_consent="1"))
        self.assertEqual(len(self.registrations()), 2)
        self.assertEqual(set(self.registrations().mapped("pepites_consent_version")),
                         {self.activity("events").pepites_notice_version})

    def test_counsellor_group(self):
        """The counsellor's group form shows the notice with a box by which the counsellor
        certifies the people were informed and agreed; without it nothing is written; with it
        each registration carries the consent."""
        self.authenticate("test_counsellor", "test_counsellor")
        url = "/my/events/%d/group" % self.event.id
        page = self.url_open(url).text
        self.assertNotice(page, "events")
        self.assertIn("Je certifie", page)
        people = {"csrf_token": self.csrf_token(url), "1-name": "Anne",
                  "1-email": "anne@example.org", "2-name": "Bob", "2-email": "bob@example.org"}
        response = self.url_open(url, data=people)
        self.assertIn(REFUSAL_GROUP, self.alert(response.text))
        self.assertIn("bob@example.org", response.text)
        self.assertFalse(self.registrations())
        response = self.url_open(url, data=dict(people, pepites_consent="1"))
        self.assertTrue(response.url.endswith("/my/events?registered=2"), response.url)
        registrations = self.registrations()
        self.assertEqual(len(registrations), 2)
        self.assertEqual(set(registrations.mapped("pepites_consent_version")),
                         {self.activity("events").pepites_notice_version})
        self.assertTrue(all(registrations.mapped("pepites_consent_date")))

    @mute_logger("odoo.addons.website.models.ir_ui_view")
    def test_core_routes_closed(self):
        """The other public ways in: /web/signup is closed without an invitation (nothing
        created); core's modal for an event needs the box too (above)."""
        users = self.env["res.users"].with_context(active_test=False).search_count([])
        response = self.url_open("/web/signup", data={
            "csrf_token": self.csrf_token(), "login": "intrus@example.org", "name": "Intrus",
            "password": "motdepasse-intrus", "confirm_password": "motdepasse-intrus"})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.env["res.users"].with_context(active_test=False).search_count([]),
                         users)
