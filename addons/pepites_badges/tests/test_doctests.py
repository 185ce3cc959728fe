"""The doctests of the Open Badges engine (``openbadges_engine/``), run the one way:
``pepites_partners/tests/doctests.py``."""
from odoo.addons.pepites_partners.tests.doctests import doctest_loader

from ..openbadges_engine import (baking, csv_rows, dataintegrity, external, holder_name, identity, images, jsonld, jsontext, ob3,
                                 ob3_verification, qrcodes, signing, statuslist, urls, vcjwt, verification)

load_tests = doctest_loader(baking, csv_rows, dataintegrity, external, holder_name, identity, images, jsonld, jsontext, ob3,
                            ob3_verification, qrcodes, signing, statuslist, urls, vcjwt, verification)
