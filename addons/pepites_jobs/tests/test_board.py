import json
import re

from odoo.tests import common

from .common import JobsHttpCase, create_offer, day

JSONLD_RE = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@common.at_install(False)
@common.post_install(True)
class TestBoard(JobsHttpCase):
    """The public board, the offer pages and their JobPosting."""

    def setUp(self):
        super(TestBoard, self).setUp()
        self.published1 = create_offer(self, self.siae1, "published",
                                       name="Encadrante technique maraîchage bio")
        self.published2 = create_offer(self, self.siae2, "published",
                                       name="Chargé de relations entreprises réemploi",
                                       contract_type="cdd", weekly_hours=24)
        self.draft = create_offer(self, self.siae1, name="Brouillon confidentiel")
        self.filled = create_offer(self, self.siae1, "filled", name="Poste déjà pourvu")
        # published, past its last day, the cron not run yet
        self.stale = create_offer(self, self.siae2, "published", name="Offre périmée")
        self.stale.write({"date_published": day(-40), "date_expire": day(-1)})

    def test_board_lists_public_offers_only(self):
        """/jobs lists published offers in their window, not drafts, filled or stale ones."""
        response = self.url_open("/jobs")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Encadrante technique maraîchage bio", response.text)
        self.assertIn("Chargé de relations entreprises réemploi", response.text)
        for hidden in ("Brouillon confidentiel", "Poste déjà pourvu", "Offre périmée"):
            self.assertNotIn(hidden, response.text)

    def test_board_filters(self):
        """Filters by département, job family, contract type, SIAE kind and text combine."""
        def names(query):
            text = self.url_open("/jobs?" + query).text
            return {name for name in ("Encadrante technique maraîchage bio",
                                      "Chargé de relations entreprises réemploi")
                    if name in text}
        self.assertEqual(names("department=64"), {"Encadrante technique maraîchage bio"})
        self.assertEqual(names("department=33"), {"Chargé de relations entreprises réemploi"})
        self.assertEqual(names("contract_type=cdd"), {"Chargé de relations entreprises réemploi"})
        self.assertEqual(names("siae_kind=aci"), {"Encadrante technique maraîchage bio"})
        self.assertEqual(names("part_time=1"), {"Chargé de relations entreprises réemploi"})
        self.assertEqual(names("search=Recyclerie"), {"Chargé de relations entreprises réemploi"})
        self.assertEqual(names("search=maraîchage&department=64"),
                         {"Encadrante technique maraîchage bio"})
        self.assertEqual(names("job_family=eti&department=33"),
                         {"Chargé de relations entreprises réemploi"})
        self.assertEqual(names("job_family=cip"), set())
        # nonsense never fails
        self.assertEqual(self.url_open("/jobs?contract_type=x&siae_kind=%27&department=zz"
                                       ).status_code, 200)

    def test_board_paging(self):
        """Twenty offers a page; the second page holds the rest."""
        for number in range(21):
            create_offer(self, self.siae1, "published", name="Offre paginée %02d" % number,
                         city="Orthez")
        first = self.url_open("/jobs?search=Orthez").text
        second = self.url_open("/jobs/page/2?search=Orthez").text
        self.assertEqual(first.count("Offre paginée"), 20)
        self.assertEqual(second.count("Offre paginée"), 1)
        # a text search counts every match and pages them in the board's order, as without
        Job = self.env["hr.job"].sudo(self.env.ref("base.public_user"))
        pages = [Job.board_search({"search": "Orthez"}, page=page) for page in (1, 2)]
        self.assertEqual([result["count"] for result in pages], [21, 21])
        every = Job.search(Job._board_domain() + [("city", "=", "Orthez")],
                           order="date_published desc, id desc")
        self.assertEqual((pages[0]["offers"] | pages[1]["offers"]).ids, every.ids)

    def test_offer_page_jsonld(self):
        """An offer page carries a schema.org JobPosting of the offer, without personal data."""
        response = self.url_open("/jobs/detail/%d" % self.published1.id)
        self.assertEqual(response.status_code, 200)
        scripts = JSONLD_RE.findall(response.text)
        self.assertEqual(len(scripts), 1)
        posting = json.loads(scripts[0])
        self.assertEqual(posting["@type"], "JobPosting")
        self.assertEqual(posting["title"], "Encadrante technique maraîchage bio")
        self.assertEqual(posting["hiringOrganization"]["name"], "Jardins du Béarn (test)")
        self.assertEqual(posting["hiringOrganization"]["identifier"]["value"],
                         self.siae1.siret)
        self.assertEqual(posting["jobLocation"]["address"]["addressLocality"], "Pau")
        self.assertEqual(posting["occupationalCategory"], "K1203")
        self.assertEqual(posting["datePosted"], day(0))
        self.assertTrue(posting["validThrough"].startswith(self.published1.date_expire))
        self.assertIn("FULL_TIME", posting["employmentType"])
        self.assertIn("Encadrer une équipe", posting["description"])
        self.assertTrue(posting["url"].endswith("/jobs/detail/%d" % self.published1.id))
        for personal in ("contact@jardins-bearn.test", "Claire Martin", "pj_siae1",
                         "example.test"):
            self.assertNotIn(personal, scripts[0])

    def test_hidden_offers_are_not_found(self):
        """Drafts, filled and stale offers are 404 for visitors, and for other SIAE."""
        self.url_open("/jobs")  # builds the page assets once (a 404 would roll them back)
        for offer in (self.draft, self.filled, self.stale):
            self.assertEqual(self.url_open("/jobs/detail/%d" % offer.id).status_code, 404)
            self.assertEqual(self.url_open("/jobs/apply/%d" % offer.id).status_code, 404)
        self.assertEqual(self.url_open("/jobs/detail/999999999").status_code, 404)
        self.authenticate("pj_siae2", "Pepites-Jobs-2026")
        self.assertEqual(self.url_open("/jobs/detail/%d" % self.draft.id).status_code, 404)

    def test_owner_and_staff_preview(self):
        """The owning SIAE and INAÉ staff preview an unpublished offer (no JobPosting)."""
        self.authenticate("pj_siae1", "Pepites-Jobs-2026")
        response = self.url_open("/jobs/detail/%d" % self.draft.id)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Brouillon confidentiel", response.text)
        self.assertFalse(JSONLD_RE.findall(response.text))
        self.authenticate("pj_staff", "Pepites-Jobs-2026")
        self.assertEqual(self.url_open("/jobs/detail/%d" % self.draft.id).status_code, 200)

    def test_view_count(self):
        """Visitors' views are counted (the SIAE's own views are not), without changing the
        offer for the feeds."""
        feed_date = self.published1.feed_date
        self.url_open("/jobs/detail/%d" % self.published1.id)
        self.url_open("/jobs/detail/%d" % self.published1.id)
        self.authenticate("pj_siae1", "Pepites-Jobs-2026")
        self.url_open("/jobs/detail/%d" % self.published1.id)
        self.published1.invalidate_cache()
        self.assertEqual(self.published1.view_count, 2)
        self.assertEqual(self.published1.feed_date, feed_date)
