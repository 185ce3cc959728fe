from odoo.tests import common

from .common import PASSWORD, JobsHttpCase, create_offer, day, portal_offer_form

PDF = b"%PDF-1.4\n%%EOF\n"


@common.at_install(False)
@common.post_install(True)
class TestPortal(JobsHttpCase):
    """`/my/offers`: each SIAE manages its own offers and reads its own applications."""

    def setUp(self):
        super(TestPortal, self).setUp()
        self.draft1 = create_offer(self, self.siae1, name="Brouillon des Jardins")
        self.published1 = create_offer(self, self.siae1, "published", name="ETI des Jardins")
        self.draft2 = create_offer(self, self.siae2, name="Brouillon de la Recyclerie")
        self.published2 = create_offer(self, self.siae2, "published",
                                       name="CIP de la Recyclerie")
        Applicant = self.env["hr.applicant"]
        self.applicant1 = Applicant.create({
            "name": "Candidature", "partner_name": "Léa Petit", "email_from": "lea@example.test",
            "job_id": self.published1.id})
        self.cv1 = self.env["ir.attachment"].create({
            "name": "cv-lea.pdf", "datas_fname": "cv-lea.pdf", "datas": "JVBERi0xLjQKJSVFT0YK",
            "res_model": "hr.applicant", "res_id": self.applicant1.id})
        self.applicant2 = Applicant.create({
            "name": "Candidature", "partner_name": "Tom Roux", "email_from": "tom@example.test",
            "job_id": self.published2.id})

    def form(self, **values):
        return portal_offer_form(self, **values)

    def test_anonymous_goes_to_login(self):
        """Without a session, /my/offers leads to the login page."""
        response = self.url_open("/my/offers")
        self.assertIn("/web/login", response.url)

    def test_list_own_offers_only(self):
        """siae1 lists its own offers, never siae2's."""
        self.authenticate("pj_siae1", PASSWORD)
        response = self.url_open("/my/offers")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Brouillon des Jardins", response.text)
        self.assertIn("ETI des Jardins", response.text)
        self.assertNotIn("Recyclerie", response.text)
        self.assertIn("/my/offers", self.url_open("/my").text)

    def test_other_siae_offer_not_found(self):
        """siae1 reaches neither the page nor the buttons of siae2's offers (404)."""
        self.authenticate("pj_siae1", PASSWORD)
        for offer in (self.draft2, self.published2):
            self.assertEqual(self.url_open("/my/offers/%d" % offer.id).status_code, 404)
            self.assertEqual(self.post("/my/offers/%d" % offer.id, **self.form()).status_code,
                             404)
            self.assertEqual(self.post("/my/offers/%d/submit" % offer.id).status_code, 404)
            self.assertEqual(self.post("/my/offers/%d/archive" % offer.id).status_code, 404)
        self.assertEqual(self.draft2.name, "Brouillon de la Recyclerie")
        self.assertEqual(self.draft2.pepites_state, "draft")
        self.assertEqual(self.published2.pepites_state, "published")

    def test_create_edit_submit(self):
        """siae1 creates a draft, edits it, submits it."""
        self.authenticate("pj_siae1", PASSWORD)
        self.assertEqual(self.url_open("/my/offers/new").status_code, 200)
        response = self.post("/my/offers/new", **self.form())
        self.assertIn("saved=1", response.url)
        offer = self.Job.search([("name", "=", "Coordinatrice d'ACI")])
        self.assertEqual(offer.siae_id, self.siae1)
        self.assertEqual(offer.pepites_state, "draft")
        self.assertEqual(offer.rome_code, "K1203")
        self.assertEqual(offer.salary_max, 2400)
        self.assertIn("Coordonner trois chantiers", offer.description_text)
        response = self.post("/my/offers/%d" % offer.id, **self.form(city="Orthez"))
        self.assertIn("saved=1", response.url, self.alert(response.text))
        self.assertEqual(offer.city, "Orthez")
        response = self.post("/my/offers/%d/submit" % offer.id)
        self.assertIn("done=submit", response.url)
        offer.invalidate_cache()
        self.assertEqual(offer.pepites_state, "submitted")

    def test_bad_input_rerenders(self):
        """A form with bad values comes back with a message; nothing is written."""
        self.authenticate("pj_siae1", PASSWORD)
        count = self.Job.search_count([])
        for values, message in (({"weekly_hours": "-3"}, "ne peut pas être négatif"),
                                ({"weekly_hours": "trente"}, "doit être un nombre"),
                                ({"rome_code": "ETI"}, "est invalide"),
                                ({"salary_min": "3000", "salary_max": "2000"}, "borne basse"),
                                ({"date_expire": day(-3)}, "ne peut pas être passée")):
            response = self.post("/my/offers/new", **self.form(**values))
            self.assertEqual(response.status_code, 200)
            self.assertIn(message, response.text)
        self.assertEqual(self.Job.search_count([]), count)
        response = self.post("/my/offers/%d" % self.draft1.id, **self.form(weekly_hours="99"))
        self.assertIn("ne peut pas dépasser", response.text)
        self.assertEqual(self.draft1.weekly_hours, 35)

    def test_published_offer_not_editable(self):
        """A published offer cannot be edited from the portal; it can be marked filled."""
        self.authenticate("pj_siae1", PASSWORD)
        self.assertIn('name="description"', self.url_open("/my/offers/%d" % self.draft1.id).text,
                      "a draft shows its edit form")
        self.assertNotIn('name="description"',
                         self.url_open("/my/offers/%d" % self.published1.id).text)
        response = self.post("/my/offers/%d" % self.published1.id, **self.form(name="Changé"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("seule une offre en brouillon ou refusée peut être modifiée",
                      response.text)
        self.assertEqual(self.published1.name, "ETI des Jardins")
        response = self.post("/my/offers/%d/filled" % self.published1.id)
        self.assertIn("done=filled", response.url)
        self.published1.invalidate_cache()
        self.assertEqual(self.published1.pepites_state, "filled")
        self.assertFalse(self.published1.website_published)
        # a draft cannot be marked filled: message, no change
        response = self.post("/my/offers/%d/filled" % self.draft1.id)
        self.assertIn("ne peut pas être marquée pourvue", response.text)

    def test_applicants_isolation(self):
        """siae1 sees the applications to its offers and downloads their CV; siae2 sees
        neither."""
        self.authenticate("pj_siae1", PASSWORD)
        page = self.url_open("/my/offers/%d" % self.published1.id).text
        self.assertIn("Léa Petit", page)
        self.assertIn("lea@example.test", page)
        self.assertNotIn("Tom Roux", page)
        cv = self.url_open("/web/content/%d?download=true" % self.cv1.id)
        self.assertEqual(cv.status_code, 200)
        self.assertEqual(cv.content, b"%PDF-1.4\n%%EOF\n")
        self.authenticate("pj_siae2", PASSWORD)
        page = self.url_open("/my/offers/%d" % self.published2.id).text
        self.assertIn("Tom Roux", page)
        self.assertNotIn("Léa Petit", page)
        self.assertNotEqual(self.url_open("/web/content/%d?download=true" % self.cv1.id
                                          ).status_code, 200)

    def test_staff_and_partner_have_no_siae_portal(self):
        """Users who are not of a SIAE are sent back to /my."""
        self.authenticate("pj_partner", PASSWORD)
        response = self.url_open("/my/offers")
        self.assertNotIn("/my/offers", response.url)
