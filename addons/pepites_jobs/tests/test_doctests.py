"""The doctests of pepites_jobs' plain-Python modules (the feed engine, the JobPosting
serializer, the offer HTML cleaner), run the one way: ``pepites_partners/tests/doctests.py``."""
from odoo.addons.pepites_partners.tests.doctests import doctest_loader

from .. import feeds, jsonld, offer_html

load_tests = doctest_loader(feeds, jsonld, offer_html)
