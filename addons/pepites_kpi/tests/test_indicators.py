import datetime

from odoo.exceptions import ValidationError
from odoo.tools.safe_eval import safe_eval

from .common import KpiCase


class TestIndicators(KpiCase):
    """Each shipped indicator moves with the records it counts, by département too."""

    def test_departments_with_ambassador(self):
        """The count of départements with an active ambassador rises when a new one gets one."""
        Ambassador = self.env["pepites.ambassador"]
        Ambassador.search([]).write({"active": False})
        self.assertEqual(self.value("ambassador_departments"), 0)
        Ambassador.create({"partner_id": self.person_a.id, "department_id": self.dep_33.id})
        Ambassador.create({"partner_id": self.person_b.id, "department_id": self.dep_33.id})
        Ambassador.create({"partner_id": self.person_b.id, "department_id": self.dep_24.id})
        self.assertEqual(self.value("ambassador_departments"), 2)
        self.assertEqual(self.value("ambassador_departments", self.dep_24), 1)
        indicator = self.env.ref("pepites_kpi.indicator_ambassador_departments")
        self.assertAlmostEqual(indicator.progress, round(100 * 2 / 12.0, 1))

    def test_trained_ambassadors(self):
        before = self.value("ambassadors", self.dep_24)
        self.env["pepites.ambassador"].create({
            "partner_id": self.person_b.id, "department_id": self.dep_24.id,
            "trained_on": "2026-01-15"})
        self.assertEqual(self.value("ambassadors", self.dep_24), before + 1)

    def test_cep_acculturated(self):
        """Acculturated counsellors count in their département, others do not."""
        before, before_33 = self.value("cep_acculturated"), self.value("cep_acculturated", self.dep_33)
        Partner = self.env["res.partner"]
        for index in range(3):
            counsellor = Partner.create({"name": "Conseiller %s" % index, "is_cep_counsellor": True,
                                         "department_id": self.dep_33.id})
            if index:
                counsellor.action_mark_acculturated("2026-02-01")
        self.assertEqual(self.value("cep_acculturated"), before + 2)
        self.assertEqual(self.value("cep_acculturated", self.dep_33), before_33 + 2)

    def test_partnerships(self):
        """Running or finished partnerships count (the durable exits are counted from the
        hires since issue 17: test_plan_indicators)."""
        before = self.value("partnerships")
        Partnership = self.env["pepites.partnership"]
        Partnership.create({"name": "P1", "sector_id": self.env.ref("pepites_partners.sector_autonomie").id,
                            "state": "active", "durable_exit_count": 4, "department_id": self.dep_24.id})
        Partnership.create({"name": "P2", "sector_id": self.env.ref("pepites_partners.sector_cleaning").id,
                            "state": "done", "durable_exit_count": 7})
        Partnership.create({"name": "P3", "sector_id": self.sector_reuse.id, "state": "draft",
                            "durable_exit_count": 1})
        self.assertEqual(self.value("partnerships"), before + 2)

    def test_partners_engaged(self):
        before = self.value("partners_engaged")
        self.env["res.partner"].create({
            "name": "OPCO test", "is_company": True,
            "pepites_role_ids": [(6, 0, [self.env.ref("pepites_partners.partner_role_opco").id])]})
        self.assertEqual(self.value("partners_engaged"), before + 1)

    def test_bad_definitions_are_refused(self):
        """Unknown model or field, a domain that does not parse, a negative target: refused."""
        base = {"name": "X", "code": "x", "action_sheet": "hr_support", "model_name": "res.partner"}
        for values, message in (
                ({"model_name": "no.such.model"}, "modèle inconnu"),
                ({"domain": "[('name', 'resembles', 'x')]"}, "domaine invalide"),
                ({"domain": "not a domain"}, "domaine invalide"),
                ({"domain": "[('no_such_field', '=', 1)]"}, "champ inconnu"),
                ({"department_field": "name"}, "pas un champ"),
                ({"aggregate": "sum", "measure_field": "name"}, "pas un champ"),
                ({"target": -5}, "négati"),
                ({"compute_mode": "method", "method_name": "unlink"}, "n'existe pas")):
            with self.assertRaisesRegex(ValidationError, message), self.env.cr.savepoint():
                self.Indicator.with_context(lang="fr_FR").create(dict(base, **values))

    def test_custom_domain_indicator(self):
        """A manager defines a new indicator from the back office; it counts at once."""
        indicator = self.Indicator.create({
            "name": "ACI de Gironde", "code": "aci_33", "action_sheet": "hr_support",
            "model_name": "res.partner", "domain": "[('siae_kind', '=', 'aci')]",
            "department_field": "department_id", "aggregate": "sum",
            "measure_field": "insertion_posts"})
        values = indicator._values_by_department()[indicator.id]
        self.assertGreaterEqual(values[self.dep_33.id], 30)  # SIAE A: 30 posts
        self.assertEqual(values[None], sum(v for k, v in values.items() if k is not None))


