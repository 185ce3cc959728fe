from xml.etree import ElementTree

from odoo.tests import common

from .common import JobsHttpCase, create_offer, day

PERSONAL = ("contact@jardins-bearn.test", "Claire Martin", "Hugo Bernard", "example.test",
            "Léa Petit")


@common.at_install(False)
@common.post_install(True)
class TestFeeds(JobsHttpCase):
    """The partners' JSON and RSS feeds."""

    def setUp(self):
        super(TestFeeds, self).setUp()
        self.department = self.env["pepites.department"].create({"code": "999",
                                                                 "name": "Test"})
        self.published1 = create_offer(self, self.siae1, "published", name="ETI maraîchage",
                                       pepites_department_id=self.department.id)
        self.published2 = create_offer(self, self.siae2, "published", name="CIP réemploi",
                                       job_family_id=self.family_cip.id,
                                       pepites_department_id=self.department.id)
        self.draft = create_offer(self, self.siae1, name="Brouillon",
                                  pepites_department_id=self.department.id)
        self.stale = create_offer(self, self.siae1, "published", name="Périmée",
                                  pepites_department_id=self.department.id)
        self.stale.write({"date_published": day(-40), "date_expire": day(-1)})
        self.env["hr.applicant"].create({"name": "Candidature", "partner_name": "Léa Petit",
                                         "email_from": "lea@example.test",
                                         "job_id": self.published1.id})
        # everything above happened an hour ago, so that "since" splits before/after cleanly
        self.env.cr.execute(
            "UPDATE hr_job SET feed_date = feed_date - interval '1 hour', "
            "date_unpublished = date_unpublished - interval '1 hour' WHERE id IN %s",
            (tuple((self.published1 | self.published2 | self.draft | self.stale).ids),))
        self.env["hr.job"].invalidate_cache()

    def feed(self, query="", status=200):
        response = self.url_open("/jobs/feed.json?department=999" + query)
        self.assertEqual(response.status_code, status, response.text[:300])
        self.assertTrue(response.headers["Content-Type"].startswith("application/json"))
        return response.json()

    def test_full_feed_content(self):
        """The feed lists the published offers in their window with the contract's fields,
        and no personal data."""
        response = self.url_open("/jobs/feed.json?department=999")
        data = response.json()
        self.assertEqual(set(data), {"generated_at", "offers", "removed", "next"})
        self.assertEqual([offer["id"] for offer in data["offers"]],
                         [self.published1.id, self.published2.id])
        self.assertEqual(data["removed"], [])
        self.assertIsNone(data["next"])
        offer = data["offers"][0]
        self.assertEqual(offer["title"], "ETI maraîchage")
        self.assertEqual(offer["employer"], {"name": "Jardins du Béarn (test)",
                                             "siret": self.siae1.siret, "kind": "aci"})
        self.assertEqual(offer["job_family"], "eti")
        self.assertEqual(offer["rome_code"], "K1203")
        self.assertEqual(offer["contract_type"], "cdi")
        self.assertEqual(offer["weekly_hours"], 35.0)
        self.assertEqual(offer["department"], "999")
        self.assertEqual(offer["city"], "Pau")
        self.assertEqual(offer["published_at"], day(0))
        self.assertEqual(offer["expires_at"], self.published1.date_expire)
        self.assertTrue(offer["updated_at"].endswith("Z"))
        self.assertTrue(offer["url"].endswith("/jobs/detail/%d" % self.published1.id))
        self.assertIn("Encadrer une équipe", offer["description"])
        self.assertNotIn("<p>", offer["description"])
        for personal in PERSONAL:
            self.assertNotIn(personal, response.text)

    def test_filters(self):
        """department and job_family narrow the feed."""
        data = self.feed("&job_family=cip")
        self.assertEqual([offer["id"] for offer in data["offers"]], [self.published2.id])
        data = self.url_open("/jobs/feed.json?department=64").json()
        self.assertNotIn(self.published1.id, [offer["id"] for offer in data["offers"]])

    def test_incremental_feed(self):
        """With updated_since, the feed sends what changed since, and lists as removed the
        offers unpublished or expired since, with the reason."""
        since = self.feed()["generated_at"]
        self.published2.sudo(self.user_staff).write({"name": "CIP réemploi (h/f)"})
        self.published1.sudo(self.user_siae1).action_mark_filled()
        data = self.feed("&updated_since=" + since)
        self.assertEqual([offer["id"] for offer in data["offers"]], [self.published2.id])
        self.assertEqual(data["offers"][0]["title"], "CIP réemploi (h/f)")
        self.assertEqual([(item["id"], item["reason"]) for item in data["removed"]],
                         [(self.published1.id, "filled")])
        # the offer past its last day is reported removed, at the midnight after that day,
        # even before the cron expires it
        data = self.feed("&updated_since=" + day(-3))
        removed = {item["id"]: item for item in data["removed"]}
        self.assertEqual(removed[self.stale.id]["reason"], "expired")
        self.assertEqual(set(removed), {self.published1.id, self.stale.id})
        # after the cron, the same moment is reported
        moment = removed[self.stale.id]["removed_at"]
        self.env["hr.job"]._cron_expire_offers()
        data = self.feed("&updated_since=" + day(-3))
        removed = {item["id"]: item for item in data["removed"]}
        self.assertEqual(removed[self.stale.id]["removed_at"], moment)
        self.assertFalse(self.feed("&updated_since=2099-01-01")["offers"])

    def test_employer_change_is_sent_again(self):
        """A change of the employer's name makes its published offers new in the feed."""
        since = self.feed()["generated_at"]
        self.siae2.write({"name": "Recyclerie de Gironde (nouveau nom)"})
        data = self.feed("&updated_since=" + since)
        self.assertEqual([offer["id"] for offer in data["offers"]], [self.published2.id])
        self.assertEqual(data["offers"][0]["employer"]["name"],
                         "Recyclerie de Gironde (nouveau nom)")

    def test_paging(self):
        """Pages follow a stable order; next leads to the following page, also when an offer
        already read changes meanwhile; the last page has no next."""
        third = create_offer(self, self.siae2, "published", name="Coordinatrice",
                             pepites_department_id=self.department.id)
        self.env.cr.execute("UPDATE hr_job SET feed_date = feed_date - interval '30 minutes' "
                            "WHERE id = %s", (third.id,))
        third.invalidate_cache()
        first = self.feed("&limit=1")
        self.assertEqual([offer["id"] for offer in first["offers"]], [self.published1.id])
        self.assertIn("after=", first["next"])
        self.assertIn("limit=1", first["next"])
        # the offer already read changes: it moves to the end, the walk does not skip
        self.published1.sudo(self.user_staff).write({"city": "Lescar"})
        seen = [self.published1.id]
        url = first["next"]
        while url:
            page = self.url_open(url[url.index("/jobs/"):]).json()
            seen += [offer["id"] for offer in page["offers"]]
            url = page["next"]
        self.assertEqual(seen, [self.published1.id, self.published2.id, third.id,
                                self.published1.id])
        page2 = self.feed("&limit=1&page=2")
        self.assertEqual([offer["id"] for offer in page2["offers"]], [third.id])

    def test_malformed_parameters(self):
        """Malformed parameters get a 400 with a JSON message, never a 500."""
        for query in ("&updated_since=yesterday", "&updated_since=2026-02-30",
                      "&limit=0", "&limit=many", "&page=-1", "&after=abc",
                      "&job_family=nope"):
            response = self.url_open("/jobs/feed.json?department=999" + query)
            self.assertEqual(response.status_code, 400, query)
            body = response.json()
            self.assertEqual(body["error"], "bad_request")
            self.assertTrue(body["message"])
        response = self.url_open("/jobs/feed.json?department=ZZ")
        self.assertEqual(response.status_code, 400)
        self.assertIn("department", response.json()["message"])
        response = self.url_open("/jobs/feed.rss?updated_since=nope")
        self.assertEqual(response.status_code, 400)

    def test_out_of_range_dates(self):
        """A well-formed updated_since outside the moments the feed can compute with (year 1,
        or the last second of year 9999 at UTC-14) is refused with a 400 and a message giving
        the range, on both feeds; it was an HTTP 500 (a date overflow). A cursor holding such a
        moment is refused as a bad cursor."""
        for path in ("/jobs/feed.json", "/jobs/feed.rss"):
            for value in ("0001-01-01", "9999-12-31T23:59:59-14:00", "9999-12-31",
                          "1969-12-31T23:59:59Z"):
                response = self.url_open("%s?updated_since=%s" % (path, value))
                self.assertEqual(response.status_code, 400, (path, value))
                body = response.json()
                self.assertEqual(body["error"], "bad_request")
                self.assertIn("updated_since", body["message"])
                self.assertIn("1970-01-01T00:00:00Z", body["message"])
                self.assertIn("9999-12-30T23:59:59Z", body["message"])
            response = self.url_open(path + "?after=9999-12-31T23:59:59-14:00_5")
            self.assertEqual(response.status_code, 400, path)
            self.assertIn("after", response.json()["message"])
        # the bounds themselves are served
        self.assertEqual(self.feed("&updated_since=1970-01-01")["offers"][0]["id"],
                         self.published1.id)
        self.assertEqual(self.feed("&updated_since=9999-12-30T23:59:59Z")["offers"], [])
        response = self.url_open("/jobs/feed.rss?department=999&updated_since=1970-01-01")
        self.assertEqual(response.status_code, 200)

    def test_rss(self):
        """The RSS feed lists the same offers as items with their links."""
        response = self.url_open("/jobs/feed.rss?department=999")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.headers["Content-Type"].startswith("application/rss+xml"))
        root = ElementTree.fromstring(response.content)
        links = [item.findtext("link") for item in root.findall("channel/item")]
        self.assertEqual(len(links), 2)
        self.assertTrue(links[0].endswith("/jobs/detail/%d" % self.published1.id))
        for personal in PERSONAL:
            self.assertNotIn(personal, response.text)
