"""The Campus de l'Insertion's structure is data: a production database (no demo) starts with the
plan's paths and modules (issue 17)."""
import ast
import importlib.util
import os

from lxml import etree

from odoo.modules.module import get_module_path
from odoo.tests.common import SavepointCase

CAMPUS_DATA = "data/pepites_campus_data.xml"


def _manifest():
    with open(os.path.join(get_module_path("pepites_training"), "__manifest__.py")) as source:
        return ast.literal_eval(source.read())


def _records(path):
    """``{xmlid: record element}`` of one of the addon's XML files."""
    tree = etree.parse(os.path.join(get_module_path("pepites_training"), path))
    return {record.get("id"): record for record in tree.iter("record")}


class TestCampusData(SavepointCase):

    def test_the_plans_structure_is_data(self):
        """Fiche action 4 as data: the new-ETI path 3 × 4 days, train-the-trainers 12 + 13 days
        for 10 ETI, the experimental path for 20 people, modules for market gardening and the
        care trades; none of it in a demo file, and nothing in it points at demo records."""
        manifest = _manifest()
        self.assertIn(CAMPUS_DATA, manifest["data"])
        records = _records(CAMPUS_DATA)
        demo_ids = set()
        for demo_file in manifest["demo"]:
            demo_ids |= {xmlid for xmlid, record in _records(demo_file).items()
                         if record.get("model") not in ("pepites.training.module",
                                                         "pepites.learning.path")}
        for xmlid, record in records.items():
            refs = {field.get("ref") for field in record.iter("field") if field.get("ref")}
            refs |= {part.split("'")[1] for field in record.iter("field")
                     for part in (field.get("eval") or "").split("ref(")[1:]}
            self.assertFalse({ref for ref in refs if ref in demo_ids or ref.endswith("_demo")},
                             "%s points at demo records" % xmlid)
        ref = self.env.ref
        new_eti = ref("pepites_training.campus_path_new_eti")
        self.assertEqual((new_eti.module_count, new_eti.total_days), (3, 12))
        trainers = ref("pepites_training.campus_path_trainers")
        self.assertEqual(sorted(trainers.module_ids.mapped("duration_days")), [12, 13])
        self.assertEqual(trainers.target_count, 10)
        experimental = ref("pepites_training.campus_path_team_leader")
        self.assertEqual(experimental.target_count, 20)
        self.assertTrue({"maraichage", "autonomie"} <= set(
            experimental.module_ids.mapped("specialty")))
        data = self.env["ir.model.data"].search([
            ("module", "=", "pepites_training"), ("name", "in", list(records))])
        self.assertEqual(len(data), len(records))
        self.assertTrue(all(data.mapped("noupdate")), "INAÉ's edits must survive an upgrade")

    def test_trained_count(self):
        """A path counts the distinct people marked trained in its sessions."""
        path = self.env.ref("pepites_training.campus_path_team_leader")
        before = path.trained_count
        siae = self.env["res.partner"].create({"name": "SIAE Campus", "is_company": True})
        Partner = self.env["res.partner"]
        people = Partner.browse([Partner.create({"name": "Apprenant %s" % index,
                                                 "parent_id": siae.id}).id for index in range(3)])
        sessions = self.env["pepites.training.session"].browse([
            self.env["pepites.training.session"].create({
                "name": "Session %s" % index, "path_id": path.id,
                "module_id": path.module_ids[0].id,
                "date_start": "2027-03-0%d" % (index + 1), "date_end": "2027-03-0%d" % (index + 1),
            }).id for index in range(2)])
        Registration = self.env["pepites.training.registration"]
        for session in sessions:
            for person in people:
                Registration.create({"session_id": session.id, "partner_id": person.id,
                                     "employer_id": siae.id, "participant_kind": "parcours",
                                     "state": "attended" if person != people[2] else "absent"})
        path.invalidate_cache()
        self.assertEqual(path.trained_count, before + 2)


class TestCampusMigration(SavepointCase):
    """The upgrade to 11.0.1.1.0 renames a demo database's Campus ids to the data ids."""

    def test_demo_ids_renamed(self):
        module_path = get_module_path("pepites_training")
        spec = importlib.util.spec_from_file_location(
            "pepites_training_pre_11_0_1_1_0",
            os.path.join(module_path, "migrations", "11.0.1.1.0", "pre-migration.py"))
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        path = self.env.ref("pepites_training.campus_path_new_eti")
        self.env.cr.execute(
            "UPDATE ir_model_data SET name = 'path_new_eti_demo', noupdate = FALSE "
            "WHERE module = 'pepites_training' AND name = 'campus_path_new_eti'")
        self.env["ir.model.data"].clear_caches()
        migration.migrate(self.env.cr, "11.0.1.0.0")
        self.env["ir.model.data"].clear_caches()
        self.assertEqual(self.env.ref("pepites_training.campus_path_new_eti"), path)
        self.assertFalse(self.env.ref("pepites_training.path_new_eti_demo",
                                      raise_if_not_found=False))
