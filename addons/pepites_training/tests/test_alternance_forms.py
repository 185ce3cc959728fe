"""The data of the FA13 / EJ20 forms on an alternance contract: the published rules refused in
French on every path (ORM, CSV import, XML-RPC), the codes' formats, the NIR kept to INAÉ staff,
the OPCO's CSV and PDF summary, the upgrade filling the new fields, the demo contracts."""
import codecs
import csv
import io
import xmlrpc.client

from odoo.exceptions import AccessError, ValidationError
from odoo.tests.common import at_install, post_install
from odoo.tools import mute_logger

from odoo.addons.pepites_partners.tests.common import PrintAssertions, pdf_text

from .. import alternance_rules
from ..models.pepites_alternance import OPCO_SECTIONS
from .common import TrainingCase, TrainingHttpCase

#: a 21-year-old apprentice on a two-year contract, paid the floors, tutor with 3 years
VALID = {
    "contract_type": "apprentissage", "date_start": "2024-09-02", "date_end": "2026-08-31",
    "apprentice_birthdate": "2003-05-10", "apprentice_sex": "f",
    "apprentice_situation": "jobseeker", "trial_days": 45, "pay_base": "smic",
    "pay_year1_rate": 53, "pay_year1_amount": 954.95, "pay_year2_rate": 61,
    "pay_year2_amount": 1099.10, "tutor1_experience_years": 3, "tutor1_field_diploma": True,
    "employer_siret": "", "rncp_code": "RNCP39794", "employer_naf": "88.99B",
    "employer_idcc": "3016", "training_centre_uai": "0641718X",
}


def form_values(case, **values):
    vals = {"apprentice_id": case.employee_a.id, "employer_id": case.siae_a.id,
            "certification_id": case.eti.id, "training_centre_id": case.afpa.id,
            "weekly_hours": 35, "opco_id": case.opco.id, "tutor1_id": case.employee_a2.id}
    vals.update(VALID, employer_siret=case.siae_a.siret)
    vals.update(values)
    return vals


