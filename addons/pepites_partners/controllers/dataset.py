"""The web client's routes that take a model or ids, and website's /website/publish, through
the RPC gate (issue 12).

Core's ``/web/dataset/call_kw`` is XML-RPC by another name: any logged-in user, portal and
partner-API users included, calls any public method of any model there. These subclasses run
``rpc_gate.check_rpc_call`` first, so an outsider reaches only the methods of
``outsiders_rpc.RPC_METHODS``, as over XML-RPC; each route says which method it stands for.
Internal users and the superuser go through unchanged.

JSON routes raise the gate's AccessError (the client shows its message). HTTP routes (exports,
upload) answer 403 with the same message: an AccessError there would be an HTTP 500 and an
ERROR log line.
"""
import json

from werkzeug.exceptions import BadRequest, Forbidden
from werkzeug.wrappers import Response

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import request

from odoo.addons.web.controllers import main
from odoo.addons.website.controllers.main import Website as WebsiteController

from ..rpc_gate import check_rpc_call


def _check_http(model, method):
    """:func:`check_rpc_call` for an HTTP route: a refusal is a 403 with its message (text)."""
    try:
        check_rpc_call(request.env, model, method)
    except AccessError as error:
        raise Forbidden(response=Response(error.name, status=403,
                                          content_type="text/plain; charset=utf-8"))


class DataSet(main.DataSet):

    def _call_kw(self, model, method, args, kwargs):
        """/web/dataset/call, /web/dataset/call_kw and /web/dataset/call_button."""
        check_rpc_call(request.env, model, method)
        return super(DataSet, self)._call_kw(model, method, args, kwargs)

    @http.route()
    def search_read(self, model, fields=False, offset=0, limit=False, domain=None, sort=None):
        check_rpc_call(request.env, model, "search_read")
        return super(DataSet, self).search_read(model, fields=fields, offset=offset,
                                                limit=limit, domain=domain, sort=sort)

    @http.route()
    def load(self, model, id, fields):
        check_rpc_call(request.env, model, "read")
        return super(DataSet, self).load(model, id, fields)

    @http.route()
    def resequence(self, model, ids, field="sequence", offset=0):
        """Writes the ``field`` of ``ids``: the back office's drag and drop, no outsider's."""
        check_rpc_call(request.env, model, "resequence")
        return super(DataSet, self).resequence(model, ids, field=field, offset=offset)


class View(main.View):

    @http.route()
    def edit_custom(self, custom_id, arch):
        check_rpc_call(request.env, "ir.ui.view.custom", "write")
        return super(View, self).edit_custom(custom_id, arch)


class Action(main.Action):

    @http.route()
    def load(self, action_id, additional_context=None):
        check_rpc_call(request.env, "ir.actions.actions", "read")
        return super(Action, self).load(action_id, additional_context=additional_context)

    @http.route()
    def run(self, action_id):
        """Runs a server action (Python code as the caller): never an outsider's."""
        check_rpc_call(request.env, "ir.actions.server", "run")
        return super(Action, self).run(action_id)


class Export(main.Export):
    """The export dialog's field lists serve ``export_data`` only."""

    @http.route()
    def get_fields(self, model, prefix="", parent_name="", import_compat=True,
                   parent_field_type=None, exclude=None):
        check_rpc_call(request.env, model, "export_data")
        return super(Export, self).get_fields(
            model, prefix=prefix, parent_name=parent_name, import_compat=import_compat,
            parent_field_type=parent_field_type, exclude=exclude)

    @http.route()
    def namelist(self, model, export_id):
        check_rpc_call(request.env, model, "export_data")
        return super(Export, self).namelist(model, export_id)


def _export_model(data):
    """The model an export request names (core reads it from the JSON ``data`` parameter)."""
    try:
        return str(json.loads(data)["model"])
    except (ValueError, TypeError, KeyError):
        raise BadRequest()


class CSVExport(main.CSVExport):

    @http.route()
    def index(self, data, token):
        _check_http(_export_model(data), "export_data")
        return super(CSVExport, self).index(data, token)


class ExcelExport(main.ExcelExport):

    @http.route()
    def index(self, data, token):
        _check_http(_export_model(data), "export_data")
        return super(ExcelExport, self).index(data, token)


class Binary(main.Binary):

    @http.route()
    def upload_attachment(self, callback, model, id, ufile):
        """Attaches files to any record of ``model``: the back office's, no outsider's."""
        _check_http("ir.attachment", "create")
        return super(Binary, self).upload_attachment(callback, model, id, ufile)


class Website(WebsiteController):

    @http.route()
    def publish(self, id, object):
        """Toggles ``website_published`` of any record (the editor's button), to any visitor
        (auth="public"): what ``website_publish_button`` does, never an outsider's."""
        check_rpc_call(request.env, str(object), "website_publish_button")
        return super(Website, self).publish(id, object)
