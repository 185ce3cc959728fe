from odoo.tests.common import at_install, post_install

from .browser import BrowserCase, norm
from .common import create_siae, moment


@at_install(False)
@post_install(True)
class TestJourneyRally(BrowserCase):
    """Journey 2: visitors register for a rally day until it is full; the next one is
    wait-listed."""

    def setUp(self):
        super(TestJourneyRally, self).setUp()
        with self.orm() as env:
            host = create_siae(env, "Ressourcerie du Médoc E2E", "pepites_partners.department_33",
                               "Lesparre-Médoc")
            self.rally = env["event.event"].create({
                "name": "Rallye de l'interconnaissance du Médoc E2E", "pepites_kind": "rally",
                "pepites_department_id": host.department_id.id,
                "host_siae_ids": [(6, 0, host.ids)],
                "date_begin": moment(days=12), "date_end": moment(days=12, hours=7),
                "seats_availability": "limited", "seats_max": 1, "auto_confirm": True,
                "website_published": True,
            })
            self.rally.button_confirm()
            self.rally_name = self.rally.name

    def register(self, name, email, current_job):
        """Open the rally's page as a new visitor and send its registration form."""
        self.driver.delete_all_cookies()
        self.visit("/event/%d" % self.rally.id)
        self.find_text("h1", self.rally_name)
        self.find_text(".o_pepites_event_info", "Rallye interconnaissance")
        form = self.find("form.o_pepites_registration")
        full = [norm(p.text) for p in form.find_elements_by_css_selector(".o_pepites_full")]
        self.fill({"reg_name": name, "reg_email": email, "reg_phone": "05 56 00 00 00",
                   "reg_current_job": current_job})
        form.find_element_by_name("in_career_change").click()
        form.find_element_by_name("pepites_consent").click()
        self.submit(form.find_element_by_css_selector("button[type=submit]"))
        return full

    def test_rally_day_fills_then_wait_lists(self):
        """The first visitor takes the only seat and is confirmed; the next one is told on the
        event page that the rally is full, registers anyway and reads that they are on the
        waiting list."""
        warned = self.register("Lucie Martin", "lucie.martin@example.org", "Comptable")
        self.assertFalse(warned, "the rally was announced full before anyone registered")
        self.assertShows(self.find(".o_pepites_confirmed"),
                         "Lucie Martin : votre inscription est confirmée")

        warned = self.register("Marc Petit", "marc.petit@example.org", "Technicien de maintenance")
        self.assertEqual(len(warned), 1, "the full rally did not say so before registering")
        self.assertIn("Cet événement est complet", warned[0])
        waiting = self.find(".o_pepites_waiting")
        self.assertShows(waiting, "Marc Petit : l'événement est complet, vous êtes sur la "
                                  "liste d'attente")
        self.assertFalse(self.driver.find_elements_by_css_selector(".o_pepites_confirmed"))
        self.final_page("2-rally-wait-listed")

        with self.orm(commit=False) as env:
            registrations = env["event.registration"].search(
                [("event_id", "=", self.rally.id)], order="id")
            self.assertEqual([(r.email, r.state) for r in registrations],
                             [("lucie.martin@example.org", "open"),
                              ("marc.petit@example.org", "waiting")])
            self.assertTrue(all(registrations.mapped("in_career_change")))
            self.assertEqual(self.rally.seats_waiting, 1)
