from . import test_oca_accounts
from . import test_password_policy
from . import test_sessions
from . import test_lockout
from . import test_totp
