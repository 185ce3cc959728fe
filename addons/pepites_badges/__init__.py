from . import openbadges_engine
from . import models
from . import wizards
from . import controllers
