from odoo.exceptions import AccessError

from .common import PepitesCase


class TestAccess(PepitesCase):
    """What each role may see and change in the directory, through the ORM."""

    def test_siae_portal_user_sees_own_structure_only(self):
        """A SIAE portal user reads and edits their own SIAE, never another one."""
        Partner = self.env["res.partner"].sudo(self.user_siae_a)
        visible = Partner.search([("is_siae", "=", True)])
        self.assertEqual(visible, self.siae_a)
        self.siae_a.sudo(self.user_siae_a).write({"fte": 14, "insertion_posts": 32})
        self.assertEqual(self.siae_a.fte, 14)
        with self.assertRaises(AccessError):
            self.siae_b.sudo(self.user_siae_a).read(["name"])
        with self.assertRaises(AccessError):
            self.siae_b.sudo(self.user_siae_a).write({"fte": 1})
        self.assertEqual(self.siae_b.fte, 8)

    def test_siae_portal_user_cannot_touch_protected_fields(self):
        """The portal cannot change SIRET, kind, membership or counsellor flags."""
        for values in ({"siret": self.siae_b.siret}, {"inae_member": True}, {"siae_kind": "ei"},
                       {"is_cep_counsellor": True}, {"department_id": self.dep_24.id}):
            with self.assertRaises(AccessError):
                self.siae_a.sudo(self.user_siae_a).write(values)
        self.assertFalse(self.siae_a.inae_member)

    def test_siae_portal_user_cannot_create_partners(self):
        """Contacts and structures are created by INAÉ, not from the portal."""
        with self.assertRaises(AccessError):
            self.env["res.partner"].sudo(self.user_siae_a).create(
                {"name": "Intrus", "parent_id": self.siae_b.id})

    def test_siae_portal_user_cannot_delete(self):
        with self.assertRaises(AccessError):
            self.person_a.sudo(self.user_siae_a).unlink()

    def test_partner_api_reads_siae_directory_without_people(self):
        """Partner API users read SIAE organisations; people's records stay out of reach."""
        Partner = self.env["res.partner"].sudo(self.user_partner_api)
        found = Partner.search([("id", "in", (self.siae_a | self.siae_b | self.person_a).ids)])
        self.assertEqual(found, self.siae_a | self.siae_b)
        data = self.siae_a.sudo(self.user_partner_api).read(["name", "siret", "siae_kind"])
        self.assertEqual(data[0]["siret"], self.siae_a.siret)
        with self.assertRaises(AccessError):
            self.person_a.sudo(self.user_partner_api).read(["name", "email"])
        with self.assertRaises(AccessError):
            self.siae_a.sudo(self.user_partner_api).write({"fte": 1})
        with self.assertRaises(AccessError):
            self.env["pepites.ambassador"].sudo(self.user_partner_api).search([])

    def test_plain_portal_user_sees_no_siae(self):
        """A portal user who is not a SIAE member sees no SIAE."""
        Partner = self.env["res.partner"].sudo(self.user_portal)
        self.assertFalse(Partner.search([("is_siae", "=", True)]))

    def test_staff_and_manager(self):
        """INAÉ staff manage the directory; only managers delete partnerships and reference data."""
        partnership = self.env["pepites.partnership"].sudo(self.user_staff).create(
            {"name": "Propreté", "sector_id": self.sector_reuse.id})
        ambassador = self.env["pepites.ambassador"].sudo(self.user_staff).create(
            {"partner_id": self.person_a.id, "department_id": self.dep_33.id})
        with self.assertRaises(AccessError):
            partnership.sudo(self.user_staff).unlink()
        with self.assertRaises(AccessError):
            self.sector_reuse.sudo(self.user_staff).write({"name": "X"})
        partnership.sudo(self.user_manager).unlink()
        ambassador.sudo(self.user_manager).unlink()
        self.assertFalse(partnership.exists())

    def test_partnerships_by_role(self):
        """A SIAE sees partnerships it takes part in; partners see running or finished ones."""
        Partnership = self.env["pepites.partnership"]
        mine = Partnership.create({"name": "A", "sector_id": self.sector_reuse.id,
                                   "siae_ids": [(6, 0, [self.siae_a.id])], "state": "active"})
        other = Partnership.create({"name": "B", "sector_id": self.sector_reuse.id,
                                    "siae_ids": [(6, 0, [self.siae_b.id])], "state": "draft"})
        ids = (mine | other).ids
        self.assertEqual(Partnership.sudo(self.user_siae_a).search([("id", "in", ids)]), mine)
        self.assertEqual(Partnership.sudo(self.user_partner_api).search([("id", "in", ids)]), mine)
        with self.assertRaises(AccessError):
            mine.sudo(self.user_siae_a).write({"name": "Renommé"})
