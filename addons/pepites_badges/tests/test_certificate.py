from odoo.tests import common

from odoo.addons.pepites_partners.tests.common import PepitesHttpCase, PrintAssertions

from .common import BadgesCase, BadgesFixtures

CERTIFICATE = "pepites_badges.action_report_badge_certificate"


class TestCertificatePdf(PrintAssertions, BadgesCase):
    """Badge certificates printed by INAÉ staff through the report action."""

    def test_three_certificates_one_pdf(self):
        """Three badges give one PDF of three certificates, each from a new page under INAÉ's
        letterhead with "Page 1 / 1", naming its own holder and verification address only
        (Odoo 11 on Debian's wkhtmltopdf gave an empty PDF)."""
        badges = self.issue(self.hosted, self.alice | self.bob | self.carla)
        pdf = self.env.ref(CERTIFICATE).sudo(self.users["staff"]).render_qweb_pdf(badges.ids)[0]
        documents = self.assertPrinted(pdf, badges.mapped("recipient_partner_id.name"))
        for document, badge in zip(documents, badges):
            self.assertIn(badge.verify_url, "".join(document).replace("\n", ""))


@common.at_install(False)
@common.post_install(True)
class TestCertificateHttp(PrintAssertions, BadgesFixtures, PepitesHttpCase):
    """Certificates over HTTP: the back office's report route and the holder's portal."""

    def setUp(self):
        super(TestCertificateHttp, self).setUp()
        self.create_fixtures(self, "http://%s:%d" % (common.HOST, common.PORT))
        self.badges = self.issue(self.hosted, self.alice | self.bob | self.carla)

    def test_staff_prints_three_certificates(self):
        """INAÉ staff printing three certificates from the list get one PDF of three."""
        self.authenticate("bstaff", "bstaff")
        response = self.url_open("/report/pdf/pepites_badges.report_badge_certificate/%s"
                                 % ",".join(map(str, self.badges.ids)))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertPrinted(response.content, self.badges.mapped("recipient_partner_id.name"))

    def test_holder_downloads_own_certificate_only(self):
        """The holder's portal certificate is the same document (letterhead, "Page 1 / 1",
        their name); another holder's badge answers 404 without a PDF."""
        self.authenticate("bholder", "bholder")
        mine = self.url_open("/my/badges/%s/certificate" % self.badges[0].uuid)
        self.assertEqual(mine.status_code, 200)
        self.assertPrinted(mine.content, [self.alice.name])
        other = self.url_open("/my/badges/%s/certificate" % self.badges[1].uuid)
        self.assertEqual(other.status_code, 404)
        self.assertFalse(other.content.startswith(b"%PDF"))
        self.assertNotIn(self.bob.name, other.text)
