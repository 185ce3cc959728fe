from . import portal
from . import dataset
from . import mail
