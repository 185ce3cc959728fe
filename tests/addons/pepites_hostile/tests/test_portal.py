from odoo.tests import common

from . import cases_http
from .common import HostileCase, print_tally


@common.at_install(False)
@common.post_install(True)
class TestHostilePortal(HostileCase):
    """Bad input in the portal routes, as a SIAE user (`/my/siae`, `/my/offers`,
    `/my/immersions`), a CEP counsellor (`/my/events`) and INAÉ staff (funder report)."""

    def test_portal_inputs(self):
        """Each bad input, other SIAE's record id or forged field gets the French message
        in the form, a 400/403/404, or is ignored; nothing is written; HTML/JS typed as text
        comes back escaped."""
        self.url_open("/jobs")  # builds the page assets once (a 404 would roll them back)
        portal_cases = cases_http.portal_cases()
        # one login per user: the cases of a user run together
        order = {"siae1": 0, "cep": 1, "siae2": 2, "staff": 3}
        self.run_cases(sorted(portal_cases, key=lambda case: (order[case.spec["user"]],
                                                               case.serial)))
        with self.subTest(case="portal/html_js/group-registrations-page"):
            self.login_as("cep")
            page = self.url_open("/my/events").text
            self.assert_escaped(page, "group registrations page")
            self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", page)
        print_tally("portal")
