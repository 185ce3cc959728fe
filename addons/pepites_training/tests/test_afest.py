from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from .common import TrainingCase


class TestAfest(TrainingCase):
    @classmethod
    def setUpClass(cls):
        super(TestAfest, cls).setUpClass()
        cls.trainer = cls.env["pepites.internal.trainer"].create({
            "partner_id": cls.employee_a2.id, "employer_id": cls.siae_a.id,
            "afest_qualified": True})

    def _afest(self, **values):
        vals = {"employer_id": self.siae_a.id, "learner_id": self.employee_a.id,
                "trainer_id": self.trainer.id, "block_id": self.etaie_blocks[1].id,
                "date_start": "2023-03-01", "date_end": "2023-06-30"}
        vals.update(values)
        return self.env["pepites.afest"].create(vals)

    def test_four_phases_in_order(self):
        """An AFEST comes with its four phases: analysis, situations, reflexive, evaluation."""
        afest = self._afest()
        self.assertTrue(afest.name.startswith("AFEST/"))
        self.assertEqual(afest.phase_ids.sorted("sequence").mapped("phase"),
                         ["analysis", "situation", "reflexive", "evaluation"])
        self.assertEqual(afest.certification_id, self.etaie)

    def test_workflow_with_evidence_and_result(self):
        """Started with a trainer, closed with a dated evaluation and its result; evidence is
        attached to the phases."""
        afest = self._afest()
        afest.action_start()
        phases = {phase.phase: phase for phase in afest.phase_ids}
        evidence = self.env["ir.attachment"].create({
            "name": "grille-observation.pdf", "datas": "JVBERi0xLjQK",
            "res_model": "pepites.afest.phase", "res_id": phases["situation"].id})
        phases["situation"].write({"date_start": "2023-03-15", "date_end": "2023-05-15",
                                   "attachment_ids": [(4, evidence.id)]})
        self.assertEqual(afest.evidence_count, 1)
        with self.assertRaises(UserError):
            afest.action_done("acquired")
        phases["evaluation"].write({"date_start": "2023-06-20", "date_end": "2023-06-20"})
        with self.assertRaises(UserError):
            afest.action_done("brilliant")
        afest.action_done("acquired")
        self.assertEqual((afest.state, afest.result), ("done", "acquired"))

    def test_start_needs_trainer_and_date(self):
        """An AFEST starts only with its internal trainer and start date."""
        afest = self._afest(trainer_id=False)
        with self.assertRaises(UserError):
            afest.action_start()

    def test_phase_outside_dates(self):
        """A phase cannot lie outside the AFEST's dates, nor end before it starts."""
        afest = self._afest()
        phase = afest.phase_ids[0]
        with self.assertRaises(ValidationError):
            phase.write({"date_start": "2023-02-01"})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.cr.savepoint():
                phase.write({"date_start": "2023-04-10", "date_end": "2023-04-01"})
        phase.write({"date_start": "2023-03-02", "date_end": "2023-03-10"})
        with self.assertRaises(ValidationError):
            afest.write({"date_start": "2023-03-05"})

    def test_trainer_of_another_siae_or_the_learner(self):
        """The internal trainer works in the same SIAE and is not the learner."""
        other = self.env["pepites.internal.trainer"].create({
            "partner_id": self.employee_b.id, "employer_id": self.siae_b.id})
        with self.assertRaises(ValidationError):
            self._afest(trainer_id=other.id)
        with self.assertRaises(ValidationError):
            self._afest(learner_id=self.employee_a2.id)

    def test_end_before_start(self):
        """An AFEST cannot end before it starts."""
        with self.assertRaises(ValidationError):
            with self.cr.savepoint():
                self._afest(date_end="2023-02-01")

    def test_pool_of_trainers_per_department(self):
        """Trainers are pooled by the département of their SIAE; a trained one has a date."""
        self.assertEqual(self.trainer.department_id, self.dep_16)
        self.trainer.action_mark_trained("2023-01-20")
        self.assertEqual(self.trainer.state, "trained")
        rows = self.env["pepites.internal.trainer"].read_group(
            [("id", "=", self.trainer.id)], ["department_id"], ["department_id"])
        self.assertEqual(rows[0]["department_id"][0], self.dep_16.id)
        with self.assertRaises(ValidationError):
            self.trainer.write({"state": "active", "trained_date": False})
        self._afest()
        self.assertEqual(self.trainer.afest_count, 1)
