from unittest import mock

from odoo.exceptions import UserError
from odoo.tests.common import at_install, post_install
from odoo.tools import mute_logger

from odoo.addons.pepites_partners.tests.common import (
    PrintAssertions, pdf_pages, pdf_text, render_pdf)

from .events_common import PathwaysCase, PathwaysHttpCase, immersion_values

CONVENTION = "pepites_jobs.report_pepites_immersion_convention"
ASSESSMENT = "pepites_jobs.report_pepites_immersion_assessment"
#: where the report override finds wkhtmltopdf: pointed at a binary that prints nothing
WKHTMLTOPDF_BIN = "odoo.addons.base.ir.ir_actions_report._get_wkhtmltopdf_bin"
REPORT_LOGGER = "odoo.addons.pepites_partners.models.ir_actions_report"


def three_immersions(case):
    """Three immersions of three beneficiaries, the last one hosted by SIAE B."""
    Partner = case.env["res.partner"]
    people = [case.person] + [Partner.create({"name": name}) for name in (
        "Nadège Immersion", "Octave Découverte")]
    return case.env["pepites.immersion"].concat(*[
        case.env["pepites.immersion"].create(immersion_values(
            case, beneficiary_id=person.id,
            **({"host_siae_id": case.siae_b.id, "tutor_id": False} if index == 2 else {})))
        for index, person in enumerate(people)])


def form_immersion(case, **extra):
    """A convention with everything the official form asks for, its beneficiary French."""
    case.person.write({"lang": "fr_FR", "street": "12 rue des Vignes", "zip": "33000",
                       "city": "Bordeaux"})
    case.tutor_a.write({"function": "Encadrant technique d'insertion",
                        "phone": "05 56 00 00 01", "email": "thierry@siae-a.example.org"})
    case.siae_a.write({"street": "3 allée du Chantier", "zip": "33130", "city": "Bègles"})
    case.prescriber.write({"street": "1 cours du Médoc", "zip": "33300", "city": "Bordeaux"})
    return case.env["pepites.immersion"].create(immersion_values(
        case, objective="confirm",
        objective_detail="Confirmer le projet d'encadrant avant la formation",
        skills="Organiser le travail d'une équipe",
        risks="Outils coupants, port de charges", places="Chantier des Vignes, Bègles",
        **extra))


