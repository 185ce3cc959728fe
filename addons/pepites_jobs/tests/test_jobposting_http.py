"""Every JobPosting the site publishes, fetched over HTTP and run through the project's check of
Google's required and recommended properties (jobposting_check.py): the offer pages' JSON-LD and
the JSON feed's ``format=jobposting``."""
import json

from odoo.tests import common

from odoo.addons.http_routing.models.ir_http import slug

from .. import jobposting_check
from .common import PASSWORD, JobsHttpCase, create_offer, day
from .test_board import JSONLD_RE


@common.at_install(False)
@common.post_install(True)
class TestJobPostingHttp(JobsHttpCase):

    def setUp(self):
        super(TestJobPostingHttp, self).setUp()
        self.department = self.env["pepites.department"].create({"code": "998",
                                                                 "name": "Test JobPosting"})
        self.siae1.write({"street": "8 impasse des Artisans",
                          "website": "https://jardins-bearn.example"})
        in_test = {"pepites_department_id": self.department.id}
        self.complete = create_offer(self, self.siae1, "published", name="ETI complet",
                                     **in_test)
        self.elsewhere = create_offer(self, self.siae2, "published", name="CIP à Libourne",
                                      city="Libourne", contract_type="interim",
                                      weekly_hours=20, salary_min=0, salary_max=0, **in_test)
        self.draft = create_offer(self, self.siae1, name="Brouillon JobPosting", **in_test)
        self.filled = create_offer(self, self.siae1, "filled", name="Pourvu JobPosting",
                                   **in_test)
        self.expired = create_offer(self, self.siae1, "expired", name="Expiré JobPosting",
                                    **in_test)
        self.stale = create_offer(self, self.siae1, "published", name="Périmé JobPosting",
                                  **in_test)
        self.stale.write({"date_published": day(-40), "date_expire": day(-1)})

    def page_postings(self, offer):
        response = self.url_open("/jobs/detail/%d" % offer.id)
        self.assertEqual(response.status_code, 200, offer.name)
        return [json.loads(script) for script in JSONLD_RE.findall(response.text)]

    def assert_accepted(self, posting, label):
        errors, _warnings = jobposting_check.check(posting)
        self.assertEqual(errors, [], label)

    def test_every_public_offer_page(self):
        """Every offer on the board (the demo's too) has one JobPosting that passes the check;
        an offer in its employer's town with a salary has every recommended property."""
        offers = self.Job.search(self.Job._board_domain())
        self.assertIn(self.complete, offers)
        for offer in offers:
            postings = self.page_postings(offer)
            self.assertEqual(len(postings), 1, offer.name)
            self.assert_accepted(postings[0], offer.name)
        posting = self.page_postings(self.complete)[0]
        self.assertEqual(jobposting_check.check(posting), ([], []))
        self.assertEqual(posting["jobLocation"]["address"]["streetAddress"],
                         "8 impasse des Artisans")
        self.assertEqual(posting["jobLocation"]["address"]["postalCode"], "64000")
        # the SIAE's page on PEPITES; its web site only once the SIAE chose to publish it
        page_url = self.siae1._pepites_public_page_url()
        self.assertEqual(posting["hiringOrganization"]["sameAs"], page_url)
        self.assertTrue(page_url.endswith("/siae/jardins-du-bearn-test-%d" % self.siae1.id))
        self.assertEqual(posting["employmentType"], ["FULL_TIME"])
        self.assertNotIn("contact@jardins-bearn.test", json.dumps(posting))
        other = self.page_postings(self.elsewhere)[0]
        self.assertEqual(other["employmentType"], ["PART_TIME", "TEMPORARY"])
        self.assertEqual(other["jobLocation"]["address"]["addressLocality"], "Libourne")
        self.assertNotIn("postalCode", other["jobLocation"]["address"])
        self.assertNotIn("baseSalary", other)

    def test_same_as_page_then_published_website(self):
        """The employer's ``sameAs``: its public page, which answers with the offer listed;
        with the web site the SIAE chose to publish, both, and the check accepts them."""
        page_url = self.siae1._pepites_public_page_url()
        page_path = page_url[len(self.env["ir.config_parameter"]._pepites_public_url()):]
        page = self.url_open(page_path)
        self.assertEqual(page.status_code, 200)
        self.assertIn("/jobs/detail/%s" % slug(self.complete), page.text)
        self.siae1.siae_public_website = True
        posting = self.page_postings(self.complete)[0]
        self.assertEqual(posting["hiringOrganization"]["sameAs"],
                         [page_url, "https://jardins-bearn.example"])
        self.assertEqual(jobposting_check.check(posting), ([], []))

    def test_siae_page_lists_open_offers_and_offer_links_it(self):
        """A SIAE's public page lists its offers on the board (never a draft, a filled or an
        expired one) linking to them; the offer page's "About the employer" links back."""
        page_path = "/siae/%s" % slug(self.siae1)
        text = self.url_open(page_path).text
        self.assertIn("ETI complet", text)
        self.assertIn('href="/jobs/detail/%s"' % slug(self.complete), text)
        for hidden in (self.draft, self.filled, self.expired, self.stale, self.elsewhere):
            self.assertNotIn(hidden.name, text)
        offer_page = self.url_open("/jobs/detail/%s" % slug(self.complete)).text
        self.assertIn('href="%s"' % page_path, offer_page)
        self.assertIn("Recyclerie de Gironde", self.url_open(
            "/siae/%s" % slug(self.siae2)).text)

    def test_hidden_offers_have_no_jobposting(self):
        """Drafts, filled, expired and stale offers: 404 for visitors, and the preview their
        SIAE sees carries no JobPosting."""
        hidden = (self.draft, self.filled, self.expired, self.stale)
        for offer in hidden:
            self.assertEqual(self.url_open("/jobs/detail/%d" % offer.id).status_code, 404,
                             offer.name)
        self.authenticate("pj_siae1", PASSWORD)
        for offer in hidden:
            self.assertEqual(self.page_postings(offer), [], offer.name)

    def test_feed_jobposting(self):
        """``format=jobposting``: the feed's offers, in its order, each the JobPosting of its
        page, all passing the check; hidden offers absent; the next page keeps the format."""
        default = self.url_open("/jobs/feed.json?department=998").json()
        response = self.url_open("/jobs/feed.json?department=998&format=jobposting")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.headers["Content-Type"].startswith("application/json"))
        data = response.json()
        self.assertEqual(set(data), {"generated_at", "offers", "removed", "next"})
        self.assertEqual([posting["identifier"]["value"] for posting in data["offers"]],
                         [str(offer["id"]) for offer in default["offers"]])
        self.assertEqual([posting["title"] for posting in data["offers"]],
                         ["ETI complet", "CIP à Libourne"])
        for posting in data["offers"]:
            self.assert_accepted(posting, posting["title"])
            offer = self.Job.browse(int(posting["identifier"]["value"]))
            self.assertEqual(posting, self.page_postings(offer)[0])
        first = self.url_open("/jobs/feed.json?department=998&format=jobposting&limit=1").json()
        self.assertEqual(len(first["offers"]), 1)
        self.assertIn("format=jobposting", first["next"])
        second = self.url_open("/jobs/" + first["next"].split("/jobs/", 1)[1]).json()
        self.assertEqual(second["offers"][0]["title"], "CIP à Libourne")

    def test_bad_parameters(self):
        """A wrong format or a wrong parameter with it: 400 with a JSON error in French."""
        for query in ("format=xml", "format=", "format=jobposting&limit=0",
                      "format=jobposting&department=ZZ"):
            response = self.url_open("/jobs/feed.json?" + query)
            if query == "format=":  # an empty format is the default one
                self.assertEqual(response.status_code, 200)
                continue
            self.assertEqual(response.status_code, 400, query)
            self.assertEqual(response.json()["error"], "bad_request")
        message = self.url_open("/jobs/feed.json?format=xml").json()["message"]
        self.assertEqual(message, "Le paramètre « format » doit valoir json ou jobposting "
                                  "(reçu : « xml »).")
