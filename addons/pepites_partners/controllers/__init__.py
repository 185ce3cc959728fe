from . import portal
from . import dataset
