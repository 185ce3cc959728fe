from . import test_cases
from . import test_xmlrpc
from . import test_website_forms
from . import test_portal
