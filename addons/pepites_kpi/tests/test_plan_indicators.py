"""The indicators of the plan (issue 17): the five definitions fixed to the plan's wording and
the new ones, each against a count made another way (SQL or a plain search_count)."""
import datetime

from .common import KpiCase

#: every indicator the plan's sheets name, by sheet (quantitative ones, qualitative ones as
#: milestones, and each sheet's partners engaged)
PLAN_CODES = {
    "hr_support": ("school_partnerships", "communication_kit", "jobboard_live",
                   "ambassador_departments", "sheet_partners_hr_support"),
    "mobility": ("cep_acculturated", "orientations", "sheet_partners_mobility"),
    "sector_partnerships": ("partnerships", "partnership_method", "durable_exits"),
    "certification": ("eti_alternance_sessions", "vae_method", "etaie_vae_sessions",
                      "afest_etaie_method", "afest_trainers", "afest_actions"),
    "professionalisation": ("staff_pro_modules", "staff_badge_classes"),
    "hybrid_jobs": ("hybrid_modules", "hybrid_badge_classes"),
    "campus": ("campus_operational", "campus_modules", "trainers_trained",
               "experimental_session"),
    "open_badges": ("badge_platform", "salarie_badge_classes", "badges_issued"),
    "afest_vr": ("internal_modules", "afest_lever_method"),
    "new_jobs": ("dismantling_modules", "reuse_modules", "building_modules"),
}


