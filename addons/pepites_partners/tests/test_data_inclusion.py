"""The data·inclusion v1 export (issue 18): every row valid against the rules the project encodes
from the schema, CSV, ``updated_since``, 400 on malformed parameters, no personal data."""
import csv
import io

from odoo.exceptions import ValidationError
from odoo.tests.common import at_install, post_install

from ..data_inclusion import schema
from .common import PepitesCase, PepitesHttpCastCase

STRUCTURES = "/data-inclusion/v1/structures"
SERVICES = "/data-inclusion/v1/services"


class TestInseeCode(PepitesCase):

    def test_insee_code_format(self):
        """INAÉ enters the commune's INSEE code: five characters (2A/2B for Corsica), else a
        French error and nothing written."""
        self.siae_a.insee_code = "33063"
        self.siae_b.insee_code = "2A004"
        for bad in ("3306", "330633", "ABCDE", "33 06"):
            with self.assertRaises(ValidationError, msg=bad):
                with self.env.cr.savepoint():
                    self.siae_a.insee_code = bad
        self.assertEqual(self.siae_a.insee_code, "33063")


@at_install(False)
@post_install(True)
class TestDataInclusionExport(PepitesHttpCastCase):

    def setUp(self):
        super(TestDataInclusionExport, self).setUp()
        self.siae_a.write({"insee_code": "33063", "zip": "33000", "city": "Bordeaux",
                           "street": "1 rue des Jardins", "phone": "05 56 11 22 33",
                           "website": "https://siae-a.example.org",
                           "siae_presentation": "Maraîchage biologique et réemploi.",
                           "siae_public_phone": True, "siae_public_email": True,
                           "siae_public_website": True})
        self.archived = self.env["res.partner"].create({
            "name": "SIAE Archivée", "is_company": True, "is_siae": True, "siae_kind": "ai",
            "department_id": self.dep_33.id,
            "active": False})
        # everything above happened an hour ago, so that "since" splits before/after cleanly
        self.env.cr.execute("UPDATE res_partner SET write_date = write_date - interval '1 day' "
                            "WHERE is_siae")
        self.env["res.partner"].invalidate_cache()

    def get(self, url, status=200):
        response = self.url_open(url)
        self.assertEqual(response.status_code, status, response.text[:300])
        return response

    def by_id(self, rows):
        return {row["id"]: row for row in rows}

    def test_structures_valid_row_by_row(self):
        """Every active SIAE is a structure, each row valid against the encoded schema; the
        archived SIAE and the other organisations are not exported."""
        response = self.get(STRUCTURES)
        self.assertTrue(response.headers["Content-Type"].startswith("application/json"))
        rows = response.json()
        self.assertTrue(rows)
        for row in rows:
            self.assertEqual(schema.validate_structure(row), [], row)
            self.assertEqual(list(row), list(schema.STRUCTURE_FIELDS))
        rows = self.by_id(rows)
        row_a = rows["pepites--siae-%d" % self.siae_a.id]
        self.assertEqual(
            (row_a["source"], row_a["nom"], row_a["siret"], row_a["code_insee"],
             row_a["code_postal"], row_a["commune"], row_a["telephone"], row_a["courriel"],
             row_a["site_web"], row_a["reseaux_porteurs"], row_a["description"]),
            ("pepites", "SIAE Test A", self.siae_a.siret, "33063", "33000", "Bordeaux",
             "+33556112233", "contact@siae-a.example.org", "https://siae-a.example.org",
             ["inae", "aci"], "Maraîchage biologique et réemploi."))
        self.assertEqual(rows["pepites--siae-%d" % self.siae_b.id]["reseaux_porteurs"],
                         ["inae", "ei"])
        self.assertNotIn("pepites--siae-%d" % self.archived.id, rows)
        self.assertNotIn("pepites--siae-%d" % self.prescriber.id, rows)

    def test_contacts_only_when_public(self):
        """The phone, e-mail and website of a SIAE leave only when the SIAE chose to make
        them public (opt-in), each on its own: in the structure and in its service."""
        self.siae_b.write({"phone": "05 53 00 00 00", "email": "contact@siae-b.example.org",
                           "website": "https://siae-b.example.org"})
        key = "pepites--siae-%d" % self.siae_b.id
        structure = self.by_id(self.get(STRUCTURES).json())[key]
        service = self.by_id(self.get(SERVICES).json())[key + "--emploi-insertion"]
        self.assertEqual((structure["telephone"], structure["courriel"], structure["site_web"],
                          service["telephone"], service["courriel"]),
                         (None, None, None, None, None))
        self.assertNotIn("telephoner", service["modes_mobilisation"] or [])
        for text in (self.get(STRUCTURES + "?format=csv").text, self.get(SERVICES).text):
            for hidden in ("05 53 00 00 00", "+33553000000", "contact@siae-b.example.org",
                           "siae-b.example.org"):
                self.assertNotIn(hidden, text)
        self.siae_b.write({"siae_public_phone": True})
        structure = self.by_id(self.get(STRUCTURES).json())[key]
        service = self.by_id(self.get(SERVICES).json())[key + "--emploi-insertion"]
        self.assertEqual((structure["telephone"], structure["courriel"], structure["site_web"]),
                         ("+33553000000", None, None))
        self.assertIn("telephoner", service["modes_mobilisation"])

    def test_lien_source_is_the_siae_page(self):
        """``lien_source`` of every structure and service is the absolute URL of the SIAE's
        public page on PEPITES' public address, and that page answers."""
        base = self.env["ir.config_parameter"]._pepites_public_url()
        for url in (STRUCTURES, SERVICES):
            for row in self.get(url).json():
                self.assertRegex(row["lien_source"], r"^https?://\S+/siae/[a-z0-9-]*\d+$")
                self.assertTrue(row["lien_source"].startswith(base + "/siae/"), row)
        row = self.by_id(self.get(STRUCTURES).json())["pepites--siae-%d" % self.siae_a.id]
        self.assertEqual(row["lien_source"], "%s/siae/siae-test-a-%d" % (base, self.siae_a.id))
        page = self.get(row["lien_source"][len(base):])
        self.assertIn("SIAE Test A", page.text)

    def test_services_valid_row_by_row(self):
        """Each SIAE offers its service: valid, its département as the eligibility zone, the
        job board as the mobilisation link when pepites_jobs is installed."""
        rows = self.get(SERVICES).json()
        self.assertTrue(rows)
        for row in rows:
            self.assertEqual(schema.validate_service(row), [], row)
        rows = self.by_id(rows)
        service = rows["pepites--siae-%d--emploi-insertion" % self.siae_b.id]
        self.assertEqual(service["structure_id"], "pepites--siae-%d" % self.siae_b.id)
        self.assertEqual(service["zone_eligibilite"], ["24"])
        self.assertEqual(service["nom"], "Emploi en entreprise d'insertion")
        self.assertIn("demandeurs-emploi", service["publics"])
        if "hr.job" in self.env and hasattr(self.env["hr.job"], "board_search"):
            self.assertTrue(service["lien_mobilisation"].endswith(
                "/jobs?department=24&siae_kind=ei"))

    def test_csv(self):
        """``?format=csv``: the schema's columns, one line per row, lists joined by commas."""
        for url, fields in ((STRUCTURES, schema.STRUCTURE_FIELDS),
                            (SERVICES, schema.SERVICE_FIELDS)):
            response = self.get(url + "?format=csv")
            self.assertTrue(response.headers["Content-Type"].startswith("text/csv"))
            reader = csv.DictReader(io.StringIO(response.content.decode("utf-8")))
            self.assertEqual(reader.fieldnames, list(fields))
            lines = list(reader)
            self.assertEqual(len(lines), len(self.get(url).json()))
        line = {row["id"]: row for row in csv.DictReader(io.StringIO(
            self.get(STRUCTURES + "?format=csv").content.decode("utf-8")))}[
                "pepites--siae-%d" % self.siae_a.id]
        self.assertEqual((line["reseaux_porteurs"], line["code_insee"], line["latitude"]),
                         ("inae,aci", "33063", ""))

    def test_updated_since(self):
        """``updated_since`` (inclusive, UTC) keeps the SIAE written since."""
        self.siae_b.write({"phone": "05 53 00 00 00"})
        since = "%s" % self.siae_b.write_date
        for url in (STRUCTURES, SERVICES):
            rows = self.get(url + "?updated_since=" + since.replace(" ", "T") + "Z").json()
            self.assertEqual([row.get("structure_id", row["id"]) for row in rows],
                             ["pepites--siae-%d" % self.siae_b.id])

    def test_malformed_parameters(self):
        """A malformed parameter answers 400 with a JSON error in French."""
        for query in ("?format=xml", "?updated_since=hier", "?updated_since=2026-02-30",
                      "?updated_since=9999-12-31T23:59:59-14:00"):
            for url in (STRUCTURES, SERVICES):
                response = self.get(url + query, status=400)
                self.assertTrue(response.headers["Content-Type"].startswith("application/json"))
                body = response.json()
                self.assertEqual(body["error"], "bad_request")
                self.assertIn("Le paramètre", body["message"])

    def test_no_personal_data(self):
        """No person of a SIAE, no staff account, no e-mail but the organisations' own."""
        self.user_staff.partner_id.email = "agent@inae.example.org"
        for url in (STRUCTURES, SERVICES, STRUCTURES + "?format=csv", SERVICES + "?format=csv"):
            text = self.get(url).text
            for personal in ("Alice Encadrante", "alice@siae-a.example.org",
                             "Bruno Accompagnateur", "bruno@siae-b.example.org",
                             "agent@inae.example.org", "test_staff", "Flux Test"):
                self.assertNotIn(personal, text, url)
