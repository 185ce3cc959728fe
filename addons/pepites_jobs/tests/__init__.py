from . import test_offer_workflow
from . import test_offer_constraints
from . import test_cron_expiry
from . import test_security
from . import test_i18n