class TestAlternanceRules(TrainingCase):

    def create(self, **values):
        return self.env["pepites.alternance"].with_context(lang="fr_FR").create(
            form_values(self, **values))

    def assert_refused(self, message, **values):
        """Creating the contract with ``values`` raises the French ``message``; no row."""
        count = self.env["pepites.alternance"].search_count([])
        with self.assertRaisesRegex(ValidationError, message), self.env.cr.savepoint():
            self.create(**values)
        self.assertEqual(self.env["pepites.alternance"].search_count([]), count)

    def test_valid_contract_and_tutor_among_tutors(self):
        """A contract keeping every rule is saved; its first tutor is among its tutors."""
        alternance = self.create()
        self.assertEqual(alternance.tutor_ids, self.employee_a2)
        self.assertEqual(alternance.employer_sector, False)
        alternance.employer_type = "15"
        self.assertEqual(alternance.employer_sector, "private")

    def test_apprentice_age(self):
        """Over 29 at the start the apprenticeship is refused, naming Art. L6222-1, unless
        RQTH; under 16 refused unless the 3e is completed (15)."""
        self.assert_refused("L6222-1", apprentice_birthdate="1990-01-01", pay_year1_rate=100,
                            pay_year2_rate=100)
        self.create(apprentice_birthdate="1990-01-01", apprentice_rqth=True,
                    pay_year1_rate=100, pay_year2_rate=100)
        self.assert_refused("au moins 16 ans", apprentice_id=self.employee_b.id,
                            employer_id=self.siae_b.id, apprentice_birthdate="2009-03-01",
                            employer_siret=self.siae_b.siret)

    def test_professionalisation_public(self):
        """A professionalisation contract at 40 needs a jobseeker or a RSA/ASS/AAH/CUI
        beneficiary (Art. L6325-1); 12 months at most unless a public of L6325-1-1."""
        pro = dict(contract_type="professionnalisation", contract_nature="cdd",
                   apprentice_birthdate="1984-01-01", date_end="2025-08-31",
                   pay_year1_rate=100, pay_year2_rate=False, trial_days=30)
        self.assert_refused("L6325-1 ", **dict(pro, apprentice_situation="employee"))
        self.assert_refused("L6325-11", **dict(pro, date_end="2026-08-31", state="signed",
                                                pay_year2_rate=100))
        self.create(**dict(pro, apprentice_situation="employee", apprentice_benefit="rsa"))

    def test_tutor_experience(self):
        """A tutor with one year and no diploma of the field is refused (Art. R6223-22)."""
        self.assert_refused("R6223-22", tutor1_experience_years=1, tutor1_field_diploma=False)

    def test_pay_floor_per_year(self):
        """The second year paid below 61 % at 22 is refused (Art. D6222-26), on write too,
        and the stored rate stays."""
        alternance = self.create()
        with self.assertRaisesRegex(ValidationError, "D6222-26"), self.env.cr.savepoint():
            alternance.with_context(lang="fr_FR").write({"pay_year2_rate": 55})
        alternance.invalidate_cache()
        self.assertEqual(alternance.pay_year2_rate, 61)

    def test_duration_and_trial(self):
        """A signed apprenticeship of 4 months, or with 60 days of trial, is refused; a
        project's provisional dates wait for its signature."""
        self.assert_refused("L6222-7-1", date_end="2024-12-31", state="signed")
        project = self.create(date_end="2024-12-31")
        with self.assertRaisesRegex(ValidationError, "L6222-7-1"), self.env.cr.savepoint():
            project.action_sign()
        project.invalidate_cache()
        self.assertEqual(project.state, "prospect")
        self.assert_refused("L6222-18", trial_days=60)

    def test_codes(self):
        """A SIRET whose key is wrong or that names no establishment (all zeros: the
        directory's rule), a badly written NAF or UAI, a NIR whose key is wrong are refused;
        spaces are taken out."""
        self.assert_refused("SIRET", employer_siret="12345678901234")
        self.assert_refused("SIRET", training_centre_siret="000 000 000 00000")
        self.assert_refused("NAF", employer_naf="8899")
        self.assert_refused("UAI", training_centre_uai="064171")
        self.assert_refused("sécurité sociale", apprentice_nir="2 03 05 64 102 417 00")
        alternance = self.create(apprentice_nir="2 03 05 64 102 417 %02d"
                                 % (97 - 2030564102417 % 97), employer_naf="88.99b")
        self.assertEqual(alternance.apprentice_nir, "203056410241755"[:13] + "%02d"
                         % (97 - 2030564102417 % 97))
        self.assertEqual(alternance.employer_naf, "88.99B")

    def test_nir_is_staff_only(self):
        """A SIAE reads its apprentice's contract but not the NIR."""
        alternance = self.create(apprentice_nir="2030564102417%02d" % (97 - 2030564102417 % 97))
        mine = alternance.sudo(self.user_siae_a)
        self.assertEqual(mine.apprentice_birthdate, "2003-05-10")
        with self.assertRaises(AccessError):
            mine.read(["apprentice_nir"])
        self.assertNotIn("apprentice_nir", mine.fields_get())

    def test_csv_import_refused_writes_nothing(self):
        """An import (``load``, as the back office's CSV import) of a contract breaking a rule
        writes nothing and answers the rule; a right one is imported."""
        Alternance = self.env["pepites.alternance"].with_context(lang="fr_FR")
        header = ["apprentice_id/.id", "employer_id/.id", "certification_id/.id",
                  "contract_type", "date_start", "date_end", "apprentice_birthdate",
                  "pay_year1_rate"]
        row = [str(self.employee_a.id), str(self.siae_a.id), str(self.eti.id),
               "apprentissage", "2024-09-02", "2025-08-31", "2003-05-10"]
        count = Alternance.search_count([])
        with mute_logger("odoo.sql_db"):
            result = Alternance.load(header, [row + ["40"]])
        self.assertFalse(result["ids"])
        self.assertIn("D6222-26", " ".join(message["message"] for message in result["messages"]))
        self.assertEqual(Alternance.search_count([]), count)
        result = Alternance.load(header, [row + ["53"]])
        self.assertEqual(len(result["ids"]), 1, result["messages"])

    def test_csv_export(self):
        """The OPCO's CSV: UTF-8 with a BOM, ``;``, French headers, one row per contract with
        every field of the forms, French values."""
        first = self.create(apprentice_nationality_id=self.env.ref("base.fr").id)
        second = self.create(apprentice_id=self.employee_b.id, employer_id=self.siae_b.id,
                             employer_siret=self.siae_b.siret)
        content = (first | second).sudo(self.user_staff).with_context(lang="en_US")._opco_csv()
        self.assertTrue(content.startswith(codecs.BOM_UTF8))
        rows = list(csv.reader(io.StringIO(content[3:].decode("utf-8")), delimiter=";"))
        self.assertEqual(len(rows), 3)
        fields = sum(len(names) for _section, names in OPCO_SECTIONS)
        self.assertEqual([len(row) for row in rows], [fields] * 3)
        header = dict(zip(rows[0], rows[1]))
        self.assertEqual(header["Apprenti·e — Date de naissance"], "10/05/2003")
        self.assertEqual(header["Apprenti·e — Nationalité"], "France")
        self.assertEqual(header["Contrat — Rémunération année 1 (%)"], "53")
        self.assertEqual(header["Contrat — Type de contrat"], "Contrat d'apprentissage")
        self.assertEqual(header["Formation — Code RNCP"], "RNCP39794")
        self.assertIn("Apprenti·e — Numéro de sécurité sociale (NIR)", header)
        self.assertEqual(rows[2][1], "Bertrand Salarié")

    def test_fill_form_defaults(self):
        """The upgrade to 11.0.1.1.0 fills the new fields from what the contract named."""
        self.eti.rncp_code = "RNCP39794"
        alternance = self.env["pepites.alternance"].create({
            "apprentice_id": self.employee_a.id, "employer_id": self.siae_a.id,
            "certification_id": self.eti.id, "session_id": self.alternance_session.id,
            "training_centre_id": self.afpa.id, "date_start": "2023-01-09",
            "date_end": "2024-01-31",
            "tutor_ids": [(6, 0, (self.employee_a2 | self.manager_a).ids)]})
        alternance._fill_form_defaults()
        self.assertEqual(alternance.tutor1_id | alternance.tutor2_id,
                         self.employee_a2 | self.manager_a)
        self.assertEqual(alternance.rncp_code, "RNCP39794")
        self.assertEqual(alternance.employer_siret, self.siae_a.siret)
        self.assertEqual(alternance.diploma_title, self.eti.name)
        self.assertEqual(alternance.training_date_start, "2023-01-09")

    def test_demo_contracts_complete(self):
        """Every demo contract fills every field of its form and keeps every rule."""
        demo = self.env["pepites.alternance"].search(
            [("apprentice_id.function", "ilike", "alternance")])
        if not demo:
            self.skipTest("no demo data")
        optional = {"tutor2_id", "tutor2_birthdate", "tutor2_diploma", "tutor2_diploma_level",
                    "tutor2_field_diploma", "tutor2_experience_years", "pay_year2_rate",
                    "pay_year2_amount", "pay_year3_rate", "pay_year3_amount",
                    "pay_year4_rate", "pay_year4_amount", "apprentice_rqth",
                    "apprentice_age_exemption", "extended_public", "employer_sector",
                    "apprentice_last_diploma_obtained", "apprentice_finished_3e",
                    "tutor1_field_diploma", "session_id"}
        for alternance in demo:
            # a project is not concluded yet
            unset = optional | ({"conclusion_date"} if alternance.state in (
                "prospect", "abandoned") else set())
            for _section, names in OPCO_SECTIONS:
                for name in names:
                    if name not in unset:
                        self.assertTrue(alternance[name], "%s: %s" % (alternance.name, name))
            self.assertEqual(alternance_rules.violations(alternance._rules_contract()), [])


