"""The audit trail (OCA auditlog, configured by PEPITES): what it records of contacts, who
reads it, that nobody edits it, and how long it is kept."""
import base64
import datetime
import io

from PIL import Image

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tools import mute_logger

from .common import PepitesCase, create_user



def png():
    """A small PNG, a contact's photo, base64-encoded."""
    output = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(output, "PNG")
    return base64.b64encode(output.getvalue())


class TestAuditTrail(PepitesCase):

    def setUp(self):
        super(TestAuditTrail, self).setUp()
        self.env.cr.execute("SELECT coalesce(max(id), 0) FROM auditlog_log")
        self.last_log = self.env.cr.fetchone()[0]

    def logs(self, record, method=None):
        """The entries of ``record`` written by this test."""
        domain = [("model_id.model", "=", record._name), ("res_id", "=", record.id),
                  ("id", ">", self.last_log)]
        if method:
            domain.append(("method", "=", method))
        return self.env["auditlog.log"].search(domain)

    def test_write_logged_with_values(self):
        """A contact changed by staff is in the trail: who, when, the old and new values."""
        self.person_a.sudo(self.user_staff).write({"phone": "05 56 00 00 01"})
        log = self.logs(self.person_a, "write")
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, self.user_staff)
        self.assertTrue(log.create_date)
        line = log.line_ids.filtered(lambda l: l.field_id.name == "phone")
        self.assertEqual((line.old_value, line.new_value), (False, "05 56 00 00 01"))

    def test_files_and_tokens_stay_out(self):
        """A photo (a file) and the signup token (a credential) are never copied into the
        trail, not even when they change; the other fields of the same write are."""
        photo = png()
        self.person_a.write({"image": photo, "signup_token": "ZQXSECRET", "function": "Cheffe"})
        lines = self.logs(self.person_a, "write").mapped("line_ids")
        names = set(lines.mapped("field_id.name"))
        self.assertIn("function", names)
        self.assertFalse(names & {"image", "image_medium", "image_small", "signup_token"})
        self.env.cr.execute("SELECT count(*) FROM auditlog_log_line WHERE old_value LIKE %s "
                            "OR new_value LIKE %s OR new_value LIKE %s",
                            ("%ZQXSECRET%", "%ZQXSECRET%", "%" + photo.decode()[:40] + "%"))
        self.assertEqual(self.env.cr.fetchone()[0], 0)

    def test_directory_reads_not_logged(self):
        """Reading the directory (a SIAE, its staff) is no reading of a person's path: no
        entry, for staff as for anyone."""
        (self.siae_a | self.person_a).sudo(self.user_staff).read(["name", "email"])
        self.assertFalse(self.logs(self.siae_a, "read") | self.logs(self.person_a, "read"))

    def test_create_and_unlink_logged(self):
        """Creating a contact logs its values (the empty ones aside); deleting it logs who."""
        partner = self.env["res.partner"].sudo(self.user_manager).create(
            {"name": "Nina Nouvelle", "email": "nina@example.org"})
        log = self.logs(partner, "create")
        self.assertEqual(log.user_id, self.user_manager)
        values = {line.field_id.name: line.new_value for line in log.line_ids}
        self.assertEqual(values.get("email"), "nina@example.org")
        self.assertNotIn("phone", values)
        partner.sudo(self.user_manager).unlink()
        self.assertEqual(self.logs(partner, "unlink").user_id, self.user_manager)

    def test_bulk_helper_one_entry_per_record(self):
        """The grouped writer of the bulk SQL paths: one entry per record with the changed
        values as lines, in the same trail as auditlog's own entries."""
        partners = self.person_a | self.person_b
        Log = self.env["auditlog.log"]
        old = {p.id: {"phone": False, "function": "A"} for p in partners}
        new = {p.id: {"phone": "0102030405", "function": "A"} for p in partners}
        Log._pepites_log_bulk("res.partner", partners.ids, "write", old_values=old,
                              new_values=new)
        for partner in partners:
            log = self.logs(partner, "write")
            self.assertEqual(len(log), 1)
            self.assertEqual(log.name, partner.display_name)
            self.assertEqual(log.user_id.id, 1)
            self.assertEqual(log.line_ids.mapped("field_id.name"), ["phone"])
            self.assertEqual(log.line_ids.new_value, "0102030405")

    def test_forget_empties_values(self):
        """After an erasure, the trail keeps who changed the person and when, not the values."""
        self.person_a.write({"phone": "0607080910"})
        self.env["auditlog.log"]._pepites_forget("res.partner", self.person_a.ids)
        log = self.logs(self.person_a, "write")
        self.assertTrue(log.user_id)
        self.assertFalse(log.name)
        self.assertFalse(any(log.line_ids.mapped("new_value") + log.line_ids.mapped("old_value")))

    def test_managers_only(self):
        """Managers read the trail; staff, SIAE, portal and partner-API users read nothing of
        it; nobody but the system writes or deletes an entry, managers and admins with
        "Access rights" included."""
        self.person_a.write({"phone": "0102030405"})
        log = self.logs(self.person_a, "write")
        self.assertEqual(log.sudo(self.user_manager).read(["method"])[0]["method"], "write")
        self.assertTrue(log.line_ids.sudo(self.user_manager).read(["new_value"]))
        for user in (self.user_staff, self.user_siae_a, self.user_portal, self.user_partner_api):
            for model in ("auditlog.log", "auditlog.log.line", "auditlog.rule",
                          "auditlog.http.request", "auditlog.http.session"):
                with self.assertRaises(AccessError), mute_logger("odoo.models"):
                    self.env[model].sudo(user).search([], limit=1)
        access_admin = create_user(self.env, "test_access_admin", [
            "pepites_partners.group_pepites_manager", "base.group_erp_manager"])
        for user in (self.user_manager, access_admin):
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                log.sudo(user).write({"method": "read"})
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                log.sudo(user).unlink()
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                log.line_ids.sudo(user).write({"new_value": "0"})
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                self.env.ref("pepites_partners.auditlog_rule_res_partner").sudo(user).write(
                    {"log_read": False})
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                self.env["auditlog.autovacuum"].sudo(user).autovacuum(0)
        self.assertTrue(log.exists())

    def test_session_ids_stay_hidden(self):
        """The trail groups entries by web session; the session's id (a live login cookie)
        stays hidden from managers, who see its user and date."""
        session = self.env["auditlog.http.session"].create(
            {"name": "ZQXSESSIONID", "user_id": self.user_staff.id})
        as_manager = session.sudo(self.user_manager)
        self.assertEqual(as_manager.read(["user_id"])[0]["user_id"][0], self.user_staff.id)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            as_manager.read(["name"])
        self.assertNotIn("name", as_manager.read()[0])

    def test_retention(self):
        """The daily cron is active and deletes the entries older than the term INAÉ sets
        (pepites.audit_retention_days, 365 days by default), keeping the younger ones."""
        cron = self.env.ref("auditlog.ir_cron_auditlog_autovacuum")
        self.assertTrue(cron.active)
        self.assertIn("_pepites_autovacuum", cron.code)
        self.assertEqual(self.env["ir.config_parameter"].get_param(
            "pepites.audit_retention_days"), "365")
        partners = self.person_a | self.person_b | self.siae_a
        logs = self.env["auditlog.log"]._pepites_log_bulk("res.partner", partners.ids, "read")
        ages = {self.person_a.id: 400, self.person_b.id: 300, self.siae_a.id: 10}
        for res_id, log_id in logs.items():
            date = datetime.datetime.utcnow() - datetime.timedelta(days=ages[res_id])
            self.env.cr.execute("UPDATE auditlog_log SET create_date = %s WHERE id = %s",
                                (fields.Datetime.to_string(date), log_id))
        Log = self.env["auditlog.log"]
        Log.invalidate_cache()
        cron.ir_actions_server_id.run()
        self.assertEqual(sorted(Log.browse(list(logs.values())).exists().mapped("res_id")),
                         sorted([self.person_b.id, self.siae_a.id]))
        self.env["ir.config_parameter"].set_param("pepites.audit_retention_days", "200")
        cron.ir_actions_server_id.run()
        self.assertEqual(Log.browse(list(logs.values())).exists().mapped("res_id"),
                         [self.siae_a.id])
