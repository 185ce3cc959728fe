"""The SIAE's to-do on ``/my`` and the staff's queues on the PEPITES home: right counts, each
user's own data only, one page per line."""
from urllib.parse import urlsplit

from lxml import html as lxml_html

from odoo.tests.common import at_install, post_install

from odoo.addons.pepites_partners.tests.test_redirects import csrf_token_of, landing

from .common import create_offer
from .events_common import PathwaysCase, PathwaysHttpCase, immersion_values, today


def setup_landing(case, env):
    """On top of the pathways' cast: for SIAE A and B, conventions in several states, a
    refused offer each, a published offer each with applications new and handled."""
    case.Job = env["hr.job"]
    case.family_eti = env.ref("pepites_partners.job_family_eti")
    Immersion = env["pepites.immersion"]
    case.im_a_waiting = Immersion.create(immersion_values(case))
    case.im_a_host_signed = Immersion.create(immersion_values(case))
    case.im_a_draft = Immersion.create(immersion_values(case))
    case.im_b_waiting = Immersion.create(immersion_values(
        case, host_siae_id=case.siae_b.id, tutor_id=False))
    (case.im_a_waiting | case.im_a_host_signed | case.im_b_waiting).action_to_sign()
    case.im_a_host_signed.action_sign("host")
    case.refused_a = create_offer(case, case.siae_a, "refused", city="Bordeaux",
                                  name="Offre A refusée")
    case.refused_b = create_offer(case, case.siae_b, "refused", city="Périgueux",
                                  name="Offre B refusée")
    case.offer_a = create_offer(case, case.siae_a, "published", city="Bordeaux",
                                name="Offre A publiée")
    case.offer_b = create_offer(case, case.siae_b, "published", city="Périgueux",
                                name="Offre B publiée")
    Applicant = env["hr.applicant"]

    def apply(offer, name):
        return Applicant.create({"name": "Candidature", "partner_name": name,
                                 "email_from": "%s@example.test" % name.lower(),
                                 "job_id": offer.id})
    apply(case.offer_a, "Nina")
    apply(case.offer_a, "Omar")
    apply(case.offer_a, "Paula").pepites_siae_status = "accepted"  # decided by its SIAE
    apply(case.offer_a, "Quentin").active = False  # refused in core's way: archived
    apply(case.offer_b, "Rémi")


