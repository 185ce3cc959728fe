"""Importing SIAE from data·inclusion ``structures`` files (issue 18): the wizard, the XML-RPC
method, the bad inputs of the issue, the bulk create path and the round trip with the export."""
import base64
import collections
import datetime
import json
from xmlrpc.client import Fault

from odoo.exceptions import AccessError, UserError
from odoo.tests.common import at_install, post_install

from ..data_inclusion import export, schema
from ..models import res_partner_bulk_create
from ..models.res_partner_data_inclusion import IMPORT_CONTEXT_KEY
from .common import PepitesCase, PepitesHttpCastCase, make_siret

#: the columns of a data·inclusion structure (schema v1.0.8) the tests' CSV files write
CSV_COLUMNS = [name for name in schema.STRUCTURE_FIELDS
               if name not in ("longitude", "latitude", "horaires_accueil", "accessibilite_lieu")]

#: the context of the import's own writes (res.partner._pepites_import_create)
IMPORT_CONTEXT = {IMPORT_CONTEXT_KEY: True, "tracking_disable": True, "mail_create_nolog": True,
                  "mail_create_nosubscribe": True}


def structure(siret, **values):
    """A good data·inclusion structure row in Gironde, dated 1 January 2026."""
    row = {"source": "pepites", "id": "siae-%s" % siret, "nom": "Structure %s" % siret[-5:],
           "siret": siret, "code_postal": "33000", "code_insee": "33063", "commune": "Bordeaux",
           "adresse": "1 rue du Test", "reseaux_porteurs": ["inae", "aci"],
           "date_maj": "2026-01-01"}
    row.update(values)
    return row


def as_json(rows):
    return json.dumps(rows).encode("utf-8")


def as_csv(rows, delimiter=";"):
    lines = [delimiter.join(CSV_COLUMNS)]
    for row in rows:
        cells = []
        for column in CSV_COLUMNS:
            value = row.get(column) or ""
            cells.append("|".join(value) if isinstance(value, list) else str(value))
        lines.append(delimiter.join(cells))
    return ("\n".join(lines) + "\n").encode("utf-8")


