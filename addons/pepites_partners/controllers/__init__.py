from . import form_write
from . import portal
from . import web
from . import mail
from . import dataset
from . import report
from . import privacy
from . import totp
