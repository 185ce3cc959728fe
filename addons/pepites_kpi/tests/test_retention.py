"""The retention cron (issue 15): it anonymises exactly what passed its term, category by
category (records just past the term, and records just within it that stay), keeps the
indicators, skips legal holds, and logs each run."""
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import mute_logger

from odoo.addons.pepites_partners.personal_data import ANONYMOUS_NAME

from .common import KpiCase
from .privacy_common import Person, day, indicator_values, set_write_date


class TestRetention(KpiCase):

    @classmethod
    def setUpClass(cls):
        super(TestRetention, cls).setUpClass()
        # everything about "past" ended one day beyond every 5-year term
        cls.past = Person(cls.env, "PAST", cls.siae_a, end=day(-1, -60))
        set_write_date(day(-1, -24), cls.past.applicant, cls.past.orientation)
        # everything about "within" ends one day within every term
        cls.within = Person(cls.env, "WITHIN", cls.siae_a, end=day(1, -12))
        set_write_date(day(1, -24), cls.within.applicant, cls.within.orientation)
        # the edges of the shorter terms, one record each
        cls.event_past = Person(cls.env, "EVPAST", cls.siae_a, end=day(-1, -12)).registration
        cls.hired_cv = Person(cls.env, "HIREDCV", cls.siae_a).applicant
        cls.hired_cv.write({"date_closed": "%s 10:00:00" % day(1, -60)})
        set_write_date(day(-1, -24), cls.hired_cv)
        cls.hired_past = Person(cls.env, "HIREDPAST", cls.siae_a).applicant
        cls.hired_past.write({"date_closed": "%s 10:00:00" % day(-1, -60)})
        set_write_date(day(-1, -24), cls.hired_past)

    def run_cron(self):
        return self.env["pepites.retention.rule"]._cron_apply()

    def test_past_the_term_is_anonymised(self):
        """Every record of a person whose actions ended beyond their terms is anonymised and
        their files removed; the contact stays while they hold a badge."""
        self.run_cron()
        self.env.cache.invalidate()
        past = self.past
        for record in past.records():
            if record in (past.badge, past.partner):
                continue  # badges are kept while their holder keeps them, and so the contact
            self.assertTrue(record.pepites_anonymised_on, record)
        self.assertEqual(past.applicant.partner_name, ANONYMOUS_NAME)
        self.assertEqual(past.registration.name, ANONYMOUS_NAME)
        self.assertFalse(past.cv.exists())
        self.assertFalse(past.evidence.exists())
        self.assertFalse(past.partner.pepites_anonymised_on, "they still hold a badge")
        self.assertEqual(past.partner.name, past.name)

    def test_within_the_term_is_kept(self):
        """A day before the end of each term, nothing is touched."""
        self.run_cron()
        self.env.cache.invalidate()
        within = self.within
        for record in within.records():
            self.assertFalse(record.pepites_anonymised_on, record)
        self.assertEqual(within.applicant.partner_name, within.name)
        self.assertTrue(within.cv.exists())

    def test_shorter_terms(self):
        """Event registrants at 1 year; hired applicants: the CV at 2 years, the rest at 5."""
        self.run_cron()
        self.env.cache.invalidate()
        self.assertEqual(self.event_past.name, ANONYMOUS_NAME)
        self.assertFalse(self.hired_cv.pepites_anonymised_on, "hired less than 5 years ago")
        self.assertNotEqual(self.hired_cv.partner_name, ANONYMOUS_NAME)
        self.assertFalse(self.env["ir.attachment"].search([
            ("res_model", "=", "hr.applicant"), ("res_id", "=", self.hired_cv.id)]),
            "but the CV is gone at 2 years")
        self.assertEqual(self.hired_past.partner_name, ANONYMOUS_NAME)

    def test_person_with_nothing_left_is_anonymised(self):
        """Once their last record is anonymised (their badge revoked and erased aside), the
        contact itself is anonymised by the cron."""
        self.past.badge.unlink()
        run = self.run_cron()
        self.assertEqual(self.past.partner.name, ANONYMOUS_NAME)
        self.assertGreaterEqual(run.line_ids.filtered(
            lambda line: line.code == "contacts").record_count, 1)

    def test_indicators_keep_their_values(self):
        """Every indicator computes the same values before and after the run."""
        before = indicator_values(self.env)
        self.run_cron()
        self.env.cache.invalidate()
        self.assertEqual(indicator_values(self.env), before)

    def test_run_is_logged_and_idempotent(self):
        """Each run is logged with its counts per category; a second run finds nothing new."""
        run = self.run_cron()
        self.assertEqual(run.state, "done")
        by_code = {line.code: line for line in run.line_ids}
        self.assertGreaterEqual(by_code["pmsmp"].record_count, 1)
        self.assertGreaterEqual(by_code["training"].record_count, 8)
        self.assertGreaterEqual(by_code["recruitment_cv"].file_count, 1, "hired_cv's CV")
        self.assertGreaterEqual(by_code["recruitment"].file_count, 1, "past's CV")
        self.assertEqual(run.record_count, sum(run.line_ids.mapped("record_count")))
        again = self.run_cron()
        self.assertEqual(again.record_count, 0)
        self.assertEqual(again.file_count, 0)

    def test_archived_rule_is_not_applied(self):
        """An archived category is kept whatever its dates."""
        self.env.ref("pepites_partners.retention_rule_pmsmp").active = False
        self.run_cron()
        self.assertFalse(self.past.immersion.pepites_anonymised_on)

    def test_rules_rights(self):
        """Managers change the terms, staff read them, outsiders see nothing; a term is at
        least one month; only managers read the runs."""
        rule = self.env.ref("pepites_partners.retention_rule_events")
        self.assertEqual(rule.months, 12)
        rule.sudo(self.user_manager).months = 18
        self.assertEqual(rule.sudo(self.user_staff).months, 18)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            rule.sudo(self.user_staff).months = 6
        for user in (self.user_siae_a, self.user_partner_api, self.user_portal):
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                rule.sudo(user).read(["months"])
        with self.assertRaises(ValidationError), mute_logger("odoo.sql_db"):
            rule.sudo(self.user_manager).months = 0
        run = self.run_cron()
        self.assertTrue(run.sudo(self.user_manager).read(["record_count"]))
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            run.sudo(self.user_staff).read(["record_count"])