class TestSiaeImport(PepitesCase):
    """The import as INAÉ staff run it from the wizard or XML-RPC."""

    def run_import(self, content, user=None):
        return self.env["res.partner"].sudo(user or self.user_staff) \
            .pepites_import_structures(content)

    def find(self, siret):
        return self.env["res.partner"].search([("siret", "=", siret)])

    def test_json_creates_then_second_import_changes_nothing(self):
        """Rows create SIAE with their kind and département; the same file again is unchanged."""
        sirets = [make_siret(), make_siret()]
        content = as_json([structure(sirets[0]), structure(
            sirets[1], code_insee=None, code_postal="64000", reseaux_porteurs=["ei"],
            telephone="05 56 00 00 00", site_web="www.example.org")])
        report = self.run_import(content)
        self.assertEqual([line["status"] for line in report["lines"]], ["created", "created"])
        first, second = self.find(sirets[0]), self.find(sirets[1])
        self.assertEqual((first.siae_kind, first.department_id.code, first.city, first.is_siae),
                         ("aci", "33", "Bordeaux", True))
        self.assertEqual((second.siae_kind, second.department_id.code, second.phone),
                         ("ei", "64", "05 56 00 00 00"))
        again = self.run_import(content)
        self.assertEqual((again["created"], again["updated"], again["unchanged"]), (0, 0, 2))
        self.assertEqual(len(self.find(sirets[0])), 1)

    def test_csv_with_semicolons_or_commas(self):
        """A CSV separated by ``;`` or by ``,`` reads the same (networks split on ``|``)."""
        for delimiter in (";", ","):
            siret = make_siret()
            report = self.run_import(as_csv([structure(siret, nom="Régie Été")], delimiter))
            self.assertEqual(report["created"], 1, report)
            self.assertEqual((self.find(siret).name, self.find(siret).siae_kind),
                             ("Régie Été", "aci"))

    def test_wrong_encoding_is_one_clear_error(self):
        """A Latin-1 file is refused as a whole, in French; nothing is written."""
        siret = make_siret()
        content = as_csv([structure(siret, nom="Régie")]).decode("utf-8").encode("latin-1")
        with self.assertRaisesRegex(UserError, "n'est pas encodé en UTF-8"):
            self.run_import(content)
        self.assertFalse(self.find(siret))

    def test_missing_columns(self):
        """A CSV without a required column is refused as a whole; a JSON row without a
        required value is refused on its own line."""
        with self.assertRaisesRegex(UserError, "Colonnes obligatoires absentes du fichier : "
                                               "date_maj, siret."):
            self.run_import(b"id;nom;code_postal\n1;Abc;33000\n")
        siret = make_siret()
        row = structure(siret)
        del row["date_maj"]
        report = self.run_import(as_json([row, structure(make_siret(), nom="")]))
        self.assertEqual([line["reason"] for line in report["lines"]],
                         ["Valeurs obligatoires absentes : date_maj.",
                          "Valeurs obligatoires absentes : nom."])
        self.assertFalse(self.find(siret))

    def test_bad_rows_refused_good_rows_imported(self):
        """Invalid SIRET, unknown département, duplicate, missing kind: each row refused with
        its French reason, the good rows imported once."""
        good, dup, nokind = make_siret(), make_siret(), make_siret()
        report = self.run_import(as_json([
            structure(good),
            structure("12345678901234"),
            structure(make_siret(), code_insee="75056", code_postal="75001"),
            structure(dup), structure(dup, nom="Doublon"),
            structure(nokind, reseaux_porteurs=["inae"]),
            structure(make_siret(), date_maj="01/01/2026"),
        ]))
        self.assertEqual([(line["line"], line["status"], line["reason"])
                          for line in report["lines"]], [
            (1, "created", ""),
            (2, "refused", "Le SIRET « 12345678901234 » est invalide : 14 chiffres avec des "
                           "clés de contrôle exactes sont attendus."),
            (3, "refused", "Département inconnu pour le code « 75056 » : la structure doit "
                           "être dans un département de PEPITES (Nouvelle-Aquitaine)."),
            (4, "created", ""),
            (5, "refused", "Ce SIRET est déjà à la ligne 4 du fichier : seule cette ligne est "
                           "importée."),
            (6, "refused", "Le type de SIAE manque : reseaux_porteurs doit contenir aci, ai, "
                           "ei, etti ou eiti."),
            (7, "refused", "La date_maj « 01/01/2026 » n'est pas une date (AAAA-MM-JJ)."),
        ])
        self.assertEqual(self.find(dup).name, "Structure %s" % dup[-5:])
        self.assertFalse(self.find(nokind))

    def test_refused_row_leaves_nothing_half_written(self):
        """A row the SIAE's own rules refuse (a javascript: website) writes nothing, whether
        it would create a SIAE or update one."""
        new = make_siret()
        self.siae_b.write({"pepites_edit_dates": False})
        report = self.run_import(as_json([
            structure(new, site_web="javascript:alert(1)"),
            structure(self.siae_b.siret, nom="Nouveau nom B", site_web="javascript:alert(1)",
                      date_maj="2099-01-01"),
        ]))
        self.assertEqual([line["status"] for line in report["lines"]], ["refused", "refused"])
        self.assertIn("doit être une adresse http:// ou https://", report["lines"][0]["reason"])
        self.assertFalse(self.find(new))
        self.siae_b.invalidate_cache()
        self.assertEqual(self.siae_b.name, "SIAE Test B")

    def test_never_overwrites_a_field_inae_edited_later(self):
        """A field INAÉ edited after the file's date_maj is kept and named in the report; the
        others are updated; a newer file updates it."""
        self.siae_a.sudo(self.user_staff).write({"phone": "05 00 00 00 01"})
        yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
        tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
        row = structure(self.siae_a.siret, nom=self.siae_a.name, telephone="05 99 99 99 99",
                        commune="Libourne", code_postal="33500", code_insee="33243",
                        date_maj=yesterday)
        report = self.run_import(as_json([row]))
        line = report["lines"][0]
        self.assertEqual((line["status"], line["reason"]), (
            "updated", "Valeurs modifiées par l'INAÉ après la date_maj du fichier gardées : "
                       "Téléphone."))
        self.siae_a.invalidate_cache()
        self.assertEqual((self.siae_a.phone, self.siae_a.city), ("05 00 00 00 01", "Libourne"))
        self.siae_a.sudo(self.user_staff).write({"phone": "05 00 00 00 02"})
        row["date_maj"] = tomorrow
        self.assertEqual(self.run_import(as_json([row]))["lines"][0]["status"], "updated")
        self.siae_a.invalidate_cache()
        self.assertEqual(self.siae_a.phone, "05 99 99 99 99")

    def test_edits_are_dated_imports_are_not(self):
        """A person's write dates the fields it sets; the import's own write dates nothing."""
        self.siae_b.write({"pepites_edit_dates": False})
        self.siae_b.sudo(self.user_siae_b).write({"phone": "05 11 11 11 11"})
        self.assertEqual(set(json.loads(self.siae_b.pepites_edit_dates)), {"phone"})
        self.run_import(as_json([structure(self.siae_b.siret, nom=self.siae_b.name,
                                           commune="Périgueux", date_maj="2099-01-01")]))
        self.siae_b.invalidate_cache()
        self.assertEqual(self.siae_b.city, "Périgueux")
        self.assertEqual(set(json.loads(self.siae_b.pepites_edit_dates)), {"phone"})

    def test_ten_thousand_rows(self):
        """10,000 rows: 100 SIAE each listed a hundred times; each created once, the repeats
        refused as duplicates (naming the first line), the same file again unchanged."""
        sirets = [make_siret(500000 + number) for number in range(100)]
        rows = [structure(sirets[number % 100]) for number in range(10000)]
        content = as_csv(rows)
        report = self.run_import(content)
        self.assertEqual((len(report["lines"]), report["created"], report["refused"]),
                         (10000, 100, 9900))
        self.assertEqual(report["lines"][9999]["reason"],
                         "Ce SIRET est déjà à la ligne 101 du fichier : seule cette ligne est "
                         "importée.")
        self.assertEqual(self.env["res.partner"].search_count([("siret", "in", sirets)]), 100)
        again = self.run_import(content)
        self.assertEqual((again["created"], again["unchanged"], again["refused"]),
                         (0, 100, 9900))

    def test_outsiders_may_not_import(self):
        """SIAE, partner-API and portal users are refused; nothing is written."""
        siret = make_siret()
        for user in (self.user_siae_a, self.user_partner_api, self.user_portal):
            with self.assertRaises(AccessError):
                self.run_import(as_json([structure(siret)]), user=user)
        self.assertFalse(self.find(siret))

    def test_wizard_reports_each_row(self):
        """The back-office wizard shows the counts and one line per row."""
        siret = make_siret()
        wizard = self.env["pepites.siae.import.wizard"].sudo(self.user_staff).create({
            "data_file": base64.b64encode(as_json([structure(siret), structure("1")])),
            "data_filename": "structures.json"})
        wizard.action_import()
        self.assertEqual((wizard.state, wizard.created_count, wizard.refused_count),
                         ("done", 1, 1))
        self.assertEqual(wizard.line_ids.mapped("status"), ["created", "refused"])
        self.assertEqual(wizard.line_ids[0].partner_id, self.find(siret))

    def test_round_trip_with_the_export(self):
        """The export's own structures (JSON, then CSV) imported into fresh records give the
        same SIAE: name, SIRET, kind, département, address with INSEE code, public contact
        details, presentation."""
        self.siae_a.write({"street": "3 quai Test", "street2": "Bâtiment B", "zip": "33000",
                           "city": "Bordeaux", "insee_code": "33063",
                           "phone": "05 56 11 22 33", "website": "https://siae-a.example.org",
                           "siae_presentation": "Chantier de maraîchage biologique."})
        self.siae_b.write({"zip": "24000", "city": "Périgueux", "insee_code": "24322"})
        originals = self.siae_a | self.siae_b
        # only the contacts a SIAE made public leave in the export, and come back public
        # (siae_b has none)
        self.siae_a.write({"siae_public_phone": True, "siae_public_email": True,
                         "siae_public_website": True})
        fields = ["name", "siret", "siae_kind", "department_id", "street", "street2", "zip",
                  "city", "insee_code", "phone", "email", "website", "siae_presentation",
                  "siae_public_phone", "siae_public_email", "siae_public_website",
                  "is_siae", "is_company", "active"]
        expected = originals.read(fields)
        for values in expected:
            del values["id"]
        sirets = originals.mapped("siret")
        for fmt in ("json", "csv"):
            # the SIAE as the export writes them (the originals, then the copies of the JSON
            # round), archived before their import into fresh records
            current = self.env["res.partner"].search([("siret", "in", sirets)])
            self.assertEqual(len(current), 2)
            ids = {export.structure_id({"id": partner.id}) for partner in current}
            _content_type, body = export.export(self.env.cr, "structures", {"format": fmt})
            if fmt == "json":
                content = json.dumps([row for row in json.loads(body) if row["id"] in ids])
            else:
                lines = body.splitlines(True)
                content = lines[0] + "".join(line for line in lines[1:]
                                             if line.split(",", 2)[1] in ids)
            current.write({"active": False})
            report = self.run_import(content.encode("utf-8"))
            self.assertEqual((report["created"], report["refused"]), (2, 0), report)
            fresh = self.env["res.partner"].browse(
                [line["partner_id"] for line in report["lines"]])
            self.assertFalse(fresh & originals)
            got = fresh.read(fields)
            for values in got:
                del values["id"]
            self.assertEqual(got, expected, fmt)


