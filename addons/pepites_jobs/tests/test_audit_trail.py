"""The audit trail of people's paths: who read and who changed an application, a PMSMP
immersion, an orientation, a POEI or a person in a path (pepites_partners configures OCA
auditlog; the rules of these models are pepites_jobs' data)."""
from xmlrpc.client import Fault

from odoo.exceptions import AccessError
from odoo.tests import common
from odoo.tools import mute_logger

from .common import create_offer
from .events_common import PathwaysCase, PathwaysHttpCase, immersion_values, today


def new_logs(env, since, model=None, res_id=None, method=None):
    """The trail's entries written after entry ``since``, narrowed as asked."""
    domain = [("id", ">", since)]
    if model:
        domain.append(("model_id.model", "=", model))
    if res_id:
        domain.append(("res_id", "=", res_id))
    if method:
        domain.append(("method", "=", method))
    return env["auditlog.log"].sudo().search(domain)


def last_log_id(env):
    env.cr.execute("SELECT coalesce(max(id), 0) FROM auditlog_log")
    return env.cr.fetchone()[0]


def create_path(case, env):
    """An application, an orientation, a PMSMP immersion and a POEI of ``case.person``."""
    case.applicant = env["hr.applicant"].create({
        "name": "Candidature de Paul", "partner_name": "Paul Reconversion",
        "email_from": "paul@example.org", "partner_id": case.person.id})
    case.orientation = env["pepites.orientation"].create({
        "person_id": case.person.id, "referrer_kind": "counsellor",
        "counsellor_id": case.counsellor.id, "siae_id": case.siae_a.id})
    case.immersion = env["pepites.immersion"].create(immersion_values(case))
    case.poei = env["pepites.poei"].create({
        "candidate_id": case.person.id, "siae_id": case.siae_b.id, "hours": 280,
        "training_body_id": case.prescriber.id, "date_start": today(1), "date_end": today(60)})


class TestAuditTrailOrm(PathwaysCase):

    @classmethod
    def setUpClass(cls):
        super(TestAuditTrailOrm, cls).setUpClass()
        create_path(cls, cls.env)

    def setUp(self):
        super(TestAuditTrailOrm, self).setUp()
        self.since = last_log_id(self.env)

    def logs(self, record, method=None):
        return new_logs(self.env, self.since, record._name, record.id, method)

    def test_staff_read_of_an_applicant(self):
        """A staff member reading an application is in the trail: user, model, record, date,
        method "read" — and not the values read (no copy of the personal data)."""
        self.applicant.sudo(self.user_staff).read(["partner_name", "email_from"])
        log = self.logs(self.applicant, "read")
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, self.user_staff)
        self.assertEqual(log.model_id.model, "hr.applicant")
        self.assertEqual(log.res_id, self.applicant.id)
        self.assertTrue(log.create_date)
        self.assertEqual(log.name, "Candidature de Paul")
        self.assertFalse(log.line_ids)

    def test_reads_of_every_path_model(self):
        """Reads of orientations, PMSMP immersions, POEI and of the person in the path are in
        the trail, one entry per record read, for staff and managers alike."""
        for user in (self.user_staff, self.user_manager):
            for record in (self.orientation, self.immersion, self.poei, self.person):
                record.sudo(user).read(["display_name"])
                self.assertEqual(self.logs(record, "read").filtered(
                    lambda l: l.user_id == user).mapped("res_id"), [record.id], record)
        applicants = self.env["hr.applicant"].sudo(self.user_staff).search_read(
            [("id", "=", self.applicant.id)], ["name"])
        self.assertEqual(len(applicants), 1)
        self.assertEqual(len(self.logs(self.applicant, "read")), 1)

    def test_server_reads_are_not_logged(self):
        """The server's own reads — superuser code, sudo() in a staff member's call, the
        directory of organisations, a contact outside any path — write nothing."""
        self.applicant.read(["partner_name"])
        self.applicant.sudo(self.user_staff).sudo().read(["partner_name"])
        (self.siae_a | self.counsellor | self.tutor_a).sudo(self.user_staff).read(["name"])
        self.assertFalse(new_logs(self.env, self.since, method="read"))

    def test_one_entry_per_read_asked(self):
        """Reading a person's form (their path computed from orientations, PMSMP, POEI) is one
        entry: the reads the server makes to compute the form are not the user's."""
        self.person.sudo(self.user_staff).read(["name", "pepites_path_line_ids", "orientation_ids"])
        logs = new_logs(self.env, self.since, method="read")
        self.assertEqual([(log.model_id.model, log.res_id) for log in logs],
                         [("res.partner", self.person.id)])

    def test_write_with_old_and_new_values(self):
        """A change of an application is in the trail with the field, old and new values."""
        self.applicant.sudo(self.user_staff).write({"partner_phone": "06 12 34 56 78"})
        log = self.logs(self.applicant, "write")
        self.assertEqual(log.user_id, self.user_staff)
        line = log.line_ids.filtered(lambda l: l.field_id.name == "partner_phone")
        self.assertEqual((line.old_value, line.new_value), (False, "06 12 34 56 78"))
        self.orientation.sudo(self.user_staff).write({"note": "Très motivé"})
        self.assertEqual(self.logs(self.orientation, "write").line_ids.mapped("new_value"),
                         ["Très motivé"])

    def test_portal_siae_reads_nothing_of_the_trail(self):
        """The SIAE, portal, partner-API and staff users read nothing of the trail; managers
        read it."""
        self.applicant.sudo(self.user_staff).read(["name"])
        for user in (self.user_siae_a, self.user_partner_api, self.user_portal,
                     self.user_staff):
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                self.env["auditlog.log"].sudo(user).search_read([], ["res_id"])
        found = self.env["auditlog.log"].sudo(self.user_manager).search(
            [("model_id.model", "=", "hr.applicant"), ("res_id", "=", self.applicant.id),
             ("method", "=", "read"), ("user_id", "=", self.user_staff.id)])
        self.assertEqual(len(found), 1)


