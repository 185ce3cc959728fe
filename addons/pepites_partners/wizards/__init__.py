from . import pepites_privacy_erase_wizard
