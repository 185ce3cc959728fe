"""Printing a report over HTTP: a print that fails answers an error page, never a PDF.

Core's ``/report/pdf/<report>/<ids>`` let the report's :class:`UserError` through: an HTTP 500
with a traceback in the log and a generic page. The route is extended (subclass and
``super()``) to answer the message instead (HTTP 500, the page :func:`report_error_page`
renders); the portal's own PDF routes (attestations, conventions: :func:`portal_report_pdf`;
badge certificates) use the same page. The
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


def portal_report_pdf(report_xmlid, record, filename, disposition="attachment"):
    """A portal route's PDF of ``record``: the report printed as superuser, the error page if
    the print fails. The caller has checked that the user may see ``record`` (record rules,
    404 otherwise): the report then reads what the record names (the convention's parties, the
    session's trainers) that portal users cannot read.

    :param str filename: the downloaded file's name
    :param str disposition: ``attachment`` (download) or ``inline`` (shown in the browser)
    """
    # trust boundary: access to ``record`` checked by the caller
    report_sudo = request.env.ref(report_xmlid).sudo()
    try:
        pdf = report_sudo.render_qweb_pdf([record.id])[0]
    except UserError as error:
        return report_error_page(error)
    return request.make_response(pdf, headers=[
        ("Content-Type", "application/pdf"), ("Content-Length", len(pdf)),
        ("Content-Disposition", "%s; filename=%s" % (disposition, filename))])


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