@common.at_install(False)
@common.post_install(True)
class TestAuditTrailHttp(PathwaysHttpCase):

    def setUp(self):
        super(TestAuditTrailHttp, self).setUp()
        create_path(self, self.env)
        self.since = last_log_id(self.env)

    def call_kw(self, model, method, args, kwargs=None):
        self._before_request()
        try:
            response = self.opener.post(
                self.base_url() + "/web/dataset/call_kw/%s/%s" % (model, method), timeout=60,
                json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
                    "model": model, "method": method, "args": args, "kwargs": kwargs or {}}})
        finally:
            self._after_request()
        return response.json()

    def test_back_office_read_is_logged(self):
        """The form of an application read by staff in the back office (the web client's
        ``read`` through /web/dataset/call_kw) is in the trail with its HTTP request."""
        self.authenticate("test_staff", "test_staff")
        answer = self.call_kw("hr.applicant", "read", [[self.applicant.id],
                                                       ["partner_name", "email_from"]])
        self.assertEqual(answer["result"][0]["partner_name"], "Paul Reconversion")
        log = new_logs(self.env, self.since, "hr.applicant", self.applicant.id, "read")
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, self.user_staff)
        self.assertTrue(log.http_request_id)
        self.assertIn("/web/dataset/call_kw", log.http_request_id.name)

    def test_public_pages_write_nothing(self):
        """Visitors' pages (the job board, an event) write no entry."""
        for url in ("/jobs", "/event"):
            self.assertEqual(self.url_open(url).status_code, 200)
        self.assertFalse(new_logs(self.env, self.since))

    def test_portal_view_of_an_immersion_is_logged(self):
        """A SIAE user viewing its immersions on the portal is in the trail."""
        self.authenticate("test_siae_a", "test_siae_a")
        self.assertIn(self.immersion.name, self.url_open("/my/immersions").text)
        self.url_open("/my/immersions/%d" % self.immersion.id)
        logs = new_logs(self.env, self.since, "pepites.immersion", self.immersion.id, "read")
        self.assertEqual(logs.mapped("user_id"), self.user_siae_a)
        self.assertEqual(len(logs), 2)

    def test_portal_view_of_applications_is_logged(self):
        """A SIAE user reading the applications to its offer on the portal is in the trail,
        one entry per application shown."""
        self.Job, self.family_eti = self.env["hr.job"], self.env.ref(
            "pepites_partners.job_family_eti")
        offer = create_offer(self, self.siae_a, city="Bordeaux")
        self.applicant.write({"job_id": offer.id})
        self.authenticate("test_siae_a", "test_siae_a")
        self.assertIn("Paul Reconversion", self.url_open("/my/offers/%d" % offer.id).text)
        logs = new_logs(self.env, self.since, "hr.applicant", self.applicant.id, "read")
        self.assertEqual(logs.mapped("user_id"), self.user_siae_a)
        self.assertEqual(len(logs), 1)

    def test_trail_over_xmlrpc(self):
        """Over XML-RPC, staff, SIAE and partner-API users read nothing of the trail and
        nobody writes it; a manager reads it, and a staff read over XML-RPC is in it."""
        self.xmlrpc(self.user_staff, "hr.applicant", "read", [self.applicant.id], ["name"])
        self.assertEqual(len(new_logs(self.env, self.since, "hr.applicant", self.applicant.id,
                                      "read")), 1)
        for user in (self.user_staff, self.user_siae_a, self.user_partner_api):
            for model in ("auditlog.log", "auditlog.log.line", "auditlog.rule"):
                with self.assertRaises(Fault), mute_logger("odoo.service.model",
                                                           "odoo.http"):
                    self.xmlrpc(user, model, "search_read", [], ["id"])
        rows = self.xmlrpc(self.user_manager, "auditlog.log", "search_read",
                           [("model_id.model", "=", "hr.applicant"),
                            ("res_id", "=", self.applicant.id)], ["method", "user_id"])
        self.assertIn(["read", self.user_staff.id],
                      [[row["method"], row["user_id"][0]] for row in rows])
        log_id = rows[0]["id"]
        with self.assertRaises(Fault), mute_logger("odoo.service.model", "odoo.http"):
            self.xmlrpc(self.user_manager, "auditlog.log", "unlink", [log_id])
        with self.assertRaises(Fault), mute_logger("odoo.service.model", "odoo.http"):
            self.xmlrpc(self.user_manager, "auditlog.autovacuum", "autovacuum", 0)
        self.assertTrue(self.env["auditlog.log"].browse(log_id).exists())
