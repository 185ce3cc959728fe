"""Core Odoo 11 models that were open to SIAE and partner-API users (issue 12, items 1, 2, 13),
tried as siae1 and partner1 (the demo logins) through the ORM, over XML-RPC and over HTTP.

They run once every PEPITES addon is installed (post_install): the offers, applicants and PMSMP
they use are the demo records of pepites_jobs.
"""
import json
import unittest
from xmlrpc.client import Fault

import odoo
from odoo.exceptions import AccessError
from odoo.tests.common import SavepointCase, at_install, post_install

from .common import PepitesHttpCase, create_user


def skip_without_jobs():
    """These tests use pepites_jobs' demo offers and PMSMP: ``PEPITES_TEST_ADDONS=pepites_partners
    make test`` installs no pepites_jobs. Checked before any cursor is opened (a setUpClass that
    fails after opening its cursor leaves it locked for the next test class)."""
    if "pepites.immersion" not in odoo.registry(odoo.tests.common.get_db_name()):
        raise unittest.SkipTest("pepites_jobs is not installed")

ACCESS_FAULT = "AccessError|allowed|autorisé|accès|sécurité|security"


def setup_leak_fixtures(case, env):
    """The demo outsiders and, as superuser, one record of each leaking kind that is not theirs.
    """
    ref = env.ref
    case.siae1 = ref("pepites_partners.user_siae1_demo")
    case.partner1 = ref("pepites_partners.user_partner1_demo")
    case.outsiders = case.siae1 | case.partner1
    case.staff = ref("pepites_partners.user_staff_demo")
    case.offer_siae2 = ref("pepites_jobs.hr_job_07_demo")   # published, ADCR Services (siae2)
    case.applicant = env["hr.applicant"].create({
        "name": "Candidature test", "partner_name": "Camille Secrète",
        "email_from": "camille.secrete@example.org", "job_id": case.offer_siae2.id})
    case.immersion = ref("pepites_jobs.immersion_02_demo")
    case.queued_mail = env["mail.mail"].create({
        "subject": "Invitation", "email_to": "camille.secrete@example.org",
        "body_html": "<p>Camille Secrète: /web/signup?token=SECRET-TOKEN</p>"})
    note = case.applicant.message_post(body="Note du staff", message_type="comment",
                                       subtype="mail.mt_note")
    case.notification = env["mail.notification"].create({
        "mail_message_id": note.id, "res_partner_id": case.staff.partner_id.id})
    case.category = env["hr.applicant.category"].create({"name": "Prioritaire (test)"})
    camille = env["res.partner"].create({"name": "Camille Secrète",
                                         "email": "camille.secrete@example.org"})
    case.meeting = env["calendar.event"].with_context(no_mail_to_attendees=True).create({
        "name": "Entretien Camille", "start": "2026-12-10 09:00:00",
        "stop": "2026-12-10 10:00:00",
        "partner_ids": [(6, 0, [case.staff.partner_id.id, camille.id])]})
    case.attendee = case.meeting.attendee_ids.filtered(lambda a: a.partner_id == camille)
    survey = env["survey.survey"].create({"title": "Quiz (test)"})
    page = env["survey.page"].create({"title": "Page", "survey_id": survey.id})
    question = env["survey.question"].create({"question": "Votre avis ?", "page_id": page.id,
                                              "type": "free_text"})
    learner = env["res.partner"].create({"name": "Léa Apprenante", "email": "lea@example.org"})
    answer = env["survey.user_input"].create({"survey_id": survey.id, "partner_id": learner.id})
    case.answer_line = env["survey.user_input_line"].create({
        "user_input_id": answer.id, "survey_id": survey.id, "question_id": question.id,
        "answer_type": "free_text", "value_free_text": "Réponse de Léa"})
    case.login_log = env["res.users.log"].sudo(case.staff).create({})
    case.learner = create_user(env, "test_leak_learner", ["base.group_portal"])


