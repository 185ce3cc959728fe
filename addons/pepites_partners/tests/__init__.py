from . import test_siret
