"""Exceptions of PEPITES' login rules."""
from odoo.exceptions import AccessDenied


class TotpRequired(AccessDenied):
    """The password was right, but the account needs a second factor it has not set up (the
    production setting ``pepites_require_totp``). Unlike core's ``AccessDenied``, it carries a
    message: XML-RPC callers read it in their fault string."""

    def __init__(self, message):
        super(TotpRequired, self).__init__()
        self.args = (message,)
