"""The website, the portal and XML-RPC, over HTTP on the test server."""
import xmlrpc.client

from odoo.tests.common import at_install, post_install
from odoo.tools import mute_logger

from odoo.addons.pepites_partners.tests.common import PrintAssertions, pdf_text

from .common import TrainingHttpCase

@at_install(False)
@post_install(True)
class TestSlideCompletionHttp(TrainingHttpCase):
    def test_learner_completes_module_from_the_website(self):
        """A logged-in learner sees the button on the slide page; completing both slides over
        JSON completes the module."""
        self.authenticate("training_learner", "training_learner")
        page = self.url_open("/slides/slide/%s" % self.slide_1.id)
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_pepites_slide_complete", page.text)
        response = self.json_call("/slides/slide/%s/pepites_complete" % self.slide_1.id)
        self.assertEqual(response["result"]["completed"], [self.slide_1.id])
        completion = self.env["pepites.module.completion"].search(
            [("module_id", "=", self.module.id), ("partner_id", "=", self.employee_a2.id)])
        self.assertEqual(completion.state, "in_progress")
        response = self.json_call("/slides/slide/%s/pepites_complete" % self.slide_2.id)
        self.assertEqual(response["result"]["modules"], [self.module.name])
        self.assertEqual(completion.state, "completed")
        page = self.url_open("/slides/slide/%s" % self.slide_2.id)
        self.assertNotIn("hidden\">\n                    <i class=\"fa fa-check\"", page.text)

    def test_draft_slide_and_anonymous_visitor(self):
        """A draft slide cannot be completed; an anonymous visitor gets an error and no
        completion is written."""
        self.authenticate("training_learner", "training_learner")
        response = self.json_call("/slides/slide/%s/pepites_complete" % self.slide_draft.id)
        self.assertIn("error", response)
        self.authenticate(None, None)
        self.opener.cookies.clear()
        response = self.json_call("/slides/slide/%s/pepites_complete" % self.slide_1.id)
        self.assertIn("error", response)
        self.assertFalse(self.env["pepites.slide.completion"].search(
            [("slide_id", "in", (self.slide_1 | self.slide_draft).ids)]))

@at_install(False)
@post_install(True)
class TestCatalogueHttp(TrainingHttpCase):
    def setUp(self):
        super(TestCatalogueHttp, self).setUp()
        Offer = self.env["pepites.training.offer"]
        self.offer_vae = Offer.create({
            "name": "VAE ETAIE accompagnée", "modality": "vae", "website_published": True,
            "provider_id": self.afpa.id,
            "department_id": self.dep_16.id, "certification_id": self.etaie.id,
            "block_ids": [(6, 0, self.etaie_blocks.ids)]})
        self.offer_vr = Offer.create({
            "name": "Module réalité virtuelle débroussaillage", "modality": "vr",
            "website_published": True, "department_id": self.dep_24.id})
        self.offer_draft = Offer.create({"name": "Projet confidentiel", "modality": "afest"})

    def test_catalogue_lists_published_offers(self):
        """The public catalogue lists published offers, filters by modality, hides drafts."""
        page = self.url_open("/training/catalogue")
        self.assertEqual(page.status_code, 200)
        self.assertIn("VAE ETAIE accompagnée", page.text)
        self.assertIn("AFPA Test", page.text)
        self.assertIn("Module réalité virtuelle débroussaillage", page.text)
        self.assertNotIn("Projet confidentiel", page.text)
        page = self.url_open("/training/catalogue?modality=vr&department=nonsense")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("VAE ETAIE accompagnée", page.text)
        self.assertIn("Module réalité virtuelle débroussaillage", page.text)

    def test_offer_page(self):
        """A published offer has a public page with its blocks; a draft one is refused."""
        page = self.url_open("/training/offer/%s" % self.offer_vae.id)
        self.assertEqual(page.status_code, 200)
        self.assertIn("ETAIE-B4", page.text)
        page = self.url_open("/training/offer/%s" % self.offer_draft.id)
        self.assertEqual(page.status_code, 404)
        self.assertNotIn("Projet confidentiel", page.text)

