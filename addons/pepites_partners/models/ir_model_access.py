"""Default deny for outsiders: ``ir.model.access.check`` enforces the allow-list of
``pepites_partners/outsiders.py`` for public, portal and partner-API users.

Core Odoo 11's ACL lines grant portal users the outgoing mail queue, notifications, attendees
and more (issue 12): rather than chasing each line, a share user only keeps the modes the
allow-list names for its role, and the ACL lines must still grant them.
"""
import logging
import os
import sys

from odoo import SUPERUSER_ID, _, api, models, tools
from odoo.exceptions import AccessError

from .. import outsiders

_logger = logging.getLogger(__name__)

#: (role, model, mode[, origin]) already logged by the discovery switch, per process.
_DISCOVERED = set()


def _origin():
    """Where the access comes from, for the discovery log: the nearest PEPITES frame (addon,
    test or cross-addon test) and the nearest core addon frame other than the ORM's."""
    pepites = core = None
    frame = sys._getframe(2)
    while frame is not None and not (pepites and core):
        path = frame.f_code.co_filename
        where = "%s:%s %s" % ("/".join(path.split("/")[-3:]), frame.f_lineno,
                              frame.f_code.co_name)
        if "/pepites_" in path and not path.endswith("ir_model_access.py"):
            pepites = pepites or where
        elif "/odoo/addons/" in path and "/odoo/addons/base/" not in path:
            core = core or where
        frame = frame.f_back
    return "%s via %s" % (pepites or "-", core or "-")


class IrModelAccess(models.Model):
    _inherit = "ir.model.access"

    @api.model
    @tools.ormcache("uid")
    def _pepites_outsider_role(self, uid):
        """The outsider role of user ``uid`` (None for internal users), cached per user: the
        registry cache is cleared whenever groups or their users change (``res.users.write``
        and ``res.groups.write`` call ``call_cache_clearing_methods``)."""
        # read as superuser: reading the user as itself would come back here
        user_sudo = self.env["res.users"].sudo().browse(uid).exists()
        return outsiders.role_of(user_sudo)

    @api.model
    @tools.ormcache_context("self._uid", "model", "mode", "raise_exception", keys=("lang",))
    def check(self, model, mode="read", raise_exception=True):
        """Refuse to outsiders what the allow-list does not grant their role, then apply the ACL.

        The superuser (``sudo()`` code) and internal users are unaffected; so is every mode the
        allow-list names. The refusal is the usual AccessError of a missing ACL line (or False
        when ``raise_exception`` is False), logged at INFO like Odoo's. Cached like the core
        method (core clears it through ``check.clear_cache`` when ACLs or groups change).
        """
        if self._uid == SUPERUSER_ID:
            return super(IrModelAccess, self).check(model, mode, raise_exception)
        role = self._pepites_outsider_role(self._uid)
        if role is None or outsiders.MODES.get(mode, "?") in outsiders.allowed_modes(model, role):
            return super(IrModelAccess, self).check(model, mode, raise_exception)
        discover = os.environ.get("PEPITES_OUTSIDERS_DISCOVER", "")
        if discover in ("1", "2"):
            granted = super(IrModelAccess, self).check(model, mode, raise_exception)
            if granted:
                self._pepites_discovered(role, model, mode, raise_exception, discover == "2")
            return granted
        if not raise_exception:
            return False
        self._pepites_refuse(model, mode)

    @api.model
    def _pepites_discovered(self, role, model, mode, raise_exception, by_origin):
        origin = _origin() if by_origin else ""
        key = (role, model, mode, origin)
        if key in _DISCOVERED:
            return
        _DISCOVERED.add(key)
        if not by_origin:
            origin = _origin()
        _logger.info("outsiders: would refuse %s %s on %s (uid %s%s) from %s", role, mode, model,
                     self._uid, "" if raise_exception else ", probe", origin)

    @api.model
    def _pepites_refuse(self, model, mode):
        """Raise the AccessError Odoo raises for a missing ACL line (without listing groups:
        no group of this user's kind may have it)."""
        heads = {
            "read": _("Sorry, you are not allowed to access this document."),
            "write": _("Sorry, you are not allowed to modify this document."),
            "create": _("Sorry, you are not allowed to create this kind of document."),
            "unlink": _("Sorry, you are not allowed to delete this document."),
        }
        tail = _("Please contact your system administrator if you think this is an error.")
        _logger.info("Access Denied by the outsiders' allow-list for operation: %s, uid: %s, "
                     "model: %s", mode, self._uid, model)
        raise AccessError("%s %s\n\n(%s: %s)" % (heads[mode], tail, _("Document model"), model))
