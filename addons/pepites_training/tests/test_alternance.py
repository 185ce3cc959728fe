from odoo.exceptions import UserError, ValidationError

from .common import TrainingCase, today_plus


class TestAlternance(TrainingCase):
    def _alternance(self, **values):
        vals = {"apprentice_id": self.employee_a.id, "employer_id": self.siae_a.id,
                "certification_id": self.eti.id, "session_id": self.alternance_session.id,
                "training_centre_id": self.afpa.id, "contract_type": "apprentissage",
                "date_start": "2023-01-09", "date_end": "2024-01-31", "weekly_hours": 35,
                "opco_id": self.opco.id, "user_id": self.user_staff.id}
        vals.update(values)
        return self.env["pepites.alternance"].create(vals)

    def test_workflow_to_certification(self):
        """prospect → signed → in progress → certified, with a reference and a conclusion date."""
        alternance = self._alternance()
        self.assertTrue(alternance.name.startswith("ALT/"))
        self.assertEqual(alternance.state, "prospect")
        alternance.action_sign()
        self.assertEqual(alternance.state, "signed")
        self.assertLessEqual(alternance.conclusion_date, alternance.date_start)
        alternance.action_start()
        alternance.action_certify(date="2024-01-25")
        self.assertEqual(alternance.state, "certified")
        self.assertEqual(alternance.certified_date, "2024-01-25")
        self.assertEqual(alternance.department_id, self.dep_16)

    def test_transitions_out_of_order_are_refused(self):
        """A prospect cannot be certified nor broken; a certified contract cannot be abandoned."""
        alternance = self._alternance()
        with self.assertRaises(UserError):
            alternance.action_certify()
        with self.assertRaises(UserError):
            alternance.action_rupture("2023-03-01", "mutual")
        alternance.action_sign()
        alternance.action_start()
        alternance.action_certify()
        with self.assertRaises(UserError):
            alternance.action_abandon()

    def test_signing_needs_dates(self):
        """A contract without its dates cannot be signed."""
        alternance = self._alternance(date_start=False, date_end=False)
        with self.assertRaises(UserError):
            alternance.action_sign()

    def test_rupture_with_date_and_reason(self):
        """A rupture records its date and reason, and plans a follow-up activity once."""
        alternance = self._alternance()
        alternance.action_sign()
        alternance.action_start()
        alternance.action_rupture("2023-04-14", "trial_apprentice", "Déménagement")
        self.assertEqual(alternance.state, "rupture")
        self.assertEqual(alternance.rupture_reason, "trial_apprentice")
        rupture_type = self.env.ref("pepites_training.mail_activity_alternance_rupture")
        self.assertEqual(alternance.activity_ids.mapped("activity_type_id"), rupture_type)
        self.assertEqual(alternance.activity_ids.user_id, self.user_staff)
        self.env["pepites.alternance"]._cron_schedule_alerts()
        self.assertEqual(len(alternance.activity_ids), 1, "no second reminder")

    def test_rupture_outside_contract_or_unknown_reason(self):
        """A rupture dated outside the contract, or with an unknown reason, writes nothing."""
        alternance = self._alternance()
        alternance.action_sign()
        with self.assertRaises(UserError):
            alternance.action_rupture("2022-12-01", "mutual")
        with self.assertRaises(UserError):
            alternance.action_rupture("2023-03-01", "bored")
        self.assertEqual(alternance.state, "signed")
        self.assertFalse(alternance.rupture_date)

    def test_rupture_wizard(self):
        """The back-office wizard records the rupture as the action does."""
        alternance = self._alternance()
        alternance.action_sign()
        action = alternance.action_open_rupture_wizard()
        wizard = self.env[action["res_model"]].with_context(action["context"]).create(
            {"rupture_date": "2023-02-01", "rupture_reason": "mutual"})
        wizard.action_confirm()
        self.assertEqual(alternance.state, "rupture")

    def test_end_before_start_is_refused(self):
        """A contract ending before it starts is refused (before the database's own check)."""
        with self.assertRaises(ValidationError):
            with self.cr.savepoint():
                self._alternance(date_start="2023-06-01", date_end="2023-05-01")

    def test_start_before_conclusion_is_refused(self):
        """A contract cannot start before it was concluded."""
        with self.assertRaises(ValidationError):
            self._alternance(conclusion_date="2023-02-01")

    def test_weekly_hours_out_of_range(self):
        """Weekly hours outside 1–48 are refused (constraint and database check)."""
        alternance = self._alternance()
        with self.assertRaises(ValidationError):
            with self.cr.savepoint():
                alternance.write({"weekly_hours": 60})
        with self.assertRaises(ValidationError):
            with self.cr.savepoint():
                self._alternance(apprentice_id=self.employee_a2.id, weekly_hours=-3)

    def test_duplicate_enrolment_in_session(self):
        """The same apprentice cannot be enrolled twice in one session."""
        self._alternance()
        with self.assertRaises(ValidationError):
            with self.cr.savepoint():
                self._alternance()

    def test_two_running_contracts_overlap(self):
        """An apprentice cannot hold two running contracts over the same period."""
        first = self._alternance(session_id=False)
        first.action_sign()
        second = self._alternance(session_id=False, date_start="2023-06-01",
                                  date_end="2024-06-01")
        with self.assertRaises(ValidationError):
            second.action_sign()

    def test_employer_must_be_a_siae(self):
        """The employer of an alternance is a SIAE."""
        with self.assertRaises(ValidationError):
            self._alternance(employer_id=self.afpa.id)

    def test_session_of_another_title(self):
        """An ETAIE contract cannot join an ETI session."""
        with self.assertRaises(ValidationError):
            self._alternance(certification_id=self.etaie.id)

    def test_ending_soon_alert_once(self):
        """The daily job reminds INAÉ of a running contract ending within 30 days, once."""
        # contracts of the law's length (6 months to 3 years)
        alternance = self._alternance(session_id=False, date_start=today_plus(self.env, -300),
                                      date_end=today_plus(self.env, 20))
        later = self._alternance(session_id=False, apprentice_id=self.employee_a2.id,
                                 date_start=today_plus(self.env, -300),
                                 date_end=today_plus(self.env, 90))
        (alternance | later).action_sign()
        (alternance | later).action_start()
        self.env["pepites.alternance"]._cron_schedule_alerts()
        ending = self.env.ref("pepites_training.mail_activity_alternance_ending")
        self.assertEqual(alternance.activity_ids.activity_type_id, ending)
        self.assertEqual(alternance.activity_ids.date_deadline, alternance.date_end)
        self.assertFalse(later.activity_ids)
        self.env["pepites.alternance"]._cron_schedule_alerts()
        self.assertEqual(len(alternance.activity_ids), 1)

    def test_sessions_counted_per_title(self):
        """Each title counts its alternance sessions and (signed) apprentices."""
        self.env["pepites.alternance.session"].create({
            "name": "ETI Châtellerault", "certification_id": self.eti.id,
            "date_start": "2023-09-04", "date_end": "2024-09-30"})
        before = self.eti.alternance_session_count
        self.assertGreaterEqual(before, 2)
        alternance = self._alternance()
        self.assertEqual(self.alternance_session.alternance_count, 0, "a prospect is not counted")
        alternance.action_sign()
        self.assertEqual(self.alternance_session.alternance_count, 1)
        rows = self.env["pepites.alternance.session"].read_group(
            [("certification_id", "=", self.eti.id)], ["certification_id"], ["certification_id"])
        self.assertEqual(rows[0]["certification_id_count"], before)
