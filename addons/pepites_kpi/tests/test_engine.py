"""The plain-Python engine and chart module, tested by their doctests (as mis_builder does)."""
import doctest

from .. import chart, engine


def load_tests(loader, tests, ignore):
    tests.addTests(doctest.DocTestSuite(engine))
    tests.addTests(doctest.DocTestSuite(chart))
    return tests
