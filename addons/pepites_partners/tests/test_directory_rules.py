from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from .common import PepitesCase, make_siret


class TestDirectoryRules(PepitesCase):
    def test_siae_needs_kind_and_department(self):
        """A SIAE without kind or département is refused with a message naming what is missing."""
        Partner = self.env["res.partner"].with_context(lang="fr_FR")
        with self.assertRaisesRegex(ValidationError, "type de la SIAE"):
            Partner.create({"name": "Sans type", "is_company": True, "is_siae": True,
                            "department_id": self.dep_33.id})
        with self.assertRaisesRegex(ValidationError, "département de la SIAE"):
            Partner.create({"name": "Sans département", "is_company": True, "is_siae": True,
                            "siae_kind": "ei"})
        with self.assertRaises(ValidationError):
            self.siae_a.write({"department_id": False})

    def test_siae_is_a_company(self):
        """A person cannot be flagged SIAE."""
        with self.assertRaises(ValidationError):
            self.env["res.partner"].create({"name": "Personne", "is_siae": True,
                                            "siae_kind": "ai", "department_id": self.dep_33.id})

    def test_negative_fte_and_posts(self):
        """Negative FTE or insertion posts are refused with a message (before the database's
        own check)."""
        for field in ("fte", "insertion_posts"):
            with self.assertRaises(ValidationError):
                with self.env.cr.savepoint():
                    self.siae_a.write({field: -1})
        self.assertEqual(self.siae_a.fte, 12.5)

    def test_department_counts(self):
        """The département shows how many SIAE and active ambassadors it has, from one query each."""
        before = self.dep_33.siae_count
        self.env["res.partner"].create({
            "name": "Nouvelle SIAE", "is_company": True, "is_siae": True, "siae_kind": "ai",
            "siret": make_siret(), "department_id": self.dep_33.id})
        self.dep_33.invalidate_cache()
        self.assertEqual(self.dep_33.siae_count, before + 1)
        self.env["pepites.ambassador"].create({
            "partner_id": self.person_a.id, "department_id": self.dep_33.id,
            "siae_id": self.siae_a.id})
        self.dep_33.invalidate_cache()
        self.assertGreaterEqual(self.dep_33.ambassador_count, 1)

    def test_contacts_inherit_department(self):
        """Contacts of a SIAE take its département (used to count people by territory)."""
        self.assertEqual(self.person_a.department_id, self.dep_33)

    def test_counsellor_acculturation(self):
        """Marking counsellors acculturated sets state and date once; it needs a date."""
        counsellor = self.env["res.partner"].create({"name": "Conseillère", "is_cep_counsellor": True})
        counsellor.action_mark_acculturated("2026-03-01")
        self.assertEqual(counsellor.cep_acculturation_state, "acculturated")
        self.assertEqual(counsellor.cep_acculturation_date, "2026-03-01")
        counsellor.action_mark_acculturated("2026-05-01")
        self.assertEqual(counsellor.cep_acculturation_date, "2026-03-01", "first date is kept")
        with self.assertRaises(ValidationError):
            counsellor.write({"cep_acculturation_date": False})

    def test_ambassador_rules(self):
        """One ambassador role per person and département; no training date in the future."""
        Ambassador = self.env["pepites.ambassador"]
        Ambassador.create({"partner_id": self.person_b.id, "department_id": self.dep_24.id})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                Ambassador.create({"partner_id": self.person_b.id, "department_id": self.dep_24.id})
        with self.assertRaises(ValidationError):
            Ambassador.create({"partner_id": self.person_b.id, "department_id": self.dep_33.id,
                               "trained_on": "2999-01-01"})

    def test_partnership_method(self):
        """A partnership walks the five stages of the method, then closes; dates are ordered."""
        partnership = self.env["pepites.partnership"].create({
            "name": "Réemploi test", "sector_id": self.sector_reuse.id,
            "siae_ids": [(6, 0, [self.siae_a.id])]})
        self.assertEqual((partnership.stage, partnership.state), ("identify", "draft"))
        partnership.action_next_stage()
        self.assertEqual((partnership.stage, partnership.state), ("analyse", "active"))
        for _step in range(5):
            partnership.action_next_stage()
        self.assertEqual(partnership.stage, "spread")
        partnership.action_done()
        self.assertEqual(partnership.state, "done")
        self.assertEqual(partnership.date_end, fields.Date.context_today(partnership))
        with self.assertRaises(ValidationError):
            partnership.write({"date_start": "2030-01-01", "date_end": "2029-01-01"})

    def test_job_family_rome_code(self):
        """A job family's ROME code is a letter and four digits."""
        with self.assertRaisesRegex(ValidationError, "ROME"):
            self.env["pepites.job.family"].create({"name": "X", "code": "x", "rome_code": "12345"})