@at_install(False)
@post_install(True)
class TestCoreLeaksOrm(SavepointCase):
    """Through the ORM (``sudo(user)``): each attempt is refused with an AccessError."""

    @classmethod
    def setUpClass(cls):
        skip_without_jobs()
        super(TestCoreLeaksOrm, cls).setUpClass()
        setup_leak_fixtures(cls, cls.env)

    def assertRefused(self, call, *args, **kwargs):
        for user in self.outsiders:
            with self.assertRaises(AccessError, msg=user.login):
                call(user, *args, **kwargs)

    def test_mail_queue_closed(self):
        """Item 1: siae1 and partner1 neither read, redirect nor queue outgoing mails (core let
        them read every queued mail, signup links included, and write and create them)."""
        self.assertRefused(lambda u: self.env["mail.mail"].sudo(u).search_read(
            [], ["body_html", "email_to"]))
        self.assertRefused(lambda u: self.queued_mail.sudo(u).read(["body_html"]))
        self.assertRefused(lambda u: self.queued_mail.sudo(u).write(
            {"email_to": "attacker@example.org"}))
        self.assertRefused(lambda u: self.env["mail.mail"].sudo(u).create(
            {"subject": "Spoof", "email_to": "x@example.org", "body_html": "<p>x</p>"}))
        self.assertEqual(self.queued_mail.email_to, "camille.secrete@example.org")

    def test_notifications_closed(self):
        """Item 1: mail.notification (who was told of what) is closed the same way."""
        self.assertRefused(lambda u: self.env["mail.notification"].sudo(u).search([]))
        self.assertRefused(lambda u: self.notification.sudo(u).read(["res_partner_id"]))
        self.assertRefused(lambda u: self.notification.sudo(u).write({"is_read": True}))
        self.assertRefused(lambda u: self.env["mail.notification"].sudo(u).create({
            "mail_message_id": self.notification.mail_message_id.id,
            "res_partner_id": u.partner_id.id}))

    def test_followers_not_created_by_outsiders(self):
        """Item 2: siae1 and partner1 cannot make themselves followers of an applicant or of
        a PMSMP (core let portal users create mail.followers on any record)."""
        for record in (self.applicant, self.immersion):
            self.assertRefused(lambda u: self.env["mail.followers"].sudo(u).create({
                "res_model": record._name, "res_id": record.id,
                "partner_id": u.partner_id.id}))
            self.assertFalse(record.message_partner_ids & self.outsiders.mapped("partner_id"))

    def test_no_subscription_to_another_siae_offer(self):
        """Item 2: siae1 subscribing to siae2's published offer is not subscribed, so it never
        receives that offer's next applicant (and the staff's messages on it)."""
        offer = self.offer_siae2
        for user in self.outsiders:
            self.assertFalse(offer.sudo(user).message_subscribe(
                partner_ids=user.partner_id.ids))
            offer.sudo(user).message_subscribe_users()
        # nor anyone else (core already wanted the write right for that)
        someone = self.env["res.partner"].create({"name": "Témoin", "email": "t@example.org"})
        self.assertFalse(offer.sudo(self.siae1).message_subscribe(partner_ids=someone.ids))
        self.assertNotIn(someone, offer.message_partner_ids)
        self.assertFalse(offer.message_partner_ids & self.outsiders.mapped("partner_id"))
        applicant = self.env["hr.applicant"].create({
            "name": "Nouvelle candidature", "partner_name": "Noé Nouveau",
            "job_id": offer.id})
        self.assertFalse(applicant.message_partner_ids & self.outsiders.mapped("partner_id"))

    def test_no_unsubscription_from_another_siae_offer(self):
        """Leaving follows the same rule: an outsider cannot unsubscribe anyone (itself
        included) from a record it cannot write."""
        offer = self.offer_siae2
        offer.message_subscribe(partner_ids=self.siae1.partner_id.ids)
        with self.assertRaises(AccessError):
            offer.sudo(self.siae1).message_unsubscribe(partner_ids=self.siae1.partner_id.ids)
        self.assertIn(self.siae1.partner_id, offer.message_partner_ids)

    def test_staff_still_subscribe(self):
        """INAÉ staff keep core's following (self-subscription to what they read)."""
        self.offer_siae2.sudo(self.staff).message_subscribe_users()
        self.assertIn(self.staff.partner_id, self.offer_siae2.message_partner_ids)

    def test_applicant_tags_not_renamed(self):
        """Item 13: hr.applicant.category (core: read, write, create for everyone)."""
        self.assertRefused(lambda u: self.category.sudo(u).write({"name": "Piraté"}))
        self.assertRefused(lambda u: self.env["hr.applicant.category"].sudo(u).create(
            {"name": "Nouveau"}))
        self.assertEqual(self.category.name, "Prioritaire (test)")

    def test_calendar_attendees_closed(self):
        """Item 13: calendar.attendee (core: portal users read and write every attendee)."""
        self.assertRefused(lambda u: self.attendee.sudo(u).read(["email", "state"]))
        self.assertRefused(lambda u: self.attendee.sudo(u).write({"state": "declined"}))
        self.assertRefused(lambda u: self.env["calendar.attendee"].sudo(u).search([]))

    def test_other_learners_answers_hidden(self):
        """Item 13: a learner (portal), siae1 and partner1 cannot read another person's quiz
        answers (core: survey.user_input_line readable by everyone)."""
        for user in self.outsiders | self.learner:
            Line = self.env["survey.user_input_line"].sudo(user)
            try:
                found = Line.search([("id", "=", self.answer_line.id)])
            except AccessError:
                found = Line
            self.assertFalse(found, user.login)
            with self.assertRaises(AccessError, msg=user.login):
                self.answer_line.sudo(user).read(["value_free_text"])

    def test_login_log_closed(self):
        """Item 13: res.users.log (who logged in when) is not readable by outsiders."""
        self.assertRefused(lambda u: self.env["res.users.log"].sudo(u).search_read(
            [], ["create_uid", "create_date"]))
        self.assertRefused(lambda u: self.login_log.sudo(u).read(["create_uid"]))


