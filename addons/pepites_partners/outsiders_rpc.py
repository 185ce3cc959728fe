"""The methods outsiders may call over RPC: default deny, method by method (issue 12).

Odoo 11 lets any logged-in user call any public method of any model over XML-RPC, JSON-RPC and
the web client's ``/web/dataset/*`` routes: ``message_subscribe``, ``message_post``,
``export_data``, ``read_group`` (which ignores the fields' ``groups=``), workflow buttons such as
``pepites.badge.assertion.action_revoke``... Each is a door that the model's access rights do not
close, since the method decides for itself what it reads and writes, often as superuser.

So an outsider (a share user: public, portal, SIAE or partner-API user, see
:data:`odoo.addons.pepites_partners.outsiders.ROLES`) may call over RPC only the methods listed
here for its role, each with its reason. The model allow-list (``outsiders.ALLOW``) and the
record rules still decide which models and rows a listed method reaches: a read method listed
for every model reads nothing the role may not read. INAÉ staff (internal users) and the
superuser are not concerned. ``rpc_gate.py`` enforces the list on every RPC entry point.

What outsiders do through their own pages (the portal's forms, the website's routes) is not
RPC: the controllers call the methods themselves, so they need no line here.

This module is plain Python: importable without a database.
"""
from .outsiders import ROLES

#: the roles that log in (the public user is inactive and has no password: it never reaches an
#: RPC entry point, but the read methods are listed for it too, for the website's sessions)
_LOGGED_IN = ("portal", "siae", "api")

#: the key of :data:`RPC_METHODS` whose methods apply to every model
ANY_MODEL = "*"

#: model (or :data:`ANY_MODEL`) -> {method: (roles, reason)}
RPC_METHODS = {
    ANY_MODEL: {
        "read": (ROLES, "reads rows: the model allow-list and record rules bound them"),
        "search": (ROLES, "lists the ids of the rows read() may read"),
        "search_read": (ROLES, "search + read: the partner API's offers, directory, catalogue "
                               "and indicators (README, pepites_jobs test_partner_api)"),
        "search_count": (ROLES, "counts the rows search() finds (pepites_kpi snapshots)"),
        "name_get": (ROLES, "the names of rows read() may read"),
        "name_search": (ROLES, "search by name: bounded by the same rules as search()"),
        "fields_get": (ROLES, "the model's fields, without those of groups the user lacks; "
                              "OdooRPC asks it of every model it uses (README)"),
        "check_access_rights": (ROLES, "lets a client ask what it may do before doing it"),
        # not read_group: it reads fields whatever their groups= (issue 12, item 4);
        # not export_data, message_*, copy, default_get, onchange: no outsider journey needs them
    },
    "res.users": {
        "context_get": (_LOGGED_IN, "OdooRPC's login reads the user's language and time zone "
                                    "(README, pepites_jobs test_documented_odoorpc_example)"),
    },
    "res.partner": {
        "write": (("siae",), "a SIAE updates its own structure and contacts over XML-RPC "
                             "(pepites_partners test_xmlrpc; rule res_partner_rule_siae_portal "
                             "and the portal's field whitelist bound it)"),
    },
    "hr.job": {
        "create": (("siae",), "a SIAE creates its offers, as on /my/offers (security matrix, "
                              "pepites_hostile; hr.job refuses another SIAE and staff fields)"),
        "write": (("siae",), "a SIAE edits its draft or refused offers, as on /my/offers "
                             "(security matrix, pepites_hostile; hr.job checks state and fields)"),
        "action_submit": (("siae",), "the portal's 'submit for moderation' button "
                                     "(pepites_hostile)"),
        "action_mark_filled": (("siae",), "the portal's 'position filled' button"),
        "action_archive_offer": (("siae",), "the portal's 'archive' button"),
        "action_reset_to_draft": (("siae",), "the portal's 'back to draft' button"),
    },
    "pepites.immersion": {
        "portal_sign": (("siae",), "the host SIAE signs a PMSMP convention, the portal's button "
                                   "(pepites_hostile; the method checks the host)"),
    },
    "pepites.badge.class": {
        "issue_to": (("siae", "api"), "issuing Open Badges over XML-RPC (README; pepites_badges "
                                      "test_portal): the issuer must list the caller"),
    },
}


def rpc_allowed(model, method, role):
    """Whether ``role`` (one of :data:`ROLES`) may call ``model.method`` over RPC.

    >>> rpc_allowed("hr.job", "search_read", "api")
    True
    >>> rpc_allowed("hr.job", "message_subscribe", "siae")
    False
    >>> rpc_allowed("hr.job", "write", "api"), rpc_allowed("hr.job", "write", "siae")
    (False, True)
    >>> rpc_allowed("res.partner", "read_group", "portal")
    False
    """
    for key in (model, ANY_MODEL):
        entry = RPC_METHODS.get(key, {}).get(method)
        if entry and role in entry[0]:
            return True
    return False