@at_install(False)
@post_install(True)
class TestAlternanceExportHttp(PrintAssertions, TrainingHttpCase):
    """The OPCO's exports over HTTP: the CSV for INAÉ staff, the PDF summary (staff's with the
    NIR, the SIAE's copy without), XML-RPC refusing the rules."""

    def setUp(self):
        super(TestAlternanceExportHttp, self).setUp()
        self.nir = "2030564102417%02d" % (97 - 2030564102417 % 97)
        self.alternance_a = self.env["pepites.alternance"].create(
            form_values(self, apprentice_nir=self.nir))
        self.alternance_b = self.env["pepites.alternance"].create(form_values(
            self, apprentice_id=self.employee_b.id, employer_id=self.siae_b.id,
            employer_siret=self.siae_b.siret, tutor1_id=self.manager_b.id))

    def test_csv_route(self):
        """Staff download the CSV of the selected contracts; a SIAE gets 403; an unknown id
        404."""
        ids = "%s,%s" % (self.alternance_a.id, self.alternance_b.id)
        self.authenticate("training_staff", "training_staff")
        response = self.url_open("/pepites/alternance/export.csv?ids=%s" % ids)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(codecs.BOM_UTF8))
        self.assertIn("Annie Apprentie", response.content.decode("utf-8"))
        self.assertIn("Bertrand Salarié", response.content.decode("utf-8"))
        response = self.url_open("/pepites/alternance/export.csv?ids=999999")
        self.assertEqual(response.status_code, 404)
        self.authenticate("training_siae_a", "training_siae_a")
        response = self.url_open("/pepites/alternance/export.csv?ids=%s" % self.alternance_a.id)
        self.assertEqual(response.status_code, 403)

    def test_pdf_summary(self):
        """The summary is one document under INAÉ's letterhead, in French even for a user in
        English, with every section and the NIR for staff."""
        report = self.env.ref("pepites_training.report_alternance_opco")
        pdf = report.sudo(self.user_staff).with_context(lang="en_US").render_qweb_pdf(
            self.alternance_a.ids)[0]
        self.assertPrinted(pdf, ["Annie Apprentie"])
        text = " ".join(pdf_text(pdf).split())
        for expected in ("Récapitulatif du contrat en alternance", "Apprenti·e", "Employeur",
                         "Tuteur·rice", "Contrat", "Formation", "RNCP39794", self.nir,
                         "10/05/2003"):
            self.assertIn(expected, text)

    def test_portal_copy_is_the_siae_own_without_nir(self):
        """A SIAE downloads the summary of its own contract, without the NIR; another SIAE's
        answers 404; /my/trainings links to it."""
        self.authenticate("training_siae_a", "training_siae_a")
        page = self.url_open("/my/trainings")
        url = "/my/trainings/alternance/%s/summary.pdf" % self.alternance_a.id
        self.assertIn(url, page.text)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertPrinted(response.content, ["Annie Apprentie"])
        text = " ".join(pdf_text(response.content).split())
        self.assertNotIn(self.nir, text)
        self.assertIn("RNCP39794", text)
        response = self.url_open(
            "/my/trainings/alternance/%s/summary.pdf" % self.alternance_b.id)
        self.assertEqual(response.status_code, 404)

    def test_xmlrpc_refuses_the_rules(self):
        """Over XML-RPC a create breaking the pay floor, or a write breaking the trial
        period, is refused in French; nothing changes."""
        context = {"context": {"lang": "fr_FR"}}
        values = form_values(self, apprentice_id=self.employee_a2.id, pay_year1_rate=30)
        with mute_logger("odoo.http"), self.assertRaises(xmlrpc.client.Fault) as caught:
            self.xmlrpc(self.user_staff, "pepites.alternance", "create", values, **context)
        self.assertIn("D6222-26", caught.exception.faultString)
        with mute_logger("odoo.http"), self.assertRaises(xmlrpc.client.Fault) as caught:
            self.xmlrpc(self.user_staff, "pepites.alternance", "write",
                        [self.alternance_a.id], {"trial_days": 90}, **context)
        self.assertIn("L6222-18", caught.exception.faultString)
        self.alternance_a.invalidate_cache()
        self.assertEqual(self.alternance_a.trial_days, 45)
