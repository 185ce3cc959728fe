"""The doctests of pepites_kpi's plain-Python modules (the helpers behind an indicator's values,
the chart), as mis_builder does, run the one way: ``pepites_partners/tests/doctests.py``."""
from odoo.addons.pepites_partners.tests.doctests import doctest_loader

from .. import chart, indicator_values, xlsx_export

load_tests = doctest_loader(chart, indicator_values, xlsx_export)
