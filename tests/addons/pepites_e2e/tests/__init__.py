from . import test_journey_apply
from . import test_journey_rally
from . import test_journey_siae
from . import test_journey_inae
from . import test_journey_verify
from . import test_phone_pages
