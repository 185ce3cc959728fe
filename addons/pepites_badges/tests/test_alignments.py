"""Badge alignments link the competence blocks (issue 17): the Open Badges alignment of a badge
aligned to a block is the block's RNCP reference data, free-text alignments stay possible for
other frameworks, the free-text ones of before are linked by the upgrade, and a VAE block
result and a badge class point at each other."""
from odoo.exceptions import ValidationError
from odoo.tests import common

from .common import BadgesCase

#: the RNCP block codes of the two titles, as France compétences numbers them (written here
#: again, independently of the data file)
EXPECTED_CODES = {
    "ETI-CCP1": "RNCP39794BC01", "ETI-CCP2": "RNCP39794BC02", "ETI-CCP3": "RNCP39794BC03",
    "ETAIE-B1": "RNCP41402BC01", "ETAIE-B2": "RNCP41402BC02", "ETAIE-B3": "RNCP41402BC03",
    "ETAIE-B4": "RNCP41402BC04",
}


@common.at_install(False)
@common.post_install(True)
class TestAlignments(BadgesCase):

    @classmethod
    def setUpClass(cls):
        super(TestAlignments, cls).setUpClass()
        cls.block = cls.env.ref("pepites_training.block_eti_1")
        cls.Alignment = cls.env["pepites.badge.alignment"]

    def test_blocks_carry_their_rncp_codes_as_data(self):
        """Every block of the two titles has its RNCP block code (production data, not demo),
        and the title's page on France compétences."""
        blocks = self.env["pepites.competence.block"].search(
            [("certification_id", "in", [self.env.ref("pepites_training.certification_eti").id,
                                         self.env.ref("pepites_training.certification_etaie").id])])
        self.assertEqual({b.code: b.rncp_code for b in blocks}, EXPECTED_CODES)
        self.assertEqual(self.block.rncp_url, "https://www.francecompetences.fr/recherche/rncp/39794/")
        with self.assertRaises(ValidationError):
            self.block.rncp_code = "RNCP41402BC09"  # another title's block
        with self.assertRaises(ValidationError):
            self.block.rncp_code = "BC01"

    def test_alignment_to_a_block_publishes_the_block(self):
        """A badge aligned to a block publishes, in its Open Badges document, the block's name,
        its RNCP block code, the RNCP page of its title and the framework RNCP; the block's edits
        follow."""
        self.hosted.alignment_ids = [(5, 0, 0), (0, 0, {"block_id": self.block.id})]
        alignment = self.hosted._ob_json()["alignment"]
        self.assertEqual(alignment, [{
            "targetName": self.block.name,
            "targetUrl": "https://www.francecompetences.fr/recherche/rncp/39794/",
            "targetCode": "RNCP39794BC01", "targetFramework": "RNCP"}])
        self.assertEqual(self.hosted.alignment_ids.target_code, "RNCP39794BC01")
        self.block.name = "Organiser la production"
        self.assertEqual(self.hosted.alignment_ids.target_name, "Organiser la production")
        self.assertEqual(self.hosted._ob_json()["alignment"][0]["targetName"],
                         "Organiser la production")
        self.assertIn(self.hosted, self.block.badge_class_ids)
        self.assertEqual(self.hosted.block_ids, self.block)

    def test_free_text_alignment_for_other_frameworks(self):
        """A ROME code stays free text; an alignment with neither block nor target is refused."""
        self.signed.alignment_ids = [(0, 0, {
            "target_name": "Nettoyage de locaux", "target_code": "K2204",
            "target_framework": "ROME",
            "target_url": "https://candidat.francetravail.fr/metierscope/fiche-metier/K2204"})]
        self.assertEqual(self.signed._ob_json()["alignment"][0]["targetCode"], "K2204")
        with self.assertRaises(ValidationError):
            self.Alignment.create({"badge_class_id": self.signed.id, "target_code": "X"})

    def test_upgrade_links_free_text_alignments_to_blocks(self):
        """The upgrade links the alignments whose code is a block's (its own code, as the demo
        wrote them, or its RNCP block code), and leaves the others free text."""
        by_code = self.Alignment.create({
            "badge_class_id": self.signed.id, "target_name": "Ancien libellé",
            "target_code": "ETAIE-B2", "target_url": "https://www.francecompetences.fr/"})
        by_rncp = self.Alignment.create({
            "badge_class_id": self.repeatable.id, "target_name": "Ancien libellé",
            "target_code": "RNCP39794BC03", "target_url": "https://www.francecompetences.fr/"})
        rome = self.Alignment.create({
            "badge_class_id": self.repeatable.id, "target_name": "Tri", "target_code": "H3302",
            "target_url": "https://candidat.francetravail.fr/metierscope/fiche-metier/H3302"})
        self.Alignment._link_blocks()
        self.assertEqual(by_code.block_id, self.env.ref("pepites_training.block_etaie_2"))
        self.assertEqual(by_code.target_code, "RNCP41402BC02")
        self.assertEqual(by_rncp.block_id, self.env.ref("pepites_training.block_eti_3"))
        self.assertFalse(rome.block_id)
        self.assertEqual(rome.target_code, "H3302")

    def test_demo_alignments_are_blocks_with_rncp_codes(self):
        """The demo's title badges are aligned to the blocks, with real RNCP block codes."""
        demo = self.env.ref("pepites_badges.pepites_badge_class_etaie_b1_demo",
                            raise_if_not_found=False)
        if not demo:
            self.skipTest("without demo data")
        self.assertEqual(demo._ob_json()["alignment"][0]["targetCode"], "RNCP41402BC01")