@at_install(False)
@post_install(True)
class TestCoreLeaksRpc(PepitesHttpCase):
    """The same attempts as the partner API and portal users make them: over XML-RPC, and the
    followers route over HTTP."""

    def setUp(self):
        skip_without_jobs()
        super(TestCoreLeaksRpc, self).setUp()
        setup_leak_fixtures(self, self.env)

    def assertFault(self, model, method, *args, **kwargs):
        for user in self.outsiders:
            with self.assertRaisesRegex(Fault, ACCESS_FAULT, msg=user.login):
                self.xmlrpc(user, model, method, *args, **kwargs)

    def test_mail_queue_over_rpc(self):
        """Items 1: mail.mail and mail.notification refused over XML-RPC."""
        self.assertFault("mail.mail", "search_read", [], ["body_html"])
        self.assertFault("mail.mail", "read", [self.queued_mail.id], ["body_html"])
        self.assertFault("mail.mail", "write", [self.queued_mail.id], {"email_to": "a@b.org"})
        self.assertFault("mail.mail", "create", {"subject": "Spoof", "email_to": "x@b.org"})
        self.assertFault("mail.notification", "search_read", [], ["res_partner_id"])
        self.assertFault("mail.notification", "write", [self.notification.id], {"is_read": True})
        self.assertEqual(self.queued_mail.email_to, "camille.secrete@example.org")

    def test_followers_and_subscribe_over_rpc(self):
        """Item 2: no follower created, no subscription to another SIAE's offer, over XML-RPC.
        """
        for record in (self.applicant, self.immersion):
            for user in self.outsiders:
                with self.assertRaisesRegex(Fault, ACCESS_FAULT):
                    self.xmlrpc(user, "mail.followers", "create", {
                        "res_model": record._name, "res_id": record.id,
                        "partner_id": user.partner_id.id})
        for user in self.outsiders:
            try:
                subscribed = self.xmlrpc(user, "hr.job", "message_subscribe",
                                         [self.offer_siae2.id], user.partner_id.ids)
            except Fault:
                subscribed = False  # a refusal is as good: the point is not to be subscribed
            self.assertFalse(subscribed)
        self.assertFalse(self.offer_siae2.message_partner_ids
                         & self.outsiders.mapped("partner_id"))

    def test_core_models_over_rpc(self):
        """Item 13 over XML-RPC: tags, attendees, others' quiz answers, the login log."""
        self.assertFault("hr.applicant.category", "write", [self.category.id], {"name": "X"})
        self.assertFault("calendar.attendee", "read", [self.attendee.id], ["email"])
        self.assertFault("calendar.attendee", "write", [self.attendee.id], {"state": "declined"})
        self.assertFault("survey.user_input_line", "read", [self.answer_line.id],
                         ["value_free_text"])
        self.assertFault("res.users.log", "search_read", [], ["create_uid"])
        self.assertEqual(self.category.name, "Prioritaire (test)")

    def json_call(self, route, **params):
        """POST a JSON-RPC call to ``route`` in the current session; its "result" or "error"."""
        self._before_request()
        try:
            response = self.opener.post(self.base_url() + route, timeout=30, json={
                "jsonrpc": "2.0", "method": "call", "id": 1, "params": params})
        finally:
            self._after_request()
        self.assertEqual(response.status_code, 200)
        return json.loads(response.text)

    def test_read_followers_route(self):
        """Item 2: /mail/read_followers gives siae1 and partner1 no follower (core checked the
        records of the model the caller names, then returned any followers' names and e-mails);
        staff get only followers of records of the model they name and may read."""
        self.applicant.message_subscribe(partner_ids=self.staff.partner_id.ids)
        follower_ids = self.applicant.message_follower_ids.ids
        for user in self.outsiders:
            self.authenticate(user.login, user.login)
            for res_model in ("res.partner", "hr.applicant"):
                answer = self.json_call("/mail/read_followers", follower_ids=follower_ids,
                                        res_model=res_model)
                self.assertNotIn(self.staff.partner_id.email, json.dumps(answer))
                self.assertFalse(answer.get("result", {}).get("followers"))
        self.authenticate(self.staff.login, self.staff.login)
        answer = self.json_call("/mail/read_followers", follower_ids=follower_ids,
                                res_model="res.partner")
        self.assertFalse(answer["result"]["followers"])

    def test_other_follower_routes(self):
        """Item 2: the other /mail/* JSON routes that take ids tell outsiders nothing: which
        subtypes another person follows (core read any follower row), the messages of a record
        they cannot read."""
        self.applicant.message_subscribe(partner_ids=self.staff.partner_id.ids)
        staff_follower = self.applicant.message_follower_ids.filtered(
            lambda f: f.partner_id == self.staff.partner_id)
        for user in self.outsiders:
            self.authenticate(user.login, user.login)
            answer = self.json_call("/mail/read_subscription_data", res_model="hr.applicant",
                                    follower_id=staff_follower.id)
            self.assertFalse([row for row in answer.get("result") or [] if row["followed"]])
            answer = self.json_call("/mail/chatter_fetch", res_model="hr.applicant",
                                    res_id=self.applicant.id)
            self.assertNotIn("Note du staff", json.dumps(answer))
            self.assertFalse((answer.get("result") or {}).get("messages"))

    def test_website_follow_route(self):
        """The website's follow button (/website_mail/follow) no longer subscribes a visitor's
        address, or siae1, to another SIAE's published offer (core subscribed them as
        superuser)."""
        before = self.offer_siae2.message_partner_ids
        answer = self.json_call("/website_mail/follow", id=self.offer_siae2.id, object="hr.job",
                                message_is_follower="off", email="spy@example.org")
        self.assertIn("error", answer)
        self.authenticate(self.siae1.login, self.siae1.login)
        answer = self.json_call("/website_mail/follow", id=self.offer_siae2.id, object="hr.job",
                                message_is_follower="off")
        self.assertIn("error", answer)
        self.assertEqual(self.offer_siae2.message_partner_ids, before)
