from odoo.exceptions import AccessError

from .common import TrainingCase


class TestAccess(TrainingCase):
    """Who sees what: INAÉ staff everything, a SIAE its own employees, partners no person."""

    @classmethod
    def setUpClass(cls):
        super(TestAccess, cls).setUpClass()
        Alternance = cls.env["pepites.alternance"]
        cls.alternance_a = Alternance.create({
            "apprentice_id": cls.employee_a.id, "employer_id": cls.siae_a.id,
            "certification_id": cls.eti.id, "date_start": "2023-01-09",
            "date_end": "2024-01-31"})
        cls.alternance_b = Alternance.create({
            "apprentice_id": cls.employee_b.id, "employer_id": cls.siae_b.id,
            "certification_id": cls.eti.id, "date_start": "2023-01-09",
            "date_end": "2024-01-31"})
        cls.vae_a = cls.env["pepites.vae"].create({
            "candidate_id": cls.employee_a.id, "employer_id": cls.siae_a.id,
            "certification_id": cls.etaie.id, "jury_date": "2023-10-10",
            "block_result_ids": [(0, 0, {"block_id": cls.etaie_blocks[0].id,
                                         "result": "validated"})]})
        cls.vae_b = cls.env["pepites.vae"].create({
            "candidate_id": cls.employee_b.id, "employer_id": cls.siae_b.id,
            "certification_id": cls.etaie.id})
        trainer_a = cls.env["pepites.internal.trainer"].create(
            {"partner_id": cls.employee_a2.id, "employer_id": cls.siae_a.id})
        cls.afest_a = cls.env["pepites.afest"].create({
            "employer_id": cls.siae_a.id, "learner_id": cls.employee_a.id,
            "trainer_id": trainer_a.id})
        cls.afest_b = cls.env["pepites.afest"].create({
            "employer_id": cls.siae_b.id, "learner_id": cls.employee_b.id})
        Registration = cls.env["pepites.training.registration"]
        cls.registration_a = Registration.create({
            "session_id": cls.training_session.id, "partner_id": cls.employee_a.id,
            "employer_id": cls.siae_a.id})
        cls.registration_b = Registration.create({
            "session_id": cls.training_session.id, "partner_id": cls.employee_b.id,
            "employer_id": cls.siae_b.id})
        cls.attendance_b = cls.env["pepites.training.attendance"].create(
            {"registration_id": cls.registration_b.id, "date": "2023-03-06"})
        cls.offer_published = cls.env["pepites.training.offer"].create(
            {"name": "Titre ETI en alternance", "website_published": True,
             "department_id": cls.dep_64.id, "modality": "alternance"})
        cls.offer_draft = cls.env["pepites.training.offer"].create({"name": "Projet"})

    def test_siae_sees_only_its_employees(self):
        """A SIAE portal user reads the records of its own employees, never another SIAE's."""
        for model, own, other in [
                ("pepites.alternance", self.alternance_a, self.alternance_b),
                ("pepites.vae", self.vae_a, self.vae_b),
                ("pepites.afest", self.afest_a, self.afest_b),
                ("pepites.training.registration", self.registration_a, self.registration_b)]:
            records = self.env[model].sudo(self.user_siae_a)
            found = records.search([])
            self.assertIn(own, found, model)
            self.assertNotIn(other, found, model)
            with self.assertRaises(AccessError, msg=model):
                other.sudo(self.user_siae_a).read(["employer_id"])
        results = self.env["pepites.vae.block.result"].sudo(self.user_siae_a).search([])
        self.assertEqual(results, self.vae_a.block_result_ids)
        phases = self.env["pepites.afest.phase"].sudo(self.user_siae_a).search([])
        self.assertEqual(phases, self.afest_a.phase_ids)
        with self.assertRaises(AccessError):
            self.attendance_b.sudo(self.user_siae_a).read(["date"])
        trainers = self.env["pepites.internal.trainer"].sudo(self.user_siae_b).search([])
        self.assertFalse(trainers)

    def test_siae_is_read_only(self):
        """A SIAE cannot change nor create training records, even its own."""
        with self.assertRaises(AccessError):
            self.alternance_a.sudo(self.user_siae_a).write({"weekly_hours": 20})
        with self.assertRaises(AccessError):
            self.env["pepites.alternance"].sudo(self.user_siae_a).create({
                "apprentice_id": self.employee_a2.id, "employer_id": self.siae_a.id,
                "certification_id": self.eti.id})
        with self.assertRaises(AccessError):
            self.vae_a.block_result_ids.sudo(self.user_siae_a).write({"result": "partial"})

    def test_partner_api_sees_no_person(self):
        """A partner API user reads the catalogue and aggregates, never a person's record."""
        for model in ("pepites.alternance", "pepites.vae", "pepites.vae.block.result",
                      "pepites.afest", "pepites.afest.phase", "pepites.internal.trainer",
                      "pepites.training.registration", "pepites.training.attendance"):
            with self.assertRaises(AccessError, msg=model):
                self.env[model].sudo(self.user_api).search([])
        offers = self.env["pepites.training.offer"].sudo(self.user_api).search([])
        self.assertIn(self.offer_published, offers)
        self.assertNotIn(self.offer_draft, offers)
        certification = self.eti.sudo(self.user_api)
        self.assertGreaterEqual(certification.alternance_count, 2)
        self.assertEqual(len(certification.block_ids), 3)
        session = self.training_session.sudo(self.user_api).read()[0]
        self.assertEqual(session["participant_count"], 2)
        for personal in ("trainer_ids", "registration_ids", "attendance_ids"):
            self.assertNotIn(personal, session)
        module = self.module.sudo(self.user_api).read()[0]
        self.assertEqual(module["completion_ids"], [])

    def test_public_sees_published_catalogue(self):
        """The public reads published offers, certifications and their blocks only."""
        public = self.env.ref("base.public_user")
        offers = self.env["pepites.training.offer"].sudo(public).search([])
        self.assertIn(self.offer_published, offers)
        self.assertNotIn(self.offer_draft, offers)
        self.assertTrue(self.etaie.sudo(public).block_ids.mapped("name"))
        with self.assertRaises(AccessError):
            self.env["pepites.alternance.session"].sudo(public).search([])

    def test_staff_and_manager(self):
        """INAÉ staff manage every record but delete none; managers may delete."""
        staff_alternance = self.alternance_b.sudo(self.user_staff)
        staff_alternance.write({"weekly_hours": 30})
        self.assertEqual(staff_alternance.weekly_hours, 30)
        with self.assertRaises(AccessError):
            staff_alternance.unlink()
        with self.assertRaises(AccessError):
            self.eti.sudo(self.user_staff).write({"rncp_code": "RNCP0"})
        self.alternance_b.sudo(self.user_manager).unlink()
        self.assertFalse(self.alternance_b.exists())
