import re

from odoo.tests import common
from odoo.tools import mute_logger

from .common import JobsHttpCase, create_offer, day

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@common.at_install(False)
@common.post_install(True)
class TestApplication(JobsHttpCase):
    """Applying online to a published offer."""

    def setUp(self):
        super(TestApplication, self).setUp()
        self.offer = create_offer(self, self.siae1, "published")
        self.Applicant = self.env["hr.applicant"].with_context(active_test=False)

    def apply(self, offer=None, files=None, lang="", **values):
        offer = offer or self.offer
        data = {"partner_name": "Léa Petit", "email_from": "lea.petit@example.test",
                "partner_phone": "06 12 34 56 78",
                "description": "Reconvertie après quinze ans dans le bâtiment.",
                "pepites_consent": "1"}
        data.update(values)
        return self.post("%s/jobs/apply/%d" % (lang, offer.id), files=files, **data)

    def applicants(self, offer=None):
        return self.Applicant.search([("job_id", "=", (offer or self.offer).id)])

    def test_apply_with_cv(self):
        """A visitor applies with a PDF CV: an application of the offer holds the values and
        the CV, the confirmation email is queued for them and a notice for the SIAE."""
        response = self.apply(files={"cv": ("cv-lea-petit.pdf", PDF, "application/pdf")})
        self.assertEqual(response.status_code, 200)
        self.assertIn("applied=1", response.url)
        applicant = self.applicants()
        self.assertEqual(len(applicant), 1)
        self.assertEqual(applicant.partner_name, "Léa Petit")
        self.assertEqual(applicant.email_from, "lea.petit@example.test")
        self.assertEqual(applicant.partner_phone, "06 12 34 56 78")
        self.assertIn("bâtiment", applicant.description)
        self.assertEqual(applicant.siae_id, self.siae1)
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "hr.applicant"), ("res_id", "=", applicant.id)])
        self.assertEqual(attachment.datas_fname, "cv-lea-petit.pdf")
        mails = self.env["mail.mail"].search([("model", "=", "hr.applicant"),
                                              ("res_id", "=", applicant.id)])
        self.assertEqual(set(mails.mapped("email_to")),
                         {"lea.petit@example.test", "contact@jardins-bearn.test"})
        self.assertEqual(set(mails.mapped("state")), {"outgoing"}, "queued, not sent inline")
        self.offer.invalidate_cache()
        self.assertEqual(self.offer.pepites_application_count, 1)

    def test_bad_cv(self):
        """An image, an executable or a file too large is refused with a message on the
        page; nothing is created."""
        for name, content in (("cv.pdf", PNG), ("cv.exe", b"MZ\x90\x00" + b"\x00" * 64),
                              ("cv.doc", PDF)):
            response = self.apply(files={"cv": (name, content, "application/octet-stream")})
            self.assertEqual(response.status_code, 200)
            self.assertIn("Le CV doit être un document PDF", response.text)
        self.env["ir.config_parameter"].set_param("pepites_jobs.cv_max_size_mb", "0.001")
        response = self.apply(files={"cv": ("cv.pdf", PDF + b" " * 2000, "application/pdf")})
        self.assertIn("Le CV est trop volumineux", response.text)
        self.assertFalse(self.applicants())
        self.assertIn("Léa Petit", response.text, "the form keeps what was typed")

    def test_bad_fields(self):
        """A missing name, a bad email or phone re-render the form with a message in the
        language of the site (French); nothing is created."""
        for values, message in (({"partner_name": ""}, "Indiquez votre nom"),
                                ({"email_from": "lea.petit"}, "est invalide"),
                                ({"partner_phone": "appelez-moi"}, "est invalide"),
                                ({"description": "x" * 5001}, "Votre message est trop long")):
            response = self.apply(**values)
            self.assertEqual(response.status_code, 200)
            self.assertIn(message, response.text)
            self.assertIn("alert-danger", response.text)
        self.assertNotIn("is invalid", response.text, "no English source left")
        self.assertFalse(self.applicants())

    def test_twice(self):
        """An address that already applied to the offer gets exactly the answer of a new
        applicant (the thank-you page, nothing about the earlier application), no second
        application is written (nor its CV), and the owner of the address is mailed "you had
        already applied". It used to answer "you have already applied" to anyone typing the
        address."""
        self.apply()
        first = self.applicants()
        again = self.apply(partner_name="Léa P.", email_from="LEA.PETIT@example.test",
                           description="Une autre lettre.",
                           files={"cv": ("cv-2.pdf", PDF, "application/pdf")})
        fresh = self.apply(email_from="marc.durand@example.test")
        self.assertEqual(again.status_code, 200)
        self.assertEqual(again.url, fresh.url)
        self.assertIn("applied=1", again.url)
        self.assertIsNone(self.alert(again.text))
        self.assertNotIn("déjà", again.text)
        token = re.compile(r"[0-9a-f]{40}o[0-9]+")
        self.assertEqual(token.sub("", again.text), token.sub("", fresh.text))
        self.assertEqual(len(self.applicants()), 2)
        self.assertEqual(self.applicants().filtered(
            lambda applicant: applicant.email_from.lower() == "lea.petit@example.test"), first)
        self.assertEqual((first.partner_name, first.description[:12]),
                         ("Léa Petit", "Reconvertie "))
        self.assertFalse(self.env["ir.attachment"].search(
            [("res_model", "=", "hr.applicant"), ("datas_fname", "=", "cv-2.pdf")]))
        mails = self.env["mail.mail"].search([("model", "=", "hr.applicant"),
                                              ("res_id", "=", first.id)])
        already = mails.filtered(lambda mail: "déjà postulé" in (mail.subject or ""))
        self.assertEqual(len(already), 1, mails.mapped("subject"))
        self.assertEqual(already.email_to, "lea.petit@example.test")
        self.assertEqual(already.state, "outgoing", "queued, not sent inline")
        self.assertEqual(len(mails - already), 2,
                         "the first application's confirmation and SIAE notice, no other")

    def test_similar_address_applies(self):
        """Addresses are compared whole: "_" and "%" are no wildcards, so lea_petit@ is not
        taken for the earlier application of leaxpetit@, nor %@example.test for anyone's."""
        self.apply(email_from="leaxpetit@example.test")
        self.apply(email_from="lea_petit@example.test")
        self.apply(email_from="%@example.test")
        self.assertEqual(sorted(self.applicants().mapped("email_from")),
                         ["%@example.test", "lea_petit@example.test", "leaxpetit@example.test"])

    def test_expired_offer(self):
        """Applying to an offer past its date (or filled) is not found; nothing is created."""
        self.url_open("/jobs")  # builds the page assets once (a 404 would roll them back)
        self.offer.write({"date_published": day(-40), "date_expire": day(-1)})
        response = self.apply()
        self.assertEqual(response.status_code, 404)
        filled = create_offer(self, self.siae1, "filled", name="Pourvu")
        response = self.apply(offer=filled)
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.applicants() | self.applicants(filled))

    @mute_logger("odoo.http", "odoo.addons.website.models.ir_ui_view")
    def test_without_csrf(self):
        """A post without the form's token is rejected."""
        response = self.url_open("/jobs/apply/%d" % self.offer.id, data={
            "partner_name": "Robot", "email_from": "robot@example.test"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.applicants())

    def test_generic_form_refused(self):
        """The generic website form cannot create an application to a SIAE offer (it would
        skip the CV checks)."""
        self.post("/website_form/hr.applicant", partner_name="Robot",
                  email_from="robot@example.test", job_id=self.offer.id)
        self.assertFalse(self.applicants())
