from xmlrpc.client import Fault

from odoo.tests.common import at_install, post_install

from .common import PepitesHttpCastCase, make_siret


@at_install(False)
@post_install(True)
class TestXmlRpc(PepitesHttpCastCase):
    """The directory over XML-RPC, as partners and SIAE reach it."""

    def test_partner_api_reads_siae_directory(self):
        """partner1-like users list SIAE with the directory fields, and no person."""
        rows = self.xmlrpc(self.user_partner_api, "res.partner", "search_read",
                         [("id", "in", [self.siae_a.id, self.siae_b.id, self.person_a.id])],
                         fields=["name", "siret", "siae_kind", "department_id"])
        self.assertEqual({row["name"] for row in rows}, {"SIAE Test A", "SIAE Test B"})
        with self.assertRaises(Fault):
            self.xmlrpc(self.user_partner_api, "res.partner", "read", [self.person_a.id], ["email"])

    def test_partner_api_cannot_write(self):
        with self.assertRaisesRegex(Fault, "AccessError|accès|access"):
            self.xmlrpc(self.user_partner_api, "res.partner", "write", [self.siae_a.id], {"fte": 0})
        self.assertEqual(self.siae_a.fte, 12.5)

    def test_siae_user_cannot_write_another_siae(self):
        with self.assertRaises(Fault):
            self.xmlrpc(self.user_siae_a, "res.partner", "write", [self.siae_b.id], {"fte": 1})
        self.siae_b.invalidate_cache()
        self.assertEqual(self.siae_b.fte, 8)
        self.xmlrpc(self.user_siae_a, "res.partner", "write", [self.siae_a.id], {"fte": 20})
        self.siae_a.invalidate_cache()
        self.assertEqual(self.siae_a.fte, 20)

    def test_bad_siret_over_xmlrpc_is_explained_in_french(self):
        """Staff creating a SIAE with a bad SIRET get the French message; nothing is created."""
        with self.assertRaisesRegex(Fault, "est invalide"):
            self.xmlrpc(self.user_staff, "res.partner", "create", {
                "name": "SIAE RPC", "is_company": True, "is_siae": True, "siae_kind": "ei",
                "department_id": self.dep_33.id, "siret": "12345678901234"},
                context={"lang": "fr_FR"})
        self.assertFalse(self.env["res.partner"].search([("name", "=", "SIAE RPC")]))
        new_id = self.xmlrpc(self.user_staff, "res.partner", "create", {
            "name": "SIAE RPC", "is_company": True, "is_siae": True, "siae_kind": "ei",
            "department_id": self.dep_33.id, "siret": make_siret()})
        self.assertTrue(self.env["res.partner"].browse(new_id).is_siae)
