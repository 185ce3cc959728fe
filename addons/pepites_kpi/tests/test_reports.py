import xlrd

from odoo.tests.common import at_install, post_install

from odoo.addons.pepites_partners.tests.common import PepitesHttpCastCase


@at_install(False)
@post_install(True)
class TestReports(PepitesHttpCastCase):
    """The funder report (PDF and XLSX), the public page and who may read indicators."""

    def setUp(self):
        super(TestReports, self).setUp()
        self.env["ir.config_parameter"].set_param("web.base.url", self.base_url())
        self.env["pepites.partnership"].create({
            "name": "Rapport", "sector_id": self.env.ref("pepites_partners.sector_autonomie").id,
            "state": "active", "durable_exit_count": 9, "department_id": self.dep_24.id,
            "siae_ids": [(6, 0, self.siae_b.ids)]})
        # a durable exit (issue 17: counted from the hires): a CDI by a SIAE of the partnership
        job = self.env["hr.job"].create({
            "name": "Aide-soignante", "siae_id": self.siae_b.id, "contract_type": "cdi",
            "pepites_department_id": self.dep_24.id})
        self.env["hr.applicant"].create({
            "name": "Candidature", "partner_name": "Zoé Martin", "job_id": job.id,
        }).write({"date_closed": "2026-05-04 09:00:00"})
        self.indicators = self.env["pepites.kpi.indicator"].search([])
        self.indicators.action_snapshot()
        self.exits = self.env.ref("pepites_kpi.indicator_durable_exits")

    def url_open(self, url, data=None, timeout=120, files=None):
        """A longer wait than PepitesHttpCase's 30 s: the first website page of a test compiles
        the asset bundles again, which took over 30 s on the shared machine (the test then
        closed its cursor under the server's request: a 500 and a timeout)."""
        return super(TestReports, self).url_open(url, data=data, timeout=timeout, files=files)

    def test_xlsx_opens_with_the_numbers(self):
        """Staff download the XLSX; its cells hold the values by département."""
        self.authenticate("test_staff", "test_staff")
        response = self.url_open("/pepites_kpi/funder_report.xlsx?month_from=2026-01-01&month_to=2026-12-31")
        self.assertEqual(response.status_code, 200)
        book = xlrd.open_workbook(file_contents=response.content)
        sheet = book.sheet_by_index(0)
        codes = sheet.col_values(0)
        self.assertIn("durable_exits", codes)
        self.assertEqual(sheet.cell_value(codes.index("durable_exits"), 6), self.exits.value)
        by_dep = book.sheet_by_index(1)
        header = by_dep.row_values(0)
        column = header.index("24 Dordogne")
        row = codes.index("durable_exits")  # same order of indicators on every sheet
        self.assertGreaterEqual(by_dep.cell_value(row, column), 1)
        self.assertEqual(by_dep.cell_value(row, column),
                         self.exits._values_by_department()[self.exits.id][self.dep_24.id])

    def test_xlsx_refused_to_portal_and_bad_period(self):
        self.authenticate("test_siae_a", "test_siae_a")
        response = self.url_open("/pepites_kpi/funder_report.xlsx?month_from=2026-01-01&month_to=2026-12-31")
        self.assertEqual(response.status_code, 403)
        self.authenticate("test_staff", "test_staff")
        response = self.url_open("/pepites_kpi/funder_report.xlsx?month_from=nope&month_to=2026-12-31")
        self.assertEqual(response.status_code, 400)

    def test_public_page_shows_headline_figures_only(self):
        """Anyone sees the public indicators' figures in French; no person's name appears."""
        response = self.url_open("/indicateurs")
        self.assertEqual(response.status_code, 200)
        self.assertIn('data-code="durable_exits"', response.text)
        self.assertIn("Cible", response.text)
        self.assertNotIn('data-code="partners_engaged"', response.text)
        self.assertNotIn("Alice Encadrante", response.text)

    def test_partner_api_reads_indicators_over_xmlrpc(self):
        rows = self.xmlrpc(self.user_partner_api, "pepites.kpi.indicator", "search_read",
                           [("code", "=", "durable_exits")], fields=["name", "value", "target"])
        self.assertEqual(rows[0]["value"], self.exits.value)
        snapshots = self.xmlrpc(self.user_partner_api, "pepites.kpi.snapshot", "search_count",
                                [("indicator_id", "=", self.exits.id)])
        self.assertGreater(snapshots, 0)

    def test_siae_portal_user_cannot_read_indicators(self):
        from xmlrpc.client import Fault
        with self.assertRaises(Fault):
            self.xmlrpc(self.user_siae_a, "pepites.kpi.indicator", "search_read", [], fields=["name"])
