from odoo.exceptions import UserError, ValidationError

from .events_common import PathwaysCase, immersion_values, today


class TestImmersion(PathwaysCase):
    """The PMSMP convention: legal limits and the signature workflow."""

    def create(self, **extra):
        return self.env["pepites.immersion"].with_context(lang="fr_FR").create(
            immersion_values(self, **extra))

    def signed(self, **extra):
        immersion = self.create(**extra)
        immersion.action_to_sign()
        for party in ("beneficiary", "host", "prescriber"):
            immersion.action_sign(party)
        return immersion

    def test_reference_and_duration(self):
        """A convention gets a PMSMP reference and counts its calendar days."""
        immersion = self.create()
        self.assertTrue(immersion.name.startswith("PMSMP/"))
        self.assertEqual(immersion.duration_days, 14)
        self.assertEqual(immersion.department_id, self.dep_33)

    def test_thirty_days_at_most(self):
        """30 calendar days are accepted, 31 refused with a clear French message."""
        self.create(date_start=today(1), date_end=today(30))
        with self.assertRaises(ValidationError) as error, self.env.cr.savepoint():
            self.create(date_start=today(1), date_end=today(31))
        self.assertIn("30 jours calendaires", error.exception.name)

    def test_end_before_start(self):
        """An immersion ending before it starts is refused, nothing written."""
        count = self.env["pepites.immersion"].search_count([])
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.create(date_start=today(10), date_end=today(5))
        self.assertEqual(self.env["pepites.immersion"].search_count([]), count)

    def test_weekly_hours_within_host_time(self):
        """The weekly hours cannot exceed the host's working time (35 h by default)."""
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.create(weekly_hours=36)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.create(weekly_hours=0)
        self.assertEqual(self.create(weekly_hours=39, host_weekly_hours=39).weekly_hours, 39)

    def test_rome_code(self):
        """The job observed is a ROME code: a letter and four digits."""
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.create(rome_code="12345")

    def test_signature_workflow(self):
        """Draft → to sign → the three signatures (each dated) → signed → validated by the
        prescriber → in progress → done with its assessment."""
        immersion = self.create()
        immersion.action_to_sign()
        immersion.action_sign("beneficiary", today())
        immersion.action_sign("host")
        self.assertEqual(immersion.state, "to_sign")
        immersion.action_sign("prescriber")
        self.assertEqual(immersion.state, "signed")
        self.assertEqual(immersion.beneficiary_signed_date, today())
        self.assertTrue(immersion.host_signed_date and immersion.prescriber_signed_date)
        immersion.action_validate()
        self.assertEqual(immersion.state, "validated")
        immersion.action_start()
        immersion.action_done("completed", ended_with_job=True, job_contract_type="cdd",
                              job_start_date=today(30), feedback="Très bonne immersion")
        self.assertEqual(immersion.state, "done")
        self.assertEqual(immersion.assessment_result, "completed")

    def test_fourth_signature_refused(self):
        """A party cannot sign twice, nor anybody once the three have signed."""
        immersion = self.create()
        immersion.action_to_sign()
        immersion.action_sign("host")
        with self.assertRaises(UserError), self.env.cr.savepoint():
            immersion.action_sign("host")
        immersion.action_sign("beneficiary")
        immersion.action_sign("prescriber")
        for party in ("beneficiary", "host", "prescriber", "tutor"):
            with self.assertRaises(UserError), self.env.cr.savepoint():
                immersion.action_sign(party)

    def test_validation_needs_three_signatures(self):
        """The prescriber cannot validate before the three signatures."""
        immersion = self.create()
        with self.assertRaises(UserError), self.env.cr.savepoint():
            immersion.action_validate()
        immersion.action_to_sign()
        immersion.action_sign("beneficiary")
        immersion.action_sign("host")
        with self.assertRaises(UserError) as error, self.env.cr.savepoint():
            immersion.with_context(lang="fr_FR").action_validate()
        self.assertIn("signée", error.exception.name)
        self.assertEqual(immersion.state, "to_sign")
        self.assertFalse(immersion.validated_date)

    def test_done_needs_assessment(self):
        """Closing needs the assessment, and a contract when it ended with a job."""
        immersion = self.signed()
        immersion.action_validate()
        immersion.action_start()
        with self.assertRaises(UserError), self.env.cr.savepoint():
            immersion.action_done()
        with self.assertRaises(UserError), self.env.cr.savepoint():
            immersion.action_done("partly", ended_with_job=True)
        immersion.action_done("no_show")
        self.assertEqual(immersion.state, "done")

    def test_one_renewal_same_objective(self):
        """A convention is renewed once, for the same objective; a second renewal, a renewal
        of a renewal or a renewal with another objective is refused."""
        first = self.create(objective="confirm")
        renewal = first.action_renew()
        self.assertEqual(renewal.renewal_of_id, first)
        self.assertEqual(renewal.objective, "confirm")
        self.assertEqual(renewal.duration_days, 30)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            first.action_renew()
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            renewal.action_renew()
        other = self.create(objective="discover")
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            other.copy({"renewal_of_id": other.id, "objective": "recruit"})

    def test_cancel(self):
        """A convention can be cancelled until it is done."""
        immersion = self.create()
        immersion.action_cancel("Le bénéficiaire a trouvé un emploi")
        self.assertEqual(immersion.state, "cancelled")
        with self.assertRaises(UserError), self.env.cr.savepoint():
            immersion.action_cancel()
