from . import test_registration_race, test_cluster
