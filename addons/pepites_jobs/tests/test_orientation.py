from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

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

    def path(self, person=None):
        """The person's path as INAÉ staff read it on their form, in French."""
        # the lines are a view of other records: read them again, not from the cache
        self.env["res.partner"].invalidate_cache()
        person = (person or self.person).sudo(self.user_staff).with_context(lang="fr_FR")
        return person.pepites_path_line_ids

    def test_path_in_time_order(self):
        """The person's form shows event attendance, orientation, interview, immersion, POEI
        and applications in time order, whatever order they were recorded in (the old tab's
        test, now on pepites.path.line: one view over every addon's records)."""
        self.env["pepites.poei"].create({
            "candidate_id": self.person.id, "siae_id": self.siae_a.id, "hours": 200,
            "date_start": today(40), "date_end": today(70)})
        orientation = self.create(date_proposed=today(-20), date_interview=today(-5))
        immersion = self.env["pepites.immersion"].create(immersion_values(
            self, orientation_id=orientation.id, date_start=today(5), date_end=today(18)))
        self.discovery._pepites_register([person_values(
            "Paul Reconversion", "paul@example.org", partner_id=self.person.id)])
        lines = self.path()
        self.assertEqual(lines.mapped("date"), sorted(lines.mapped("date")))
        self.assertEqual([line.kind for line in lines],
                         ["orientation", "interview", "event", "immersion", "poei"])
        labels = dict(lines._fields["kind"]._description_selection(lines.env))
        self.assertEqual([labels[line.kind] for line in lines],
                         ["Orientation", "Entretien", "Événement", "Immersion PMSMP", "POEI"])
        self.assertEqual(lines[0].state_label, "Proposée")
        self.assertIn(self.discovery.name, lines[2].description)
        self.assertIn(immersion.name, lines[3].description)
        self.assertIn(self.siae_a.name, lines[3].description)

    def test_path_lines_open_their_record(self):
        """Each line opens the record it comes from, in its form."""
        orientation = self.create(date_proposed=today(-3))
        line = self.path().filtered(lambda l: l.kind == "orientation")
        action = line.action_open_record()
        self.assertEqual((action["res_model"], action["res_id"], action["view_mode"]),
                         ("pepites.orientation", orientation.id, "form"))

    def test_path_applications_by_email(self):
        """An application sent from the website with the person's e-mail is on their path;
        closed in a hiring stage it is a hire too."""
        applicant = self.env["hr.applicant"].create({
            "name": "Candidature test", "partner_name": "Paul Reconversion",
            "email_from": "PAUL@example.org"})
        self.assertEqual(self.path().mapped("kind"), ["application"])
        applicant.write({"date_closed": fields.Datetime.now()})
        self.assertEqual(self.path().mapped("kind"), ["application", "hire"])
        self.assertEqual(self.path().mapped("res_id"), [applicant.id] * 2)

    def test_path_is_staffs_only(self):
        """A SIAE portal user reads nothing of anyone's path, even through the contact."""
        self.create(date_proposed=today(-3))
        lines = self.path()
        self.assertTrue(lines)
        with self.assertRaises(AccessError):
            lines.sudo(self.user_siae_a).read(["description"])
        with self.assertRaises(AccessError):
            self.env["pepites.path.line"].sudo(self.user_siae_a).search([])

    def test_pmsmp_moves_the_orientation(self):
        """The convention signed by the three parties puts the orientation in immersion; done
        with a job, the orientation is closed as hired; done without one, its outcome is in
        the orientation's history and the orientation stays open."""
        orientation = self.create()
        immersion = self.env["pepites.immersion"].create(immersion_values(
            self, orientation_id=orientation.id))
        immersion.action_to_sign()
        immersion.action_sign("beneficiary")
        immersion.action_sign("prescriber")
        self.assertEqual(orientation.state, "proposed")
        immersion.sudo(self.user_siae_a).portal_sign()
        self.assertEqual(immersion.state, "signed")
        self.assertEqual(orientation.state, "immersion")
        immersion.action_validate()
        immersion.action_start()
        immersion.with_context(lang="fr_FR").action_done("completed")
        self.assertEqual(orientation.state, "immersion")
        self.assertIn("Réalisée", orientation.message_ids[0].body)
        other = self.create()
        second = self.env["pepites.immersion"].create(immersion_values(
            self, orientation_id=other.id))
        second.action_to_sign()
        for party in ("beneficiary", "host", "prescriber"):
            second.action_sign(party)
        second.action_validate()
        second.action_done("completed", ended_with_job=True, job_contract_type="cdd")
        self.assertEqual(other.state, "hired")
        self.assertTrue(other.date_closed)

    def test_pmsmp_of_another_persons_orientation(self):
        """An immersion cannot point at someone else's orientation."""
        orientation = self.create(person_id=self.counsellor.id)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.env["pepites.immersion"].create(immersion_values(
                self, orientation_id=orientation.id))

    def test_counts_by_department(self):
        """Orientations are grouped by département (an indicator of action sheet 2)."""
        self.create(department_id=self.dep_24.id)
        self.create(department_id=self.dep_24.id, person_id=self.counsellor.id)
        data = self.env["pepites.orientation"].read_group(
            [("department_id", "=", self.dep_24.id),
             ("person_id", "in", (self.person | self.counsellor).ids)],
            ["department_id"], ["department_id"])
        self.assertEqual(data[0]["department_id_count"], 2)