class TestSiaeBulkCreate(PepitesCase):
    """The import's bulk create path (res.partner._pepites_create_bulk) gives the SIAE and the
    audit-trail entry that res.partner.create gives."""

    def siae_vals(self, siret):
        return {"name": "Régie Équivalence", "siret": siret, "street": "1 rue A",
                "street2": "Bât. C", "zip": "33000", "city": "Bordeaux", "insee_code": "33063",
                "phone": "05 56 00 00 00", "email": "regie@example.org",
                "website": "https://regie.example.org", "siae_presentation": "Réemploi.",
                "siae_kind": "aci", "department_id": self.dep_33.id, "is_siae": True,
                "is_company": True, "country_id": self.env.ref("base.fr").id}

    def trail(self, partner):
        """The create entry of ``partner``: its user, type, name and ``{field: new value}``."""
        self.env.cr.execute(
            """SELECT l.id, l.user_id, l.log_type, l.name FROM auditlog_log l
               JOIN ir_model m ON m.id = l.model_id
               WHERE m.model = 'res.partner' AND l.res_id = %s AND l.method = 'create'""",
            (partner.id,))
        logs = self.env.cr.fetchall()
        self.assertEqual(len(logs), 1, partner.name)
        self.env.cr.execute(
            """SELECT f.name, ll.old_value, ll.new_value_text FROM auditlog_log_line ll
               JOIN ir_model_fields f ON f.id = ll.field_id WHERE ll.log_id = %s""",
            (logs[0][0],))
        return logs[0][1:], {name: (old, new) for name, old, new in self.env.cr.fetchall()}

    def test_bulk_create_equals_create(self):
        """Every stored field that matters is equal (defaults, computed fields, who created
        it), and so is the audit-trail entry, field by field."""
        partners = self.env["res.partner"].sudo(self.user_staff).with_context(**IMPORT_CONTEXT)
        sirets = [make_siret() for _index in range(3)]
        vals_list = [self.siae_vals(siret) for siret in sirets]
        # every create override installed is one the bulk path reproduces
        self.assertIsNone(partners._pepites_bulk_create_refusal(vals_list))
        bulk = partners._pepites_create_bulk(vals_list[:2])
        single = partners.create(vals_list[2])
        names = [name for name, field in single._fields.items()
                 if field.store and field.column_type and name not in (
                     "id", "siret", "commercial_partner_id")]
        # the stored computed fields (filled by one UPDATE on the bulk path) among them
        self.assertLessEqual(set(res_partner_bulk_create.BULK_COMPUTED) - {
            "commercial_partner_id"}, set(names))
        expected = single.sudo().read(names)[0]
        self.assertEqual((expected["commercial_partner_country_id"][0],
                          expected["commercial_company_name"], expected["partner_share"],
                          expected["activity_date_deadline"]),
                         (self.env.ref("base.fr").id, "Régie Équivalence", True, False))
        for partner in bulk:
            self.assertEqual(partner.sudo().read(names)[0], dict(expected, id=partner.id))
            self.assertEqual(partner.commercial_partner_id, partner)
        self.assertEqual(bulk.mapped("siret"), sirets[:2])
        self.assertEqual((expected["create_uid"][0], expected["write_uid"][0],
                          expected["display_name"], expected["lang"], expected["active"],
                          expected["company_id"][0]),
                         (self.user_staff.id, self.user_staff.id, "Régie Équivalence",
                          "fr_FR", True, self.env.user.company_id.id))
        header, lines = self.trail(single)
        self.assertEqual(header, (self.user_staff.id, "full", "Régie Équivalence"))
        for field in ("name", "siret", "department_id", "siae_kind", "commercial_partner_id"):
            self.assertIn(field, lines)
        for partner in bulk:
            bulk_header, bulk_lines = self.trail(partner)
            self.assertEqual(bulk_header, header)
            self.assertEqual(bulk_lines.pop("siret"), (None, partner.siret))
            self.assertEqual(bulk_lines.pop("commercial_partner_id"),
                             (None, str((partner.id, "Régie Équivalence"))))
            self.assertEqual(bulk_lines, {name: value for name, value in lines.items()
                                          if name not in ("siret", "commercial_partner_id")})

    def test_bulk_computes_every_stored_computed_field(self):
        """Every stored computed field of res.partner is one the bulk path fills (its SQL
        reproduces Odoo's method, which no addon overrides): a new one — a module adding a
        stored computed field to partners — fails here until BULK_COMPUTED handles it, and
        meanwhile the import creates row by row (the refusal below)."""
        partners = self.env["res.partner"]
        computed = {name for name, field in partners._fields.items()
                    if field.store and field.compute}
        self.assertEqual(computed, set(res_partner_bulk_create.BULK_COMPUTED))
        # ir.model.fields (what the database says of the model): its stored related fields
        # (the only computed ones it names, for fields of code) are among them
        self.env.cr.execute("SELECT name FROM ir_model_fields WHERE model = 'res.partner' "
                            "AND store AND (related IS NOT NULL OR compute IS NOT NULL)")
        self.assertLessEqual({name for name, in self.env.cr.fetchall()}, computed)
        self.assertIsNone(partners._pepites_bulk_computed_refusal())
        known = res_partner_bulk_create.BULK_COMPUTED
        try:
            res_partner_bulk_create.BULK_COMPUTED = collections.OrderedDict(
                (name, value) for name, value in known.items() if name != "partner_share")
            self.assertEqual(partners._pepites_bulk_computed_refusal(),
                             "stored computed field partner_share")
        finally:
            res_partner_bulk_create.BULK_COMPUTED = known
        self.assertIsNone(partners._pepites_bulk_computed_refusal())

    def test_bulk_display_name(self):
        """The display name the bulk path's UPDATE writes is ``name_get()``'s: blank lines
        squeezed as Odoo squeezes them, and the audit entry named with it."""
        partners = self.env["res.partner"].sudo(self.user_staff).with_context(**IMPORT_CONTEXT)
        name = "Régie\n\n\n\nÉquivalence\n\nBis"
        bulk = partners._pepites_create_bulk([dict(self.siae_vals(make_siret()), name=name)
                                              for _index in range(2)])
        single = partners.create(dict(self.siae_vals(make_siret()), name=name))
        self.assertEqual(single.display_name, dict(single.name_get())[single.id])
        for partner in bulk:
            self.assertEqual(partner.display_name, single.display_name)
            self.assertEqual(partner.commercial_company_name, name)
            self.assertEqual(self.trail(partner)[0], self.trail(single)[0])

    def test_refused_values_and_fallback(self):
        """Values the bulk path does not reproduce are refused before anything is written;
        a batch a constraint refuses is imported row by row: the good rows are created once
        (one audit entry each), the bad one refused with its reason."""
        partners = self.env["res.partner"].sudo(self.user_staff).with_context(**IMPORT_CONTEXT)
        person = dict(self.siae_vals(make_siret()), parent_id=self.siae_a.id)
        self.assertEqual(partners._pepites_bulk_create_refusal([person]), "field parent_id")
        self.assertEqual(self.env["res.partner"].sudo(self.user_staff)
                         ._pepites_bulk_create_refusal([self.siae_vals(make_siret())]),
                         "chatter tracking on")
        good, bad, other = make_siret(), make_siret(), make_siret()
        report = self.env["res.partner"].sudo(self.user_staff).pepites_import_structures(
            as_json([structure(good), structure(bad, site_web="javascript:alert(1)"),
                     structure(other)]))
        self.assertEqual([line["status"] for line in report["lines"]],
                         ["created", "refused", "created"])
        self.assertIn("http:// ou https://", report["lines"][1]["reason"])
        created = self.env["res.partner"].search([("siret", "in", [good, bad, other])])
        self.assertEqual(set(created.mapped("siret")), {good, other})
        for partner in created:
            self.assertEqual(self.trail(partner)[0][0], self.user_staff.id)


@at_install(False)
@post_install(True)
class TestSiaeImportXmlRpc(PepitesHttpCastCase):
    """The import over XML-RPC: INAÉ staff only (the file in base64)."""

    def test_staff_import_and_outsiders_refused(self):
        siret = make_siret()
        content = base64.b64encode(as_json([structure(siret)])).decode("ascii")
        for user in (self.user_siae_a, self.user_partner_api):
            with self.assertRaises(Fault):
                self.xmlrpc(user, "res.partner", "pepites_import_structures", content)
        self.assertFalse(self.env["res.partner"].search([("siret", "=", siret)]))
        report = self.xmlrpc(self.user_staff, "res.partner", "pepites_import_structures",
                             content)
        self.assertEqual((report["created"], report["lines"][0]["status"]), (1, "created"))
        self.assertTrue(self.env["res.partner"].search([("siret", "=", siret)]).is_siae)