class TestEveryShippedIndicator(KpiCase):
    """Each shipped indicator agrees with a count made independently through the ORM."""

    def test_values_match_an_orm_count(self):
        indicators = self.env["pepites.kpi.indicator"].search([("compute_mode", "=", "domain")])
        self.assertGreaterEqual(len(indicators), 15)
        values = indicators._values_by_department()
        for indicator in indicators:
            Model = self.env[indicator.model_name].sudo()
            domain = safe_eval(indicator.domain)
            if indicator.period == "year":
                # this calendar year's records (offers published: the yearly figure)
                domain += [(indicator.date_field, ">=", datetime.date.today().replace(
                    month=1, day=1).isoformat())]
            records = Model.search(domain)
            if indicator.aggregate == "sum":
                expected = sum(records.mapped(indicator.measure_field))
            elif indicator.aggregate == "count_distinct":
                expected = len(set(records.mapped(indicator.measure_field)))
            else:
                expected = len(records)
            self.assertEqual(values[indicator.id][None], expected, indicator.code)
            if indicator.department_field and indicator.aggregate == "count":
                for department in records.mapped(indicator.department_field):
                    self.assertEqual(
                        values[indicator.id][department.id],
                        len(records.filtered(lambda r: r[indicator.department_field] == department)),
                        "%s in %s" % (indicator.code, department.code))

    def test_every_indicator_named_by_the_plan_ships(self):
        codes = set(self.env["pepites.kpi.indicator"].search([]).mapped("code"))
        for code in ("jobboard_live", "offers_published", "orientations", "ambassador_departments",
                     "cep_acculturated", "partnerships", "durable_exits",
                     "eti_alternance_sessions", "etaie_vae_sessions", "afest_actions",
                     "trainers_trained", "campus_modules", "experimental_session",
                     "hybrid_modules", "internal_modules", "dismantling_modules", "reuse_modules",
                     "building_modules", "staff_badge_classes", "salarie_badge_classes",
                     "badges_issued"):
            self.assertIn(code, codes)

    def test_modules_indicators_move(self):
        """A new dismantling module and a new VR module count at once."""
        before = (self.value("dismantling_modules"), self.value("internal_modules"))
        Module = self.env["pepites.training.module"]
        Module.create({"name": "Démantèlement DEEE", "specialty": "demantelement"})
        Module.create({"name": "Sécurité en réalité virtuelle", "modality": "vr",
                       "specialty": "securite"})
        self.assertEqual((self.value("dismantling_modules"), self.value("internal_modules")),
                         (before[0] + 1, before[1] + 1))

    def test_badges_issued_move(self):
        """Issuing badges raises the count (in the recipient's département); revoking lowers it."""
        before, before_33 = self.value("badges_issued"), self.value("badges_issued", self.dep_33)
        badge = self.env["pepites.badge.class"].create({
            "name": "Encadrer une équipe", "description": "Test", "criteria_narrative": "Test",
            "state": "published", "audience": "salarie"})
        ids = badge.issue_to(badge.ids, (self.person_a | self.person_b).ids)
        self.assertEqual(self.value("badges_issued"), before + 2)
        self.assertEqual(self.value("badges_issued", self.dep_33), before_33 + 1)
        self.env["pepites.badge.assertion"].browse(ids[:1]).action_revoke("Erreur de saisie")
        self.assertEqual(self.value("badges_issued"), before + 1)

    def test_jobboard_indicators_move(self):
        """Publishing an offer counts it (in its département) and makes the JobBoard live there."""
        Job = self.env["hr.job"]
        Job.search([("pepites_state", "=", "published")]).write({"website_published": False})
        self.assertEqual(self.value("jobboard_live"), 0)
        before = self.value("offers_published", self.dep_24)
        offer = Job.create({"name": "Encadrant technique d'insertion", "siae_id": self.siae_b.id,
                            "job_family_id": self.env.ref("pepites_partners.job_family_eti").id,
                            "contract_type": "cdi", "weekly_hours": 35, "city": "Périgueux",
                            "website_description": "<p>Encadrer une équipe en chantier.</p>"})
        offer.action_submit()
        offer.action_publish()
        self.assertEqual(self.value("offers_published", self.dep_24), before + 1)
        self.assertEqual(self.value("jobboard_live"), 1)
        self.assertEqual(self.value("jobboard_live", self.dep_24), 1)