class TestPortalTodo(PathwaysCase):
    """``res.users._pepites_portal_todo`` as each portal user."""

    @classmethod
    def setUpClass(cls):
        super(TestPortalTodo, cls).setUpClass()
        setup_landing(cls, cls.env)

    def todo(self, user):
        return {line["url"]: line for line in user.sudo(user)._pepites_portal_todo_lines()}

    def test_siae_a_todo(self):
        """SIAE A: 1 convention waiting for its signature (not the one it signed, not the
        draft, not SIAE B's), its refused offer with INAÉ's reason, the 2 new applications to
        its offer (not the one it accepted, nor the archived one, nor SIAE B's)."""
        todo = self.todo(self.user_siae_a)
        self.assertEqual(todo["/my/immersions"]["count"], 1)
        refused = todo["/my/offers/%d" % self.refused_a.id]
        self.assertEqual(refused["count"], 1)
        self.assertIn("Le salaire manque.", refused["note"])
        self.assertNotIn("Offre B", refused["note"])
        self.assertEqual(todo["/my/offers/%d" % self.offer_a.id]["count"], 2)
        self.assertEqual(len(todo), 3)

    def test_siae_b_todo(self):
        """SIAE B sees its own lines only."""
        todo = self.todo(self.user_siae_b)
        self.assertEqual(todo["/my/immersions"]["count"], 1)
        self.assertEqual(todo["/my/offers/%d" % self.refused_b.id]["count"], 1)
        self.assertEqual(todo["/my/offers/%d" % self.offer_b.id]["count"], 1)
        self.assertEqual(len(todo), 3)

    def test_nothing_to_do(self):
        """Once signed, resubmitted and handled, nothing is left; other portal users have
        no to-do at all."""
        self.im_b_waiting.action_sign("host")
        self.refused_b.sudo(self.user_staff).action_reset_to_draft()
        self.env["hr.applicant"].search([("job_id", "=", self.offer_b.id)]).active = False
        self.assertEqual(self.todo(self.user_siae_b), {})
        self.assertEqual(self.todo(self.user_counsellor), {})
        self.assertEqual(self.todo(self.user_partner_api), {})

    def test_staff_queues(self):
        """The staff's queues count under staff rights what their lists open on."""
        def count(xmlid):
            return self.env.ref("pepites_jobs.pepites_home_queue_" + xmlid).sudo(
                self.user_staff).count
        Immersion = self.env["pepites.immersion"].sudo(self.user_staff)
        self.assertEqual(count("conventions_to_sign"),
                         Immersion.search_count([("state", "=", "to_sign")]))
        self.assertGreaterEqual(count("conventions_to_sign"), 3)
        before = count("offers_to_moderate")
        create_offer(self, self.siae_a, "submitted", city="Bordeaux")
        self.assertEqual(count("offers_to_moderate"), before + 1)
        soon = count("immersions_starting")
        self.im_a_host_signed.write({"date_start": today(3), "date_end": today(10)})
        self.im_a_host_signed.action_sign("beneficiary")
        self.im_a_host_signed.action_sign("prescriber")
        self.assertEqual(self.im_a_host_signed.state, "signed")
        self.assertEqual(count("immersions_starting"), soon + 1)
        action = self.env.ref("pepites_jobs.pepites_home_queue_offers_to_moderate").sudo(
            self.user_staff).action_open()
        self.assertEqual(action["res_model"], "hr.job")
        self.assertEqual(self.env["hr.job"].search_count(action["domain"]), before + 1)


@at_install(False)
@post_install(True)
class TestPortalLanding(PathwaysHttpCase):
    """A SIAE manager logs in and lands on /my, its to-do on top."""

    def setUp(self):
        super(TestPortalLanding, self).setUp()
        setup_landing(self, self.env)

    def login(self, login):
        self.opener.cookies.clear()
        self._before_request()
        try:
            url = self.base_url() + "/web/login"
            token = csrf_token_of(self.opener.get(url, timeout=60).text)
            response = self.opener.post(url, timeout=60, allow_redirects=False, data={
                "login": login, "password": login, "csrf_token": token})
        finally:
            self._after_request()
        return urlsplit(landing(response)).path

    def todo(self):
        page = lxml_html.fromstring(self.url_open("/my").text)
        return {item.xpath(".//a/@href")[0]: int(item.xpath(".//span[@class='badge']")[0].text)
                for item in page.xpath("//div[contains(@class, 'o_pepites_todo')]//li")}

    def test_siae_lands_on_its_todo(self):
        """SIAE A lands on /my and reads its three lines with their counts, each a link to
        the page that handles it; SIAE B's offers are not there."""
        self.assertEqual(self.login("test_siae_a"), "/my")
        self.assertEqual(self.todo(), {
            "/my/immersions": 1, "/my/offers/%d" % self.refused_a.id: 1,
            "/my/offers/%d" % self.offer_a.id: 2})
        html = self.url_open("/my").text
        self.assertIn("Le salaire manque.", html)
        self.assertNotIn("Offre B", html)
        for url in ("/my/immersions", "/my/offers/%d" % self.offer_a.id):
            self.assertEqual(self.url_open(url).status_code, 200, url)

    def test_no_block_when_nothing_to_do(self):
        """A portal user with nothing to do sees no to-do block."""
        self.assertEqual(self.login("test_counsellor"), "/my")
        self.assertEqual(self.todo(), {})
        self.assertNotIn("o_pepites_todo", self.url_open("/my").text)
