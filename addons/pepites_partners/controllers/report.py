"""Printing a report over HTTP: a print that fails answers an error page, never a PDF.

Core's ``/report/pdf/<report>/<ids>`` let the report's :class:`UserError` through: an HTTP 500
with a traceback in the log and a generic page. The route is extended (subclass and
``super()``) to answer the message instead (HTTP 500, the page :func:`report_error_page`
renders); the portal's own PDF routes (attestations, badge certificates) use the same page. The
web client's ``/report/download``, which calls this route, keeps core's JSON error: the client
shows the message in a dialog.
"""
from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.web.controllers.main import ReportController


def report_error_page(error):
    """The page (HTTP 500) saying why a PDF could not be printed: the UserError's message."""
    return request.render("pepites_partners.report_error", {"message": error.name}, status=500)


class PepitesReportController(ReportController):
    """``/report/<converter>/<report>/<ids>``: a failed print says so."""

    @http.route()
    def report_routes(self, reportname, docids=None, converter=None, **data):
        try:
            return super(PepitesReportController, self).report_routes(
                reportname, docids=docids, converter=converter, **data)
        except UserError as error:
            if converter != "pdf" or request.httprequest.path.startswith("/report/download"):
                raise
            return report_error_page(error)