@common.at_install(False)
@common.post_install(True)
class TestVaeBadgeLinks(BadgesCase):

    @classmethod
    def setUpClass(cls):
        super(TestVaeBadgeLinks, cls).setUpClass()
        # see test_award_hooks: a spy test of pepites_training may shadow the override
        registry_class = type(cls.env["pepites.vae.block.result"])
        if "_on_block_validated" in vars(registry_class):
            delattr(registry_class, "_on_block_validated")
        Rule = cls.env["pepites.badge.award.rule"]
        Rule.search([]).write({"active": False})
        cls.block = cls.env.ref("pepites_training.block_etaie_1")
        cls.hosted.alignment_ids = [(5, 0, 0), (0, 0, {"block_id": cls.block.id})]
        Rule.create({"name": "Bloc 1", "trigger": "vae_block_validated",
                     "badge_class_id": cls.hosted.id,
                     "condition_domain": "[('block_id', '=', %d)]" % cls.block.id})

    def test_vae_block_and_badge_point_at_each_other(self):
        """A validated VAE block shows the badge class aligned to its block and the badge it
        awarded; the badge class shows the block it certifies and the VAE result."""
        vae = self.env["pepites.vae"].create({
            "candidate_id": self.bob.id,
            "certification_id": self.env.ref("pepites_training.certification_etaie").id,
            "jury_date": "2026-06-15"})
        line = self.env["pepites.vae.block.result"].create(
            {"vae_id": vae.id, "block_id": self.block.id, "result": "partial"})
        self.assertIn(self.hosted, line.badge_class_ids)  # with the demo's badge of the block
        self.assertFalse(line.badge_assertion_ids)
        self.assertEqual(self.hosted.vae_result_count, 0)
        line.write({"result": "validated"})
        line.invalidate_cache()
        badge = self.bob.badge_assertion_ids
        self.assertEqual(len(badge), 1)
        self.assertEqual(line.badge_assertion_ids, badge)
        self.hosted.invalidate_cache()
        self.assertEqual(self.hosted.vae_result_count, 1)
        self.assertEqual(self.hosted.block_ids, self.block)
        action = self.hosted.action_view_vae_results()
        self.assertEqual(self.env[action["res_model"]].search(action["domain"]), line)
