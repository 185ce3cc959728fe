from . import main
from . import portal
from . import events
from . import portal_pathways
from . import siae_page
