"""Outsiders call over RPC only the methods of ``outsiders_rpc.RPC_METHODS`` (issue 12).

On main, siae1 and partner1 called any public method of any model over XML-RPC and the web
client's ``/web/dataset/call_kw``: they followed another SIAE's offer (and then received the
notes on its applicants), posted on it, exported partners' signup tokens, revoked badges. These
tests use the demo logins and records (the test database always has demo data); the offer and
badge cases need pepites_jobs and pepites_badges, installed with the other addons by
``make test``, and are skipped when they are not.
"""
import json
from urllib.parse import urlencode
from xmlrpc.client import Fault

from odoo.tests.common import TransactionCase, at_install, get_db_name, post_install

from .. import outsiders_rpc
from .common import PepitesHttpCase

#: the French refusal of the gate (i18n/fr.po), as the demo users (lang fr_FR) read it
REFUSED_FR = "n'est pas sur la liste de ce que le public, les SIAE et les partenaires"
#: Odoo's XML-RPC fault code of an AccessError
ACCESS_FAULT = 4


class TestRpcMethodList(TransactionCase):

    def test_every_line_has_roles_and_a_reason(self):
        """Every listed method names known roles and says why they need it."""
        for model, methods in outsiders_rpc.RPC_METHODS.items():
            for method, (roles, reason) in methods.items():
                self.assertTrue(roles, "%s.%s" % (model, method))
                self.assertLessEqual(set(roles), set(outsiders_rpc.ROLES),
                                     "%s.%s" % (model, method))
                self.assertGreater(len(reason), 20, "%s.%s" % (model, method))

    def test_no_unsafe_generic_method(self):
        """Methods that write, export, follow, post or group are never open on every model."""
        generic = outsiders_rpc.RPC_METHODS[outsiders_rpc.ANY_MODEL]
        for method in ("write", "create", "unlink", "copy", "export_data", "read_group",
                       "message_subscribe", "message_post", "message_unsubscribe",
                       "action_revoke", "sudo", "toggle_active"):
            self.assertNotIn(method, generic)


