from odoo.exceptions import AccessError, UserError

from .common import JobsCase, create_offer, day, offer_values


class TestOfferWorkflow(JobsCase):

    def test_siae_defaults(self):
        """An offer takes its département, city and address from its SIAE, and its ROME
        code from its job family."""
        offer = self.Job.create({"name": "CIP", "siae_id": self.siae1.id,
                                 "job_family_id": self.family_cip.id})
        self.assertEqual(offer.pepites_department_id, self.department_64)
        self.assertEqual(offer.city, "Pau")
        self.assertEqual(offer.address_id, self.siae1)
        self.assertEqual(offer.rome_code, "K1801")
        self.assertEqual(offer.pepites_state, "draft")
        self.assertFalse(offer.website_published)

    def test_submit_publish(self):
        """The SIAE submits, INAÉ staff publish: the offer is on the website from today,
        until the default window ends, and the chatter tracks each step."""
        offer = self.Job.sudo(self.user_siae1).create(offer_values(self, self.siae1))
        offer.action_submit()
        self.assertEqual(offer.pepites_state, "submitted")
        self.assertFalse(offer.website_published)
        offer.sudo(self.user_staff).action_publish()
        offer.invalidate_cache()
        self.assertEqual(offer.pepites_state, "published")
        self.assertTrue(offer.website_published)
        self.assertEqual(offer.date_published, day(0))
        self.assertEqual(offer.date_expire, day(60))
        self.assertTrue(offer._is_public())
        messages = offer.sudo().message_ids
        self.assertTrue(messages.mapped("tracking_value_ids").filtered(
            lambda value: value.field == "pepites_state"))
        subtypes = messages.mapped("subtype_id")
        self.assertIn(self.env.ref("pepites_jobs.mt_offer_submitted"), subtypes)
        self.assertIn(self.env.ref("pepites_jobs.mt_offer_published"), subtypes)
        self.assertIn(self.user_siae1.partner_id, offer.sudo().message_partner_ids,
                      "the author follows the offer")

    def test_submit_incomplete(self):
        """An offer without job family, contract or description cannot be submitted."""
        offer = self.Job.create({"name": "Incomplète", "siae_id": self.siae1.id})
        with self.assertRaises(UserError):
            offer.sudo(self.user_siae1).action_submit()
        self.assertEqual(offer.pepites_state, "draft")

    def test_only_staff_publish(self):
        """A SIAE user cannot publish its own offer, even by calling the method."""
        offer = create_offer(self, self.siae1, "submitted")
        with self.assertRaises(AccessError):
            offer.sudo(self.user_siae1).action_publish()
        self.assertEqual(offer.pepites_state, "submitted")

    def test_refuse_with_reason(self):
        """INAÉ refuses with a reason the SIAE reads; the SIAE edits and submits again."""
        offer = create_offer(self, self.siae1, "submitted")
        with self.assertRaises(UserError):
            offer.sudo(self.user_staff).action_refuse("   ")
        action = offer.sudo(self.user_staff).action_open_refuse_wizard()
        wizard = self.env["pepites.job.refuse.wizard"].sudo(self.user_staff).with_context(
            action["context"]).create({"reason": "Précisez le lieu de travail."})
        self.assertEqual(wizard.job_ids, offer)
        wizard.action_refuse()
        as_siae = offer.sudo(self.user_siae1)
        self.assertEqual(as_siae.pepites_state, "refused")
        self.assertEqual(as_siae.refusal_reason, "Précisez le lieu de travail.")
        as_siae.write({"city": "Oloron-Sainte-Marie"})
        as_siae.action_submit()
        self.assertEqual(as_siae.pepites_state, "submitted")
        self.assertFalse(as_siae.refusal_reason)

    def test_filled_and_archived_leave_the_board(self):
        """A filled or archived offer is no longer on the website, and records when it left."""
        filled = create_offer(self, self.siae1, "published")
        filled.sudo(self.user_siae1).action_mark_filled()
        self.assertEqual(filled.pepites_state, "filled")
        self.assertFalse(filled.website_published)
        self.assertTrue(filled.date_unpublished)
        archived = create_offer(self, self.siae1, "published", name="Coordinateur")
        archived.sudo(self.user_staff).action_archive_offer()
        self.assertFalse(archived.website_published)
        self.assertTrue(archived.date_unpublished)

    def test_reset_to_draft_republish(self):
        """An offer put back to draft leaves the board and can be published again."""
        offer = create_offer(self, self.siae1, "published")
        offer.sudo(self.user_siae1).action_reset_to_draft()
        self.assertFalse(offer.website_published)
        self.assertEqual(offer.pepites_state, "draft")
        offer.sudo(self.user_staff).action_publish()
        self.assertTrue(offer._is_public())

    def test_wrong_transitions(self):
        """A draft cannot be marked filled, nor a filled offer refused."""
        draft = create_offer(self, self.siae1)
        with self.assertRaises(UserError):
            draft.sudo(self.user_siae1).action_mark_filled()
        filled = create_offer(self, self.siae1, "filled", name="ASP")
        with self.assertRaises(UserError):
            filled.sudo(self.user_staff).action_refuse("Trop tard")

    def test_published_offer_deletion(self):
        """An offer that was published cannot be deleted (partners' feeds must see it go)."""
        offer = create_offer(self, self.siae1, "filled")
        with self.assertRaises(UserError):
            offer.unlink()
        draft = create_offer(self, self.siae1, name="Brouillon")
        draft.unlink()
        self.assertFalse(draft.exists())
