from . import pepites_badge_issuer
from . import pepites_badge_key
from . import pepites_badge_tag
from . import pepites_badge_alignment
from . import pepites_badge_class
from . import pepites_badge_assertion
from . import pepites_badge_award_rule
from . import res_partner
