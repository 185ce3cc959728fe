from odoo.tests.common import SavepointCase


class TestPathDemo(SavepointCase):
    """The demo person who walks the whole chain of the programme (issue 17), read on her form
    as INAÉ staff: every addon's step, in time order, each opening its record. Here because
    pepites_kpi is the addon installed over all the others."""

    CHAIN = ["event", "orientation", "interview", "immersion", "poei", "application", "hire",
             "alternance", "vae", "vae_block", "badge"]

    def setUp(self):
        super(TestPathDemo, self).setUp()
        self.person = self.env.ref("pepites_partners.person_path_demo")
        staff = self.env["res.users"].search(
            [("groups_id", "in", self.env.ref("pepites_partners.group_pepites_user").id),
             ("groups_id", "not in", self.env.ref("pepites_partners.group_pepites_manager").id),
             ("share", "=", False)], limit=1)
        self.lines = self.person.sudo(staff).with_context(lang="fr_FR").pepites_path_line_ids

    def test_whole_chain_in_order(self):
        """Rally day → orientation → interview → PMSMP done → POEI → application → hire →
        alternance → VAE → block validated → badge, dated in this order."""
        self.assertEqual(self.lines.mapped("kind"), self.CHAIN)
        dates = self.lines.mapped("date")
        self.assertEqual(dates, sorted(dates))
        labels = dict(self.lines._fields["kind"]._description_selection(self.lines.env))
        self.assertTrue(all(labels[kind] for kind in self.CHAIN))
        by_kind = {line.kind: line for line in self.lines}
        self.assertEqual(by_kind["immersion"].state_label, "Terminée")
        self.assertEqual(by_kind["orientation"].state_label, "Embauché(e)")

    def test_each_step_opens_its_record(self):
        """Every line opens the demo record it comes from."""
        ref = self.env.ref
        expected = {
            "event": ref("pepites_jobs.registration_path_demo"),
            "orientation": ref("pepites_jobs.orientation_path_demo"),
            "interview": ref("pepites_jobs.orientation_path_demo"),
            "immersion": ref("pepites_jobs.immersion_path_demo"),
            "poei": ref("pepites_jobs.poei_path_demo"),
            "application": ref("pepites_jobs.applicant_path_demo"),
            "hire": ref("pepites_jobs.applicant_path_demo"),
            "alternance": ref("pepites_training.alternance_path_demo"),
            "vae": ref("pepites_training.vae_path_demo"),
            "vae_block": ref("pepites_training.vae_path_demo"),
        }
        for line in self.lines:
            action = line.action_open_record()
            opened = self.env[action["res_model"]].browse(action["res_id"])
            if line.kind == "badge":
                self.assertEqual(opened.recipient_partner_id, self.person)
                self.assertEqual(opened.source_ref, "pepites.vae.block.result,%s" % ref(
                    "pepites_training.vae_path_block_1_demo").id)
            else:
                self.assertEqual(opened, expected[line.kind], line.kind)
