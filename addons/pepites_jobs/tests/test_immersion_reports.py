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


class TestImmersionReports(PrintAssertions, PathwaysCase):
    """The printable convention and assessment (QWeb, Debian's wkhtmltopdf)."""

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
