from . import test_siret
from . import test_sql_guard
from . import test_directory_rules
from . import test_access
from . import test_portal
from . import test_xmlrpc
from . import test_i18n
from . import test_outsiders_rpc
