"""The doctests of pepites_partners' plain-Python modules: the outsiders'
allow-lists, the redirect guard, the PDF helpers and the doctest loader itself, run the one way (``pepites_partners/tests/doctests.py``)."""
from .. import outsiders, outsiders_rpc, report_pdf, urls
from . import doctests
from .doctests import doctest_loader

load_tests = doctest_loader(outsiders, outsiders_rpc, report_pdf, urls, doctests)
