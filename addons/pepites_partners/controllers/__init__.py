from . import portal
from . import mail