@at_install(False)
@post_install(True)
class TestPortalHttp(PrintAssertions, TrainingHttpCase):
    def setUp(self):
        super(TestPortalHttp, self).setUp()
        self.registration_a = self.env["pepites.training.registration"].create({
            "session_id": self.training_session.id, "partner_id": self.employee_a.id,
            "employer_id": self.siae_a.id})
        self.registration_b = self.env["pepites.training.registration"].create({
            "session_id": self.training_session.id, "partner_id": self.employee_b.id,
            "employer_id": self.siae_b.id})
        self.training_session.action_confirm()
        self.training_session.action_generate_attendance()
        self.training_session.action_done()
        self.env["pepites.alternance"].create({
            "apprentice_id": self.employee_a2.id, "employer_id": self.siae_a.id,
            "certification_id": self.eti.id, "date_start": "2023-01-09",
            "date_end": "2024-01-31"})
        self.env["pepites.vae"].create({
            "candidate_id": self.employee_b.id, "employer_id": self.siae_b.id,
            "certification_id": self.etaie.id})

    def test_siae_sees_its_employees_only(self):
        """/my/trainings shows the SIAE's own employees' enrolments and contracts, never
        another SIAE's; the home page links to it."""
        self.authenticate("training_siae_a", "training_siae_a")
        home = self.url_open("/my/home")
        self.assertIn("/my/trainings", home.text)
        page = self.url_open("/my/trainings")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Annie Apprentie", page.text)
        self.assertIn("Armand Encadrant", page.text)
        self.assertNotIn("Bertrand Salarié", page.text)
        self.assertIn("/my/trainings/attestation/%s" % self.registration_a.id, page.text)

    def test_attestation_download_is_isolated(self):
        """A SIAE downloads the attestation of its employee as the back office prints it (one
        document under INAÉ's letterhead, "Page 1 / 1"), not another SIAE's (404)."""
        self.authenticate("training_siae_a", "training_siae_a")
        response = self.url_open("/my/trainings/attestation/%s" % self.registration_a.id)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertPrinted(response.content, ["Annie Apprentie"])
        response = self.url_open("/my/trainings/attestation/%s" % self.registration_b.id)
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("Bertrand", response.text)
        response = self.url_open("/my/trainings/attestation/999999")
        self.assertEqual(response.status_code, 404)

    def test_partner_api_user_sees_nothing_personal(self):
        """A partner API user's portal shows no training record."""
        self.authenticate("training_api", "training_api")
        page = self.url_open("/my/trainings")
        self.assertEqual(page.status_code, 200)
        for name in ("Annie Apprentie", "Bertrand Salarié", "Armand Encadrant"):
            self.assertNotIn(name, page.text)

@at_install(False)
@post_install(True)
class TestXmlRpc(TrainingHttpCase):
    def test_partner_api_reads_catalogue_not_people(self):
        """Over XML-RPC a partner reads published offers and certifications, and is refused
        the alternance contracts."""
        self.env["pepites.training.offer"].create(
            {"name": "ETI alternance Pau", "modality": "alternance", "website_published": True,
             "department_id": self.dep_64.id})
        offers = self.xmlrpc(self.user_api, "pepites.training.offer", "search_read",
                             [], fields=["name", "modality"])
        self.assertIn("ETI alternance Pau", [offer["name"] for offer in offers])
        certifications = self.xmlrpc(self.user_api, "pepites.certification", "search_read",
                                     [("code", "=", "ETAIE")], fields=["block_ids", "vae_count"])
        self.assertEqual(len(certifications[0]["block_ids"]), 4)
        with self.assertRaises(xmlrpc.client.Fault):
            self.xmlrpc(self.user_api, "pepites.alternance", "search_read", [])

    @mute_logger("odoo.sql_db")
    def test_bad_input_is_refused_with_nothing_written(self):
        """Bad input over XML-RPC is refused with a message in French and writes nothing."""
        context = {"lang": "fr_FR"}
        values = {"apprentice_id": self.employee_a.id, "employer_id": self.siae_a.id,
                  "certification_id": self.eti.id, "session_id": self.alternance_session.id,
                  "date_start": "2023-01-09", "date_end": "2024-01-31"}
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.xmlrpc(self.user_staff, "pepites.alternance", "create",
                        dict(values, weekly_hours=60), context=context)
        self.assertIn("heures hebdomadaires", caught.exception.faultString)
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.xmlrpc(self.user_staff, "pepites.alternance", "create",
                        dict(values, date_end="2022-01-01"), context=context)
        self.assertIn("après", caught.exception.faultString)
        self.xmlrpc(self.user_staff, "pepites.alternance", "create", values, context=context)
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.xmlrpc(self.user_staff, "pepites.alternance", "create", values, context=context)
        self.assertIn("déjà inscrit", caught.exception.faultString)
        self.assertEqual(self.env["pepites.alternance"].search_count(
            [("apprentice_id", "=", self.employee_a.id)]), 1)
        vae = self.env["pepites.vae"].create({
            "candidate_id": self.employee_a.id, "employer_id": self.siae_a.id,
            "certification_id": self.etaie.id, "jury_date": "2023-10-10"})
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.xmlrpc(self.user_staff, "pepites.vae.block.result", "create",
                        {"vae_id": vae.id, "block_id": self.eti_blocks[0].id,
                         "result": "validated"}, context=context)
        self.assertIn("n'est pas un bloc", caught.exception.faultString)
        self.assertFalse(vae.block_result_ids)
        registration = self.env["pepites.training.registration"].create({
            "session_id": self.training_session.id, "partner_id": self.employee_a.id,
            "employer_id": self.siae_a.id})
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.xmlrpc(self.user_staff, "pepites.training.attendance", "create",
                        {"registration_id": registration.id, "date": "2023-04-01"},
                        context=context)
        self.assertIn("en dehors des dates de la session", caught.exception.faultString)
        self.assertFalse(registration.attendance_ids)
        alternance = self.env["pepites.alternance"].search(
            [("apprentice_id", "=", self.employee_a.id)])
        alternance.action_sign()
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.xmlrpc(self.user_staff, "pepites.alternance", "action_rupture",
                        alternance.ids, "2025-01-01", "mutual", context=context)
        self.assertIn("doit être datée pendant le contrat", caught.exception.faultString)
        self.assertEqual(alternance.state, "signed")
        self.xmlrpc(self.user_staff, "pepites.alternance", "action_rupture",
                    alternance.ids, "2023-03-01", "mutual", context=context)
        self.assertEqual((alternance.state, alternance.rupture_date), ("rupture", "2023-03-01"))

    def test_siae_cannot_reach_another_siae_over_xmlrpc(self):
        """A SIAE user's XML-RPC search only returns its own employees' contracts."""
        mine = self.env["pepites.alternance"].create({
            "apprentice_id": self.employee_a.id, "employer_id": self.siae_a.id,
            "certification_id": self.eti.id})
        other = self.env["pepites.alternance"].create({
            "apprentice_id": self.employee_b.id, "employer_id": self.siae_b.id,
            "certification_id": self.eti.id})
        ids = self.xmlrpc(self.user_siae_a, "pepites.alternance", "search", [])
        self.assertEqual(ids, [mine.id])
        with self.assertRaises(xmlrpc.client.Fault):
            self.xmlrpc(self.user_siae_a, "pepites.alternance", "read", [other.id], ["name"])

