import json

from odoo.tests.common import at_install, post_install

from .browser import BrowserCase
from .common import badge_class, create_siae, issue


@at_install(False)
@post_install(True)
class TestJourneyVerify(BrowserCase):
    """Journey 5: anyone checks a badge through its QR link, before and after its
    revocation."""

    def setUp(self):
        super(TestJourneyVerify, self).setUp()
        with self.orm() as env:
            self.staff = env.ref("pepites_partners.user_staff_demo")
            siae = create_siae(env, "Ateliers du Béarn E2E", "pepites_partners.department_64",
                               "Pau")
            holder = env["res.partner"].create({
                "name": "Julien Encadrant E2E", "email": "julien.e2e@example.org",
                "parent_id": siae.id})
            self.badge = badge_class(env, "Accompagner un salarié vers l'emploi E2E")
            self.assertion = issue(env, self.badge, holder, self.staff)
            # what the browser part uses, read now: the test's records are not read while the
            # browser is served (see BrowserCase.orm)
            self.verify_url, self.uuid = self.assertion.verify_url, self.assertion.uuid
            self.badge_name = self.badge.name

    def test_badge_link_shows_verified_then_revoked(self):
        """A visitor (not logged in) opens the link of the badge's QR code: the page names the
        badge and says it is valid, with its QR code. INAÉ staff revoke the badge; the same
        link now says it is revoked, with the reason, and the hosted assertion answers 410
        Gone with the reason."""
        self.assertEqual(self.verify_url, "%s/badges/verify/%s" % (self.base_url(), self.uuid))
        self.visit(self.verify_url)
        self.find_text("h1", self.badge_name)
        self.assertShows(self.find(".o_pepites_badge_verify .alert-success"),
                         "Badge valide. Délivré le")
        self.assertFalse(self.driver.find_elements_by_css_selector(
            ".o_pepites_badge_verify .alert-danger"))
        qr = self.find(".o_pepites_badge_verify img[alt='QR code']")
        self.assertTrue(qr.get_attribute("src").startswith("data:image/png;base64,"))
        self.assertTrue(self.driver.execute_script(
            "return arguments[0].complete && arguments[0].naturalWidth > 0", qr),
            "the QR code image does not display")
        self.screenshot("5-badge-verified")

        with self.orm() as env:
            self.assertion.sudo(self.staff).action_revoke("Badge délivré par erreur.")
        self.driver.refresh()
        self.wait_loaded()
        revoked = self.find(".o_pepites_badge_verify .alert-danger")
        self.assertShows(revoked, "Badge révoqué. Ce badge a été retiré le")
        self.assertShows(revoked, "Badge délivré par erreur.")
        self.assertFalse(self.driver.find_elements_by_css_selector(
            ".o_pepites_badge_verify .alert-success"))
        self.final_page("5-badge-revoked")

        self.visit("/badges/assertions/%s" % self.uuid, status=410)
        hosted = json.loads(self.find("body").text)
        self.assertTrue(hosted["revoked"])
        self.assertEqual(hosted["revocationReason"], "Badge délivré par erreur.")
