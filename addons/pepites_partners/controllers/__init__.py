from . import portal
from . import web
