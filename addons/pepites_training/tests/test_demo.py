import unittest

from odoo.tests.common import SavepointCase


class TestDemo(SavepointCase):
    """The demo tells the programme's story (runs only on databases with demo data)."""

    def setUp(self):
        super(TestDemo, self).setUp()
        if not self.env.ref("pepites_training.session_experimental_demo", raise_if_not_found=False):
            raise unittest.SkipTest("no demo data")

    def test_campus_paths_and_sessions(self):
        """The new-ETI path is 3 × 4 days, train-the-trainers 12 + 13 days; the experimental
        session gathers 20 employees on a path and trains 10 ETI as trainers."""
        ref = self.env.ref
        new_eti = ref("pepites_training.campus_path_new_eti")
        self.assertEqual((new_eti.module_count, new_eti.total_days), (3, 12))
        trainers = ref("pepites_training.campus_path_trainers")
        self.assertEqual(sorted(trainers.module_ids.mapped("duration_days")), [12, 13])
        experimental = ref("pepites_training.session_experimental_demo")
        self.assertTrue(experimental.is_experimental)
        self.assertEqual(experimental.participant_count, 20)
        self.assertEqual(experimental.state, "done")
        self.assertEqual(len(ref("pepites_training.session_trainers_insertion_demo")
                             .registration_ids), 10)

    def test_every_part_has_demo(self):
        """Alternance in Pau and Châtellerault, collective VAE in the three départements of the
        action, AFEST, offers across départements and modalities, the partners' modules."""
        env = self.env
        centres = env["pepites.alternance.session"].search([]).mapped("training_centre_id")
        self.assertIn(env.ref("pepites_partners.org_afpa_chatellerault_demo"), centres)
        departments = env["pepites.vae.session"].search([]).mapped("department_id.code")
        self.assertTrue({"47", "17", "23"} <= set(departments))
        self.assertEqual(env.ref("pepites_training.vae_candidate_1_demo").outcome, "title")
        self.assertEqual(env.ref("pepites_training.vae_candidate_2_demo").outcome, "partial")
        self.assertTrue(env["pepites.afest"].search([("state", "=", "done")]))
        offers = env["pepites.training.offer"].search([("is_benchmark", "=", False)])
        self.assertGreaterEqual(len(offers.mapped("department_id")), 8)
        self.assertGreaterEqual(len(set(offers.mapped("modality"))), 6)
        specialties = set(env["pepites.training.module"].search([]).mapped("specialty"))
        self.assertTrue({"demantelement", "plasturgie", "reemploi", "batiment"} <= specialties)
        self.assertTrue(env["pepites.training.module"].search([("modality", "=", "vr")]))
        kit = env.ref("pepites_training.slide_channel_communication_kit")
        self.assertTrue(kit.website_published and kit.visibility == "public")
        self.assertGreaterEqual(len(kit.slide_ids), 4)
        done = env["pepites.module.completion"].search([("state", "=", "completed")])
        self.assertIn(env.ref("pepites_training.campus_module_new_eti_1"), done.mapped("module_id"))
