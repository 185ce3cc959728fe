"""The doctests of the training rules (VAE outcome, module completion, session days) and of the
alternance contracts' legal rules (ages, tutors, pay floors, durations, trial periods), run the
one way: ``pepites_partners/tests/doctests.py``."""
from odoo.addons.pepites_partners.tests.doctests import doctest_loader

from .. import alternance_rules, training_rules

load_tests = doctest_loader(training_rules, alternance_rules, min_examples=11)