@at_install(False)
@post_install(True)
class TestAttestationPdf(PrintAssertions, TrainingHttpCase):
    """Attestations printed by INAÉ staff, through the report action and its HTTP route."""

    def setUp(self):
        super(TestAttestationPdf, self).setUp()
        self.registrations = self.env["pepites.training.registration"].concat(*[
            self.env["pepites.training.registration"].create({
                "session_id": self.training_session.id, "partner_id": partner.id,
                "employer_id": partner.parent_id.id})
            for partner in (self.employee_a, self.employee_a2, self.employee_b)])
        self.training_session.action_confirm()
        self.training_session.action_generate_attendance()
        self.training_session.action_done()
        self.names = self.registrations.mapped("partner_id.name")

    def test_three_attestations_one_pdf(self):
        """Three attestations give one PDF of three documents, each from a new page under
        INAÉ's letterhead with "Page 1 / 1", naming its own learner only (Odoo 11 on Debian's
        wkhtmltopdf gave an empty PDF)."""
        report = self.env.ref("pepites_training.report_training_attestation")
        pdf = report.render_qweb_pdf(self.registrations.ids)[0]
        documents = self.assertPrinted(pdf, self.names)
        for document in documents:
            self.assertIn("Maraîchage biologique", document[0])

    def test_attestation_signature_block(self):
        """The attestation is signed by INAÉ: its signatory's name and function, the place
        and date, and the box for the stamp and the signature, in French."""
        registration = self.registrations[0]
        registration.partner_id.lang = "fr_FR"
        company = self.env.user.company_id
        company.write({"pepites_signatory_name": "Claire Signataire",
                       "pepites_signatory_function": "Directrice"})
        report = self.env.ref("pepites_training.report_training_attestation")
        pdf = report.render_qweb_pdf(registration.ids)[0]
        self.assertPrinted(pdf, [registration.partner_id.name])
        text = " ".join(pdf_text(pdf).split())
        for expected in ("Attestation de formation", "%s atteste que" % company.name,
                         "Fait à %s, le" % company.city, "Claire Signataire", "Directrice",
                         "Cachet et signature"):
            self.assertIn(expected, text)

    def test_staff_prints_three_attestations_over_http(self):
        """INAÉ staff printing three attestations from the back office get the same PDF."""
        self.authenticate("training_staff", "training_staff")
        response = self.url_open(
            "/report/pdf/pepites_training.report_training_attestation_document/%s"
            % ",".join(map(str, self.registrations.ids)))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertPrinted(response.content, self.names)
