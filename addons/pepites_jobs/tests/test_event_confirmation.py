import base64
import datetime

import vobject

from odoo.tests.common import at_install, post_install

from .events_common import PathwaysHttpCase, person_values

#: next year's 14 January (winter time, UTC+1) and 15 July (summer time, UTC+2): always ahead
YEAR = datetime.date.today().year + 1
WINTER = ("%d-01-14 08:00:00" % YEAR, "%d-01-14 11:00:00" % YEAR)
SUMMER = ("%d-07-15 07:00:00" % YEAR, "%d-07-15 10:30:00" % YEAR)
DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
#: how the page and the mail say these times, in Paris time
WINTER_TEXT = "%s 14 janvier %d, de 9 h 00 à 12 h 00" % (
    DAYS[datetime.date(YEAR, 1, 14).weekday()], YEAR)
SUMMER_TEXT = "%s 15 juillet %d, de 9 h 00 à 12 h 30" % (
    DAYS[datetime.date(YEAR, 7, 15).weekday()], YEAR)


@at_install(False)
@post_install(True)
class TestEventConfirmation(PathwaysHttpCase):
    """What a registrant takes home: the page after registering, the confirmation mail and
    the event's calendar file."""

    def setUp(self):
        super(TestEventConfirmation, self).setUp()
        self.place = self.env["res.partner"].create({
            "name": "Salle des fêtes", "street": "1 place de la Victoire", "zip": "24000",
            "city": "Périgueux", "country_id": self.env.ref("base.fr").id})
        self.organiser = self.env["res.partner"].create({
            "name": "INAÉ Test", "is_company": True, "email": "contact@inae.example.org",
            "phone": "+33 5 56 00 00 00"})
        self.event.write({"address_id": self.place.id, "organizer_id": self.organiser.id,
                          "date_begin": WINTER[0], "date_end": WINTER[1]})

    def register(self, **form):
        url = "/event/%d" % self.event.id
        data = {"csrf_token": self.csrf_token(url + "/register"), "pepites_consent": "1"}
        data.update(form)
        return self.url_open(url + "/pepites/register", data=data)

    def test_confirmation_page(self):
        """A person who got a seat sees the date and times in Paris time, in French words, the
        address with a plain link to a map, the organisation to ask and the link to the
        calendar file; someone on the waiting list is told so and gets no calendar file."""
        self.authenticate("test_portal", "test_portal")  # French user
        html = self.register(name="Anne", email="anne@example.org").text
        self.assertIn("o_pepites_confirmed", html)
        self.assertIn(WINTER_TEXT, html)
        self.assertIn("1 place de la Victoire", html)
        self.assertIn("24000 Périgueux", html)
        self.assertIn("https://www.openstreetmap.org/search?query=", html)
        self.assertNotIn("<iframe", html)
        self.assertNotIn("maps.googleapis", html)
        self.assertIn("contact@inae.example.org", html)
        self.assertRegex(html, r'href="/event/[^"]*-%d/ics"' % self.event.id)
        self.assertIn("Ajouter à mon agenda (.ics)", html)
        self.assertIn("Inscription", html[html.index("<title"):html.index("</title>")])
        self.register(name="Bob", email="bob@example.org")
        html = self.register(name="Chloé", email="chloe@example.org").text
        self.assertIn("o_pepites_waiting", html)
        self.assertIn("liste d'attente", html)
        self.assertIn("o_pepites_no_ics", html)
        self.assertNotIn("o_pepites_ics", html.replace("o_pepites_no_ics", ""))

    def test_ics_route(self):
        """A published event's calendar file parses back: its UID is the same for everyone,
        its times are in UTC (9:00 in Paris is 8:00 UTC in winter, 7:00 UTC in summer), it
        names the place and the event's page and no registrant."""
        self.event._pepites_register([person_values("Anne Secrète", "anne@example.org")])
        response = self.url_open("/event/%d/ics" % self.event.id)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.headers["Content-Type"].startswith("text/calendar"))
        self.assertIn(".ics", response.headers["Content-Disposition"])
        self.assertNotIn(b"Anne", response.content)
        vevent = vobject.readOne(response.content.decode("utf-8")).vevent
        self.assertEqual(vevent.dtstart.value.isoformat(), "%d-01-14T08:00:00+00:00" % YEAR)
        self.assertEqual(vevent.summary.value, self.event.name)
        self.assertIn("Périgueux", vevent.location.value)
        self.assertTrue(vevent.url.value.endswith(self.event.website_url))
        uid = vevent.uid.value
        self.event.write({"date_begin": SUMMER[0], "date_end": SUMMER[1]})
        self.authenticate("test_portal", "test_portal")
        vevent = vobject.readOne(self.url_open(
            "/event/%d/ics" % self.event.id).content.decode("utf-8")).vevent
        self.assertEqual(vevent.dtstart.value.isoformat(), "%d-07-15T07:00:00+00:00" % YEAR)
        self.assertEqual(vevent.uid.value, uid)
        self.assertIn(SUMMER_TEXT,
                      self.event.with_context(lang="fr_FR").pepites_when)

    def test_ics_unpublished_not_found(self):
        """An unpublished event (the discovery event of the fixtures) or an unknown one has no
        calendar file, for a visitor as for a portal user."""
        self.assertFalse(self.discovery.website_published)
        for user in (None, "test_portal"):
            if user:
                self.authenticate(user, user)
            self.assertEqual(self.url_open("/event/%d/ics" % self.discovery.id).status_code,
                             404)
            self.assertEqual(self.url_open("/event/999999999/ics").status_code, 404)

    def test_confirmation_mail(self):
        """The queued confirmation mail, in French, goes to the person only, with the date in
        Paris time, the place, the link to the calendar file and the file itself attached."""
        registration = self.event.with_context(lang="fr_FR")._pepites_register(
            [person_values("Anne", "anne@example.org")])
        mail = self.env["mail.mail"].search([("model", "=", "event.registration"),
                                             ("res_id", "=", registration.id)])
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_to, "anne@example.org")
        self.assertEqual(mail.state, "outgoing")
        self.assertIn("confirmée", mail.subject)
        self.assertIn(WINTER_TEXT, mail.body_html)
        self.assertIn("24000 Périgueux", mail.body_html)
        self.assertIn("/ics", mail.body_html)
        self.assertNotIn("maps.googleapis", mail.body_html)
        attachment = mail.attachment_ids
        self.assertEqual(len(attachment), 1)
        self.assertTrue(attachment.name.endswith(".ics"))
        vevent = vobject.readOne(base64.b64decode(attachment.datas).decode("utf-8")).vevent
        self.assertEqual(vevent.dtstart.value.isoformat(), "%d-01-14T08:00:00+00:00" % YEAR)

    def test_waiting_list_mail_on_promotion(self):
        """Nobody on the waiting list gets a confirmation; the one promoted when a seat frees
        up gets it then, with the calendar file."""
        regs = self.event._pepites_register([person_values(*p) for p in (
            ("Anne", "anne@example.org"), ("Bob", "bob@example.org"),
            ("Chloé", "chloe@example.org"))])
        Mail = self.env["mail.mail"]
        domain = [("model", "=", "event.registration"), ("res_id", "=", regs[2].id)]
        self.assertFalse(Mail.search(domain))
        regs[0].button_reg_cancel()
        mail = Mail.search(domain)
        self.assertEqual(len(mail), 1)
        self.assertEqual(len(mail.attachment_ids), 1)
