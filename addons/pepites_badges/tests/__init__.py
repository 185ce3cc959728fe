from . import test_engine
from . import test_issuing
from . import test_revocation
from . import test_keys
from . import test_controllers
from . import test_conformance
from . import test_i18n
