from . import models
from . import wizards
from . import controllers
from . import rpc_gate
from . import session_cookie

session_cookie.install()
