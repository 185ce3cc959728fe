from . import main
from . import portal
from . import survey
from . import alternance_export
