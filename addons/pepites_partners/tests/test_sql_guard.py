
from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from ..models.pepites_sql_guard import Ordered, Range, Unique, sql_constraints
from .common import PepitesCase



class TestSqlGuardRules(PepitesCase):
    """The rules of ``pepites.sql.guard``, as plain Python."""

    def test_rules(self):
        """Ranges, ordered pairs and unique keys accept empty values and leave values of a
        wrong type to Odoo's conversion error."""
        weekly = Range("c", "hours", 1, 48)
        self.assertTrue(weekly.accepts({"hours": 35}))
        self.assertTrue(weekly.accepts({"hours": False}))
        self.assertTrue(weekly.accepts({"hours": "temps plein"}))
        self.assertTrue(weekly.accepts({"hours": float("nan")}))
        self.assertFalse(weekly.accepts({"hours": 60}))
        self.assertFalse(weekly.accepts({"hours": 0}))
        self.assertFalse(weekly.accepts({"hours": "-3"}))
        dates = Ordered("c", "start", "end", strict=True)
        self.assertTrue(dates.accepts({"start": "2027-01-01", "end": "2027-01-02"}))
        self.assertFalse(dates.accepts({"start": "2027-01-01", "end": "2027-01-01"}))
        self.assertTrue(dates.accepts({"start": "2027-01-01", "end": False}))
        salary = Ordered("c", "low", "high")
        self.assertTrue(salary.accepts({"low": 3000, "high": 0}))
        self.assertFalse(salary.accepts({"low": 3000, "high": 2000}))
        self.assertTrue(salary.accepts({"low": "900", "high": "1000"}))
        self.assertFalse(salary.accepts({"low": "3000", "high": "800"}))
        pair = Unique("c", "a", "b")
        self.assertEqual(pair.key({"a": 1, "b": "x"}), (1, "x"))
        self.assertIsNone(pair.key({"a": 1, "b": False}))


class TestSqlGuardPartner(PepitesCase):
    """Bad figures of a SIAE are refused in Python, in French, before the database's CHECK
    (which would log an ERROR "bad query" line)."""

    def test_negative_fte_on_create(self):
        """A negative FTE is refused on create with the constraint's French message."""
        Partner = self.env["res.partner"].with_context(lang="fr_FR")
        count = Partner.search_count([])
        message = "Le nombre d'ETP ne peut pas être négatif"
        with self.assertRaisesRegex(ValidationError, message), self.env.cr.savepoint():
            Partner.create({"name": "ETP négatifs", "is_company": True, "fte": -1})
        self.assertEqual(Partner.search_count([]), count)

    def test_negative_posts_on_write_of_several(self):
        """Writing negative insertion posts on several SIAE changes none of them."""
        siaes = (self.siae_a | self.siae_b).with_context(lang="fr_FR")
        before = siaes.mapped("insertion_posts")
        message = "postes d'insertion ne peut pas être négatif"
        with self.assertRaisesRegex(ValidationError, message), self.env.cr.savepoint():
            siaes.write({"insertion_posts": -5})
        siaes.invalidate_cache()
        self.assertEqual(siaes.mapped("insertion_posts"), before)

    def test_all_zeros_siret(self):
        """The SIRET 00000000000000 (its keys are right) is refused as invalid."""
        with self.assertRaisesRegex(ValidationError, "SIRET .* est invalide"), \
                self.env.cr.savepoint():
            self.env["res.partner"].with_context(lang="fr_FR").create(
                {"name": "Zéros", "is_company": True, "siret": "00000000000000"})

    def test_siae_website_must_be_http(self):
        """A SIAE's website is an http(s) address: a javascript: link is refused in French,
        an https address is kept; other contacts are left to Odoo."""
        siae = self.siae_a.with_context(lang="fr_FR")
        for bad in ("javascript:alert(1)", "ftp://example.org/siae"):
            with self.assertRaisesRegex(ValidationError, "site web"), self.env.cr.savepoint():
                siae.write({"website": bad})
        siae.write({"website": "https://www.example.org/siae"})
        self.assertEqual(siae.website, "https://www.example.org/siae")


class TestSqlGuardDeclaredOnce(PepitesCase):
    """A rule of ``_sql_guard`` is the model's SQL constraint too (made by
    ``sql_constraints``): the Python check and the database's CHECK are one declaration."""

    def test_constraint_made_from_the_rule(self):
        """res.partner's FTE rule gives the constraint its name, SQL and message; the database
        holds it under Odoo's name with the definition it always had; the guard refuses before
        the database, which still refuses a write that goes around the ORM."""
        self.assertIn(("fte_positive", "CHECK(fte IS NULL OR fte >= 0)",
                       "The number of FTE cannot be negative."),
                      self.env["res.partner"]._sql_constraints)
        self.env.cr.execute("SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                            "WHERE conname = %s", ("res_partner_fte_positive",))
        self.assertEqual(self.env.cr.fetchall(),
                         [("CHECK (((fte IS NULL) OR (fte >= (0)::numeric)))",)])
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.siae_a.write({"fte": -1})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), \
                self.env.cr.savepoint():
            self.env.cr.execute("UPDATE res_partner SET fte = -1 WHERE id = %s",
                                (self.siae_a.id,))

    def test_rules_of_one_constraint_are_joined(self):
        """Several rules naming one constraint make one CHECK (their SQL joined by AND) with
        the message of the first."""
        rules = [Range("durations", "hours", 0, message="No negative duration."),
                 Range("durations", "days", 0)]
        self.assertEqual(sql_constraints(rules), [(
            "durations", "CHECK((hours IS NULL OR hours >= 0) AND (days IS NULL OR days >= 0))",
            "No negative duration.")])
        with self.assertRaises(ValueError):
            sql_constraints(rules + [Range("durations", "weeks", 0, message="Another.")])
