from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from .common import TrainingCase


class TestCampus(TrainingCase):
    def _enrol(self, partner, employer, session=None):
        return self.env["pepites.training.registration"].create({
            "session_id": (session or self.training_session).id, "partner_id": partner.id,
            "employer_id": employer.id})

    def test_path_totals(self):
        """A path adds up its modules: the new-ETI path is 3 × 4 days, train-the-trainers
        12 + 13 = 25 days."""
        Module = self.env["pepites.training.module"]
        modules = Module.browse([Module.create({
            "name": "Nouvel ETI %s" % index, "duration_days": 4, "duration_hours": 28}).id
            for index in range(3)])
        path = self.env["pepites.learning.path"].create({
            "name": "Parcours nouvel ETI", "level_from": "chef_equipe",
            "level_to": "encadrant_technique", "module_ids": [(6, 0, modules.ids)]})
        self.assertEqual((path.module_count, path.total_days, path.total_hours), (3, 12, 84))
        trainers = self.env["pepites.learning.path"].create({
            "name": "Formation de formateurs", "level_to": "formateur", "module_ids": [
                (0, 0, {"name": "Technique insertion", "duration_days": 12}),
                (0, 0, {"name": "Métier maraîchage", "duration_days": 13,
                        "specialty": "maraichage"})]})
        self.assertEqual(trainers.total_days, 25)

    def test_attendance_sheet_per_day(self):
        """The sheet has one line per participant and working day; the rate follows."""
        registration = self._enrol(self.employee_a, self.siae_a)
        self.training_session.action_confirm()
        self.training_session.action_generate_attendance()
        self.assertEqual(self.training_session.day_count, 4)
        self.assertEqual(len(registration.attendance_ids), 4)
        self.assertEqual(registration.attendance_ids[0].hours, 7.0)
        registration.attendance_ids.sorted("date")[-1].state = "absent"
        self.assertEqual(registration.present_days, 3)
        self.assertEqual(registration.attended_hours, 21)
        self.assertEqual(registration.attendance_rate, 75.0)
        self.training_session.action_generate_attendance()
        self.assertEqual(len(registration.attendance_ids), 4, "kept, not duplicated")

    def test_attendance_outside_session_dates(self):
        """A day outside the session's dates is refused, also after moving the session."""
        registration = self._enrol(self.employee_a, self.siae_a)
        with self.assertRaises(ValidationError):
            self.env["pepites.training.attendance"].create(
                {"registration_id": registration.id, "date": "2023-03-10"})
        self.env["pepites.training.attendance"].create(
            {"registration_id": registration.id, "date": "2023-03-09"})
        with self.assertRaises(ValidationError):
            self.training_session.write({"date_end": "2023-03-08"})

    def test_duplicate_enrolment(self):
        """A person is enrolled once per session (database constraint)."""
        self._enrol(self.employee_a, self.siae_a)
        with self.assertRaises(ValidationError):
            with self.cr.savepoint():
                self._enrol(self.employee_a, self.siae_a)

    def test_duplicate_attendance_day(self):
        """A participant's day is recorded once."""
        registration = self._enrol(self.employee_a, self.siae_a)
        self.env["pepites.training.attendance"].create(
            {"registration_id": registration.id, "date": "2023-03-06"})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.cr.savepoint():
                self.env["pepites.training.attendance"].create(
                    {"registration_id": registration.id, "date": "2023-03-06"})

    def test_full_session(self):
        """No more participants than places."""
        self.training_session.seats_max = 1
        self._enrol(self.employee_a, self.siae_a)
        with self.assertRaises(ValidationError):
            self._enrol(self.employee_b, self.siae_b)

    def test_session_end_before_start(self):
        """A session cannot end before it starts."""
        with self.assertRaises(ValidationError):
            with self.cr.savepoint():
                self.training_session.write({"date_end": "2023-03-01"})

    def test_closing_marks_trained_and_completes_classroom_module(self):
        """Closing the session marks who attended (trained) or not (absent); a classroom module
        is then completed by those trained; enrolment in a closed session is refused."""
        present = self._enrol(self.employee_a, self.siae_a)
        absent = self._enrol(self.employee_b, self.siae_b)
        self.training_session.action_confirm()
        self.training_session.action_generate_attendance()
        absent.attendance_ids.write({"state": "absent"})
        self.training_session.action_done()
        self.assertEqual((present.state, absent.state), ("attended", "absent"))
        session = self.training_session
        self.assertEqual((session.participant_count, session.attended_count), (2, 1))
        completion = self.env["pepites.module.completion"].search(
            [("module_id", "=", self.module_classroom.id)])
        self.assertEqual(completion.partner_id, self.employee_a)
        self.assertEqual(completion.state, "completed")
        with self.assertRaises(ValidationError):
            self._enrol(self.employee_a2, self.siae_a)

    def test_attestation_only_for_trained(self):
        """The attestation is printed for participants who attended, not for the others."""
        registration = self._enrol(self.employee_a, self.siae_a)
        with self.assertRaises(UserError):
            registration.action_print_attestation()
        self.training_session.action_confirm()
        self.training_session.action_generate_attendance()
        self.training_session.action_done()
        action = registration.action_print_attestation()
        self.assertEqual(action["report_name"],
                         "pepites_training.report_training_attestation_document")

    def test_attestation_html_content(self):
        """The attestation names the participant, the module, the dates and hours attended."""
        registration = self._enrol(self.employee_a, self.siae_a)
        self.training_session.trainer_ids = self.manager_a
        self.training_session.action_confirm()
        self.training_session.action_generate_attendance()
        self.training_session.action_done()
        report = self.env.ref("pepites_training.report_training_attestation")
        html = report.render_qweb_html(registration.ids)[0].decode()
        for text in ("Annie Apprentie", "Maraîchage biologique", "Chantier Test A", "28",
                     self.eti_blocks[0].code, "Agnès Directrice"):
            self.assertIn(text, html)
