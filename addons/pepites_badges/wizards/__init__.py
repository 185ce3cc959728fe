from . import pepites_badge_issue_wizard
from . import pepites_badge_revoke_wizard
from . import pepites_badge_external_import_wizard
