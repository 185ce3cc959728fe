from odoo import fields

from ..feeds import end_of_publication
from .common import JobsCase, create_offer, day


class TestCronExpiry(JobsCase):

    def test_cron_expires_past_offers(self):
        """The daily cron expires published offers past their last day, and only those; each
        records the midnight after its last day as the moment it left the board."""
        past = create_offer(self, self.siae1, "published")
        past.write({"date_published": day(-40), "date_expire": day(-1)})
        today = create_offer(self, self.siae1, "published", name="Dernier jour")
        today.write({"date_expire": day(0)})
        self.assertFalse(past._is_public(), "past its date, it is off the board before the cron")
        expired = self.Job._cron_expire_offers()
        self.assertEqual(expired, past)
        self.assertEqual(past.pepites_state, "expired")
        self.assertFalse(past.website_published)
        self.assertEqual(past.date_unpublished,
                         fields.Datetime.to_string(end_of_publication(day(-1))))
        self.assertEqual(today.pepites_state, "published")
        self.assertTrue(today._is_public())

    def test_expired_offer_can_be_filled_or_republished(self):
        """An expired offer can be marked filled, or put back to draft and published again."""
        offer = create_offer(self, self.siae1, "expired")
        self.assertEqual(offer.pepites_state, "expired")
        offer.sudo(self.user_siae1).action_reset_to_draft()
        offer.write({"date_expire": day(20)})
        offer.sudo(self.user_staff).action_publish()
        self.assertTrue(offer._is_public())
