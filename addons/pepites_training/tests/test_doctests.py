"""The doctests of the training rules (VAE outcome, module completion, session days), run the
one way: ``pepites_partners/tests/doctests.py``."""
from odoo.addons.pepites_partners.tests.doctests import doctest_loader

from .. import training_rules

load_tests = doctest_loader(training_rules, min_examples=11)