class TestImmersionReports(PrintAssertions, PathwaysCase):
    """The printable convention and assessment (QWeb, Debian's wkhtmltopdf)."""

    def test_convention_has_the_official_form_content(self):
        """The convention prints, in French, what the official PMSMP form holds: title and
        number, the parties with addresses and SIRET, the tutor with function and contact
        (their contact gives them: the tutor printed empty before), the objectives, the
        activities, schedule and places, prevention and insurance, the rules of a PMSMP, and
        one empty signature box per party before anyone signs."""
        immersion = form_immersion(self)
        self.assertEqual(immersion.tutor_function, "Encadrant technique d'insertion")
        self.assertEqual(immersion.tutor_phone, "05 56 00 00 01")
        text = " ".join(pdf_text(render_pdf(self.env, CONVENTION, immersion.ids)).split())
        for expected in (
                "Convention relative à la mise en œuvre d'une période de mise en situation "
                "en milieu professionnel", "Convention n° %s" % immersion.name,
                "Le bénéficiaire", "12 rue des Vignes", "La structure prescriptrice",
                self.prescriber.name, "La structure d'accueil", self.siae_a.name,
                self.siae_a.siret, "3 allée du Chantier", "Le tuteur", "Thierry Tuteur",
                "Encadrant technique d'insertion", "05 56 00 00 01",
                "thierry@siae-a.example.org", "Objectifs", "Confirmer un projet professionnel",
                "Confirmer le projet d'encadrant avant la formation",
                "Encadrement d'une équipe", "9h-12h30 / 13h30-17h", "Chantier des Vignes",
                "Outils coupants, port de charges", "Chaussures de sécurité, gants",
                "Accident du travail", "Responsabilité civile", "aucune rémunération",
                "conserve son statut", "30 jours calendaires au plus", "renouvelée une fois",
                "Signatures"):
            self.assertIn(expected, text)
        self.assertEqual(text.count("Date et signature"), 3)
        self.assertNotIn("Signé électroniquement", text)
        self.assertNotIn("Non renseigné", text)

    def test_convention_missing_content_says_so(self):
        """A field the form needs and the convention lacks prints "Non renseigné", never an
        empty line."""
        immersion = self.env["pepites.immersion"].create(immersion_values(
            self, tutor_id=False, activities=False))
        self.person.lang = "fr_FR"
        text = " ".join(pdf_text(render_pdf(self.env, CONVENTION, immersion.ids)).split())
        self.assertIn("Non renseigné", text)

    def test_signature_boxes_say_who_when_where(self):
        """Once signed, each box says when (Paris time), by whom and from which address;
        a signature recorded before its details existed prints its date."""
        immersion = form_immersion(self)
        immersion.action_to_sign()
        immersion.action_sign("prescriber")
        immersion.write({"prescriber_signed_at": "2026-12-04 09:30:00",
                         "prescriber_signed_ip": "192.0.2.44"})
        immersion.write({"beneficiary_signed_date": "2026-12-03"})
        text = " ".join(pdf_text(render_pdf(self.env, CONVENTION, immersion.ids)).split())
        self.assertIn("Signé électroniquement le 04/12/2026 10:30 (heure de Paris) par %s "
                      "(adresse IP 192.0.2.44)" % self.env.user.name, text)
        self.assertIn("Signé le 03/12/2026", text)
        self.assertEqual(text.count("Date et signature"), 1)

    def test_attestation_signature_block(self):
        """The attestation of an immersion carried out: INAÉ attests, under the letterhead,
        with the signatory's name and function, the place and date, and the box for the stamp
        and the signature."""
        immersion = form_immersion(self)
        immersion.action_to_sign()
        for party in ("beneficiary", "host", "prescriber"):
            immersion.action_sign(party)
        immersion.action_validate()
        immersion.action_start()
        immersion.action_done("completed", feedback="Projet confirmé")
        company = self.env.user.company_id
        company.write({"pepites_signatory_name": "Claire Signataire",
                       "pepites_signatory_function": "Directrice"})
        pdf = render_pdf(self.env, ASSESSMENT, immersion.ids)
        self.assertPrinted(pdf, [self.person.name])
        text = " ".join(pdf_text(pdf).split())
        for expected in ("Attestation de période de mise en situation en milieu "
                         "professionnel", "%s atteste que %s" % (company.name, self.person.name),
                         self.siae_a.name, "Thierry Tuteur", "Projet confirmé",
                         "Fait à %s, le" % company.city, "Claire Signataire", "Directrice",
                         "Cachet et signature"):
            self.assertIn(expected, text)

    def test_convention_pdf(self):
        """The convention PDF names the three parties, the job observed and the dates, in
        French, under INAÉ's letterhead."""
        immersion = self.env["pepites.immersion"].create(immersion_values(self))
        pdf = render_pdf(self.env, CONVENTION, immersion.ids)
        self.assertPrinted(pdf, [self.person.name])
        text = pdf_text(pdf)
        for expected in (immersion.name, self.person.name, self.siae_a.name,
                         self.prescriber.name, "K1203", "Signatures"):
            self.assertIn(expected, text)

    def test_three_conventions_one_pdf(self):
        """Three conventions selected give one PDF of three documents, each starting on a new
        page under the letterhead, numbered "Page 1 / n" by document, with its own beneficiary
        only (Odoo 11 on Debian's wkhtmltopdf gave an empty PDF of 0 pages)."""
        immersions = three_immersions(self)
        pdf = render_pdf(self.env, CONVENTION, immersions.ids)
        documents = self.assertPrinted(pdf, immersions.mapped("beneficiary_id.name"))
        for document, immersion in zip(documents, immersions):
            self.assertIn(immersion.name, document[0])
            self.assertIn(immersion.host_siae_id.name, "".join(document))

    def test_assessment_pdf(self):
        """The assessment PDF gives the result and the job the immersion led to."""
        immersion = self.env["pepites.immersion"].create(immersion_values(self))
        immersion.action_to_sign()
        for party in ("beneficiary", "host", "prescriber"):
            immersion.action_sign(party)
        immersion.action_validate()
        immersion.action_start()
        immersion.action_done("completed", ended_with_job=True, job_contract_type="cdi",
                              feedback="Recrutement confirmé")
        pdf = render_pdf(self.env, ASSESSMENT, immersion.ids)
        self.assertPrinted(pdf, [self.person.name])
        self.assertIn("Recrutement confirmé", pdf_text(pdf))

    def test_demo_reports_print_no_empty_field(self):
        """In the demo database every convention prints its tutor, and no field the form
        needs is left empty ("Non renseigné"); the attestations print their signatory."""
        demo = self.env["pepites.immersion"].search([("id", "in", [
            record.res_id for record in self.env["ir.model.data"].search([
                ("model", "=", "pepites.immersion"), ("module", "=", "pepites_jobs")])])])
        if not demo:
            self.skipTest("no demo data")
        text = " ".join(pdf_text(render_pdf(self.env, CONVENTION, demo.ids)).split())
        self.assertNotIn("Non renseigné", text)
        for immersion in demo:
            self.assertIn(immersion.tutor_id.name, text, immersion.name)
            self.assertIn(immersion.tutor_function, text, immersion.name)
        done = demo.filtered(lambda immersion: immersion.state == "done")[:1]
        text = " ".join(pdf_text(render_pdf(self.env, ASSESSMENT, done.ids)).split())
        company = self.env.user.company_id
        self.assertIn(company.pepites_signatory_name or company.name, text)
        self.assertIn("Cachet et signature", text)

    def test_failed_print_is_an_error(self):
        """A print that gives no page raises a clear French error instead of returning an
        empty PDF: wkhtmltopdf exiting 0 without a file, or exiting 1 like Debian's binary
        given several documents."""
        immersions = three_immersions(self)
        report = self.env.ref(CONVENTION).with_context(lang="fr_FR")
        for binary in ("/bin/true", "/bin/false"):
            with mock.patch(WKHTMLTOPDF_BIN, return_value=binary), \
                    mute_logger(REPORT_LOGGER), self.assertRaises(UserError) as raised:
                report.render_qweb_pdf(immersions.ids)
            self.assertIn("n'a pas pu être imprimé", raised.exception.name)
            self.assertIn("document 1 sur 3", raised.exception.name)

    def test_odoo_merge_with_pypdf2(self):
        """Odoo 11's own PDF merge (``_post_pdf``, which the override no longer needs) still
        reads and writes the PDFs printed here with PyPDF2 1.28.6, every page kept; the PDFs
        printed here carry no /AcroForm (1.28.6's writer declares its info dictionary as one:
        core's merge output does, and poppler warns "Can't get Fields array")."""
        immersions = three_immersions(self)
        report = self.env.ref(CONVENTION)
        pdf = render_pdf(self.env, CONVENTION, immersions.ids)
        self.assertNotIn(b"/AcroForm", pdf)
        merged = report._post_pdf({}, pdf_content=pdf, res_ids=immersions.ids)
        self.assertEqual(pdf_pages(merged), pdf_pages(pdf))


