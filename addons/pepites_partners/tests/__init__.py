from . import test_siret
from . import test_i18n
