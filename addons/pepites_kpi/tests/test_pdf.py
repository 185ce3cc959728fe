from odoo.addons.pepites_partners.tests.common import PrintAssertions, pdf_text, render_pdf

from .common import KpiCase


class TestFunderPdf(PrintAssertions, KpiCase):
    def test_pdf_renders_with_the_numbers(self):
        """The funder PDF (wkhtmltopdf) lists every indicator with its current value, in French,
        on pages that carry INAÉ's letterhead and "Page x / n" (the report is one document of
        two pages: the breakdown by département starts a page)."""
        self.env["pepites.partnership"].create({
            "name": "Rapport", "sector_id": self.env.ref("pepites_partners.sector_autonomie").id,
            "state": "active", "durable_exit_count": 9, "department_id": self.dep_24.id})
        indicators = self.env["pepites.kpi.indicator"].search([])
        indicators.action_snapshot()
        pdf = render_pdf(self.env(context={"lang": "fr_FR"}), "pepites_kpi.action_report_funder",
                         indicators.ids, data={"month_from": "2026-01-01", "month_to": "2026-12-31"})
        documents = self.assertPrinted(pdf, ["Indicateurs du programme"])
        self.assertGreaterEqual(len(documents[0]), 2)
        self.assertIn("Page 2 / %d" % len(documents[0]), documents[0][1])
        text = pdf_text(pdf)
        exits = self.env.ref("pepites_kpi.indicator_durable_exits")
        self.assertIn("%g" % exits.value, text)