class TestPlanIndicators(KpiCase):

    def sql_count(self, query, params=()):
        self.env.cr.execute(query, params)
        return self.env.cr.fetchone()[0]

    def test_every_indicator_of_the_plan_is_on_its_sheet(self):
        Indicator = self.env["pepites.kpi.indicator"]
        for sheet, codes in PLAN_CODES.items():
            for code in codes:
                indicator = Indicator.search([("code", "=", code)])
                self.assertEqual(indicator.action_sheet, sheet, code)
        qualitative = Indicator.search([("method_name", "=", "_kpi_milestones_done")])
        self.assertEqual(len(qualitative), 8)
        for indicator in qualitative:
            self.assertEqual(indicator.scope, "regional")
            self.assertTrue(indicator.milestone_ids, indicator.code)

    def test_trainers_trained_are_eti(self):
        """"Identification et formation de formateurs (10 ETI)": only ETI trained as trainers."""
        Trainer = self.env["pepites.internal.trainer"]
        eti = self.env.ref("pepites_partners.job_family_eti")
        cip = self.env.ref("pepites_partners.job_family_cip")
        for partner, family, state in ((self.person_a, eti, "trained"),
                                       (self.person_b, cip, "trained"),
                                       (self.prescriber, eti, "identified")):
            Trainer.create({"partner_id": partner.id, "employer_id": self.siae_a.id,
                            "job_family_id": family.id, "state": state,
                            "trained_date": "2026-03-01"})
        expected = self.sql_count("""
            SELECT COUNT(*) FROM pepites_internal_trainer t
              JOIN pepites_job_family f ON f.id = t.job_family_id
             WHERE f.code = 'eti' AND t.state IN ('trained', 'active') AND t.active""")
        self.assertEqual(self.value("trainers_trained"), expected)
        self.assertEqual(self.value("trainers_trained"), Trainer.search_count(
            [("state", "in", ["trained", "active"]), ("job_family_id", "=", eti.id)]))
        self.assertEqual(self.value("afest_trainers"), Trainer.search_count(
            [("state", "in", ["trained", "active"]), ("afest_qualified", "=", True)]))

    def test_afest_sessions_of_the_eti_title(self):
        """"Nombre de sessions ETI en format AFEST": AFEST on a block of the ETI title."""
        expected = self.sql_count("""
            SELECT COUNT(*) FROM pepites_afest a
              JOIN pepites_competence_block b ON b.id = a.block_id
              JOIN pepites_certification c ON c.id = b.certification_id
             WHERE c.code = 'ETI' AND a.state != 'cancelled'""")
        self.assertEqual(self.value("afest_actions"), expected)
        every = self.env["pepites.afest"].search_count([("state", "!=", "cancelled")])
        self.assertLessEqual(self.value("afest_actions"), every)

    def test_durable_exits_counted_from_hires(self):
        """Hires on a CDI or an alternance contract by an employer of a running partnership of
        the autonomy or circular-economy sectors count; a CDD, an application not closed by
        a hire, or an employer outside such a partnership do not."""
        before = self.value("durable_exits")
        before_33 = self.value("durable_exits", self.dep_33)
        self.env["pepites.partnership"].create({
            "name": "Autonomie 17", "state": "active", "siae_ids": [(6, 0, self.siae_a.ids)],
            "sector_id": self.env.ref("pepites_partners.sector_autonomie").id})
        Job, Applicant = self.env["hr.job"], self.env["hr.applicant"]
        jobs = {kind: Job.create({"name": "Aide à domicile %s" % kind, "siae_id": siae.id,
                                  "contract_type": kind,
                                  "pepites_department_id": self.dep_33.id})
                for kind, siae in (("cdi", self.siae_a), ("cdd", self.siae_a),
                                   ("alternance", self.siae_a))}
        other = Job.create({"name": "Agent", "siae_id": self.siae_b.id, "contract_type": "cdi"})
        for index, (job, hired) in enumerate(((jobs["cdi"], True), (jobs["cdi"], False),
                                              (jobs["cdd"], True), (jobs["alternance"], True),
                                              (other, True))):
            applicant = Applicant.create({"name": "Candidature %d" % index, "job_id": job.id,
                                          "partner_name": "Personne %d" % index})
            if hired:
                applicant.write({"date_closed": "2026-06-01 10:00:00"})
        self.assertEqual(self.value("durable_exits"), before + 2)
        self.assertEqual(self.value("durable_exits"), self.sql_count("""
            SELECT COUNT(*) FROM hr_applicant a JOIN hr_job j ON j.id = a.job_id
             WHERE a.date_closed IS NOT NULL AND a.active
               AND j.contract_type IN ('cdi', 'alternance')
               AND j.siae_id IN (
                   SELECT r.partner_id FROM pepites_partnership_siae_rel r
                     JOIN pepites_partnership p ON p.id = r.partnership_id
                     JOIN pepites_sector s ON s.id = p.sector_id
                    WHERE p.state IN ('active', 'done')
                      AND s.code IN ('autonomie', 'circular', 'reuse', 'dismantling')
                   UNION
                   SELECT r.partner_id FROM pepites_partnership_company_rel r
                     JOIN pepites_partnership p ON p.id = r.partnership_id
                     JOIN pepites_sector s ON s.id = p.sector_id
                    WHERE p.state IN ('active', 'done')
                      AND s.code IN ('autonomie', 'circular', 'reuse', 'dismantling'))"""))
        self.assertEqual(self.value("durable_exits", self.dep_33),
                         before_33 + 2)
        description = self.env.ref("pepites_kpi.indicator_durable_exits").with_context(
            lang="fr_FR").description
        self.assertIn("CDI", description)
        self.assertIn("6 mois", description)

    def test_badges_issued_to_salaries_only(self):
        """The 3,000 badges are the salariés' (sheet 3.1): a staff badge does not count."""
        Badge = self.env["pepites.badge.class"]
        before = self.value("badges_issued")
        for audience in ("staff", "salarie"):
            badge = Badge.create({"name": "Badge %s" % audience, "description": "Test",
                                  "criteria_narrative": "Test", "audience": audience,
                                  "state": "published"})
            badge.issue_to(badge.ids, (self.person_a | self.person_b).ids)
        self.assertEqual(self.value("badges_issued"), before + 2)
        self.assertEqual(self.value("badges_issued"), self.env["pepites.badge.assertion"]
                         .search_count([("audience", "=", "salarie"), "|",
                                        ("revoked", "=", False),
                                        ("revoked_by_holder", "=", True)]))

    def test_offers_published_this_year_against_the_yearly_baseline(self):
        """The baseline is 420 offers a year (2021): the value is this calendar year's
        publications, not every publication since the start."""
        Job = self.env["hr.job"]
        year_start = datetime.date.today().replace(month=1, day=1)
        Job.create({"name": "Offre de l'an passé", "siae_id": self.siae_a.id,
                    "date_published": (year_start - datetime.timedelta(days=20)).isoformat()})
        Job.create({"name": "Offre de cette année", "siae_id": self.siae_a.id,
                    "date_published": year_start.isoformat()})
        self.assertEqual(self.value("offers_published"), Job.search_count([
            ("date_published", ">=", year_start.isoformat()), ("siae_id", "!=", False)]))
        self.assertLess(self.value("offers_published"), Job.search_count([
            ("date_published", "!=", False), ("siae_id", "!=", False)]))
        indicator = self.env.ref("pepites_kpi.indicator_offers_published")
        self.assertEqual((indicator.period, indicator.baseline), ("year", 420))

    def test_new_quantitative_indicators(self):
        """Modules for permanent staff and badges of hybrid jobs count as a search does."""
        Module = self.env["pepites.training.module"]
        before = self.value("staff_pro_modules")
        Module.create({"name": "Accompagner un salarié en parcours", "specialty": "insertion"})
        Module.create({"name": "Maraîchage bio", "specialty": "maraichage"})
        self.assertEqual(self.value("staff_pro_modules"), before + 1)
        self.assertEqual(self.value("staff_pro_modules"), Module.search_count(
            [("specialty", "in", ["insertion", "management"])]))
        hybrid = self.env["pepites.job.family"].search([("is_hybrid", "=", True)], limit=1)
        self.env["pepites.badge.class"].create({
            "name": "Agent de mise à disposition", "description": "Test",
            "criteria_narrative": "Test", "state": "published", "job_family_id": hybrid.id})
        self.assertEqual(self.value("hybrid_badge_classes"), self.sql_count("""
            SELECT COUNT(*) FROM pepites_badge_class c
              JOIN pepites_job_family f ON f.id = c.job_family_id
             WHERE f.is_hybrid AND c.state = 'published' AND c.active"""))
        self.assertGreaterEqual(self.value("hybrid_badge_classes"), 1)

    def test_migration_fixes_the_five_definitions(self):
        """A database made before 11.0.1.0.4 has the five old definitions: the update fixes
        them, and leaves one a manager changed."""
        from ..models.pepites_kpi_indicator import PLAN_DEFINITIONS
        Indicator = self.env["pepites.kpi.indicator"]
        trainers = self.env.ref("pepites_kpi.indicator_trainers_trained")
        trainers.write({"domain": PLAN_DEFINITIONS["trainers_trained"][0]})
        badges = self.env.ref("pepites_kpi.indicator_badges_issued")
        badges.write({"domain": "[('revoked', '=', False)]"})
        offers = self.env.ref("pepites_kpi.indicator_offers_published")
        offers.write({"period": "cumulative"})
        # the offers' domain did not change (only the period did): always rewritten
        self.assertEqual(Indicator._migrate_plan_definitions(), trainers | offers)
        self.assertEqual(offers.period, "year")
        self.assertIn("job_family_id.code", trainers.domain)
        self.assertEqual(badges.domain, "[('revoked', '=', False)]")
