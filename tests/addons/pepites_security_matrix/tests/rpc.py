"""XML-RPC calls of the matrix as one user, and what their answers mean."""
from xmlrpc.client import Fault

from odoo.tools import mute_logger

#: Odoo 11's XML-RPC cannot send None: a method that ran and returned None answers this fault
NONE_ANSWER = "cannot marshal None"


def call(case, user, model, method, *args, **kwargs):
    """``(True, result)`` or ``(False, fault)`` of ``model.method(*args, **kwargs)`` called by
    ``user`` over XML-RPC (``case`` is a PepitesHttpCase). A method that returned None counts as
    a success. The server's log of an unexpected exception is muted: the caller judges it."""
    try:
        with mute_logger("odoo.http", "odoo.sql_db"):
            return True, case.xmlrpc(user, model, method, *args, **kwargs)
    except Fault as fault:
        if NONE_ANSWER in (fault.faultString or ""):
            return True, None
        return False, fault


def is_access_fault(fault):
    """Whether ``fault`` is a refusal of access (not a validation or programming error)."""
    return fault.faultCode in (3, 4) or "AccessError" in (fault.faultString or "") \
        or "AccessDenied" in (fault.faultString or "")


def short(answer, size=160):
    """A one-line summary of an answer or a fault, for the diff."""
    if isinstance(answer, Fault):
        lines = (answer.faultString or "").strip().splitlines() or [""]
        return "fault %s: %s" % (answer.faultCode, lines[-1][:size])
    return repr(answer)[:size]
