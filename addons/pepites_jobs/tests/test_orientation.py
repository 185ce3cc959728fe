from odoo.exceptions import UserError, ValidationError

from .events_common import PathwaysCase, immersion_values, person_values, today


class TestOrientation(PathwaysCase):
    """Orientations and the path of a person."""

    def create(self, **extra):
        values = {"person_id": self.person.id, "referrer_kind": "counsellor",
                  "counsellor_id": self.counsellor.id, "siae_id": self.siae_a.id,
                  "job_family_id": self.env.ref("pepites_partners.job_family_eti").id}
        values.update(extra)
        return self.env["pepites.orientation"].create(values)

    def test_states(self):
        """proposed → interview → immersion → POEI → hired; a closed orientation does not
        move any more."""
        orientation = self.create()
        self.assertIn(self.person.name, orientation.name)
        orientation.action_interview()
        self.assertTrue(orientation.date_interview)
        orientation.action_immersion()
        orientation.action_poei()
        orientation.action_hire()
        self.assertEqual(orientation.state, "hired")
        self.assertTrue(orientation.date_closed)
        with self.assertRaises(UserError), self.env.cr.savepoint():
            orientation.action_interview()

    def test_drop_needs_reason(self):
        """A refused or dropped orientation needs its reason."""
        orientation = self.create()
        with self.assertRaises(UserError), self.env.cr.savepoint():
            orientation.action_drop(False)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            orientation.write({"state": "dropped"})
        orientation.action_drop("refused_siae", "Pas de poste avant septembre")
        self.assertEqual(orientation.state, "dropped")
        self.assertEqual(orientation.drop_reason, "refused_siae")

    def test_path_in_time_order(self):
        """The person's form shows event attendance, orientation, interview, immersion, POEI
        and applications in time order, whatever order they were recorded in."""
        self.env["pepites.poei"].create({
            "candidate_id": self.person.id, "siae_id": self.siae_a.id, "hours": 200,
            "date_start": today(40), "date_end": today(70)})
        orientation = self.create(date_proposed=today(-20), date_interview=today(-5))
        self.env["pepites.immersion"].create(immersion_values(
            self, orientation_id=orientation.id, date_start=today(5), date_end=today(18)))
        self.discovery._pepites_register([person_values(
            "Paul Reconversion", "paul@example.org", partner_id=self.person.id)])
        steps = self.person.with_context(lang="fr_FR")._pepites_path()
        self.assertEqual([step[0] for step in steps], sorted(step[0] for step in steps))
        self.assertEqual([step[1] for step in steps],
                         ["Orientation", "Entretien", "Événement", "Immersion PMSMP", "POEI"])
        html = self.person.pepites_path_html
        self.assertIn("o_pepites_path", html)
        self.assertLess(html.index(self.discovery.name), html.index("PMSMP/"))

    def test_counts_by_department(self):
        """Orientations are grouped by département (an indicator of action sheet 2)."""
        self.create(department_id=self.dep_24.id)
        self.create(department_id=self.dep_24.id, person_id=self.counsellor.id)
        data = self.env["pepites.orientation"].read_group(
            [("department_id", "=", self.dep_24.id),
             ("person_id", "in", (self.person | self.counsellor).ids)],
            ["department_id"], ["department_id"])
        self.assertEqual(data[0]["department_id_count"], 2)
