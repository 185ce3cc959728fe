from . import test_registration_race
