"""Retention of the audit trail: auditlog's daily autovacuum, with PEPITES' term."""
from odoo import api, models

#: the trail is kept one year unless INAÉ sets ``pepites.audit_retention_days``
DEFAULT_RETENTION_DAYS = 365


class AuditlogAutovacuum(models.TransientModel):
    _inherit = "auditlog.autovacuum"

    @api.model
    def _pepites_retention_days(self):
        """The term of the trail in days (``pepites.audit_retention_days``); a value that is
        not a positive number falls back to the default rather than emptying the trail."""
        value = self.env["ir.config_parameter"].sudo().get_param(
            "pepites.audit_retention_days", DEFAULT_RETENTION_DAYS)
        try:
            days = int(value)
        except (TypeError, ValueError):
            return DEFAULT_RETENTION_DAYS
        return days if days > 0 else DEFAULT_RETENTION_DAYS

    @api.model
    def _pepites_autovacuum(self):
        """What the cron runs: auditlog's autovacuum (entries, HTTP requests and sessions
        older than the term) with the term INAÉ set, instead of the 180 days written in
        auditlog's cron."""
        return self.autovacuum(self._pepites_retention_days())

    @api.model
    def _pepites_setup_cron(self):
        """Make auditlog's daily autovacuum active and run :meth:`_pepites_autovacuum` (called
        by the addon's data at every install and update: auditlog ships its cron inactive, in
        a record that module updates never touch again)."""
        cron = self.env.ref("auditlog.ir_cron_auditlog_autovacuum", raise_if_not_found=False)
        if cron:
            cron.sudo().write({"active": True, "interval_number": 1, "interval_type": "days",
                               "numbercall": -1, "code": "model._pepites_autovacuum()"})
