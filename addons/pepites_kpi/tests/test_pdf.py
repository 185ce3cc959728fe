from odoo.addons.pepites_partners.tests.common import pdf_text, render_pdf

from .common import KpiCase


class TestFunderPdf(KpiCase):
    def test_pdf_renders_with_the_numbers(self):
        """The funder PDF (wkhtmltopdf) lists every indicator with its current value, in French."""
        self.env["pepites.partnership"].create({
            "name": "Rapport", "sector_id": self.env.ref("pepites_partners.sector_autonomie").id,
            "state": "active", "durable_exit_count": 9, "department_id": self.dep_24.id})
        indicators = self.env["pepites.kpi.indicator"].search([])
        indicators.action_snapshot()
        pdf = render_pdf(self.env(context={"lang": "fr_FR"}), "pepites_kpi.action_report_funder",
                         indicators.ids, data={"month_from": "2026-01-01", "month_to": "2026-12-31"})
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = pdf_text(pdf)
        self.assertIn("Indicateurs du programme", text)
        exits = self.env.ref("pepites_kpi.indicator_durable_exits")
        self.assertIn("%g" % exits.value, text)
