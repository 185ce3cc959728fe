import xmlrpc.client

from odoo.tests import common

from odoo.addons.pepites_partners.tests.common import PepitesHttpCase

from .common import BadgesFixtures


@common.at_install(False)
@common.post_install(True)
class TestPortalAndXmlRpc(BadgesFixtures, PepitesHttpCase):

    def setUp(self):
        super(TestPortalAndXmlRpc, self).setUp()
        self.create_fixtures(self, "http://%s:%d" % (common.HOST, common.PORT))
        self.alice_badge = self.issue(self.hosted, self.alice)
        self.bob_badge = self.issue(self.hosted, self.bob)
        self.other_badge = self.issue(self.signed, self.users["other_holder"].partner_id)

    def test_my_badges_lists_own_badges_with_download_share_and_link(self):
        """/my/badges shows the holder's badges with download, certificate, LinkedIn and the
        verification link; never another holder's."""
        self.authenticate("bholder", "bholder")
        page = self.url_open("/my/badges")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.alice_badge.uuid, page.text)
        self.assertIn("/badges/assertions/%s/image.png?download=1" % self.alice_badge.uuid, page.text)
        self.assertIn("linkedin.com/profile/add", page.text)
        self.assertIn(self.alice_badge.verify_url, page.text)
        self.assertNotIn(self.bob_badge.uuid, page.text)
        self.assertNotIn(self.other_badge.uuid, page.text)
        download = self.url_open("/badges/assertions/%s/image.png?download=1" % self.alice_badge.uuid)
        self.assertEqual(download.headers["Content-Type"], "image/png")
        self.assertIn("attachment", download.headers["Content-Disposition"])

    def test_certificate_isolation(self):
        """A holder downloads their certificate; another holder's answers 404."""
        self.authenticate("bholder", "bholder")
        mine = self.url_open("/my/badges/%s/certificate" % self.alice_badge.uuid)
        self.assertEqual(mine.status_code, 200)
        other = self.url_open("/my/badges/%s/certificate" % self.other_badge.uuid)
        self.assertEqual(other.status_code, 404)

    def test_siae_sees_its_staff_badges(self):
        """A SIAE user sees the badges of its people under "Badges of our staff"."""
        self.authenticate("bsiae", "bsiae")
        page = self.url_open("/my/badges").text
        self.assertIn(self.alice_badge.uuid, page)
        self.assertIn(self.bob_badge.uuid, page)
        self.assertNotIn(self.other_badge.uuid, page)

    def test_xmlrpc_issue_to_scope(self):
        """Over XML-RPC, a partner API user issues the badges of the issuer that allows them
        and gets the assertion ids; other badges, other partners and bad input are refused with
        a clear fault and nothing is written."""
        api, other = self.users["api"], self.users["api_other"]
        people = [{"email": "bob.durand@example.org", "name": "Bob Durand"},
                  {"email": "carla@example.org", "name": "Carla Nunes"}]
        ids = self.xmlrpc(api, "pepites.badge.class", "issue_to", self.siae_class.ids,
                          people, evidence_url="https://preuves.example.org/x",
                          narrative="Chantier école")
        self.assertEqual(len(ids), 2)
        assertions = self.env["pepites.badge.assertion"].browse(ids)
        self.assertEqual(assertions.mapped("issued_by_id"), api)
        self.assertEqual(assertions.mapped("badge_class_id"), self.siae_class)
        read = self.xmlrpc(api, "pepites.badge.assertion", "read", ids, ["uuid", "state"])
        self.assertEqual({r["state"] for r in read}, {"valid"})
        self.assertEqual(self.xmlrpc(api, "pepites.badge.class", "issue_to",
                                     self.siae_class.ids, people[:1]), [])
        count = self.env["pepites.badge.assertion"].search_count([])
        for user, args in ((api, [self.hosted.ids, self.carla.ids]),
                           (other, [self.siae_class.ids, self.carla.ids]),
                           (self.users["holder"], [self.siae_class.ids, self.carla.ids]),
                           (api, [self.siae_class.ids, [999999]]),
                           (api, [self.siae_class.ids, self.no_email.ids]),
                           (api, [["x"], self.carla.ids])):
            with self.assertRaises(xmlrpc.client.Fault):
                self.xmlrpc(user, "pepites.badge.class", "issue_to", *args)
        with self.assertRaises(xmlrpc.client.Fault):
            self.xmlrpc(api, "pepites.badge.assertion", "read", self.alice_badge.ids, ["uuid"])
        with self.assertRaises(xmlrpc.client.Fault):
            self.xmlrpc(api, "pepites.badge.assertion", "read", ids, ["recipient_email"])
        self.assertEqual(self.env["pepites.badge.assertion"].search_count([]), count)
