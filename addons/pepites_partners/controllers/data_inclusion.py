"""The data·inclusion v1 export: ``/data-inclusion/v1/structures`` and ``/services``, public.

Every active SIAE of the directory and the service it offers, in the schema's JSON (or CSV with
``?format=csv``), ``updated_since`` like the offers feed. The rows come from one grouped query on
organisations only (:func:`..data_inclusion.export.fetch_siae`): the contacts a SIAE chose to
publish, never a person; ``lien_source`` is the SIAE's public page (``/siae/<slug>``). A malformed parameter answers HTTP 400 with a JSON error.
"""
import json

from odoo import _, http
from odoo.http import request

from ..data_inclusion import export


class PepitesDataInclusion(http.Controller):

    def _board_url(self):
        """The public job board where a person applies, when pepites_jobs is installed."""
        if "hr.job" in request.env and hasattr(request.env["hr.job"], "board_search"):
            return request.env["ir.config_parameter"]._pepites_public_url() + "/jobs"
        return None

    def _export(self, kind, kwargs):
        try:
            content_type, body = export.export(
                request.env.cr, kind, kwargs, self._board_url(),
                request.env["ir.config_parameter"]._pepites_public_url(),
                request.env["res.partner"]._pepites_di_services)
        except export.ExportError as error:
            message = _(error.message)
            if error.message_args:
                message = message % error.message_args
            response = request.make_response(
                json.dumps({"error": "bad_request", "message": message}, ensure_ascii=False),
                headers=[("Content-Type", "application/json; charset=utf-8")])
            response.status_code = 400
            return response
        headers = [("Content-Type", content_type), ("Cache-Control", "public, max-age=300")]
        if content_type.startswith("text/csv"):
            headers.append(("Content-Disposition", "inline; filename=%s.csv" % kind))
        return request.make_response(body, headers=headers)

    @http.route(export.PATHS["structures"], type="http", auth="public", website=True, methods=["GET"],
                sitemap=False)
    def data_inclusion_structures(self, **kwargs):
        return self._export("structures", kwargs)

    @http.route(export.PATHS["services"], type="http", auth="public", website=True, methods=["GET"],
                sitemap=False)
    def data_inclusion_services(self, **kwargs):
        return self._export("services", kwargs)
