from odoo.exceptions import ValidationError

from .common import BadgesCase


class TestSqlGuard(BadgesCase):
    """A negative validity or another class's UUID is refused in Python, in French, before the
    database's constraints (which would log an ERROR "bad query" line)."""

    def test_expiry_and_uuid(self):
        """Nothing is written; several classes are checked at once on write."""
        Class = self.env["pepites.badge.class"].with_context(lang="fr_FR")
        vals = {"name": "Badge négatif", "audience": "staff", "description": "d",
                "criteria_narrative": "c"}
        count = Class.search_count([])
        with self.assertRaisesRegex(ValidationError, "validité d'un badge ne peut pas"), \
                self.env.cr.savepoint():
            Class.create(dict(vals, expiry_months=-1))
        with self.assertRaisesRegex(ValidationError, "L'UUID d'un type de badge doit être"), \
                self.env.cr.savepoint():
            Class.create(dict(vals, uuid=self.hosted.uuid))
        self.assertEqual(Class.search_count([]), count)
        both = (self.signed | self.repeatable).with_context(lang="fr_FR")
        with self.assertRaisesRegex(ValidationError, "L'UUID"), self.env.cr.savepoint():
            both.write({"uuid": "00000000-0000-4000-8000-00000000abcd"})
        with self.assertRaisesRegex(ValidationError, "validité"), self.env.cr.savepoint():
            both.write({"expiry_months": -6})
        both.invalidate_cache()
        self.assertEqual(both.mapped("expiry_months"), [0, 0])
