from odoo.exceptions import ValidationError

from .common import TrainingCase


class TestCertification(TrainingCase):
    def test_titles_come_with_their_blocks(self):
        """ETI (3 CCP) and ETAIE (4 blocks) are installed as data, each block with competences."""
        self.assertEqual(self.etaie.block_count, 4)
        self.assertEqual(self.etaie.block_ids.mapped("code"),
                         ["ETAIE-B1", "ETAIE-B2", "ETAIE-B3", "ETAIE-B4"])
        self.assertEqual(len(self.eti.block_ids), 3)
        blocks = self.etaie.block_ids | self.eti.block_ids
        self.assertTrue(all(block.competence_ids for block in blocks))
        self.assertEqual(self.eti.rncp_code, "RNCP39794")

    def test_hybrid_frames_link_activities_to_blocks(self):
        """The two hybrid-job frames list activities whose competences draw on existing blocks."""
        frame = self.env.ref("pepites_training.job_frame_ai_agent")
        self.assertEqual(frame.job_family_id, self.env.ref("pepites_partners.job_family_ai_agent"))
        self.assertGreaterEqual(len(frame.activity_ids), 4)
        self.assertTrue(all(activity.competence_ids for activity in frame.activity_ids))
        self.assertIn(self.env.ref("pepites_training.block_etaie_4"), frame.block_ids)

    def test_block_names_search_by_code(self):
        """A block is found by its code and shown with it."""
        result = self.env["pepites.competence.block"].name_search("ETAIE-B2")
        self.assertEqual(len(result), 1)
        self.assertTrue(result[0][1].startswith("ETAIE-B2 "))

    def test_certification_names_search_by_code(self):
        """A certification is found by the start of its code, whatever its case, and shown
        "code — name" (pepites.coded.mixin with the certification's separator)."""
        found = self.env["pepites.certification"].name_search("etai")
        self.assertIn((self.etaie.id, "ETAIE — %s" % self.etaie.name), found)
        self.assertNotIn(self.eti.id, [certification_id for certification_id, _name in found])


class TestTrainingOffer(TrainingCase):
    def _offer(self, **values):
        vals = {"name": "Formation test", "modality": "presentiel",
                "department_id": self.dep_16.id}
        vals.update(values)
        return self.env["pepites.training.offer"].create(vals)

    def test_block_of_another_certification_is_refused(self):
        """An offer preparing ETI cannot claim to cover an ETAIE block."""
        with self.assertRaises(ValidationError):
            self._offer(certification_id=self.eti.id,
                        block_ids=[(6, 0, self.etaie_blocks[:1].ids)])

    def test_benchmark_offer_has_no_local_department(self):
        """An offer of another region is a case study and cannot sit in a local département."""
        offer = self._offer(region="Occitanie", department_id=False,
                            benchmark_notes="Parcours ETI modulaire")
        self.assertTrue(offer.is_benchmark)
        with self.assertRaises(ValidationError):
            offer.department_id = self.dep_16

    def test_catalogue_shows_published_local_offers_with_filters(self):
        """The catalogue keeps published offers of the region and applies valid filters only."""
        published = self._offer(website_published=True, modality="vae")
        self._offer(name="Brouillon")
        self._offer(name="Ailleurs", region="Bretagne", department_id=False,
                    website_published=True)
        offers, filters = self.env["pepites.training.offer"].catalogue_search()
        self.assertIn(published, offers)
        self.assertFalse(offers.filtered(lambda o: o.name in ("Brouillon", "Ailleurs")))
        offers, filters = self.env["pepites.training.offer"].catalogue_search(
            department=str(self.dep_16.id), modality="afest")
        self.assertNotIn(published, offers)
        self.assertEqual(filters, {"department": self.dep_16.id, "modality": "afest"})
        offers, filters = self.env["pepites.training.offer"].catalogue_search(
            department="'; drop", modality="teleportation")
        self.assertEqual(filters, {"department": None, "modality": None})

    def test_pivot_by_department_and_modality(self):
        """The map is counted per département and modality (what the pivot view shows)."""
        self._offer(modality="afest")
        self._offer(modality="afest")
        self._offer(modality="vr", department_id=self.dep_24.id)
        rows = self.env["pepites.training.offer"].read_group(
            [("department_id", "in", (self.dep_16 | self.dep_24).ids),
             ("modality", "in", ("afest", "vr"))],
            ["department_id", "modality"], ["department_id", "modality"], lazy=False)
        counts = {(row["department_id"][0], row["modality"]): row["__count"] for row in rows}
        self.assertGreaterEqual(counts[(self.dep_16.id, "afest")], 2)
        self.assertGreaterEqual(counts[(self.dep_24.id, "vr")], 1)
