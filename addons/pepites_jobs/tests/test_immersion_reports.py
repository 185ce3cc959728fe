from odoo.addons.pepites_partners.tests.common import pdf_text, render_pdf

from .events_common import PathwaysCase, immersion_values


class TestImmersionReports(PathwaysCase):
    """The printable convention and assessment (QWeb, wkhtmltopdf)."""

    def test_convention_pdf(self):
        """The convention PDF names the three parties, the job observed and the dates, in
        French."""
        immersion = self.env["pepites.immersion"].create(immersion_values(self))
        pdf = render_pdf(self.env, "pepites_jobs.report_pepites_immersion_convention",
                         immersion.ids)
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = pdf_text(pdf)
        for expected in (immersion.name, self.person.name, self.siae_a.name,
                         self.prescriber.name, "K1203", "Signatures"):
            self.assertIn(expected, text)

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
        text = pdf_text(render_pdf(self.env, "pepites_jobs.report_pepites_immersion_assessment",
                                   immersion.ids))
        self.assertIn(self.person.name, text)
        self.assertIn("Recrutement confirmé", text)
