from odoo.exceptions import AccessError

from .common import JobsCase, create_offer


class TestSecurity(JobsCase):
    """Each role reaches what it needs through the ORM, and nothing more."""

    @classmethod
    def setUpClass(cls):
        super(TestSecurity, cls).setUpClass()
        cls.draft1 = create_offer(cls, cls.siae1, name="Brouillon SIAE 1")
        cls.draft2 = create_offer(cls, cls.siae2, name="Brouillon SIAE 2")
        cls.published1 = create_offer(cls, cls.siae1, "published", name="Publiée SIAE 1")
        cls.published2 = create_offer(cls, cls.siae2, "published", name="Publiée SIAE 2")
        Applicant = cls.env["hr.applicant"]
        cls.applicant1 = Applicant.create({
            "name": "Candidature 1", "partner_name": "Léa Petit", "email_from": "lea@example.test",
            "job_id": cls.published1.id})
        cls.applicant2 = Applicant.create({
            "name": "Candidature 2", "partner_name": "Tom Roux", "email_from": "tom@example.test",
            "job_id": cls.published2.id})

    def test_siae_sees_own_offers_and_published_ones(self):
        """A SIAE user sees all its own offers and the published offers of others, never the
        drafts of another SIAE."""
        Job = self.Job.sudo(self.user_siae1)
        visible = Job.search([("siae_id", "!=", False)])
        self.assertIn(self.draft1, visible)
        self.assertIn(self.published2, visible)
        self.assertNotIn(self.draft2, visible)
        with self.assertRaises(AccessError):
            self.draft2.sudo(self.user_siae1).read(["name"])

    def test_applicants_isolated_between_siae(self):
        """A SIAE user reads the applications to its own offers only, and cannot change them."""
        Applicant = self.env["hr.applicant"].sudo(self.user_siae1)
        self.assertEqual(Applicant.search([]), self.applicant1)
        with self.assertRaises(AccessError):
            self.applicant2.sudo(self.user_siae1).read(["partner_name"])
        with self.assertRaises(AccessError):
            self.applicant1.sudo(self.user_siae1).write({"partner_name": "Autre"})
        self.assertEqual(self.env["hr.applicant"].sudo(self.user_siae2).search([]),
                         self.applicant2)
        self.assertEqual(self.published1.sudo(self.user_siae1).pepites_application_count, 1)

    def test_partner_api_never_reads_applicants(self):
        """A partner API user reads published offers only, and no application at all."""
        with self.assertRaises(AccessError):
            self.env["hr.applicant"].sudo(self.user_partner).search([])
        with self.assertRaises(AccessError):
            self.applicant1.sudo(self.user_partner).read(["partner_name"])
        visible = self.Job.sudo(self.user_partner).search([("siae_id", "!=", False)])
        self.assertIn(self.published1, visible)
        self.assertNotIn(self.draft1, visible)
        with self.assertRaises(AccessError):
            self.published1.sudo(self.user_partner).read(["application_ids"])
        with self.assertRaises(AccessError):
            self.published1.sudo(self.user_partner).read(["refusal_reason"])
        with self.assertRaises(AccessError):
            self.published1.sudo(self.user_partner).write({"name": "X"})

    def test_partner_api_reads_all_public_fields(self):
        """Reading an offer without a field list works for a partner and carries no field
        about applications."""
        data = self.published1.sudo(self.user_partner).read()[0]
        self.assertEqual(data["name"], "Publiée SIAE 1")
        for field in ("application_ids", "application_count", "pepites_application_count",
                      "document_ids", "refusal_reason", "view_count"):
            self.assertNotIn(field, data)

    def test_public_user(self):
        """The public user reads published offers only, and no application."""
        public = self.env.ref("base.public_user")
        visible = self.Job.sudo(public).search([("siae_id", "!=", False)])
        self.assertIn(self.published1, visible)
        self.assertNotIn(self.draft1, visible)
        with self.assertRaises(AccessError):
            self.env["hr.applicant"].sudo(public).search([])

    def test_staff_reads_everything(self):
        """INAÉ staff read every offer and application, and can edit offers."""
        self.assertEqual(self.env["hr.applicant"].sudo(self.user_staff).search(
            [("siae_id", "in", (self.siae1 | self.siae2).ids)]),
            self.applicant1 | self.applicant2)
        self.draft2.sudo(self.user_staff).write({"city": "Libourne"})
        self.assertEqual(self.draft2.city, "Libourne")

    def test_staff_back_office_views(self):
        """INAÉ staff open every back-office view of offers and applications and read what
        they show."""
        for xmlid in ("pepites_jobs.hr_job_pepites_action", "pepites_jobs.hr_job_moderation_action",
                      "pepites_jobs.hr_applicant_pepites_action",
                      "pepites_jobs.hr_job_pepites_report_action"):
            action = self.env.ref(xmlid)
            Model = self.env[action.res_model].sudo(self.user_staff)
            for view in action.view_ids:
                arch = Model.fields_view_get(view.view_id.id, view.view_mode)
                if view.view_mode in ("tree", "form", "kanban"):
                    Model.search_read([], list(arch["fields"]), limit=5)
        refuse = self.env.ref("pepites_jobs.hr_job_refuse_wizard_view_form")
        self.env["pepites.job.refuse.wizard"].sudo(self.user_staff).fields_view_get(
            refuse.id, "form")