@at_install(False)
@post_install(True)
class TestOutsidersRpc(PepitesHttpCase):
    """The RPC gate on XML-RPC, JSON-RPC and the web client's routes, as the demo users."""

    def setUp(self):
        super(TestOutsidersRpc, self).setUp()
        self.siae1 = self.env.ref("pepites_partners.user_siae1_demo")
        self.partner1 = self.env.ref("pepites_partners.user_partner1_demo")
        self.staff = self.env.ref("pepites_partners.user_staff_demo")

    def demo(self, xmlid):
        record = self.env.ref(xmlid, raise_if_not_found=False)
        if not record:
            self.skipTest("%s is not installed" % xmlid.split(".")[0])
        return record

    def assert_refused(self, user, model, method, *args, **kwargs):
        """``model.method`` over XML-RPC as ``user``: an AccessError fault with the gate's
        French message."""
        with self.assertRaises(Fault) as caught:
            self.xmlrpc(user, model, method, *args, **kwargs)
        self.assertEqual(caught.exception.faultCode, ACCESS_FAULT, caught.exception.faultString)
        self.assertIn(REFUSED_FR, caught.exception.faultString)
        self.assertIn(method, caught.exception.faultString)

    def jsonrpc(self, route, params):
        """POST a JSON-RPC call to ``route`` on the test server; the decoded answer."""
        self._before_request()
        try:
            response = self.opener.post(
                self.base_url() + route, timeout=30,
                json={"jsonrpc": "2.0", "method": "call", "params": params, "id": 1})
        finally:
            self._after_request()
        self.assertEqual(response.status_code, 200)
        return response.json()

    def assert_json_refused(self, answer, method):
        error = answer.get("error")
        self.assertTrue(error, "accepted: %r" % answer)
        self.assertEqual(error["data"]["name"], "odoo.exceptions.AccessError")
        self.assertIn(REFUSED_FR, error["data"]["message"])
        self.assertIn(method, error["data"]["message"])

    # ------------------------------------------------------------------ XML-RPC
    def test_xmlrpc_follow_and_post_on_another_siae_offer_refused(self):
        """siae1 and partner1 can neither follow nor post on siae2's published offer (on
        main, following it subscribed them to its next applicants and the staff's notes)."""
        offer = self.demo("pepites_jobs.hr_job_07_demo")
        followers = offer.message_partner_ids
        messages = offer.message_ids
        for user in (self.siae1, self.partner1):
            self.assert_refused(user, "hr.job", "message_subscribe", offer.ids,
                                partner_ids=user.partner_id.ids)
            self.assert_refused(user, "hr.job", "message_post", offer.ids,
                                body="Je suis abonné", message_type="comment")
        offer.invalidate_cache()
        self.assertEqual(offer.message_partner_ids, followers)
        self.assertEqual(offer.message_ids, messages)

    def test_xmlrpc_export_and_read_group_of_signup_tokens_refused(self):
        """export_data and read_group, which read fields whatever their groups=, are refused:
        the partners' signup tokens (an account takeover) stay out of reach."""
        # partners each may read: siae1's own contact card, the SIAE directory for partner1
        readable = {self.siae1: self.siae1.partner_id,
                    self.partner1: self.env.ref("pepites_partners.siae_01_demo")}
        for user, partner in readable.items():
            self.assert_refused(user, "res.partner", "export_data", partner.ids,
                                ["name", "signup_token"])
            self.assert_refused(user, "res.partner", "read_group", [],
                                ["signup_token"], ["signup_token"])

    def readable_badge(self, user):
        """A valid badge ``user`` may read: siae1 holds some (demo), partner1 issues one."""
        bike = self.demo("pepites_badges.pepites_badge_class_bike_repair_demo")
        Assertion = self.env["pepites.badge.assertion"]
        if user == self.partner1:
            holder = self.env["res.partner"].create({"name": "Titulaire Test",
                                                     "email": "titulaire@example.test"})
            bike._issue_batch([{"partner_id": holder.id, "email": holder.email}],
                              issued_by=user, send_mail=False)
        assertion = Assertion.sudo(user).search([("revoked", "=", False)], limit=1)
        self.assertTrue(assertion, "%s reads no valid badge" % user.login)
        return Assertion.browse(assertion.id)

    def test_xmlrpc_revoke_badge_refused(self):
        """A badge holder or its SIAE (siae1) and the partner who issued a badge (partner1)
        cannot revoke it (action_revoke ran as superuser and put the reason on INAÉ's public
        revocation list)."""
        for user in (self.siae1, self.partner1):
            assertion = self.readable_badge(user)
            self.assert_refused(user, "pepites.badge.assertion", "action_revoke",
                                assertion.ids, "Révoqué par un tiers")
            assertion.invalidate_cache()
            self.assertFalse(assertion.revoked)
            self.assertFalse(assertion.revocation_reason)

    def test_xmlrpc_listed_calls_still_work(self):
        """What outsiders need still works: partner1 reads the published offers, siae1 its
        own structure, and issue_to reaches the badge model (its own checks answer; a real
        issuance by an allowed partner is pepites_badges' test_xmlrpc_issue_to_scope)."""
        offer = self.demo("pepites_jobs.hr_job_07_demo")
        offers = self.xmlrpc(self.partner1, "hr.job", "search_read",
                             [("pepites_state", "=", "published")], fields=["name"])
        self.assertIn(offer.id, [row["id"] for row in offers])
        self.assertEqual(self.xmlrpc(self.partner1, "hr.job", "search_count",
                                     [("id", "=", offer.id)]), 1)
        siae = self.siae1.partner_id.commercial_partner_id
        self.assertEqual(self.xmlrpc(self.siae1, "res.partner", "read", siae.ids,
                                     ["name"])[0]["name"], siae.name)
        bike = self.demo("pepites_badges.pepites_badge_class_bike_repair_demo")
        with self.assertRaises(Fault) as caught:
            self.xmlrpc(self.partner1, "pepites.badge.class", "issue_to", bike.ids,
                        ["not an id"], context={"lang": "fr_FR"})
        self.assertNotIn(REFUSED_FR, caught.exception.faultString)

    def test_xmlrpc_staff_not_gated(self):
        """INAÉ staff (internal users) keep every method: the gate is for outsiders."""
        offer = self.demo("pepites_jobs.hr_job_07_demo")
        self.xmlrpc(self.staff, "hr.job", "message_subscribe", offer.ids,
                    partner_ids=self.staff.partner_id.ids)
        offer.invalidate_cache()
        self.assertIn(self.staff.partner_id, offer.message_partner_ids)

    def test_jsonrpc_refused(self):
        """/jsonrpc (OdooRPC's way in) goes through the same gate as XML-RPC."""
        offer = self.demo("pepites_jobs.hr_job_07_demo")
        answer = self.jsonrpc("/jsonrpc", {
            "service": "object", "method": "execute_kw",
            "args": [get_db_name(), self.siae1.id, "siae1", "hr.job", "message_subscribe",
                     [offer.ids], {"partner_ids": self.siae1.partner_id.ids}]})
        self.assert_json_refused(answer, "message_subscribe")
        offer.invalidate_cache()
        self.assertNotIn(self.siae1.partner_id, offer.message_partner_ids)

    # ------------------------------------------------------------------ web client routes
    def test_web_dataset_call_kw_refused(self):
        """/web/dataset/call_kw and call_button, the web client's XML-RPC, refuse the same
        calls to a logged-in SIAE user, and still serve the listed ones."""
        offer = self.demo("pepites_jobs.hr_job_07_demo")
        self.authenticate("siae1", "siae1")
        answer = self.jsonrpc("/web/dataset/call_kw/hr.job/message_subscribe", {
            "model": "hr.job", "method": "message_subscribe", "args": [offer.ids],
            "kwargs": {"partner_ids": self.siae1.partner_id.ids}})
        self.assert_json_refused(answer, "message_subscribe")
        answer = self.jsonrpc("/web/dataset/call_button", {
            "model": "res.partner", "method": "export_data",
            "args": [self.siae1.partner_id.ids, ["signup_token"]]})
        self.assert_json_refused(answer, "export_data")
        offer.invalidate_cache()
        self.assertNotIn(self.siae1.partner_id, offer.message_partner_ids)
        answer = self.jsonrpc("/web/dataset/call_kw", {
            "model": "hr.job", "method": "search_read",
            "args": [[("id", "=", offer.id)], ["name"]], "kwargs": {}})
        self.assertEqual(answer["result"][0]["id"], offer.id)

    def test_web_dataset_revoke_refused(self):
        """partner1 cannot revoke a badge through /web/dataset/call_kw either."""
        assertion = self.readable_badge(self.partner1)
        self.authenticate("partner1", "partner1")
        answer = self.jsonrpc("/web/dataset/call_kw", {
            "model": "pepites.badge.assertion", "method": "action_revoke",
            "args": [assertion.ids, "Révoqué par un tiers"], "kwargs": {}})
        self.assert_json_refused(answer, "action_revoke")
        assertion.invalidate_cache()
        self.assertFalse(assertion.revoked)

    def test_web_routes_with_model_or_ids_refused(self):
        """The other /web/* routes that name a model or ids answer an outsider by the list:
        resequence (a write), running a server action, the export's field list and the
        export itself (403 with the message: an HTTP route)."""
        self.authenticate("siae1", "siae1")
        own = self.siae1.partner_id
        answer = self.jsonrpc("/web/dataset/resequence", {
            "model": "res.partner", "ids": own.ids, "field": "color"})
        self.assert_json_refused(answer, "resequence")
        answer = self.jsonrpc("/web/action/run", {"action_id": 999999})
        self.assert_json_refused(answer, "run")
        answer = self.jsonrpc("/web/export/get_fields", {"model": "res.partner"})
        self.assert_json_refused(answer, "export_data")
        data = json.dumps({"model": "res.partner", "fields": [{"name": "signup_token"}],
                           "ids": own.ids, "domain": [], "import_compat": True})
        response = self.url_open("/web/export/csv?" + urlencode({"data": data, "token": "1"}))
        self.assertEqual(response.status_code, 403)
        self.assertIn(REFUSED_FR, response.content.decode("utf-8"))
        answer = self.jsonrpc("/web/dataset/search_read", {
            "model": "res.partner", "fields": ["name"], "domain": [("id", "=", own.id)]})
        self.assertEqual(answer["result"]["records"][0]["id"], own.id)

    def test_website_publish_refused(self):
        """/website/publish (auth="public", any model and id) toggles nothing for a visitor or
        a SIAE user: publishing is INAÉ's moderation."""
        offer = self.demo("pepites_jobs.hr_job_07_demo")
        published = offer.website_published
        answer = self.jsonrpc("/website/publish", {"id": offer.id, "object": "hr.job"})
        self.assertTrue(answer.get("error"), answer)
        self.authenticate("siae1", "siae1")
        answer = self.jsonrpc("/website/publish", {"id": offer.id, "object": "hr.job"})
        self.assert_json_refused(answer, "website_publish_button")
        offer.invalidate_cache()
        self.assertEqual(offer.website_published, published)
