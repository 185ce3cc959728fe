from . import test_compose
from . import test_config
from . import test_proxy
from . import test_browser
