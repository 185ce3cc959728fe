from . import pepites_privacy_erase_wizard
from . import pepites_siae_import_wizard
from . import pepites_siae_import_wizard_line
