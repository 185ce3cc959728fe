import base64
import io
import logging
import os
import re
import subprocess
import tempfile

from odoo import _, api, models
from odoo.addons.base.ir import ir_actions_report as core_report
from odoo.exceptions import UserError

from .. import report_pdf

_logger = logging.getLogger(__name__)

#: How long one document may take to print before the report is given up (a stuck wkhtmltopdf
#: would otherwise hold a server worker until its time limit, with no word to the user).
WKHTMLTOPDF_TIMEOUT = 120

#: A bundle's stylesheet as ``web.minimal_layout`` links it (``assetsbundle.save_attachment``).
BUNDLE_CSS_URL = re.compile(r"^/web/content/\d+-[0-9a-f]+/(?P<bundle>[\w.]+?)(?:\.\d+)?\.css$")


class IrActionsReport(models.Model):
    """Every QWeb PDF report printed so that Debian's ``wkhtmltopdf`` can do it.

    Odoo 11 hands all the documents of a print to one ``wkhtmltopdf`` call with
    ``--header-html``/``--footer-html``; Debian's binary, built on unpatched Qt, refuses several
    inputs (exit 1, no file: Odoo returned an empty PDF of 0 pages with HTTP 200) and ignores the
    header and footer. Here each document is printed by its own call from a self-contained page,
    its company's letterhead and "Page x / y" are stamped on every page (``report_pdf``), the
    documents are merged in order, and a print that yields no page raises a clear
    :class:`UserError` instead of returning an empty file. Reports whose documents have no
    header or footer in their layout (labels, badges) are printed bare.
    """

    _inherit = "ir.actions.report"

    @api.multi
    def render_qweb_pdf(self, res_ids=None, data=None):
        """The PDF of the documents of ``res_ids``, one after the other, each from a new page.

        Unlike Odoo 11's, this prints real PDFs under tests and on the HTTP test cursor too: Odoo
        fell back to HTML there because ``wkhtmltopdf`` fetched the stylesheets from the server
        (which would wait on the test's transaction); the pages printed here fetch nothing.

        :return: ``(pdf bytes, "pdf")``
        :raises UserError: when ``wkhtmltopdf`` is missing or fails, or the print has no page
        """
        self.ensure_one()
        if self.get_wkhtmltopdf_state() == "install":
            raise UserError(_("Unable to find Wkhtmltopdf on this system. "
                              "The PDF can not be created."))
        # debug off: one stylesheet per bundle instead of one per file
        report = self.with_context(debug=False)
        saved = {}
        if res_ids:
            records = self.env[self.model].browse(res_ids)
            to_print = records
            if self.attachment:
                to_print = records.browse()
                for record in records:
                    attachment = self.retrieve_attachment(record)
                    if attachment:
                        saved[record.id] = attachment
                    if not self.attachment_use or not attachment:
                        to_print |= record
            res_ids = to_print.ids
        documents = []
        if res_ids or not saved:
            documents = report._pepites_print_documents(res_ids, data, saved)
        if self.attachment_use:
            documents += [base64.b64decode(attachment.datas) for attachment in saved.values()]
        pdf = report_pdf.merge(documents) if documents else b""
        if report_pdf.page_count(pdf) < max(len(documents), 1):
            raise UserError(report._pepites_print_error(_("the printed file has no page.")))
        _logger.info("report %s printed: %d document(s)", self.report_name, len(documents))
        return pdf, "pdf"

    def _pepites_print_documents(self, res_ids, data, saved):
        """One stamped PDF per document of the report's HTML, in order; each saved as the
        record's attachment when the report says so and ``saved`` (record id → attachment)
        has none yet."""
        html = self.render_qweb_html(res_ids, data=data)[0].decode("utf-8")
        bodies, html_ids, header, footer, paper_args = self._prepare_html(html)
        if not bodies:
            raise UserError(self._pepites_print_error(_("the report has no document to print.")))
        stylesheets = {}
        documents = self._pepites_print_bodies(
            [report_pdf.self_contained(body, lambda href: self._pepites_stylesheet(
                href, stylesheets)) for body in bodies],
            landscape=self.env.context.get("landscape"), specific_paperformat_args=paper_args,
            set_viewport_size=self.env.context.get("set_viewport_size"))
        if report_pdf.carries_layout(header, footer):
            margins = self._pepites_margins(paper_args)
            label = _("Page %(page)s / %(pages)s")
            documents = [report_pdf.stamp(document, self._pepites_letterhead(res_id), margins,
                                          label)
                         for document, res_id in zip(documents, html_ids)]
        if self.attachment:
            Model = self.env[self.model]
            for document, res_id in zip(documents, html_ids):
                if res_id and res_id not in saved:
                    self.postprocess_pdf_report(Model.browse(res_id), io.BytesIO(document))
        return documents

    @api.model
    def _run_wkhtmltopdf(self, bodies, header=None, footer=None, landscape=False,
                         specific_paperformat_args=None, set_viewport_size=False):
        """Odoo 11's entry point, for callers other than :meth:`render_qweb_pdf`: the bodies
        printed one by one and merged (unpatched Qt ignores the header and footer anyway)."""
        documents = self._pepites_print_bodies(
            bodies, landscape=landscape, specific_paperformat_args=specific_paperformat_args,
            set_viewport_size=set_viewport_size)
        return report_pdf.merge(documents)

    def _pepites_print_bodies(self, bodies, landscape=False, specific_paperformat_args=None,
                              set_viewport_size=False):
        """One PDF per HTML body, each printed by its own ``wkhtmltopdf`` call.

        :raises UserError: when a call fails, takes too long or gives no page (the details,
            ``wkhtmltopdf``'s own words, go to the server log)
        """
        paperformat = self.paperformat_id or self.env.user.company_id.paperformat_id
        args = report_pdf.supported_args(self._build_wkhtmltopdf_args(
            paperformat, landscape, specific_paperformat_args=specific_paperformat_args,
            set_viewport_size=set_viewport_size))
        command = [core_report._get_wkhtmltopdf_bin()] + args + ["--encoding", "utf-8"]
        documents = []
        with tempfile.TemporaryDirectory(prefix="pepites-report-") as folder:
            for index, body in enumerate(bodies, 1):
                source = os.path.join(folder, "document-%d.html" % index)
                target = os.path.join(folder, "document-%d.pdf" % index)
                with open(source, "wb") as page:
                    page.write(body if isinstance(body, bytes) else body.encode("utf-8"))
                try:
                    process = subprocess.run(command + [source, target], stdout=subprocess.PIPE,
                                             stderr=subprocess.PIPE, timeout=WKHTMLTOPDF_TIMEOUT)
                except subprocess.TimeoutExpired:
                    _logger.error("report %s: wkhtmltopdf took more than %ss on document %d/%d",
                                  self.report_name, WKHTMLTOPDF_TIMEOUT, index, len(bodies))
                    raise UserError(self._pepites_print_error(
                        _("document %(index)s of %(count)s took more than %(seconds)s seconds.")
                        % {"index": index, "count": len(bodies),
                           "seconds": WKHTMLTOPDF_TIMEOUT}))
                pdf = b""
                if os.path.exists(target):
                    with open(target, "rb") as printed:
                        pdf = printed.read()
                # exit 1 is "printed, but a resource could not be loaded": the page counts
                if process.returncode not in (0, 1) or not report_pdf.page_count(pdf):
                    _logger.error("report %s: wkhtmltopdf exit code %s, %d page(s), on document "
                                  "%d/%d: %s", self.report_name, process.returncode,
                                  report_pdf.page_count(pdf), index, len(bodies),
                                  process.stderr[-1000:].decode("utf-8", "replace"))
                    raise UserError(self._pepites_print_error(
                        _("document %(index)s of %(count)s could not be printed (wkhtmltopdf "
                          "exit code %(code)s).")
                        % {"index": index, "count": len(bodies), "code": process.returncode}))
                if process.returncode:
                    _logger.warning("report %s: document %d/%d printed with warnings: %s",
                                    self.report_name, index, len(bodies),
                                    process.stderr[-1000:].decode("utf-8", "replace"))
                documents.append(pdf)
        return documents

    def _pepites_print_error(self, reason):
        """The message a user gets when the report cannot be printed, ``reason`` translated."""
        return _("The PDF \"%(report)s\" could not be printed: %(reason)s Try again; if it fails "
                 "again, tell the PEPITES administrator (the server log says why).") % {
                     "report": self.name, "reason": reason}

    def _pepites_stylesheet(self, href, cache):
        """The text of the bundle stylesheet ``href`` links (``cache``: bundle name → its
        stylesheets by file name, for one print), or None for anything else.

        The bundle is asked for again rather than its attachment looked up by URL: the page may
        name a version the bundle no longer has (assets rebuilt in between), and the bundle
        rebuilds what is missing.
        """
        match = BUNDLE_CSS_URL.match(href)
        if not match:
            return None
        name = match.group("bundle")
        if name not in cache:
            files, _remains = self.env["ir.qweb"]._get_asset_content(name, dict(self.env.context))
            bundle = self.env["ir.qweb"].get_asset_bundle(name, files, env=self.env)
            # the bundle's attachments are public (served to anyone at /web/content)
            cache[name] = {attachment_sudo.datas_fname: base64.b64decode(
                attachment_sudo.datas).decode("utf-8") for attachment_sudo in bundle.css()}
        stylesheets = cache[name]
        return stylesheets.get(href.rsplit("/", 1)[1], "\n".join(stylesheets.values()))

    def _pepites_margins(self, paper_args):
        """The page margins in mm (the paper format's, the report's top margin first)."""
        paperformat = self.paperformat_id or self.env.user.company_id.paperformat_id
        top = (paper_args or {}).get("data-report-margin-top") or paperformat.margin_top or 10
        return {"top": float(top), "bottom": paperformat.margin_bottom or 10,
                "left": paperformat.margin_left or 10, "right": paperformat.margin_right or 10}

    def _pepites_letterhead(self, res_id):
        """The letterhead of the document of record ``res_id``: its company's (the user's
        company when the model has none, like Odoo's ``web.external_layout``)."""
        # sudo: the letterhead is the company's public identity (name, address, logo, contact),
        # printed on every document; a portal reader may not read the company itself
        company_sudo = self.env.user.sudo().company_id
        Model_sudo = self.env[self.model].sudo()
        if res_id and "company_id" in Model_sudo._fields:
            company_sudo = Model_sudo.browse(res_id).company_id or company_sudo
        partner_sudo = company_sudo.partner_id
        city = " ".join(part for part in (partner_sudo.zip, partner_sudo.city) if part)
        contact = " · ".join(part for part in (
            company_sudo.phone, company_sudo.email, company_sudo.website) if part)
        lines = [line for line in (partner_sudo.street, partner_sudo.street2, city, contact)
                 if line]
        logo = base64.b64decode(company_sudo.logo) if company_sudo.logo else None
        return report_pdf.Letterhead(company_sudo.name, lines, logo)
