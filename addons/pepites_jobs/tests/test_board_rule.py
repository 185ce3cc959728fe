"""The board rule (board_rule.py): its doctests, and its three forms on the database."""

from .. import board_rule
from ..board_rule import EXPIRED_BY_DATE, ON_BOARD, board_today
from ..models.hr_job import BOARD_INDEX_PREDICATE
from .common import JobsCase, create_offer, day



class TestBoardRuleForms(JobsCase):
    """The SQL, domain and Python forms of the board rule select the same offers."""

    @classmethod
    def setUpClass(cls):
        super(TestBoardRuleForms, cls).setUpClass()
        cls.offers = {
            "published": create_offer(cls, cls.siae1, "published"),
            "last_day": create_offer(cls, cls.siae2, "published", date_expire=day(0)),
            "draft": create_offer(cls, cls.siae1),
            "submitted": create_offer(cls, cls.siae2, "submitted"),
            "filled": create_offer(cls, cls.siae1, "filled"),
            "expired": create_offer(cls, cls.siae2, "expired"),
            "hidden": create_offer(cls, cls.siae1, "published"),
            "stale": create_offer(cls, cls.siae2, "published"),
            # a position of INAÉ itself, on the website: never on the board
            "no_employer": cls.Job.create({
                "name": "Chargée de mission INAÉ", "pepites_state": "published",
                "website_published": True, "date_published": day(-3)}),
        }
        cls.offers["hidden"].write({"website_published": False})
        # published, past its last day, the cron not run yet
        cls.offers["stale"].write({"date_published": day(-40), "date_expire": day(-1)})

    def selected(self, rule):
        """The ids the rule's three forms select among every position of the database (the
        demo offers included): (SQL, domain, Python)."""
        today = board_today()
        self.env.cr.execute(
            "SELECT j.id FROM hr_job j WHERE " + board_rule.sql(rule, "j") + " ORDER BY j.id",
            board_rule.sql_params(today))
        by_sql = [row[0] for row in self.env.cr.fetchall()]
        by_domain = self.Job.search(board_rule.domain(rule, today), order="id").ids
        everything = self.Job.search([], order="id")
        by_python = everything.filtered(lambda job: board_rule.matches(rule, job, today)).ids
        return by_sql, by_domain, by_python

    def test_three_forms_agree_on_the_board(self):
        """On the board: the same offers by SQL (the feeds), domain (/jobs) and Python (an offer
        page), and the model's own readers of the rule say the same."""
        by_sql, by_domain, by_python = self.selected(ON_BOARD)
        self.assertEqual(by_sql, by_domain)
        self.assertEqual(by_sql, by_python)
        expected = {self.offers["published"].id, self.offers["last_day"].id}
        self.assertEqual(expected & set(by_sql), expected)
        self.assertFalse(set(by_sql) & {offer.id for key, offer in self.offers.items()
                                        if key not in ("published", "last_day")})
        self.assertEqual(self.Job.search(self.Job._board_domain(), order="id").ids, by_sql)
        public = self.Job.search([], order="id").filtered(lambda job: job._is_public()).ids
        self.assertEqual(public, by_sql)

    def test_three_forms_agree_on_expired_by_date(self):
        """Still published but past its last day: the same offers in the three forms (the
        feeds list them as removed, the cron expires them)."""
        by_sql, by_domain, by_python = self.selected(EXPIRED_BY_DATE)
        self.assertEqual(by_sql, by_domain)
        self.assertEqual(by_sql, by_python)
        self.assertIn(self.offers["stale"].id, by_sql)
        self.assertNotIn(self.offers["expired"].id, by_sql)

    def test_board_index_covers_the_board(self):
        """The partial index /jobs reads (``hr_job_pepites_board_idx``) holds every offer on the
        board and the day-independent part of the rule only: the offers past their last day
        are in it (the day is checked on the index's rows), the others are not."""
        self.env.cr.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s",
                            ("hr_job_pepites_board_idx",))
        self.assertTrue(self.env.cr.fetchone(), "the board's index exists")
        self.env.cr.execute("SELECT id FROM hr_job WHERE " + BOARD_INDEX_PREDICATE)
        indexed = {row[0] for row in self.env.cr.fetchall()}
        on_board = set(self.selected(ON_BOARD)[0])
        self.assertFalse(on_board - indexed)
        self.assertIn(self.offers["stale"].id, indexed - on_board)
        self.assertLessEqual(indexed - on_board, set(self.selected(EXPIRED_BY_DATE)[0]))
