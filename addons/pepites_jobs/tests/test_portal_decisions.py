import re

from odoo.tests import common
from odoo.tools import mute_logger

from .common import PASSWORD, JobsHttpCase, create_offer, portal_offer_form


@common.at_install(False)
@common.post_install(True)
class TestPortalDecisions(JobsHttpCase):
    """`/my/offers` (issue 16): "Save and submit" in one request, confirmations before the
    actions that take an offer off the board, and the SIAE's decision on each application."""

    def setUp(self):
        super(TestPortalDecisions, self).setUp()
        self.draft1 = create_offer(self, self.siae1, name="Brouillon des Jardins")
        self.published1 = create_offer(self, self.siae1, "published", name="ETI des Jardins")
        self.published2 = create_offer(self, self.siae2, "published",
                                       name="CIP de la Recyclerie")
        Applicant = self.env["hr.applicant"]
        self.applicant1 = Applicant.create({
            "name": "Candidature", "partner_name": "Léa Petit", "email_from": "lea@example.test",
            "job_id": self.published1.id})
        self.applicant2 = Applicant.create({
            "name": "Candidature", "partner_name": "Tom Roux", "email_from": "tom@example.test",
            "job_id": self.published2.id})
        self.authenticate("pj_siae1", PASSWORD)

    def form(self, **values):
        return portal_offer_form(self, **values)

    def mails(self, applicant):
        return self.env["mail.mail"].search([("model", "=", "hr.applicant"),
                                             ("res_id", "=", applicant.id)])

    def title(self, page):
        return re.search(r"<title>(.*?)</title>", page, re.S).group(1).strip()

    # ------------------------------------------------------------ save and submit

    def test_new_offer_save_and_submit(self):
        """"Enregistrer et soumettre" on a new offer creates it and submits it at once."""
        page = self.url_open("/my/offers/new").text
        self.assertIn("Enregistrer et soumettre", page)
        self.assertIn("Enregistrer le brouillon", page)
        self.assertTrue(self.title(page).startswith("Nouvelle offre d"), self.title(page))
        response = self.post("/my/offers/new", save_and_submit="1", **self.form())
        self.assertIn("done=submit", response.url)
        self.assertIn("a été soumise", response.text)
        offer = self.Job.search([("name", "=", "Coordinatrice d'ACI")])
        self.assertEqual(offer.siae_id, self.siae1)
        self.assertEqual(offer.pepites_state, "submitted")

    def test_edit_save_and_submit(self):
        """The edit form's "Enregistrer et soumettre" saves the changes, then submits."""
        page = self.url_open("/my/offers/%d" % self.draft1.id).text
        self.assertIn("Enregistrer et soumettre", page)
        self.assertNotIn("Soumettre pour publication", page, "no separate submit form")
        response = self.post("/my/offers/%d" % self.draft1.id, save_and_submit="1",
                             **self.form(name="Brouillon modifié", city="Orthez"))
        self.assertIn("done=submit", response.url, self.alert(response.text))
        self.draft1.invalidate_cache()
        self.assertEqual(self.draft1.pepites_state, "submitted")
        self.assertEqual(self.draft1.name, "Brouillon modifié")
        self.assertEqual(self.draft1.city, "Orthez")

    def test_save_and_submit_refused_writes_nothing(self):
        """A submission refused (an incomplete offer) saves nothing either: a French message,
        the form again with what the user typed."""
        count = self.Job.search_count([])
        response = self.post("/my/offers/new", save_and_submit="1",
                             **self.form(name="Offre sans description", description=""))
        self.assertEqual(response.status_code, 200)
        self.assertIn("est incomplète", response.text)
        self.assertIn('value="Offre sans description"', response.text)
        self.assertEqual(self.Job.search_count([]), count)
        response = self.post("/my/offers/%d" % self.draft1.id, save_and_submit="1",
                             **self.form(city="Orthez", description=""))
        self.assertIn("est incomplète", response.text)
        self.assertIn('value="Orthez"', response.text)
        self.draft1.invalidate_cache()
        self.assertEqual(self.draft1.city, "Pau", "the save was rolled back with the submit")
        self.assertEqual(self.draft1.pepites_state, "draft")
        # a bad value: neither saved nor submitted
        response = self.post("/my/offers/%d" % self.draft1.id, save_and_submit="1",
                             **self.form(weekly_hours="99"))
        self.assertIn("ne peut pas dépasser", response.text)
        self.draft1.invalidate_cache()
        self.assertEqual(self.draft1.pepites_state, "draft")

    # ------------------------------------------------------------ confirmations

    def test_filled_and_archive_ask_first(self):
        """"Pourvue" and "Archiver" open a window that says what happens, whose button posts
        the form with its CSRF token; the POST does the action."""
        page = self.url_open("/my/offers/%d" % self.published1.id).text
        for modal, action in (("pepites_confirm_filled", "filled"),
                              ("pepites_confirm_archive", "archive")):
            self.assertIn('data-target="#%s"' % modal, page)
            block = page[page.index('id="%s"' % modal):]
            block = block[:block.index("</form>")]
            self.assertIn('action="/my/offers/%d/%s"' % (self.published1.id, action), block)
            self.assertIn('name="csrf_token"', block)
        self.assertIn("quitte le JobBoard", page)
        self.assertIn("Les candidatures restent", page)
        response = self.post("/my/offers/%d/filled" % self.published1.id)
        self.assertIn("done=filled", response.url)
        self.published1.invalidate_cache()
        self.assertEqual(self.published1.pepites_state, "filled")
        response = self.post("/my/offers/%d/archive" % self.published1.id)
        self.assertIn("done=archive", response.url)
        self.published1.invalidate_cache()
        self.assertEqual(self.published1.pepites_state, "archived")

    def test_actions_stay_csrf_protected_and_own(self):
        """Without the CSRF token the POST is refused; another SIAE's offer is not found."""
        with mute_logger("odoo.http"):
            response = self.url_open("/my/offers/%d/filled" % self.published1.id,
                                     data={"x": "1"})
        self.assertEqual(response.status_code, 400)
        for action in ("filled", "archive"):
            self.assertEqual(
                self.post("/my/offers/%d/%s" % (self.published2.id, action)).status_code, 404)
        self.published1.invalidate_cache()
        self.published2.invalidate_cache()
        self.assertEqual(self.published1.pepites_state, "published")
        self.assertEqual(self.published2.pepites_state, "published")

    # ------------------------------------------------------------ decisions on applications

    def test_accept_and_refuse_an_application(self):
        """siae1 accepts then refuses an application to its offer: statuses on the page, the
        applicant told each time."""
        url = "/my/offers/%d/applicants/%d" % (self.published1.id, self.applicant1.id)
        page = self.url_open("/my/offers/%d" % self.published1.id).text
        self.assertIn("pepites_accept_%d" % self.applicant1.id, page)
        self.assertIn("Nouvelle", page)
        response = self.post(url, decision="accept")
        self.assertIn("decided=accept", response.url)
        self.assertIn("Acceptée", response.text)
        self.applicant1.invalidate_cache()
        self.assertEqual(self.applicant1.pepites_siae_status, "accepted")
        self.assertEqual(self.mails(self.applicant1).mapped("email_to"), ["lea@example.test"])
        response = self.post(url, decision="refuse", reason="filled", message="Merci !")
        self.assertIn("decided=refuse", response.url)
        self.assertIn("Poste pourvu", response.text)
        self.applicant1.invalidate_cache()
        self.assertEqual(self.applicant1.pepites_siae_status, "refused")
        self.assertEqual(self.applicant1.pepites_refusal_message, "Merci !")
        self.assertEqual(len(self.mails(self.applicant1)), 2)
        # the same decision again: a message, nothing sent
        response = self.post(url, decision="refuse", reason="other")
        self.assertIn("est déjà refusée", response.text)
        self.assertEqual(len(self.mails(self.applicant1)), 2)

    def test_bad_reason_comes_back_in_its_window(self):
        """A reason not in the list: the French message in the refusal's window (opened),
        the message typed kept, nothing written nor sent."""
        response = self.post("/my/offers/%d/applicants/%d" % (
            self.published1.id, self.applicant1.id), decision="refuse", reason="insulte",
            message="Mon message <script>alert(1)</script>")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Choisissez le motif du refus dans la liste", response.text)
        self.assertIn("$('#pepites_refuse_%d').modal('show')" % self.applicant1.id,
                      response.text)
        self.assertIn("Mon message &lt;script&gt;alert(1)&lt;/script&gt;", response.text)
        self.assertNotIn("<script>alert(1)", response.text)
        self.applicant1.invalidate_cache()
        self.assertEqual(self.applicant1.pepites_siae_status, "new")
        self.assertFalse(self.mails(self.applicant1))

    def test_other_siae_applicant_not_found(self):
        """Another SIAE's application, through its offer or through one's own: 404, nothing
        written."""
        for offer, applicant in ((self.published2, self.applicant2),
                                 (self.published1, self.applicant2)):
            response = self.post("/my/offers/%d/applicants/%d" % (offer.id, applicant.id),
                                 decision="accept")
            self.assertEqual(response.status_code, 404)
        self.assertEqual(self.post("/my/offers/%d/applicants/999999" % self.published1.id,
                                   decision="accept").status_code, 404)
        self.applicant2.invalidate_cache()
        self.assertEqual(self.applicant2.pepites_siae_status, "new")
        self.assertFalse(self.mails(self.applicant2))

    # ------------------------------------------------------------ phone layout, titles

    def test_cards_and_french_titles(self):
        """The offers and applicants tables become cards on a phone (labelled cells), the CV
        link is in its own labelled cell, and every /my/offers page has a French title."""
        cv = self.env["ir.attachment"].create({
            "name": "cv-lea.pdf", "datas_fname": "cv-lea.pdf", "datas": "JVBERi0xLjQKJSVFT0YK",
            "res_model": "hr.applicant", "res_id": self.applicant1.id})
        page = self.url_open("/my/offers").text
        self.assertIn("pepites-cards", page)
        self.assertIn('<span class="pepites-card-label">Statut</span>', page)
        self.assertRegex(page, r'o_pepites_new_applications"[^>]*>1 ', "1 new application")
        self.assertTrue(self.title(page).startswith("Mes offres d"), self.title(page))
        page = self.url_open("/my/offers/%d" % self.published1.id).text
        self.assertTrue(self.title(page).startswith("ETI des Jardins"), self.title(page))
        applicants = page[page.index("o_pepites_applicants"):]
        self.assertIn("pepites-cards", page[page.index("<table", page.index('id="applicants"')):])
        self.assertRegex(applicants, r'<span class="pepites-card-label">CV</span><a [^>]*'
                                     r'href="/web/content/%d' % cv.id)
        self.assertIn('<span class="pepites-card-label">Décision</span>', applicants)
        self.assertIn("Nouvelle offre</li>", self.url_open("/my/offers/new").text)
