import datetime

from odoo import fields
from odoo.exceptions import ValidationError

from .common import KpiCase


class TestSnapshots(KpiCase):
    def test_snapshot_now(self):
        """Snapshot now stores the region and every département with a value, once per month."""
        indicator = self.env.ref("pepites_kpi.indicator_partnerships")
        self.env["pepites.partnership"].create({
            "name": "P", "sector_id": self.sector_reuse.id, "state": "active",
            "department_id": self.dep_24.id})
        indicator.action_snapshot()
        month = fields.Date.to_string(fields.Date.from_string(fields.Date.today()).replace(day=1))
        snapshots = self.env["pepites.kpi.snapshot"].search(
            [("indicator_id", "=", indicator.id), ("month", "=", month)])
        regional = snapshots.filtered("is_regional")
        self.assertEqual(len(regional), 1)
        self.assertEqual(regional.value, indicator.value)
        self.assertEqual(snapshots.filtered(lambda s: s.department_id == self.dep_24).value,
                         self.value("partnerships", self.dep_24))
        indicator.action_snapshot()
        self.assertEqual(self.env["pepites.kpi.snapshot"].search_count(
            [("indicator_id", "=", indicator.id), ("month", "=", month)]), len(snapshots),
            "a second snapshot of the month replaces the first")

    def test_cron_snapshots_every_indicator(self):
        self.env["pepites.kpi.indicator"]._cron_snapshot()
        month = fields.Date.to_string(fields.Date.from_string(fields.Date.today()).replace(day=1))
        indicators = self.env["pepites.kpi.indicator"].search([])
        snapped = self.env["pepites.kpi.snapshot"].search(
            [("month", "=", month), ("is_regional", "=", True)]).mapped("indicator_id")
        self.assertEqual(snapped, indicators)

    def test_future_month_is_refused(self):
        indicator = self.env.ref("pepites_kpi.indicator_partnerships")
        future = fields.Date.from_string(fields.Date.today()) + datetime.timedelta(days=40)
        with self.assertRaisesRegex(ValidationError, "futur"), self.env.cr.savepoint():
            self.env["pepites.kpi.snapshot"].with_context(lang="fr_FR").create({
                "indicator_id": indicator.id, "value": 1,
                "month": fields.Date.to_string(future.replace(day=1))})

    def test_backfill_builds_a_cumulative_series(self):
        """The backfill gives, for each month, everything dated up to that month."""
        indicator = self.env.ref("pepites_kpi.indicator_cep_acculturated")
        Partner = self.env["res.partner"]
        Partner.search([("cep_acculturation_state", "=", "acculturated")]).write(
            {"cep_acculturation_state": "none", "cep_acculturation_date": False})
        for day in ("2025-01-10", "2025-01-20", "2025-03-05"):
            Partner.create({"name": day, "is_cep_counsellor": True, "department_id": self.dep_33.id,
                            "cep_acculturation_state": "acculturated", "cep_acculturation_date": day})
        indicator.action_backfill()
        Snapshot = self.env["pepites.kpi.snapshot"]

        def regional(month):
            return Snapshot.search([("indicator_id", "=", indicator.id), ("month", "=", month),
                                    ("is_regional", "=", True)]).value

        self.assertEqual([regional("2025-01-01"), regional("2025-02-01"), regional("2025-03-01")],
                         [2, 2, 3])
        self.assertEqual(Snapshot.search([("indicator_id", "=", indicator.id),
                                          ("month", "=", "2025-03-01"),
                                          ("department_id", "=", self.dep_33.id)]).value, 3)
