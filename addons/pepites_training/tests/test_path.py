from odoo.exceptions import AccessError

from .common import TrainingCase


class TestPath(TrainingCase):
    """The training side of a person's path (pepites.path.line): every kind of training record
    is a step, in time order, opening its record; INAÉ staff read it, a SIAE nothing."""

    @classmethod
    def setUpClass(cls):
        super(TestPath, cls).setUpClass()
        env = cls.env
        person = cls.employee_a
        path = env["pepites.learning.path"].create({"name": "Parcours nouvel ETI test"})
        cls.campus_session = env["pepites.training.session"].create({
            "name": "Campus — module 1 test", "module_id": cls.module.id, "path_id": path.id,
            "date_start": "2023-02-06", "date_end": "2023-02-09", "department_id": cls.dep_16.id})
        Registration = env["pepites.training.registration"]
        cls.registrations = Registration.create({
            "session_id": cls.training_session.id, "partner_id": person.id,
            "employer_id": cls.siae_a.id, "participant_kind": "parcours"}) | Registration.create({
                "session_id": cls.campus_session.id, "partner_id": person.id,
                "employer_id": cls.siae_a.id, "participant_kind": "parcours"})
        cls.alternance = env["pepites.alternance"].create({
            "apprentice_id": person.id, "employer_id": cls.siae_a.id,
            "certification_id": cls.eti.id, "contract_type": "apprentissage",
            "date_start": "2023-01-09", "date_end": "2024-01-31"})
        cls.vae = env["pepites.vae"].create({
            "candidate_id": person.id, "employer_id": cls.siae_a.id,
            "certification_id": cls.etaie.id, "admissibility_date": "2023-04-03",
            "jury_date": "2023-10-10",
            "block_result_ids": [
                (0, 0, {"block_id": cls.etaie_blocks[0].id, "result": "validated",
                        "result_date": "2023-10-10"}),
                (0, 0, {"block_id": cls.etaie_blocks[1].id, "result": "not_validated",
                        "result_date": "2023-10-10"})]})
        cls.afest = env["pepites.afest"].create({
            "employer_id": cls.siae_a.id, "learner_id": person.id,
            "block_id": cls.etaie_blocks[2].id, "date_start": "2023-05-15"})
        cls.completion = env["pepites.module.completion"].create({
            "module_id": cls.module.id, "partner_id": person.id, "state": "completed",
            "date_completed": "2023-06-01 10:00:00"})

    def lines(self):
        return self.employee_a.sudo(self.user_staff).with_context(
            lang="fr_FR").pepites_path_line_ids

    def test_every_training_record_in_time_order(self):
        """Alternance, training session, Campus session, VAE, AFEST, eLearning module and the
        VAE block validated (not the one refused) follow each other by date."""
        lines = self.lines()
        self.assertEqual(lines.mapped("kind"), [
            "alternance", "campus", "training", "vae", "afest", "elearning", "vae_block"])
        self.assertEqual(lines.mapped("date"), [
            "2023-01-09", "2023-02-06", "2023-03-06", "2023-04-03", "2023-05-15",
            "2023-06-01", "2023-10-10"])
        block = lines.filtered(lambda line: line.kind == "vae_block")
        self.assertIn(self.etaie_blocks[0].code, block.description)
        self.assertEqual(block.state_label, "Validé")
        self.assertEqual(lines[0].state_label, "Prospect")
        self.assertIn(self.eti.name, lines[0].description)

    def test_lines_open_their_records(self):
        """A line opens its record; the validated block opens its VAE."""
        opened = [(action["res_model"], action["res_id"]) for action in (
            line.action_open_record() for line in self.lines())]
        self.assertEqual(opened, [
            ("pepites.alternance", self.alternance.id),
            ("pepites.training.registration", self.registrations[1].id),
            ("pepites.training.registration", self.registrations[0].id),
            ("pepites.vae", self.vae.id), ("pepites.afest", self.afest.id),
            ("pepites.module.completion", self.completion.id), ("pepites.vae", self.vae.id)])

    def test_siae_and_partners_read_nothing(self):
        """The SIAE that employs the person reads her training records, not her path."""
        lines = self.lines()
        for user in (self.user_siae_a, self.user_api):
            with self.assertRaises(AccessError):
                lines.sudo(user).read(["description"])
            with self.assertRaises(AccessError):
                self.env["pepites.path.line"].sudo(user).search([])
