from odoo.exceptions import UserError, ValidationError

from .events_common import PathwaysCase, today


class TestPoei(PathwaysCase):
    """POEI: 400 hours at most, outcome, link to the orientation."""

    def values(self, **extra):
        values = {"candidate_id": self.person.id, "siae_id": self.siae_b.id,
                  "training_body_id": self.prescriber.id, "hours": 280,
                  "date_start": today(1), "date_end": today(60)}
        values.update(extra)
        return values

    def test_hours_limit(self):
        """400 hours are accepted; 401 refused with a clear French message, nothing written."""
        Poei = self.env["pepites.poei"].with_context(lang="fr_FR")
        self.assertEqual(Poei.create(self.values(hours=400)).hours, 400)
        count = Poei.search_count([])
        with self.assertRaises(ValidationError) as error, self.env.cr.savepoint():
            Poei.create(self.values(hours=401))
        self.assertIn("400 heures", error.exception.name)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            Poei.create(self.values(hours=0))
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            Poei.create(self.values(date_end=today(-1)))
        self.assertEqual(Poei.search_count([]), count)

    def test_outcome_updates_orientation(self):
        """Starting a POEI moves its orientation to POEI; a hiring closes it as hired."""
        orientation = self.env["pepites.orientation"].create({
            "person_id": self.person.id, "counsellor_id": self.counsellor.id,
            "siae_id": self.siae_b.id})
        poei = self.env["pepites.poei"].create(self.values(orientation_id=orientation.id))
        poei.action_start()
        self.assertEqual(orientation.state, "poei")
        with self.assertRaises(UserError), self.env.cr.savepoint():
            poei.action_done(hired=True)
        poei.action_done(hired=True, contract_type="cdi")
        self.assertEqual(poei.state, "done")
        self.assertEqual(orientation.state, "hired")
