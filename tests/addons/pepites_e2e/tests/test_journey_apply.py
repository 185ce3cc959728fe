import base64
import os
import tempfile

from odoo.tests.common import at_install, post_install

from .browser import BrowserCase
from .common import PDF, create_siae, published_offer


@at_install(False)
@post_install(True)
class TestJourneyApply(BrowserCase):
    """Journey 1: a visitor finds an ETI offer on the JobBoard and applies with a CV."""

    def setUp(self):
        super(TestJourneyApply, self).setUp()
        with self.orm() as env:
            staff = env.ref("pepites_partners.user_staff_demo")
            landes = create_siae(env, "Chantier des Landes E2E", "pepites_partners.department_40",
                                 "Mont-de-Marsan")
            gironde = create_siae(env, "Recyclerie de Gironde E2E",
                                  "pepites_partners.department_33", "Bordeaux")
            self.offer = published_offer(env, landes, "Encadrant technique maraîchage E2E",
                                         staff)
            self.elsewhere = published_offer(env, gironde, "Encadrant technique réemploi E2E",
                                             staff)
            # what the browser part compares, read now: the test's records are not read while
            # the browser is served (see BrowserCase.orm)
            self.offer_name, self.elsewhere_name = self.offer.name, self.elsewhere.name
        handle, self.cv_path = tempfile.mkstemp(prefix="cv-", suffix=".pdf")
        with os.fdopen(handle, "wb") as cv:
            cv.write(PDF)
        self.addCleanup(os.unlink, self.cv_path)

    def test_visitor_finds_an_eti_offer_and_applies_with_a_cv(self):
        """A visitor filters the JobBoard by département and job family (ETI), sees the offer
        of the Landes and not the one of Gironde, opens it, applies with a PDF CV chosen in
        the file input, and reads the confirmation; the application reaches the employer with
        the CV attached."""
        self.visit("/jobs")
        self.find_text("h1", "Travailler dans l’insertion")
        self.fill({"department": "40", "job_family": "eti"})
        self.submit(self.find(".o_pepites_board_filters button[type=submit]"))
        self.assertIn("department=40", self.driver.current_url)
        listed = [link.text for link in self.driver.find_elements_by_css_selector(
            ".o_pepites_offer h3 a")]
        self.assertIn(self.offer_name, listed)
        self.assertNotIn(self.elsewhere_name, listed)

        self.submit(self.find_text(".o_pepites_offer h3 a", self.offer_name))
        self.find_text("h1", self.offer_name)
        self.find_text(".o_pepites_offer_page h4", "Chantier des Landes E2E")
        self.fill({"partner_name": "Camille Durand", "email_from": "camille.durand@example.org",
                   "partner_phone": "06 12 34 56 78",
                   "description": "Encadrante depuis six ans en maraîchage, je souhaite "
                                  "rejoindre un chantier d'insertion."})
        self.find("#cv").send_keys(self.cv_path)
        # the notice of the "recruitment" activity and its consent box (issue 15)
        self.find_text("#apply .o_pepites_privacy_notice", "Vos données personnelles")
        self.find("#apply input[name=pepites_consent]").click()
        self.submit(self.find_text("#apply button[type=submit]", "Envoyer ma candidature"))
        confirmation = self.find("#apply .alert-success")
        self.assertShows(confirmation, "Merci : votre candidature a été transmise à l'employeur")
        self.final_page("1-visitor-applies")

        with self.orm(commit=False) as env:
            applicant = env["hr.applicant"].sudo().search([
                ("job_id", "=", self.offer.id), ("email_from", "=", "camille.durand@example.org")])
            self.assertEqual(len(applicant), 1)
            self.assertEqual(applicant.partner_name, "Camille Durand")
            cv = env["ir.attachment"].sudo().search([
                ("res_model", "=", "hr.applicant"), ("res_id", "=", applicant.id)])
            self.assertEqual(len(cv), 1)
            self.assertEqual(cv.datas_fname, os.path.basename(self.cv_path))
            self.assertEqual(base64.b64decode(cv.datas), PDF)
