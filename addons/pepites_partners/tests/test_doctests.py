"""The doctests of pepites_partners' plain-Python modules (the outsiders' allow-lists, the
redirect guard, the PDF helpers, the doctest loader itself), run the one way: ``doctests.py``."""
from .. import outsiders, outsiders_rpc, redirects, report_pdf
from . import doctests
from .doctests import doctest_loader

load_tests = doctest_loader(outsiders, outsiders_rpc, redirects, report_pdf, doctests)
