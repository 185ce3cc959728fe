import doctest
import unittest

from odoo.addons.pepites_training import training_rules


class TestTrainingRules(unittest.TestCase):
    def test_doctests(self):
        """The plain-Python rules (VAE outcome, module completion, session days) hold their
        documented examples."""
        result = doctest.testmod(training_rules)
        self.assertEqual(result.failed, 0)
        self.assertGreater(result.attempted, 10)
