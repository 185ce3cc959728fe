"""The RPC gate: outsiders call only the methods of ``outsiders_rpc.RPC_METHODS`` (issue 12).

Two kinds of entry point reach a model's methods from outside:

- XML-RPC and JSON-RPC (``/xmlrpc/2/object``, ``/jsonrpc``, hence OdooRPC): ``object.execute``
  and ``execute_kw`` end in ``odoo.service.model.execute_cr``. Odoo 11 offers no hook there (no
  model method is called before the requested one, and ``_call_kw`` only exists from Odoo 13),
  so :func:`execute_cr` below wraps it when this module is imported, that is when the server
  loads the addons. The wrap does nothing on a database where pepites_partners is not loaded;
- the web client's JSON routes (``/web/dataset/*``, ``/web/export/*``, ``/web/action/*``...):
  ``controllers/dataset.py`` calls :func:`check_rpc_call` before core's code.

A refusal is an AccessError in the caller's language that names the method, raised before
anything runs (nothing is written), logged at INFO like Odoo's own access refusals: never an
ERROR line, which would page whoever watches the logs at every probe.
"""
import functools
import logging

from odoo import SUPERUSER_ID, _, api
from odoo.exceptions import AccessError
from odoo.service import model as model_service

from .outsiders_rpc import rpc_allowed

_logger = logging.getLogger(__name__)


def check_rpc_call(env, model, method, lang=None):
    """Refuse ``model.method`` to the outsider ``env.user`` unless its role may call it.

    :param env: the caller's environment (its uid decides)
    :param str model: the model's name, as the caller sent it
    :param str method: the method's name, as the caller sent it
    :param str lang: the language of the message (default: the context's, then the user's)
    :raises AccessError: when the caller is an outsider and the method is not listed for its role
    """
    if env.uid == SUPERUSER_ID or "pepites_partners" not in env.registry._init_modules:
        return
    # the role cached per user by the model allow-list's check (every RPC call asks it)
    role = env["ir.model.access"]._pepites_outsider_role(env.uid)
    if role is None or rpc_allowed(model, method, role):
        return
    # sudo: the login and language for the log and the message, which it may not read itself
    user_sudo = env["res.users"].sudo().browse(env.uid)
    _logger.info("RPC call refused to the outsider %s (uid %s, role %s): %s.%s",
                 user_sudo.login, env.uid, role, model, method)
    raise AccessError(_refusal(env.cr, lang or env.lang or user_sudo.lang, model, method))


def _refusal(cr, lang, model, method):
    """The refusal's message; ``_()`` finds the language in ``context`` and the cursor in ``cr``."""
    context = {"lang": lang}  # noqa: F841 (read by _() from this frame)
    return _("You have no access to the method \"%s\" of \"%s\": it is not on the list of what "
             "the public, SIAE and partners may do.") % (method, model)


def _gated(execute_cr):
    """``execute_cr`` that first runs :func:`check_rpc_call` on the caller and the method."""
    @functools.wraps(execute_cr)
    def wrapper(cr, uid, obj, method, *args, **kw):
        # the language of the message is the one the client sent, as Odoo's messages
        context = kw.get("context") if isinstance(kw.get("context"), dict) else {}
        env = api.Environment(cr, uid, {})
        # str(): a name that is not a string is no model nor method of the list
        check_rpc_call(env, str(obj), str(method), lang=context.get("lang"))
        return execute_cr(cr, uid, obj, method, *args, **kw)
    wrapper.pepites_rpc_gate = True
    return wrapper


if not getattr(model_service.execute_cr, "pepites_rpc_gate", False):
    #: XML-RPC and JSON-RPC calls go through the gate (see the module's docstring for why here)
    model_service.execute_cr = _gated(model_service.execute_cr)
