"""Steering the programme (issue 17): the plan's action sheets as data, their budget by funder,
their milestones with evidence, the committees, their meetings, decisions and follow-up
actions — each figure checked against a count made another way (SQL or search_count)."""
import datetime

from odoo.exceptions import AccessError, ValidationError
from odoo.tools import mute_logger

from .common import KpiCase


def day(offset):
    return (datetime.date.today() + datetime.timedelta(days=offset)).isoformat()


class TestSteering(KpiCase):

    @classmethod
    def setUpClass(cls):
        super(TestSteering, cls).setUpClass()
        cls.Sheet = cls.env["pepites.kpi.action.sheet"]
        cls.Line = cls.env["pepites.kpi.budget.line"]
        cls.Milestone = cls.env["pepites.kpi.milestone"]
        cls.campus = cls.env.ref("pepites_kpi.action_sheet_campus")
        cls.badges = cls.env.ref("pepites_kpi.action_sheet_open_badges")
        Partner = cls.env["res.partner"]
        cls.region = Partner.create({"name": "Région Nouvelle-Aquitaine (test)",
                                     "is_company": True})
        cls.fse = Partner.create({"name": "FSE+ (test)", "is_company": True})

    def test_action_sheets_are_the_plans(self):
        """The ten sheets ship without demo, numbered axis.sheet as the plan; each indicator
        carries its sheet's number and axis, and no label is the old "Action 1–4"."""
        sheets = self.Sheet.search([])
        self.assertEqual(sheets.mapped("number"), ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3",
                                                   "2.4", "3.1", "3.2", "3.3"])
        self.assertEqual(self.campus.axis, "2")
        self.assertEqual(self.campus.with_context(lang="fr_FR").display_title,
                         "2.4 — Expérimentation Campus de l'Insertion")
        labels = dict(self.env["pepites.kpi.indicator"].with_context(lang="fr_FR")
                      ._fields["action_sheet"]._description_selection(
                          self.env(context={"lang": "fr_FR"})))
        for key, label in labels.items():
            self.assertFalse(label.startswith("Action"), label)
            self.assertTrue(label.startswith(self.Sheet.search([("key", "=", key)]).number))
        for indicator in self.env["pepites.kpi.indicator"].search([]):
            self.assertTrue(indicator.sheet_number, indicator.code)
            self.assertEqual(indicator.axis, indicator.sheet_number[0])
        self.assertIn(self.env.ref("pepites_kpi.indicator_experimental_session"),
                      self.campus.indicator_ids)

    def test_budget_totals_per_sheet_and_funder(self):
        """Planned, committed and spent add up per sheet and per funder as a SQL sum does."""
        self.Line.create({"name": "Ingénierie Campus", "sheet_id": self.campus.id,
                          "funder_id": self.region.id, "amount_planned": 40000,
                          "amount_committed": 30000, "amount_spent": 12500})
        self.Line.create({"name": "Sessions", "sheet_id": self.campus.id,
                          "funder_id": self.fse.id, "amount_planned": 20000,
                          "amount_committed": 20000, "amount_spent": 5000})
        self.Line.create({"name": "Plateforme", "sheet_id": self.badges.id,
                          "funder_id": self.region.id, "amount_planned": 15000,
                          "amount_committed": 10000, "amount_spent": 2500})
        self.env.cr.execute("""SELECT SUM(amount_planned), SUM(amount_committed),
                                      SUM(amount_spent)
                                 FROM pepites_kpi_budget_line WHERE sheet_id = %s""",
                            (self.campus.id,))
        expected = self.env.cr.fetchone()
        self.assertEqual((self.campus.amount_planned, self.campus.amount_committed,
                          self.campus.amount_spent), expected)
        self.env.cr.execute("SELECT DISTINCT funder_id FROM pepites_kpi_budget_line "
                            "WHERE sheet_id = %s", (self.campus.id,))
        funders = self.env["res.partner"].browse([row[0] for row in self.env.cr.fetchall()])
        self.assertEqual(self.campus.funder_ids, funders)
        self.assertTrue(self.region | self.fse <= funders)
        summary = self.Sheet.search([])._budget_summary()
        by_funder = {row["funder"]: row for row in summary["funders"]}
        self.env.cr.execute("SELECT SUM(amount_planned), SUM(amount_spent) "
                            "FROM pepites_kpi_budget_line WHERE funder_id = %s",
                            (self.region.id,))
        expected = self.env.cr.fetchone()
        self.assertEqual((by_funder[self.region]["planned"], by_funder[self.region]["spent"]),
                         expected)
        self.assertEqual(summary["total"]["planned"], sum(self.Line.search([]).mapped(
            "amount_planned")))

    def test_budget_spent_beyond_commitment_warned_not_refused(self):
        """The plan sets no such rule: spending beyond the commitment is shown, not refused;
        a negative amount is refused in French."""
        overspent_before = self.Line.search_count([("overspent", "=", True)])
        line = self.Line.create({"name": "Avance", "sheet_id": self.campus.id,
                                 "funder_id": self.region.id, "amount_planned": 1000,
                                 "amount_committed": 500, "amount_spent": 800})
        self.assertTrue(line.overspent)
        self.assertEqual(self.Line.search_count([("overspent", "=", True)]), overspent_before + 1)
        warning = self.Line.new({"amount_committed": 500, "amount_spent": 800})
        self.assertIn("warning", warning.with_context(lang="fr_FR")._onchange_amounts())
        with self.assertRaisesRegex(ValidationError, "négatifs"), self.env.cr.savepoint():
            self.Line.with_context(lang="fr_FR").create({
                "name": "Erreur", "sheet_id": self.campus.id, "funder_id": self.fse.id,
                "amount_planned": -1})

    def test_milestone_status_and_evidence(self):
        """A milestone is done only with its evidence; not done past its date it is late, and
        the daily cron moves a stored status when the date passes."""
        milestone = self.Milestone.create({"name": "Session expérimentale lancée",
                                           "sheet_id": self.campus.id, "date": day(10)})
        self.assertEqual(milestone.status, "planned")
        with self.assertRaisesRegex(ValidationError, "preuve"), self.env.cr.savepoint():
            milestone.with_context(lang="fr_FR").action_done()
        with self.assertRaisesRegex(ValidationError, "https"), self.env.cr.savepoint():
            milestone.with_context(lang="fr_FR").write({"evidence_url": "javascript:alert(1)"})
        # the calendar moves: the date passes without the milestone being done (a fresh
        # record: nothing left to recompute but what the cron does)
        self.Milestone.recompute()
        other = self.Milestone.create({"name": "Comité de suivi réuni",
                                       "sheet_id": self.campus.id, "date": day(3)})
        self.env.cr.execute("UPDATE pepites_kpi_milestone SET date = %s WHERE id IN %s",
                            (day(-1), tuple((milestone | other).ids)))
        self.Milestone.invalidate_cache()
        self.assertEqual(other.status, "planned")
        self.Milestone._cron_refresh_status()
        self.Milestone.invalidate_cache()
        self.assertEqual((milestone.status, other.status), ("late", "late"))
        self.assertEqual(self.campus.milestone_late_count, self.Milestone.search_count(
            [("sheet_id", "=", self.campus.id), ("state", "!=", "done"),
             ("date", "<", day(0))]))
        milestone.write({"evidence_url": "https://www.inae-nouvelleaquitaine.org/campus"})
        milestone.action_done()
        self.assertEqual((milestone.status, milestone.date_done), ("done", day(0)))

    def test_qualitative_indicator_counts_its_milestones_done(self):
        """"Kit de communication opérationnel": 1 once its milestone is done with evidence."""
        indicator = self.env.ref("pepites_kpi.indicator_communication_kit")
        milestone = self.env.ref("pepites_kpi.milestone_communication_kit")
        self.assertEqual((indicator.scope, indicator.target, self.value("communication_kit")),
                         ("regional", 1, 0))
        milestone.write({"evidence_file": b"JVBERi0=", "evidence_filename": "kit.pdf"})
        milestone.action_done()
        self.assertEqual(self.value("communication_kit"), self.Milestone.search_count(
            [("indicator_id", "=", indicator.id), ("state", "=", "done")]))
        self.assertEqual(self.value("communication_kit"), 1)

    def test_partners_engaged_per_sheet(self):
        """Each sheet's "Partenaires engagés dans l'action" counts the sheet's partners, in
        their départements."""
        self.campus.partner_ids = self.siae_a | self.siae_b | self.region
        self.assertEqual(self.value("sheet_partners_campus"), 3)
        self.assertEqual(self.value("sheet_partners_campus", self.dep_33),
                         len(self.campus.partner_ids.filtered(
                             lambda p: p.department_id == self.dep_33)))
        self.assertEqual(self.value("sheet_partners_open_badges"),
                         len(self.badges.partner_ids))

    def test_committee_meeting_decision_follow_up(self):
        """A committee's meeting takes decisions whose actions have an owner and a due date;
        overdue ones show, as a search on the dates does."""
        committee = self.env["pepites.kpi.committee"].create({
            "name": "Comité de suivi des métiers hybrides", "kind": "hybrid_jobs",
            "member_ids": [(6, 0, (self.person_a | self.person_b).ids)],
            "sheet_ids": [(6, 0, self.env.ref("pepites_kpi.action_sheet_hybrid_jobs").ids)]})
        meeting = self.env["pepites.kpi.meeting"].new({"committee_id": committee.id})
        meeting._onchange_committee()
        self.assertEqual(meeting.attendee_ids, committee.member_ids)
        meeting = self.env["pepites.kpi.meeting"].create({
            "committee_id": committee.id, "date": day(-30),
            "attendee_ids": [(6, 0, self.person_a.ids)],
            "minutes": "<p>Choix des deux métiers hybrides.</p>"})
        decision = self.env["pepites.kpi.decision"].create({
            "meeting_id": meeting.id, "name": "Caractériser l'assistant technique d'insertion"})
        FollowUp = self.env["pepites.kpi.follow.up"]
        late = FollowUp.create({"decision_id": decision.id, "name": "Réunir les employeurs",
                                "owner_id": self.person_a.id, "date_due": day(-2)})
        soon = FollowUp.create({"decision_id": decision.id, "name": "Rédiger la fiche",
                                "owner_id": self.person_b.id, "date_due": day(5)})
        done = FollowUp.create({"decision_id": decision.id, "name": "Inviter COORACE",
                                "owner_id": self.person_b.id, "date_due": day(-9)})
        done.action_done()
        self.assertEqual((late.overdue, soon.overdue, done.overdue), (True, False, False))
        overdue = FollowUp.search([("overdue", "=", True), ("committee_id", "=", committee.id)])
        self.assertEqual(overdue, FollowUp.search([
            ("committee_id", "=", committee.id), ("state", "=", "todo"),
            ("date_due", "<", day(0))]))
        self.assertEqual(FollowUp.search([("overdue", "=", False),
                                          ("committee_id", "=", committee.id)]), soon | done)
        committee.invalidate_cache()
        self.assertEqual((committee.meeting_count, committee.open_action_count,
                          committee.overdue_action_count), (1, 2, 1))
        self.assertEqual(late.committee_id, committee)
        self.assertIn("—", meeting.name)

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_rights(self):
        """Staff run the committees and milestones; only managers write the budget and the
        sheets; the partner API and the SIAE see none of it."""
        committee = self.env["pepites.kpi.committee"].sudo(self.user_staff).create(
            {"name": "Comité de pilotage", "kind": "steering"})
        self.env["pepites.kpi.milestone"].sudo(self.user_staff).create(
            {"name": "Jalon", "sheet_id": self.campus.id})
        values = {"name": "Ligne", "sheet_id": self.campus.id, "funder_id": self.region.id}
        with self.assertRaises(AccessError):
            self.Line.sudo(self.user_staff).create(values)
        with self.assertRaises(AccessError):
            self.campus.sudo(self.user_staff).write({"territory": "Charente"})
        self.Line.sudo(self.user_manager).create(values)
        for user in (self.user_partner_api, self.user_siae_a):
            for model in ("pepites.kpi.committee", "pepites.kpi.budget.line",
                          "pepites.kpi.milestone", "pepites.kpi.action.sheet",
                          "pepites.kpi.follow.up"):
                with self.assertRaises(AccessError):
                    self.env[model].sudo(user).search([])
        self.assertTrue(committee.exists())


