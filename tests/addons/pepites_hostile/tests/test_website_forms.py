from odoo.tests import common

from . import cases_http
from .common import HostileCase, print_tally


@common.at_install(False)
@common.post_install(True)
class TestHostileWebsiteForms(HostileCase):
    """Bad input in the public forms (job application with its CV, event registration, badge
    verification, search forms and feeds), with real CSRF tokens."""

    def test_website_inputs(self):
        """Each bad input re-renders its form with the French message (or gets a 400/404),
        writes nothing, logs no ERROR; HTML/JS typed as text is stored as text and comes back
        escaped, on the visitor's page and on the SIAE's list of applications."""
        self.url_open("/jobs")  # builds the page assets once (a 404 would roll them back)
        self.run_cases(cases_http.website_cases())
        with self.subTest(case="website/html_js/applications-seen-by-the-siae"):
            self.login_as("siae1")
            page = self.url_open("/my/offers/%d" % self.offer1_published.id).text
            self.assert_escaped(page, "applications seen by the SIAE")
            self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", page)
        print_tally("website")
