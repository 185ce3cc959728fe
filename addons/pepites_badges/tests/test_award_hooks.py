from odoo.tests import common

from odoo.addons.pepites_training.tests.common import setup_training_cast

from .common import BadgesCase


@common.at_install(False)
@common.post_install(True)
class TestAwardHooks(BadgesCase):
    """The hooks of pepites_training and of core events run the award rules (post-install:
    with the registry complete, as in production)."""

    @classmethod
    def setUpClass(cls):
        super(TestAwardHooks, cls).setUpClass()
        # pepites_training's spy tests restore the hook by assigning it on the registry class,
        # which then shadows the overrides of addons loaded after it (ours) for the rest of the
        # run: drop such a leftover so that the real method resolution applies.
        for model, hook in (("pepites.training.module", "_on_module_completed"),
                            ("pepites.vae.block.result", "_on_block_validated")):
            registry_class = type(cls.env[model])
            if hook in vars(registry_class):
                delattr(registry_class, hook)
        setup_training_cast(cls, cls.env)
        Rule = cls.env["pepites.badge.award.rule"]
        Rule.search([]).write({"active": False})  # the demo rules
        cls.block_1 = cls.etaie_blocks[0]
        cls.rule_block = Rule.create({
            "name": "Bloc 1", "trigger": "vae_block_validated", "badge_class_id": cls.hosted.id,
            "condition_domain": "[('block_id.code', '=', '%s')]" % cls.block_1.code,
            "evidence_narrative": "Bloc validé par le jury de VAE."})
        cls.rule_module = Rule.create({
            "name": "Module", "trigger": "module_completed", "badge_class_id": cls.signed.id,
            "condition_domain": "[('id', '=', %d)]" % cls.module.id,
            "evidence_narrative": "Module « %s » achevé."})
        cls.rule_event = Rule.create({
            "name": "Rallye", "trigger": "event_attended", "badge_class_id": cls.repeatable.id,
            "condition_domain": "[('name', 'ilike', 'rallye')]"})

    def test_module_completed(self):
        """Completing the module awards its badge to the learners (signed, with evidence)."""
        self.module._on_module_completed(self.bob | self.carla)
        badges = self.env["pepites.badge.assertion"].search([("award_rule_id", "=", self.rule_module.id)])
        self.assertEqual(badges.mapped("recipient_partner_id"), self.bob | self.carla)
        self.assertEqual(set(badges.mapped("verification_type")), {"signed"})
        self.assertEqual(set(badges.mapped("evidence_narrative")),
                         {"Module « %s » achevé." % self.module.name})
        self.module_classroom._on_module_completed(self.alice)
        self.assertFalse(self.alice.badge_assertion_ids)

    def test_vae_block_validated(self):
        """A VAE block validated by the jury awards the block's badge to the candidate; another
        block or a partial result does not."""
        vae = self.env["pepites.vae"].create({
            "candidate_id": self.bob.id, "certification_id": self.etaie.id,
            "jury_date": "2026-06-15"})
        Result = self.env["pepites.vae.block.result"]
        Result.create({"vae_id": vae.id, "block_id": self.etaie_blocks[1].id, "result": "validated"})
        partial = Result.create({"vae_id": vae.id, "block_id": self.block_1.id, "result": "partial"})
        self.assertFalse(self.bob.badge_assertion_ids)
        partial.write({"result": "validated"})
        badge = self.bob.badge_assertion_ids
        self.assertEqual(badge.badge_class_id, self.hosted)
        self.assertEqual(badge.award_rule_id, self.rule_block)
        self.assertEqual(badge.source_ref, "pepites.vae.block.result,%d" % partial.id)

    def test_event_attended(self):
        """Closing the registration of an attendee (core event, state done) awards the badge
        to the attendee; a cancelled registration does not."""
        event = self.env["event.event"].create({
            "name": "Rallye de l'interconnaissance — Gironde",
            "date_begin": "2026-05-12 08:00:00", "date_end": "2026-05-12 17:00:00"})
        Registration = self.env["event.registration"]
        attended = Registration.create({"event_id": event.id, "partner_id": self.carla.id})
        cancelled = Registration.create({"event_id": event.id, "partner_id": self.bob.id})
        event.button_confirm()
        attended.confirm_registration()
        cancelled.button_reg_cancel()
        attended.button_reg_close()
        self.assertEqual(attended.state, "done")
        self.assertEqual(len(self.carla.badge_assertion_ids), 1)
        self.assertEqual(self.carla.badge_assertion_ids.source_ref, "event.event,%d" % event.id)
        self.assertFalse(self.bob.badge_assertion_ids)
