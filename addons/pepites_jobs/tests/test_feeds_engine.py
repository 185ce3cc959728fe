"""The feed engine (feeds.py) and the JobPosting serializer (jsonld.py) without a database."""
import datetime
import json
import unittest
from xml.etree import ElementTree

from .. import feeds, jsonld


class TestFeedParams(unittest.TestCase):

    def test_defaults(self):
        """Without parameters: the whole feed, first page, default page size."""
        query = feeds.parse_params({})
        self.assertEqual(query, feeds.FeedQuery(None, None, None, feeds.DEFAULT_LIMIT, 1, None))

    def test_updated_since_forms(self):
        """updated_since accepts dates, date-times with Z, an offset, or a "+" decoded as a
        space; values are kept in UTC."""
        for raw, expected in (
                ("2026-11-26", datetime.datetime(2026, 11, 26)),
                ("2026-11-26T08:15:00Z", datetime.datetime(2026, 11, 26, 8, 15)),
                ("2026-11-26T09:15:00+01:00", datetime.datetime(2026, 11, 26, 8, 15)),
                ("2026-11-26T09:15:00 0100", datetime.datetime(2026, 11, 26, 8, 15)),
                ("2026-11-26T08:15:00.123456Z", datetime.datetime(2026, 11, 26, 8, 15, 0, 123456))):
            self.assertEqual(feeds.parse_params({"updated_since": raw}).updated_since, expected)

    def test_malformed(self):
        """Malformed parameters raise FeedError with a message naming the parameter."""
        for args in ({"updated_since": "hier"}, {"updated_since": "2026-13-45"},
                     {"updated_since": "2026-11-26T25:00:00"}, {"department": "Gironde"},
                     {"job_family": "eti'; drop table hr_job; --"}, {"limit": "0"},
                     {"limit": "-5"}, {"limit": "abc"}, {"limit": str(feeds.MAX_LIMIT + 1)},
                     {"page": "0"}, {"after": "nonsense"},
                     {"after": "2026-11-26T08:00:00Z_12", "page": "2"}):
            with self.assertRaises(feeds.FeedError, msg=repr(args)):
                feeds.parse_params(args)

    def test_out_of_range(self):
        """Moments the feed cannot compute with are refused as FeedError (not an
        OverflowError, which was an HTTP 500); the bounds themselves are accepted."""
        for raw in ("0001-01-01", "9999-12-31T23:59:59-14:00", "9999-12-31",
                    "1969-12-31T23:59:59Z", "1970-01-01T00:30:00+01:00"):
            with self.assertRaises(feeds.FeedError, msg=raw) as error:
                feeds.parse_params({"updated_since": raw})
            self.assertIn("1970-01-01T00:00:00Z", str(error.exception))
        for raw in ("0001-01-01T00:00:00Z", "9999-12-31T23:59:59-14:00"):
            with self.assertRaises(feeds.FeedError, msg=raw):
                feeds.parse_params({"after": raw + "_7"})
        self.assertEqual(feeds.parse_params({"updated_since": "1970-01-01"}).updated_since,
                         feeds.MIN_MOMENT)
        self.assertEqual(
            feeds.parse_params({"updated_since": "9999-12-31T00:59:59+01:00"}).updated_since,
            feeds.MAX_MOMENT)

    def test_cursor_round_trip(self):
        """The cursor of a page's last offer reads back as (updated_at, id)."""
        cursor = feeds.encode_cursor("2026-11-26 08:00:05", 42)
        self.assertEqual(feeds.parse_params({"after": cursor}).after,
                         (datetime.datetime(2026, 11, 26, 8, 0, 5), 42))

    def test_first_value_of_lists(self):
        """Repeated parameters: the first value counts."""
        self.assertEqual(feeds.parse_params({"department": ["33", "64"]}).department, "33")

    def test_publication_end(self):
        """An offer expiring on a winter day leaves the board at 23:00 UTC that day."""
        self.assertEqual(feeds.end_of_publication("2026-12-15"),
                         datetime.datetime(2026, 12, 15, 23, 0))
        self.assertEqual(feeds.end_of_publication("2026-07-15"),
                         datetime.datetime(2026, 7, 15, 22, 0))


