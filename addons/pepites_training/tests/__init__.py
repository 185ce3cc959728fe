from . import test_rules
from . import test_certification
from . import test_alternance
from . import test_vae
from . import test_afest
from . import test_campus
from . import test_completion
from . import test_access
