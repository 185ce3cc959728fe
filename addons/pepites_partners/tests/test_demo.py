"""The demo directory follows the plan (issue 17): who pilots what, where (runs only on databases
with demo data)."""
import unittest

from odoo.tests.common import SavepointCase


class TestDemoFollowsThePlan(SavepointCase):

    def setUp(self):
        super(TestDemoFollowsThePlan, self).setUp()
        if not self.env.ref("pepites_partners.siae_02_demo", raise_if_not_found=False):
            raise unittest.SkipTest("no demo data")

    def test_pilots_and_partners(self):
        """ADCR Services and the ULSIE collective are the Charente-Maritime pilots of axis 1
        (autonomy trades, circular economy), Essaimons is in Charente-Maritime, the Charente and
        Creuse councils are partners, the Bâti group is Bâti Action, Bâti Entreprise and Bâti
        Projets in Gironde."""
        ref = self.env.ref
        adcr, ulsie = ref("pepites_partners.siae_02_demo"), ref("pepites_partners.org_ulsie_demo")
        self.assertEqual((adcr.name, adcr.siae_kind), ("ADCR Services", "ai"))
        self.assertEqual(ulsie.name, "Collectif ULSIE")
        for organisation in (adcr, ulsie, ref("pepites_partners.org_essaimons_demo")):
            self.assertEqual(organisation.department_id.code, "17", organisation.name)
        Partnership = self.env["pepites.partnership"]
        self.assertTrue(Partnership.search([("siae_ids", "in", adcr.ids),
                                            ("sector_id", "=", ref("pepites_partners.sector_autonomie").id),
                                            ("department_id.code", "=", "17")]))
        self.assertTrue(Partnership.search([("company_ids", "in", ulsie.ids),
                                            ("department_id.code", "=", "17")]))
        councils = self.env["res.partner"].search([("name", "=like", "Conseil départemental%")])
        self.assertTrue({"16", "23"} <= set(councils.mapped("department_id.code")))
        bati = self.env["res.partner"].search([("name", "=like", "Bâti %")])
        self.assertEqual(sorted(bati.mapped("name")),
                         ["Bâti Action", "Bâti Entreprise", "Bâti Projets"])
        self.assertEqual(set(bati.mapped("department_id.code")), {"33"})
        self.assertFalse(self.env["res.partner"].search([("name", "ilike", "ULSIE Bâtiment")]))
