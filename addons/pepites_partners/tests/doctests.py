"""The one way PEPITES runs the doctests of its plain-Python modules (engines, rules, helpers).

Odoo 11 collects an addon's tests with ``unittest.TestLoader().loadTestsFromModule`` on each module
imported by ``tests/__init__.py`` (``odoo.modules.module.run_unit_tests``); that loader honours the
``load_tests`` protocol, so every docstring with examples becomes its own ``DocTestCase``, run at
install and reported by name in the log (a failing example is an ERROR line that fails
``make test``). Each addon has a ``tests/test_doctests.py`` holding only::

    from .. import feeds, jsonld
    from odoo.addons.pepites_partners.tests.doctests import doctest_loader

    load_tests = doctest_loader(feeds, jsonld)

A module listed without examples (or fewer than ``min_examples``) fails instead of passing
silently: examples that disappear are caught like examples that break.
"""
import doctest


def count_examples(module):
    """The number of examples in a module's docstrings (what ``doctest.testmod`` attempts).

    >>> count_examples(doctest) > 0
    True
    """
    return sum(len(test.examples) for test in doctest.DocTestFinder().find(module))


def doctest_loader(*modules, min_examples=1):
    """A ``load_tests`` function adding the doctests of ``modules`` to a test module's tests.

    :param modules: the plain-Python modules whose docstrings' examples must hold
    :param min_examples: each module must hold at least this many examples
    :raises ValueError: (when Odoo loads the tests: reported as a failed test) a module holds
        fewer examples than ``min_examples``
    """
    def load_tests(loader, tests, pattern):
        for module in modules:
            found = count_examples(module)
            if found < min_examples:
                raise ValueError("%s holds %d doctest examples, at least %d expected"
                                 % (module.__name__, found, min_examples))
            tests.addTests(doctest.DocTestSuite(module))
        return tests
    return load_tests
