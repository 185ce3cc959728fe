from odoo.exceptions import AccessError

from .events_common import PathwaysCase, immersion_values, person_values, today


class TestPathwaysSecurity(PathwaysCase):
    """Who reads what: personal data of people in career change stays with INAÉ staff and
    the SIAE concerned."""

    @classmethod
    def setUpClass(cls):
        super(TestPathwaysSecurity, cls).setUpClass()
        env = cls.env
        cls.immersion_a = env["pepites.immersion"].create(immersion_values(cls))
        cls.immersion_b = env["pepites.immersion"].create(immersion_values(
            cls, host_siae_id=cls.siae_b.id, tutor_id=False))
        cls.orientation_a = env["pepites.orientation"].create({
            "person_id": cls.person.id, "counsellor_id": cls.counsellor.id,
            "siae_id": cls.siae_a.id})
        cls.orientation_b = env["pepites.orientation"].create({
            "person_id": cls.person.id, "counsellor_id": cls.counsellor.id,
            "siae_id": cls.siae_b.id})
        cls.poei_b = env["pepites.poei"].create({
            "candidate_id": cls.person.id, "siae_id": cls.siae_b.id, "hours": 100,
            "date_start": today(), "date_end": today(30)})
        cls.registration = cls.event._pepites_register(
            [person_values("Anne", "anne@example.org")], registered_by=cls.counsellor)

    def test_siae_sees_own_records_only(self):
        """A SIAE portal user reads the immersions it hosts, the POEI it employs and the
        orientations toward it — never another SIAE's."""
        as_a = self.env(user=self.user_siae_a.id)
        self.assertEqual(as_a["pepites.immersion"].search([]), self.immersion_a)
        self.assertEqual(as_a["pepites.orientation"].search([]), self.orientation_a)
        self.assertFalse(as_a["pepites.poei"].search([]))
        as_b = self.env(user=self.user_siae_b.id)
        self.assertEqual(as_b["pepites.poei"].search([]), self.poei_b)
        with self.assertRaises(AccessError):
            self.immersion_b.sudo(self.user_siae_a).read(["beneficiary_id"])

    def test_siae_only_signs(self):
        """A host SIAE signs its convention, but cannot change it nor create one."""
        self.immersion_a.action_to_sign()
        immersion = self.immersion_a.sudo(self.user_siae_a)
        with self.assertRaises(AccessError):
            immersion.write({"weekly_hours": 20})
        with self.assertRaises(AccessError):
            immersion.action_sign("prescriber")
        immersion.portal_sign()
        self.assertTrue(self.immersion_a.host_signed_date)
        with self.assertRaises(AccessError):
            self.env["pepites.immersion"].sudo(self.user_siae_a).create(immersion_values(self))
        self.immersion_b.action_to_sign()
        with self.assertRaises(AccessError):
            self.immersion_b.sudo(self.user_siae_a).portal_sign()

    def test_partner_api_no_personal_data(self):
        """A partner API user reads no orientation, immersion, POEI, nor anybody's event
        registration."""
        for model in ("pepites.orientation", "pepites.immersion", "pepites.poei"):
            with self.assertRaises(AccessError):
                self.env[model].sudo(self.user_partner_api).search([])
        self.assertFalse(self.env["event.registration"].sudo(self.user_partner_api).search([]))

    def test_portal_and_counsellor(self):
        """A plain portal user reads no orientation; a counsellor reads the registrations they
        made, and nobody else's."""
        with self.assertRaises(AccessError):
            self.env["pepites.orientation"].sudo(self.user_portal).search([])
        other = self.event._pepites_register([person_values("Bob", "bob@example.org")])
        seen = self.env["event.registration"].sudo(self.user_counsellor).search([])
        self.assertEqual(seen, self.registration)
        self.assertNotIn(other, seen)

    def test_staff_reads_everything(self):
        """INAÉ staff read and write every orientation, immersion and POEI, and run events."""
        as_staff = self.env(user=self.user_staff.id)
        immersions = as_staff["pepites.immersion"].search([])
        self.assertIn(self.immersion_a, immersions)
        self.assertIn(self.immersion_b, immersions)
        orientations = as_staff["pepites.orientation"].search([])
        self.assertIn(self.orientation_a, orientations)
        self.assertIn(self.orientation_b, orientations)
        as_staff["pepites.orientation"].browse(self.orientation_a.id).action_interview()
        self.assertTrue(as_staff["event.registration"].search([("event_id", "=", self.event.id)]))
        with self.assertRaises(AccessError):
            self.immersion_a.sudo(self.user_staff).unlink()