class TestFeedSerialisation(unittest.TestCase):

    def setUp(self):
        self.row = (7, "Encadrant technique", "Jardins du Béarn", "44012345300019", "aci", "eti",
                    "K1203", "cdi", 35.0, "64", "Pau", "2026-11-20", "2027-01-19",
                    "2026-11-20 09:00:00", "Encadrer une équipe.")
        self.feed = {"generated_at": "2026-11-26T10:00:00Z",
                     "offers": [feeds.offer_to_dict(self.row, "https://jobs.example")],
                     "removed": [{"id": 3, "removed_at": "2026-11-25T23:00:00Z",
                                  "reason": "expired"}],
                     "next_cursor": None}

    def test_offer_object(self):
        """An offer carries exactly the fields of the feed's contract."""
        offer = self.feed["offers"][0]
        self.assertEqual(set(offer), {
            "id", "title", "employer", "job_family", "rome_code", "contract_type",
            "weekly_hours", "department", "city", "published_at", "expires_at", "updated_at",
            "url", "description"})
        self.assertEqual(offer["employer"], {"name": "Jardins du Béarn",
                                             "siret": "44012345300019", "kind": "aci"})
        self.assertEqual(offer["updated_at"], "2026-11-20T09:00:00Z")
        self.assertEqual(offer["url"], "https://jobs.example/jobs/detail/7")

    def test_json_document(self):
        """The JSON document has generated_at, offers, removed and next."""
        document = json.loads(feeds.feed_to_json(self.feed, None).decode("utf-8"))
        self.assertEqual(set(document), {"generated_at", "offers", "removed", "next"})
        self.assertIsNone(document["next"])

    def test_rss_document(self):
        """The RSS is well-formed RSS 2.0 with one item per offer and a next link."""
        channel = {"title": "JobBoard", "link": "https://jobs.example/jobs",
                   "description": "Offres", "language": "fr-FR"}
        body = feeds.feed_to_rss(self.feed, channel, "https://jobs.example/jobs/feed.rss",
                                 "https://jobs.example/jobs/feed.rss?after=x")
        root = ElementTree.fromstring(body)
        self.assertEqual(root.tag, "rss")
        self.assertEqual(root.get("version"), "2.0")
        items = root.findall("channel/item")
        self.assertEqual(len(items), 1)
        self.assertEqual(items[0].findtext("link"), "https://jobs.example/jobs/detail/7")
        self.assertEqual(items[0].findtext("pubDate"), "Fri, 20 Nov 2026 00:00:00 +0000")
        links = root.findall("channel/{http://www.w3.org/2005/Atom}link")
        self.assertEqual([link.get("rel") for link in links], ["self", "next"])

    def test_html_to_text(self):
        """Markup, scripts and styles never reach the feed's plain text."""
        text = feeds.html_to_text("<style>p{}</style><p>Bonjour&nbsp;<b>Léa</b></p>"
                                  "<script>alert(1)</script><ul><li>un</li><li>deux</li></ul>")
        self.assertEqual(text, "Bonjour Léa\n\n- un\n- deux")
        self.assertEqual(feeds.html_to_text(False), "")
        self.assertEqual(feeds.html_to_text("<p></p>"), "")


class TestJobPosting(unittest.TestCase):

    def test_posting(self):
        """A JobPosting names the employer, the place, the dates and the salary, and carries
        no contact."""
        posting = jsonld.job_posting({
            "id": 7, "url": "https://jobs.example/jobs/detail/7", "title": "ETI",
            "description": "<p>Encadrer</p>", "date_posted": "2026-11-20",
            "valid_through": "2026-12-15", "contract_type": "cdd", "weekly_hours": 24,
            "employer": "Jardins du Béarn", "siret": "44012345300019", "city": "Pau",
            "region": "Pyrénées-Atlantiques", "rome_code": "K1203", "salary_min": 1900,
            "salary_max": 2200, "positions": 2, "start_date": "2027-01-04"})
        self.assertEqual(posting["@type"], "JobPosting")
        self.assertEqual(posting["validThrough"], "2026-12-15T23:59:59+01:00")
        self.assertEqual(posting["employmentType"], ["PART_TIME", "TEMPORARY"])
        self.assertEqual(posting["baseSalary"]["value"]["minValue"], 1900)
        self.assertEqual(posting["jobLocation"]["address"]["addressLocality"], "Pau")
        self.assertNotIn("email", json.dumps(posting))

    def test_script_safe(self):
        """No value can close the script element that holds the JSON-LD."""
        self.assertNotIn("</script>", jsonld.script_json({"title": "</script><script>x"}))
