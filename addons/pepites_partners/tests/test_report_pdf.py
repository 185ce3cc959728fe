"""The printing helpers of ``report_pdf`` (plain Python, no database): their doctests, and what
the letterhead stamp puts on each page, read back with pdftotext."""
import unittest

from odoo.addons.pepites_partners import report_pdf

from .common import pdf_pages


class TestStamp(unittest.TestCase):

    def test_letterhead_and_page_numbers_per_document(self):
        """Each page gets the company's name and address on top and "Page x / y" counted
        within its own document; merged documents keep their order and start on new pages."""
        letterhead = report_pdf.Letterhead(
            "INAÉ", ["Immeuble Le Plaza, 1 rue du Colonel Moll", "33000 Bordeaux"], None)
        margins = {"top": 40, "bottom": 28, "left": 7, "right": 7}
        pdf = report_pdf.merge([
            report_pdf.stamp(report_pdf._sample_pdf(["Alpha"]), letterhead, margins),
            report_pdf.stamp(report_pdf._sample_pdf(["Bravo", "Charlie"]), letterhead, margins,
                             "Page %(page)s sur %(pages)s")])
        pages = pdf_pages(pdf)
        self.assertEqual(len(pages), 3)
        for page, body, number in zip(pages, ("Alpha", "Bravo", "Charlie"),
                                      ("Page 1 / 1", "Page 1 sur 2", "Page 2 sur 2")):
            self.assertIn(body, page)
            self.assertIn(number, page)
            self.assertIn("INAÉ", page)
            self.assertIn("33000 Bordeaux", page)

    def test_no_broken_form(self):
        """The files written here are no forms: PyPDF2 1.28.6 declares its info dictionary as
        an /AcroForm in every file it writes (poppler: "Can't get Fields array")."""
        pdf = report_pdf.merge([report_pdf._sample_pdf(["Alpha"])])
        self.assertNotIn(b"/AcroForm", pdf)
        self.assertNotIn(b"/NeedAppearances", pdf)

    def test_unreadable_logo_is_left_out(self):
        """A logo that is no image does not stop the print: the letterhead goes without it."""
        letterhead = report_pdf.Letterhead("INAÉ", [], b"not an image")
        with self.assertLogs(report_pdf.__name__, "WARNING"):
            pdf = report_pdf.stamp(report_pdf._sample_pdf(["Alpha"]), letterhead,
                                   {"top": 40, "bottom": 28, "left": 7, "right": 7})
        self.assertEqual(report_pdf.page_count(pdf), 1)
