"""The doctests of pepites_jobs' plain-Python modules (the board rule, the event calendar file,
the feed engine, the JobPosting serializer and its check, the offer HTML cleaner, the portal
offer form, the PMSMP convention), run the one way: ``pepites_partners/tests/doctests.py``."""
from odoo.addons.pepites_partners.tests.doctests import doctest_loader

from .. import (board_rule, event_ics, feeds, jobposting_check, jsonld, offer_html,
                pmsmp_convention, portal_offer_form)

load_tests = doctest_loader(board_rule, event_ics, feeds, jobposting_check, jsonld, offer_html,
                            pmsmp_convention, portal_offer_form)
