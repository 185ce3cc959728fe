from odoo.exceptions import ValidationError

from .common import TrainingCase


class TestSqlGuard(TrainingCase):
    """Bad dates, figures and second enrolments are refused in Python, in French, before the
    database's CHECK and UNIQUE constraints (which would log an ERROR "bad query" line)."""

    def assert_refused(self, model, message, call):
        """``call`` raises the French ``message`` and writes no row of ``model``."""
        count = self.env[model].search_count([])
        with self.assertRaisesRegex(ValidationError, message), self.env.cr.savepoint():
            call()
        self.assertEqual(self.env[model].search_count([]), count)

    def test_alternance(self):
        """An alternance ending before it starts, with 60 hours a week, a negative funding or
        an apprentice already in the session is refused."""
        Alternance = self.env["pepites.alternance"].with_context(lang="fr_FR")
        vals = {"apprentice_id": self.employee_a.id, "employer_id": self.siae_a.id,
                "certification_id": self.eti.id, "session_id": self.alternance_session.id,
                "training_centre_id": self.afpa.id, "contract_type": "apprentissage",
                "date_start": "2023-01-09", "date_end": "2024-01-31", "weekly_hours": 35}
        for values, message in (
                ({"date_end": "2023-01-01"}, "Le contrat doit se terminer après son début"),
                ({"weekly_hours": 60}, "comprises entre 1 et 48"),
                ({"funding_amount": -10}, "Le financement ne peut pas être négatif")):
            self.assert_refused("pepites.alternance", message,
                                lambda: Alternance.create(dict(vals, **values)))
        first = Alternance.create(vals)
        self.assert_refused("pepites.alternance", "déjà inscrit", lambda: Alternance.create(vals))
        # a write checks the merged values: the new end against the stored start
        with self.assertRaisesRegex(ValidationError, "Le contrat doit se terminer"), \
                self.env.cr.savepoint():
            first.write({"date_end": "2022-12-31"})
        first.invalidate_cache()
        self.assertEqual(first.date_end, "2024-01-31")

    def test_vae_twice_in_session(self):
        """A candidate cannot be enrolled twice in one VAE session."""
        session = self.env["pepites.vae.session"].create({
            "name": "VAE collective ETAIE — test", "certification_id": self.etaie.id,
            "department_id": self.dep_24.id, "date_start": "2023-02-01",
            "date_end": "2023-11-30"})
        Vae = self.env["pepites.vae"].with_context(lang="fr_FR")
        vals = {"candidate_id": self.employee_a.id, "employer_id": self.siae_a.id,
                "certification_id": self.etaie.id, "session_id": session.id}
        Vae.create(vals)
        self.assert_refused("pepites.vae", "Ce candidat est déjà inscrit",
                            lambda: Vae.create(vals))

    def test_afest_dates(self):
        """An AFEST cannot end before it starts."""
        trainer = self.env["pepites.internal.trainer"].create({
            "partner_id": self.employee_a2.id, "employer_id": self.siae_a.id,
            "afest_qualified": True})
        Afest = self.env["pepites.afest"].with_context(lang="fr_FR")
        vals = {"employer_id": self.siae_a.id, "learner_id": self.employee_a.id,
                "trainer_id": trainer.id, "block_id": self.etaie_blocks[1].id,
                "date_start": "2023-06-30", "date_end": "2023-03-01"}
        self.assert_refused("pepites.afest", "L'AFEST ne peut pas se terminer",
                            lambda: Afest.create(vals))

    def test_training_session_and_registration(self):
        """A session ending before it starts or with negative places is refused, and so is a
        second enrolment of the same person; several sessions are checked at once."""
        Session = self.env["pepites.training.session"].with_context(lang="fr_FR")
        vals = {"name": "Session test", "module_id": self.module_classroom.id,
                "date_start": "2023-04-03", "date_end": "2023-04-06"}
        self.assert_refused("pepites.training.session", "La session ne peut pas se terminer",
                            lambda: Session.create(dict(vals, date_end="2023-04-01")))
        self.assert_refused("pepites.training.session", "Le nombre de places",
                            lambda: Session.create(dict(vals, seats_max=-1)))
        sessions = self.training_session | Session.create(vals)
        with self.assertRaisesRegex(ValidationError, "La session ne peut pas se terminer"), \
                self.env.cr.savepoint():
            sessions.with_context(lang="fr_FR").write({"date_end": "2023-03-07"})
        Registration = self.env["pepites.training.registration"].with_context(lang="fr_FR")
        vals = {"session_id": self.training_session.id, "partner_id": self.employee_a.id,
                "employer_id": self.siae_a.id}
        Registration.create(vals)
        self.assert_refused("pepites.training.registration", "déjà inscrite",
                            lambda: Registration.create(vals))

    def test_training_offer_cost(self):
        """A training offer cannot cost less than nothing."""
        Offer = self.env["pepites.training.offer"].with_context(lang="fr_FR")
        self.assert_refused("pepites.training.offer", "Le coût ne peut pas être négatif",
                            lambda: Offer.create({"name": "Formation gratuite ?", "cost": -100}))