@at_install(False)
@post_install(True)
class TestImmersionReportsHttp(PrintAssertions, PathwaysHttpCase):
    """The conventions printed from the back office (``/report/pdf/<report>/<ids>``)."""

    def test_staff_prints_three_conventions(self):
        """INAÉ staff printing three conventions from the list get one PDF of three
        documents, each under the letterhead with its page numbers."""
        immersions = three_immersions(self)
        self.authenticate("test_staff", "test_staff")
        response = self.url_open("/report/pdf/pepites_jobs.report_immersion_convention/%s"
                                 % ",".join(map(str, immersions.ids)))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertPrinted(response.content, immersions.mapped("beneficiary_id.name"))

    def test_failed_print_is_an_error_page(self):
        """When the print fails, the route answers an error page saying so (HTTP 500), not an
        empty PDF with 200."""
        immersions = three_immersions(self)
        self.authenticate("test_staff", "test_staff")
        with mock.patch(WKHTMLTOPDF_BIN, return_value="/bin/true"), mute_logger(REPORT_LOGGER):
            response = self.url_open("/report/pdf/pepites_jobs.report_immersion_convention/%s"
                                     % ",".join(map(str, immersions.ids)))
        self.assertEqual(response.status_code, 500)
        self.assertIn("text/html", response.headers["Content-Type"])
        self.assertIn("pas pu être imprimé", response.text)

    def test_siae_cannot_print_another_siae_convention(self):
        """A SIAE user asking for the convention of an immersion another SIAE hosts gets no
        PDF and no word of the beneficiary."""
        immersions = three_immersions(self)
        other = immersions[2]
        self.authenticate("test_siae_a", "test_siae_a")
        with mute_logger("odoo.addons.website.models.ir_http", "odoo.http"):
            response = self.url_open(
                "/report/pdf/pepites_jobs.report_immersion_convention/%s" % other.id)
        self.assertNotEqual(response.status_code, 200)
        self.assertFalse(response.content.startswith(b"%PDF"))
        self.assertNotIn(other.beneficiary_id.name, response.text)
