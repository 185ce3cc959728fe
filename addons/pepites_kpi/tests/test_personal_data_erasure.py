"""Erasure on request (issue 15): one action anonymises a person across every model, leaves
none of their identity in the database nor their files in the filestore, keeps the indicators,
can be run twice, and is refused as a whole under a legal hold."""
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from odoo.addons.pepites_partners.personal_data import ANONYMOUS_NAME, HOLDER_REQUEST_REASON
from odoo.addons.pepites_partners.tests.common import create_user

from .common import KpiCase
from .privacy_common import (Person, database_hits, day, filestore_hits, indicator_values)


class TestErasure(KpiCase):

    @classmethod
    def setUpClass(cls):
        super(TestErasure, cls).setUpClass()
        cls.person = Person(cls.env, "ERA", cls.siae_a)

    def erase(self, person, user=None):
        return person.partner.sudo(user or self.user_manager)._pepites_erase()

    def test_erasure_leaves_nothing_twice(self):
        """After an erasure, no text column of any table holds the person's name, e-mail or
        phone, no file of the filestore holds their CV or evidence, every indicator keeps its
        values; a second erasure changes nothing and does not fail."""
        person = self.person
        before = indicator_values(self.env)
        self.assertTrue(database_hits(self.cr, person.strings()), "the search finds them")
        self.assertTrue(filestore_hits(self.env, [person.cv_bytes]), "and the CV's bytes")
        counts = self.erase(person)
        self.assertGreaterEqual(counts["files"], 3, "CV, evidence, baked badge")
        self.env.cache.invalidate()
        for _run in range(2):
            self.assertEqual(database_hits(self.cr, person.strings()), [])
            self.assertEqual(filestore_hits(
                self.env, [person.cv_bytes, person.evidence_bytes]), [])
            self.assertEqual(indicator_values(self.env), before)
            self.assertEqual(self.erase(person), {"files": 0}, "the second run does nothing")
            self.env.cache.invalidate()

    def test_what_is_kept(self):
        """Names become "Personne anonymisée", the free text goes, the facts stay; the badge is
        revoked with the neutral reason, its hashed identity kept; the contact says when."""
        person = self.person
        identity = person.badge.recipient_identity
        self.erase(person)
        self.env.cache.invalidate()
        self.assertEqual(person.partner.name, ANONYMOUS_NAME)
        self.assertTrue(person.partner.pepites_anonymised_on)
        self.assertFalse(person.partner.email or person.partner.phone or person.partner.street)
        self.assertEqual(person.applicant.partner_name, ANONYMOUS_NAME)
        self.assertFalse(person.applicant.email_from or person.applicant.description)
        self.assertEqual(person.applicant.job_id, person.job)
        self.assertEqual(person.registration.name, ANONYMOUS_NAME)
        self.assertEqual(person.registration.event_id, person.event)
        self.assertFalse(person.orientation.note)
        self.assertEqual(person.orientation.siae_id, self.siae_a)
        self.assertFalse(person.immersion.feedback)
        self.assertEqual(person.immersion.rome_code, "K1203")
        self.assertFalse(person.vae_result.comment)
        self.assertTrue(person.badge.revoked)
        self.assertTrue(person.badge.revoked_by_holder)
        self.assertEqual(person.badge.revocation_reason, HOLDER_REQUEST_REASON)
        self.assertEqual(person.badge.recipient_identity, identity)
        self.assertFalse(person.badge.sudo().recipient_email)
        self.assertFalse(person.cv.exists())
        for record in person.records():
            self.assertTrue(record.pepites_anonymised_on, record)

    def test_refused_under_legal_hold(self):
        """A signed PMSMP convention within its 5-year term refuses the erasure, naming the
        convention and until when; nothing is written, no file removed."""
        held = Person(self.env, "HOLD", self.siae_a, signed=True)
        strings_before = database_hits(self.cr, held.strings())
        with self.assertRaises(UserError) as refusal:
            self.erase(held)
        message = refusal.exception.name
        self.assertIn(held.immersion.name, message)
        self.assertIn(held.poei.display_name, message, "a POEI within its term too")
        self.env.cache.invalidate()
        self.assertEqual(held.partner.name, held.name)
        self.assertFalse(held.partner.pepites_anonymised_on)
        self.assertTrue(held.cv.exists())
        self.assertFalse(held.badge.revoked)
        self.assertEqual(database_hits(self.cr, held.strings()), strings_before)
        self.assertTrue(filestore_hits(self.env, [held.cv_bytes]))

    def test_expired_hold_allows_erasure(self):
        """A convention signed more than five years ago no longer holds the record."""
        old = Person(self.env, "OLD", self.siae_a, end=day(-10, -61), signed=True)
        self.erase(old)
        self.assertEqual(old.partner.name, ANONYMOUS_NAME)

    def test_only_managers_erase(self):
        """INAÉ staff, SIAE, partner API and portal users may not erase (nothing written);
        nor open the confirmation wizard."""
        for user in (self.user_staff, self.user_siae_a, self.user_partner_api,
                     self.user_portal):
            with self.assertRaises(AccessError):
                self.erase(self.person, user)
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                self.person.partner.sudo(user).action_pepites_erase_wizard()
        self.assertEqual(self.person.partner.name, self.person.name)

    def test_wizard_lists_and_confirms(self):
        """The manager's wizard lists the records to anonymise, then erases on confirmation."""
        action = self.person.partner.sudo(self.user_manager).action_pepites_erase_wizard()
        wizard = self.env[action["res_model"]].sudo(self.user_manager).browse(action["res_id"])
        summary = wizard.with_context(lang="fr_FR").summary
        self.assertIn("anonymis", summary)
        self.assertIn("<li>", summary)
        wizard.action_confirm()
        self.assertEqual(self.person.partner.name, ANONYMOUS_NAME)

    def test_organisations_and_accounts_are_not_erased(self):
        """An organisation, or a person with an INAÉ account, is refused with the reason."""
        with self.assertRaises(UserError):
            self.siae_a.sudo(self.user_manager)._pepites_erase()
        staff = create_user(self.env, "erase_staff", ["pepites_partners.group_pepites_user"])
        with self.assertRaises(UserError):
            staff.partner_id.sudo(self.user_manager)._pepites_erase()
