from odoo.exceptions import ValidationError

from .common import KpiCase


class TestSqlGuard(KpiCase):
    """A code already taken is refused in Python, in French, before the database's unique
    constraint (which would log an ERROR "bad query" line)."""

    def test_code_taken(self):
        """On create and on write, nothing written."""
        Indicator = self.env["pepites.kpi.indicator"].with_context(lang="fr_FR")
        vals = {"name": "Offres test", "code": "guard_offers", "action_sheet": "hr_support",
                "model_name": "hr.job", "domain": "[]"}
        first = Indicator.create(vals)
        count = Indicator.search_count([])
        with self.assertRaisesRegex(ValidationError, "Un indicateur avec ce code existe déjà"), \
                self.env.cr.savepoint():
            Indicator.create(dict(vals, name="Copie"))
        second = Indicator.create(dict(vals, code="guard_offers_2"))
        with self.assertRaisesRegex(ValidationError, "Un indicateur avec ce code"), \
                self.env.cr.savepoint():
            second.write({"code": first.code})
        self.assertEqual(Indicator.search_count([]), count + 1)
        second.invalidate_cache()
        self.assertEqual(second.code, "guard_offers_2")
