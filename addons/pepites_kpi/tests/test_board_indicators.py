"""The indicators about the JobBoard count what /jobs shows: the board's one rule."""
import re

from odoo.tests import common

from odoo.addons.pepites_jobs.tests.common import JobsHttpCase, create_offer, day

from ..models.pepites_kpi_indicator import OFFERS_PUBLISHED_BEFORE_BOARD_RULE
from .common import KpiCase

#: the figure of an indicator on /indicateurs
FIGURE_RE = r'data-code="%s".*?o_pepites_kpi_value">([^<]*)<'
#: the number of offers /jobs announces
BOARD_COUNT_RE = re.compile(r'o_pepites_board_count">\s*(\d+)', re.S)
OFFER_ITEM = 'class="media o_pepites_offer"'


@common.at_install(False)
@common.post_install(True)
class TestBoardIndicators(JobsHttpCase):

    def setUp(self):
        super(TestBoardIndicators, self).setUp()
        self.department_24 = self.env.ref("pepites_partners.department_24")
        self.on_board = create_offer(self, self.siae2, "published", name="CIP réemploi")
        # what the old indicators counted and /jobs never showed: a position of INAÉ itself
        # (no employer), published on the website…
        self.no_employer = self.Job.create({
            "name": "Chargée de mission INAÉ", "pepites_state": "published",
            "website_published": True, "date_published": day(-3),
            "pepites_department_id": self.department_24.id})
        # … an offer the cron expired…
        self.expired = create_offer(self, self.siae1, "expired", name="Offre expirée")
        # … and one past its last day that the cron has not expired yet
        self.stale = create_offer(self, self.siae1, "published", name="Offre périmée",
                                  pepites_department_id=self.department_24.id)
        self.stale.write({"date_published": day(-40), "date_expire": day(-1)})

    def value(self, code, department=None):
        indicator = self.env.ref("pepites_kpi.indicator_%s" % code)
        values = indicator._values_by_department()[indicator.id]
        return values.get(department.id if department else None, 0)

    def board_listing(self):
        """(the count /jobs announces, the offers it lists on all its pages)."""
        text = self.url_open("/jobs").text
        announced = int(BOARD_COUNT_RE.search(text).group(1))
        listed, page = text.count(OFFER_ITEM), 1
        while listed < announced and page < 50:
            page += 1
            listed_here = self.url_open("/jobs/page/%d" % page).text.count(OFFER_ITEM)
            if not listed_here:
                break
            listed += listed_here
        return announced, listed

    def test_online_figure_is_what_jobs_lists(self):
        """The "Job offers online now" figure of /indicateurs, and the indicator's value, are
        the number of offers /jobs lists: not the position without employer, nor the offers
        past their last day (expired by the cron or not yet)."""
        announced, listed = self.board_listing()
        self.assertEqual(announced, listed)
        self.assertEqual(self.value("offers_online"), listed)
        page = self.url_open("/indicateurs").text
        figure = re.search(FIGURE_RE % "offers_online", page, re.S).group(1)
        self.assertEqual(float(figure), listed)
        self.assertEqual(listed, self.Job.search_count(self.Job._board_domain()))
        for hidden in (self.no_employer, self.stale, self.expired):
            self.assertTrue(hidden.date_published)
            self.assertFalse(hidden._is_public())

    def test_published_counts_the_publications_of_siae(self):
        """"Job offers published" is the programme's yearly figure (baseline 420 a year): every
        offer of a SIAE published this calendar year counts, expired ones included, dated by
        its publication; a position without employer, never on the board, does not."""
        Job = self.Job.sudo()
        this_year = ("date_published", ">=", day(0)[:4] + "-01-01")
        published = Job.search_count([this_year, ("siae_id", "!=", False)])
        self.assertEqual(self.value("offers_published"), published)
        self.assertGreaterEqual(published, self.value("offers_online"))
        self.assertEqual(self.value("offers_published", self.department_24),
                         Job.search_count([this_year,
                                           ("siae_id", "!=", False),
                                           ("pepites_department_id", "=",
                                            self.department_24.id)]))
        self.assertIn(self.stale, Job.search([("date_published", "!=", False)]))
        indicator = self.env.ref("pepites_kpi.indicator_offers_published")
        self.assertEqual(indicator.date_field, "date_published")
        page = self.url_open("/indicateurs").text
        figure = re.search(FIGURE_RE % "offers_published", page, re.S).group(1)
        self.assertEqual(float(figure), published)

    def test_jobboard_live_by_the_board_rule(self):
        """The JobBoard is live in a département when /jobs lists an offer there: not for a
        position without employer nor for an offer past its last day, which the old indicator
        took for live offers."""
        others = self.Job.search([
            ("pepites_state", "=", "published"),
            ("id", "not in", (self.on_board | self.no_employer | self.stale).ids)])
        others.write({"website_published": False})
        self.assertEqual(self.board_listing(), (1, 1))
        self.assertEqual(self.value("jobboard_live"), 1)
        self.assertEqual(self.value("jobboard_live", self.department_33), 1)
        self.assertEqual(self.value("jobboard_live", self.department_24), 0)
        self.assertEqual(self.value("offers_online", self.department_24), 0)
        self.on_board.write({"website_published": False})
        self.assertEqual(self.board_listing(), (0, 0))
        self.assertEqual(self.value("jobboard_live"), 0)
        self.assertEqual(self.value("offers_online"), 0)


class TestBoardIndicatorsMigration(KpiCase):

    def test_migration_rewrites_the_old_definition(self):
        """A database made before 11.0.1.0.1 has the old "Job offers published" (every offer
        ever dated, a position without employer included): its update counts the offers of a
        SIAE only, still dated by publication; a definition a manager changed stays."""
        indicator = self.env.ref("pepites_kpi.indicator_offers_published")
        indicator.write(dict(OFFERS_PUBLISHED_BEFORE_BOARD_RULE, method_name=False,
                             period="cumulative",
                             department_field="pepites_department_id",
                             date_field="date_published"))
        # a position without employer, published on the website: never on the board
        Job = self.env["hr.job"]
        Job.create({"name": "Chargée de mission INAÉ", "pepites_state": "published",
                    "website_published": True, "date_published": "2026-01-05"})
        of_siae = Job.search_count([("date_published", "!=", False), ("siae_id", "!=", False)])
        self.assertGreater(self.value("offers_published"), of_siae)
        Indicator = self.env["pepites.kpi.indicator"]
        self.assertEqual(Indicator._migrate_offers_published_to_siae_offers(), indicator)
        self.assertEqual((indicator.compute_mode, indicator.date_field),
                         ("domain", "date_published"))
        self.assertEqual(self.value("offers_published"), of_siae)
        indicator.write(dict(OFFERS_PUBLISHED_BEFORE_BOARD_RULE,
                             domain="[('siae_id', '!=', False)]"))
        self.assertFalse(Indicator._migrate_offers_published_to_siae_offers())
        self.assertEqual(indicator.domain, "[('siae_id', '!=', False)]")
