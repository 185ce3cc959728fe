"""The doctests of pepites_partners' plain-Python modules (the outsiders' allow-lists, the
redirect guard, the PDF helpers, the contact cleaner, the SQL guard, the personal-data engine, the SIAE page's address, the SIRET rule, the doctest loader itself), run the one way: ``doctests.py``."""
import types
import unittest

from .. import (contact, data_inclusion_import, outsiders, outsiders_rpc, personal_data,
                redirects, report_pdf, session_cookie, siae_page, siret)
from ..data_inclusion import enums as di_enums, export as di_export, schema as di_schema
from ..models import pepites_sql_guard
from . import doctests
from .doctests import doctest_loader

load_tests = doctest_loader(contact, data_inclusion_import, outsiders, outsiders_rpc,
                            pepites_sql_guard, redirects, personal_data, report_pdf,
                            session_cookie, doctests, di_enums, di_export, di_schema, siae_page,
                            siret)


class TestDoctestLoader(unittest.TestCase):

    def test_examples_that_disappear_fail(self):
        """A module listed without examples makes Odoo's test collection report a failed test,
        not zero tests: deleting an engine's examples cannot pass unnoticed."""
        empty = types.ModuleType("pepites_empty_engine")
        empty.__doc__ = "No example here."
        tests_module = types.ModuleType("pepites_empty_tests")
        tests_module.load_tests = doctest_loader(empty)
        suite = unittest.TestLoader().loadTestsFromModule(tests_module)
        result = unittest.TestResult()
        suite.run(result)
        self.assertEqual(suite.countTestCases(), 1)
        self.assertEqual(len(result.errors), 1)
        self.assertIn("pepites_empty_engine holds 0 doctest examples", result.errors[0][1])

    def test_each_docstring_is_a_test(self):
        """Each docstring with examples is one test named after its function, so a failure in
        the log says which example broke."""
        suite = doctest_loader(doctests)(unittest.TestLoader(), unittest.TestSuite(), None)
        self.assertEqual([test.id() for test in suite],
                         ["odoo.addons.pepites_partners.tests.doctests.count_examples"])
