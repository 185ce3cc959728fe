from odoo.exceptions import AccessError

from odoo.addons.pepites_partners.tests.common import PrintAssertions, pdf_text

from .common import BadgesCase


class TestAccess(PrintAssertions, BadgesCase):

    @classmethod
    def setUpClass(cls):
        super(TestAccess, cls).setUpClass()
        Class = cls.env["pepites.badge.class"]
        cls.alice_badge = cls.env["pepites.badge.assertion"].browse(
            Class.issue_to(cls.hosted.ids, cls.alice.ids))
        cls.bob_badge = cls.env["pepites.badge.assertion"].browse(
            Class.issue_to(cls.hosted.ids, cls.bob.ids))
        cls.other = cls.users["other_holder"].partner_id
        cls.other_badge = cls.env["pepites.badge.assertion"].browse(
            Class.issue_to(cls.hosted.ids, cls.other.ids))
        cls.api_badge = cls.env["pepites.badge.assertion"].browse(
            Class.sudo(cls.users["api"]).issue_to(
                cls.siae_class.ids, [{"email": cls.carla.email, "name": cls.carla.name}]))

    def visible(self, user):
        return self.env["pepites.badge.assertion"].sudo(self.users[user]).search([])

    def test_portal_holder_sees_own_badges_only(self):
        """A portal holder sees their own badges and no one else's."""
        self.assertEqual(self.visible("holder"), self.alice_badge)
        self.assertEqual(self.visible("other_holder"), self.other_badge)
        with self.assertRaises(AccessError):
            self.bob_badge.sudo(self.users["holder"]).read(["uuid"])

    def test_siae_sees_its_people_only(self):
        """A SIAE portal user sees the badges of the people of their structure, not another
        SIAE's."""
        self.assertEqual(self.visible("siae"), self.alice_badge | self.bob_badge)
        self.assertEqual(self.visible("other_siae"), self.other_badge)

    def test_partner_api_sees_what_it_issued_without_emails(self):
        """A partner API user sees the badges they issued, never the recipient's e-mail or
        salt; a partner who issued nothing sees none."""
        self.assertEqual(self.visible("api"), self.api_badge)
        self.assertFalse(self.visible("api_other"))
        with self.assertRaises(AccessError):
            self.api_badge.sudo(self.users["api"]).read(["recipient_email"])
        fields = self.api_badge.sudo(self.users["api"]).read()[0]
        self.assertNotIn("recipient_email", fields)
        self.assertNotIn("recipient_salt", fields)

    def test_portal_and_api_cannot_write(self):
        """Portal, SIAE and partner API users cannot create, change or delete badges."""
        for user in ("holder", "siae", "api"):
            badge = self.env["pepites.badge.assertion"].sudo(self.users[user])
            with self.assertRaises(AccessError):
                badge.create({"uuid": "x"})
            mine = badge.search([], limit=1)
            with self.assertRaises(AccessError):
                mine.write({"evidence_url": "https://x.example.org"})
            with self.assertRaises(AccessError):
                mine.unlink()
            with self.assertRaises(AccessError):
                self.hosted.sudo(self.users[user]).write({"name": "Pirate"})

    def test_staff_see_all_and_cannot_delete(self):
        """Staff see every badge and its recipient's e-mail but only managers delete."""
        staff = self.visible("staff")
        self.assertGreaterEqual(len(staff), 4)
        self.assertEqual(self.bob_badge.sudo(self.users["staff"]).recipient_email, "bob.durand@example.org")
        with self.assertRaises(AccessError):
            self.bob_badge.sudo(self.users["staff"]).unlink()
        self.bob_badge.sudo(self.users["manager"]).unlink()

    def test_portal_and_api_read_issuers_without_keys(self):
        """Portal and partner API users read the public issuer profile, not its keys nor the
        users allowed to issue."""
        for user in ("holder", "api"):
            values = self.inae.sudo(self.users[user]).read()[0]
            self.assertEqual(values["name"], self.inae.name)
            self.assertNotIn("key_ids", values)
            self.assertNotIn("issuer_user_ids", values)
            values = self.hosted.sudo(self.users[user]).read(["name", "issuer_id", "uuid"])[0]
            self.assertEqual(values["uuid"], self.hosted.uuid)

    def test_portal_sees_published_classes_only(self):
        """Portal users see published badge classes, not drafts."""
        draft = self.hosted.copy({"name": "Brouillon interne"})
        classes = self.env["pepites.badge.class"].sudo(self.users["holder"]).search([])
        self.assertIn(self.hosted, classes)
        self.assertNotIn(draft, classes)

    def test_certificate_as_holder(self):
        """The holder renders the certificate of their badge (with the QR code of the
        verification page), not someone else's."""
        text = pdf_text(self.alice_badge.sudo(self.users["holder"])._render_certificate())
        self.assertIn(self.alice.name, text)
        self.assertIn(self.alice_badge.verify_url, text.replace("\n", ""))
        with self.assertRaises(AccessError):
            self.bob_badge.sudo(self.users["holder"])._render_certificate()

    def test_name_get_names_only_readable_badges(self):
        """name_get (callable over RPC) names the holder of a badge only for those who may read
        it: another SIAE's user, a holder or a partner API user asking for a badge id out of
        their reach gets an AccessError, never "badge — holder"."""
        for user, badge in (("other_siae", self.alice_badge), ("holder", self.bob_badge),
                            ("api", self.alice_badge), ("api_other", self.api_badge)):
            with self.assertRaises(AccessError):
                badge.sudo(self.users[user]).name_get()
        self.assertIn(self.alice.name, self.alice_badge.sudo(self.users["siae"]).name_get()[0][1])
        self.assertIn(self.carla.name, self.api_badge.sudo(self.users["api"]).name_get()[0][1])
