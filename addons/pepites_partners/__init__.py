from . import models
from . import controllers
from . import rpc_gate
