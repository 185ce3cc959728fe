"""The web sessions the audit trail groups its entries by (OCA ``auditlog``)."""
from odoo import fields, models


class AuditlogHttpSession(models.Model):
    _inherit = "auditlog.http.session"

    #: auditlog keeps the session's id, the cookie that *is* the login while the session lives:
    #: a manager reading the trail must not be able to take over a colleague's session. The
    #: administrator (who could anyway) keeps it; managers see the user and the date.
    name = fields.Char(groups="base.group_system")
