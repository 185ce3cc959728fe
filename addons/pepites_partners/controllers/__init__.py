from . import portal
from . import web
from . import mail
