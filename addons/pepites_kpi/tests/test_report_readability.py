"""The funder report reads right (issue 16): one chart per indicator with gaps for the months
without a value, regional-only indicators shown as regional, XLSX number formats that read well
in a French spreadsheet, and one count of applications."""
import datetime
import io
import re
import zipfile

from lxml import etree

from odoo import fields

from .. import xlsx_export
from ..models.pepites_kpi_indicator import APPLICATIONS_ALL_RECEIVED, APPLICATIONS_STORED_SIAE
from .common import KpiCase

NS = {"x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def read_xlsx(content):
    """{sheet number: {cell ref: (value text, number format)}} of an XLSX, read from its XML
    (the cells' styles and the shared strings resolved), without a spreadsheet library."""
    book = zipfile.ZipFile(io.BytesIO(content))
    styles = etree.fromstring(book.read("xl/styles.xml"))
    custom = {fmt.get("numFmtId"): fmt.get("formatCode")
              for fmt in styles.findall("x:numFmts/x:numFmt", NS)}
    builtin = {"0": "General", "9": "0%", "10": "0.00%", "3": "#,##0", "4": "#,##0.00"}
    formats = [custom.get(xf.get("numFmtId"), builtin.get(xf.get("numFmtId"), "General"))
               for xf in styles.findall("x:cellXfs/x:xf", NS)]
    strings = []
    if "xl/sharedStrings.xml" in book.namelist():
        shared = etree.fromstring(book.read("xl/sharedStrings.xml"))
        strings = ["".join(si.itertext()) for si in shared.findall("x:si", NS)]
    sheets = {}
    for number in range(1, 4):
        root = etree.fromstring(book.read("xl/worksheets/sheet%d.xml" % number))
        cells = {}
        for cell in root.iter("{%s}c" % NS["x"]):
            value = cell.findtext("x:v", namespaces=NS)
            if cell.get("t") == "s":
                value = strings[int(value)]
            cells[cell.get("r")] = (value, formats[int(cell.get("s", "0"))])
        sheets[number] = cells
    return sheets


def column_letter(index):
    """Excel's letters of the 0-based column ``index``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class TestReportReadability(KpiCase):

    def setUp(self):
        super(TestReportReadability, self).setUp()
        self.env = self.env(context=dict(self.env.context, lang="fr_FR"))
        self.Indicator = self.env["pepites.kpi.indicator"]
        self.today = fields.Date.from_string(fields.Date.today())
        self.this_month = self.today.replace(day=1)
        self.two_ago = (self.this_month - datetime.timedelta(days=40)).replace(day=1)
        self.exits = self.env.ref("pepites_kpi.indicator_durable_exits")
        self.modules = self.env.ref("pepites_kpi.indicator_campus_modules")
        self.env["pepites.partnership"].create({
            "name": "Lisible", "sector_id": self.env.ref("pepites_partners.sector_autonomie").id,
            "state": "active", "durable_exit_count": 1234, "department_id": self.dep_24.id})
        # a value two months ago and this month, none the month between: a gap
        self.Indicator.search([]).action_snapshot(fields.Date.to_string(self.two_ago))
        self.Indicator.search([]).action_snapshot()

    def report(self):
        return self.env["report.pepites_kpi.report_funder"].get_report_values(
            self.Indicator.search([]).ids,
            data={"month_from": fields.Date.to_string(self.two_ago),
                  "month_to": fields.Date.to_string(self.today)})

    def test_months_without_value_stay_gaps_and_one_chart_per_indicator(self):
        """The trend keeps None for the month without a snapshot (never 0), and the report
        draws one chart per indicator that has a value."""
        values = self.report()
        self.assertEqual(len(values["months"]), 3)
        row = [r for r in values["rows"] if r["indicator"] == self.exits][0]
        self.assertIsNone(row["trend"][1])
        self.assertEqual(row["trend"][2], self.exits.value)
        charted = [item["row"]["indicator"] for item in values["charts"]]
        self.assertEqual(len(charted), len(set(charted)))
        self.assertIn(self.exits, charted)
        self.assertEqual(len(values["charts"]) + len(values["uncharted"]), len(values["rows"]))

    def test_pdf_regional_and_gaps(self):
        """The funder PDF's HTML prints "régional" instead of département zeros for a
        regional-only indicator, "—" for a month without a value, one chart per indicator."""
        html = self.env.ref("pepites_kpi.action_report_funder").with_context(lang="fr_FR") \
            .render_qweb_html(self.Indicator.search([]).ids,
                              data={"month_from": fields.Date.to_string(self.two_ago),
                                    "month_to": fields.Date.to_string(self.today)})[0]
        html = html.decode() if isinstance(html, bytes) else html
        self.assertEqual(self.modules.scope, "regional")
        departments = len(self.env["pepites.department"].search([]))
        self.assertIn('colspan="%d"' % departments, html)
        self.assertIn("régional", html)
        self.assertIn("—", html)
        self.assertIn('data-code="durable_exits"', html)
        self.assertIn("Évolution, un graphique par indicateur", html)

    def test_xlsx_formats(self):
        """Counts are written '#,##0' (no "45,"), progress '0.0%', months as dates; a month
        without a value is "—"; a regional-only indicator says "régional" across the
        départements and gives its regional figure."""
        content = self.Indicator.search([])._funder_xlsx(self.two_ago, self.today)
        sheets = read_xlsx(content)
        first = sheets[1]
        rows = {value: ref[1:] for ref, (value, _fmt) in first.items() if ref.startswith("A")}
        line = rows["durable_exits"]
        value, fmt = first["G%s" % line]
        self.assertEqual(float(value), self.exits.value)
        self.assertEqual(fmt, xlsx_export.COUNT_FORMAT)
        self.assertEqual(first["G1"][0], "Valeur aujourd'hui")
        progress = [cell for ref, cell in first.items() if ref.startswith("H") and ref != "H1"]
        self.assertTrue(progress)
        self.assertEqual({fmt for _value, fmt in progress}, {xlsx_export.PERCENT_FORMAT})
        self.assertEqual(first["I%s" % rows["campus_modules"]][0], "régional")
        by_dep = sheets[2]
        modules_line = rows["campus_modules"]
        self.assertEqual(by_dep["B%s" % modules_line][0], "régional")
        region_column = column_letter(len(self.env["pepites.department"].search([])) + 1)
        self.assertEqual(float(by_dep["%s%s" % (region_column, modules_line)][0]),
                         self.modules.value)
        self.assertEqual(by_dep["%s%s" % (region_column, line)][1], xlsx_export.COUNT_FORMAT)
        trend = sheets[3]
        self.assertEqual(trend["B1"][1], xlsx_export.MONTH_FORMAT)
        self.assertTrue(re.match(r"^\d+(\.0)?$", trend["B1"][0]), "a month is a date serial")
        self.assertEqual(trend["C%s" % line][0], "—")
        self.assertEqual(trend["D%s" % line][1], xlsx_export.COUNT_FORMAT)

    def test_applications_counted_once(self):
        """"Applications received through the JobBoard" counts every application to a SIAE's
        offer, a refused (archived) one too: the same count as the offers' "Applications
        received"."""
        job = self.env["hr.job"].search([("siae_id", "!=", False)], limit=1)
        before = self.value("applications")
        applicant = self.env["hr.applicant"].create({
            "name": "Candidature lisible", "partner_name": "Lisa Lisible", "job_id": job.id})
        self.assertEqual(self.value("applications"), before + 1)
        applicant.write({"active": False})
        self.assertEqual(self.value("applications"), before + 1)
        jobs = self.env["hr.job"].search([("siae_id", "!=", False)])
        self.assertEqual(self.value("applications"), sum(jobs.mapped("pepites_application_count")))

    def test_migration_marks_regional_and_counts_all_applications(self):
        """A database made before 11.0.1.0.3 gets the regional scope on the shipped
        regional-only indicators and the applications counted once; a domain a manager
        changed is left alone."""
        applications = self.env.ref("pepites_kpi.indicator_applications")
        (self.modules | applications).write({"scope": "departmental"})
        applications.write({"domain": "[('job_id.siae_id', '!=', False)]"})
        regional = self.Indicator._migrate_regional_scope_and_applications()
        self.assertIn(self.modules, regional)
        self.assertEqual(self.modules.scope, "regional")
        self.assertEqual(applications.scope, "regional")
        self.assertEqual(applications.domain, APPLICATIONS_ALL_RECEIVED)
        self.assertEqual(self.exits.scope, "departmental")
        applications.write({"domain": "[('job_id', '!=', False)]"})
        self.Indicator._migrate_regional_scope_and_applications()
        self.assertEqual(applications.domain, "[('job_id', '!=', False)]")

    def test_migration_counts_applications_on_their_stored_siae(self):
        """A database made before 11.0.1.0.5 counts the applications on their own SIAE: the
        same figure (archived applications included), a domain a manager changed left alone."""
        applications = self.env.ref("pepites_kpi.indicator_applications")
        job = self.env["hr.job"].search([("siae_id", "!=", False)], limit=1)
        self.env["hr.applicant"].create({
            "name": "Candidature migrée", "partner_name": "Mia Migrée", "job_id": job.id,
            "active": False})
        applications.write({"domain": APPLICATIONS_ALL_RECEIVED})
        before = self.value("applications")
        self.assertEqual(self.Indicator._migrate_applications_stored_siae(), applications)
        self.assertEqual(applications.domain, APPLICATIONS_STORED_SIAE)
        self.assertEqual(self.value("applications"), before)
        applications.write({"domain": "[('job_id', '!=', False)]"})
        self.assertFalse(self.Indicator._migrate_applications_stored_siae())
        self.assertEqual(applications.domain, "[('job_id', '!=', False)]")