class TestSteeringInReports(KpiCase):
    """The funder report (PDF and XLSX) carries the budget per sheet and per funder, the
    milestones and the committees, in French."""

    def setUp(self):
        super(TestSteeringInReports, self).setUp()
        # a sheet without demo budget: spent beyond its commitment here
        self.campus = self.env.ref("pepites_kpi.action_sheet_afest_vr")
        self.funder = self.env["res.partner"].create({"name": "Département de la Charente",
                                                      "is_company": True})
        self.env["pepites.kpi.budget.line"].create({
            "name": "Formation de formateurs", "sheet_id": self.campus.id,
            "funder_id": self.funder.id, "amount_planned": 25000, "amount_committed": 10000,
            "amount_spent": 12000})
        self.env["pepites.kpi.milestone"].create({
            "name": "Première session du Campus", "sheet_id": self.campus.id,
            "date": "2026-01-15"})
        self.env["pepites.kpi.committee"].create({"name": "Comité de pilotage PEPITES",
                                                  "kind": "steering"})
        self.indicators = self.env["pepites.kpi.indicator"].search([])

    def test_pdf_html_has_the_steering(self):
        html = self.env.ref("pepites_kpi.action_report_funder").with_context(
            lang="fr_FR").render_qweb_html(self.indicators.ids, data={
                "month_from": "2026-01-01", "month_to": "2026-12-31"})[0].decode()
        for text in ("Budget par fiche action", "Budget par financeur", "Jalons",
                     "Gouvernance", "Département de la Charente", "Première session du Campus",
                     "au-delà de l'engagement", "En retard", "Comité de pilotage PEPITES",
                     "2.4 — Campus de l"):
            self.assertIn(text, html)
        self.assertNotIn("Action 4", html)

    def test_xlsx_has_budget_and_milestones(self):
        import xlrd
        content = self.indicators.with_context(lang="fr_FR")._funder_xlsx(
            datetime.date(2026, 1, 1), datetime.date(2026, 12, 1))
        book = xlrd.open_workbook(file_contents=content)
        self.assertEqual(book.sheet_names()[3:], ["Budget", "Jalons"])
        budget = book.sheet_by_index(3)
        titles = budget.col_values(0)
        row = titles.index(self.campus.display_title)
        self.assertEqual(budget.row_values(row)[1:4], [
            self.campus.amount_planned, self.campus.amount_committed, self.campus.amount_spent])
        self.assertEqual(budget.row_values(row)[4] == "Dépensé au-delà de l'engagement",
                         self.campus.amount_spent > self.campus.amount_committed)
        funder_row = titles.index("Département de la Charente")
        self.assertEqual(budget.row_values(funder_row)[1:4], [25000.0, 10000.0, 12000.0])
        milestones = book.sheet_by_index(4)
        self.assertIn("Première session du Campus", milestones.col_values(1))
