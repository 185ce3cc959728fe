"""Printing reports with the ``wkhtmltopdf`` Debian ships, and stamping the letterhead on them.

Debian's ``wkhtmltopdf`` 0.12.6 is built on unpatched Qt: given several input documents it exits 1
without writing anything (Odoo 11 then returns an empty PDF of 0 pages with HTTP 200), and it
ignores ``--header-html``/``--footer-html`` (every report loses its header and footer). So a report
is printed here one document per ``wkhtmltopdf`` call, from a self-contained page (the stylesheets
inlined: ``wkhtmltopdf`` fetches nothing from ``web.base.url``, which behind a TLS proxy or on a
test cursor it could not reach), then the letterhead and the page numbers are drawn with reportlab
and merged onto every page with PyPDF2. Plain Python, tested without a database (doctests below,
``tests/test_report_pdf.py``); the ``ir.actions.report`` override in
``models/ir_actions_report.py`` drives it.
"""
import collections
import io
import logging

import lxml.html
from lxml import etree
from PyPDF2 import PdfReader, PdfWriter
from PyPDF2.errors import PdfReadError
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

_logger = logging.getLogger(__name__)

#: Switches Odoo 11 passes that unpatched Qt ignores (with a warning) or that make no sense for a
#: self-contained page, with the number of values each takes. ``--cookie`` carried the user's
#: session id on the command line (readable by every local user in ``ps``) so that wkhtmltopdf
#: could fetch the stylesheets: nothing is fetched any more.
UNSUPPORTED_SWITCHES = {
    "--header-html": 1, "--footer-html": 1, "--header-spacing": 1, "--header-line": 0,
    "--viewport-size": 1, "--cookie": 2,
}

#: What every page carries: ``name`` (str), ``address`` (list of str lines), ``logo`` (PNG or
#: JPEG bytes, or None).
Letterhead = collections.namedtuple("Letterhead", "name address logo")


def supported_args(args):
    """The ``wkhtmltopdf`` arguments without the switches unpatched Qt does not support.

    >>> supported_args(["--quiet", "--header-spacing", "35", "--cookie", "session_id", "s3cr3t",
    ...                 "--header-line", "--margin-top", "40"])
    ['--quiet', '--margin-top', '40']
    """
    kept, skip = [], 0
    for arg in args:
        if skip:
            skip -= 1
        elif arg in UNSUPPORTED_SWITCHES:
            skip = UNSUPPORTED_SWITCHES[arg]
        else:
            kept.append(arg)
    return kept


def self_contained(html, stylesheet):
    """The page ``html`` with nothing left to fetch, as UTF-8 bytes.

    Odoo's ``web.minimal_layout`` puts a ``<base href>`` to ``web.base.url`` before the doctype,
    links the report's stylesheets and scripts: the stylesheets are replaced by their text
    (``stylesheet(href)`` gives it, or None to drop the link), scripts and the base go. The
    charset is declared first, so that ``wkhtmltopdf`` reads UTF-8 whatever the CSS size.

    >>> page = ('<base href=http://127.0.0.1:8069>\\n<!DOCTYPE html>\\n<html>'
    ...         '<head><link rel="stylesheet" href="/web/content/7-ab/web.report.css"/>'
    ...         '<link rel="stylesheet" href="https://elsewhere.example/x.css"/>'
    ...         '<script src="/web/content/8-ab/web.report.js"></script>'
    ...         '<meta charset="utf-8"/></head><body>Été &lt;b&gt;</body></html>')
    >>> css = {"/web/content/7-ab/web.report.css": "p>b{}"}
    >>> print(self_contained(page, css.get).decode("utf-8"))
    <!DOCTYPE html>
    <html><head><meta charset="utf-8"><style>p>b{}</style></head><body>Été &lt;b&gt;</body></html>
    """
    if isinstance(html, str):
        html = html.encode("utf-8")
    start = html.find(b"<html")
    document = lxml.html.document_fromstring(
        html[start:] if start >= 0 else html, parser=lxml.html.HTMLParser(encoding="utf-8"))
    for node in document.xpath("//base | //script | //meta[@charset]"):
        node.getparent().remove(node)
    for link in document.xpath("//link"):
        css = stylesheet(link.get("href") or "") if link.get("rel") == "stylesheet" else None
        if css is not None:
            style = etree.Element("style")
            style.text = css
            link.addprevious(style)
        link.getparent().remove(link)
    head = document.find("head")
    if head is None:
        head = etree.Element("head")
        document.insert(0, head)
    head.insert(0, etree.Element("meta", charset="utf-8"))
    return lxml.html.tostring(document, encoding="utf-8", doctype="<!DOCTYPE html>")


def carries_layout(header, footer):
    """Whether the documents had a header or a footer in their layout (Odoo's
    ``web.external_layout``), given the two pages ``_prepare_html`` gathers them in: those get the
    letterhead and page numbers; documents laid out without (badges, labels) are left bare.

    >>> empty = '<html><body><div id="minimal_layout_report_headers"></div></body></html>'
    >>> carries_layout(empty, empty)
    False
    >>> carries_layout(
    ...     '<html><body><div id="minimal_layout_report_headers"><div class="header"/></div>'
    ...     '</body></html>', empty)
    True
    """
    for html in (header, footer):
        if not html:
            continue
        if isinstance(html, str):
            html = html.encode("utf-8")
        start = html.find(b"<html")
        document = lxml.html.document_fromstring(html[start:] if start >= 0 else html)
        if document.xpath("//div[@id='minimal_layout_report_headers' or "
                          "@id='minimal_layout_report_footers']/*"):
            return True
    return False


def page_count(pdf):
    """The number of pages of ``pdf`` (bytes), 0 when it is no readable PDF.

    >>> page_count(b""), page_count(b"%PDF-1.4 truncated")
    (0, 0)
    >>> page_count(_sample_pdf(["one", "two"]))
    2
    """
    if not pdf:
        return 0
    try:
        return len(PdfReader(io.BytesIO(pdf)).pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        _logger.info("not a readable PDF: %s", error)
        return 0


def stamp(document, letterhead, margins, page_label="Page %(page)s / %(pages)s"):
    """The PDF ``document`` with the letterhead on top of every page and "Page x / y" at the
    bottom.

    Pages are numbered **per document** ("Page 1 / 2" on the first page of each convention of a
    batch): a batch of conventions or attestations is printed to be handed out one by one, and
    each document must show by itself that it is complete ("Page 3 / 6" on a learner's
    attestation would say that pages are missing). A single document (the funder report) is
    numbered as a whole.

    :param bytes document: the PDF of one document, of at least one page
    :param Letterhead letterhead: the document's company
    :param dict margins: ``top``, ``bottom``, ``left``, ``right`` in mm, the paper format's: the
        letterhead is drawn within the top margin, the page number within the bottom one
    :param str page_label: the footer, with ``%(page)s`` and ``%(pages)s`` (translated by the
        caller)
    :return: the stamped PDF, as bytes

    >>> letterhead = Letterhead("INAÉ", ["1 rue du Colonel Moll", "33000 Bordeaux"], None)
    >>> margins = {"top": 40, "bottom": 20, "left": 7, "right": 7}
    >>> page_count(stamp(_sample_pdf(["second", "third"]), letterhead, margins))
    2
    """
    pages = PdfReader(io.BytesIO(document)).pages
    sizes = [(float(page.mediabox.width), float(page.mediabox.height)) for page in pages]
    overlay = PdfReader(io.BytesIO(_overlay(sizes, letterhead, margins, page_label))).pages
    writer = _writer()
    for page, stamp_page in zip(pages, overlay):
        page.merge_page(stamp_page)
        writer.add_page(page)
    return _write(writer)


def merge(documents):
    """One PDF of the ``documents`` (a list of PDF bytes), each starting on a new page.

    >>> page_count(merge([_sample_pdf(["one"]), _sample_pdf(["two", "three"])]))
    3
    """
    writer = _writer()
    for document in documents:
        for page in PdfReader(io.BytesIO(document)).pages:
            writer.add_page(page)
    return _write(writer)


def _writer():
    """A PyPDF2 writer without the broken form PyPDF2 1.28.6 adds to every file.

    1.28.6's ``PdfWriter()`` declares an ``/AcroForm`` that is in fact its info dictionary: the
    files it writes read as forms without fields (poppler: "Can't get Fields array"). Odoo 11's
    own ``_post_pdf`` writes such files; ours do not.

    >>> "/AcroForm" in _writer()._root_object
    False
    """
    writer = PdfWriter()
    form = writer._root_object.get("/AcroForm")
    if form is not None and "/Fields" not in form.get_object():
        del writer._root_object["/AcroForm"]
        form.get_object().pop("/NeedAppearances", None)
    return writer


def _write(writer):
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _overlay(sizes, letterhead, margins, page_label):
    """A PDF with one transparent page per size, carrying the letterhead and "Page x / y"."""
    output = io.BytesIO()
    pdf = canvas.Canvas(output)
    logo = _image(letterhead.logo)
    left, right = max(margins["left"], 10) * mm, max(margins["right"], 10) * mm
    top_band = max(margins["top"], 24) * mm
    for number, (width, height) in enumerate(sizes, 1):
        pdf.setPageSize((width, height))
        text_right = width - right
        logo_height = min(16 * mm, top_band - 14 * mm)
        if logo:
            image_width, image_height = logo.getSize()
            logo_width = min(45 * mm, logo_height * image_width / float(image_height or 1))
            pdf.drawImage(logo, left, height - 8 * mm - logo_height, width=logo_width,
                          height=logo_height, preserveAspectRatio=True, anchor="sw", mask="auto")
        pdf.setFont("Helvetica-Bold", 11)
        pdf.drawRightString(text_right, height - 12 * mm, letterhead.name or "")
        pdf.setFont("Helvetica", 8.5)
        for index, line in enumerate(letterhead.address):
            pdf.drawRightString(text_right, height - 17 * mm - index * 4 * mm, line)
        rule = height - top_band + 4 * mm
        pdf.setLineWidth(0.5)
        pdf.line(left, rule, text_right, rule)
        footer = min(8 * mm, margins["bottom"] * mm / 2)
        pdf.line(left, footer + 4 * mm, text_right, footer + 4 * mm)
        pdf.setFont("Helvetica", 8.5)
        pdf.drawCentredString(width / 2, footer,
                              page_label % {"page": number, "pages": len(sizes)})
        pdf.showPage()
    pdf.save()
    return output.getvalue()


def _image(data):
    """A reportlab image of the logo ``data``, or None when there is none or it is unreadable."""
    if not data:
        return None
    try:
        image = ImageReader(io.BytesIO(data))
        image.getSize()
    except (IOError, OSError, ValueError) as error:
        _logger.warning("the company logo cannot be read, the letterhead goes without: %s", error)
        return None
    return image


def _sample_pdf(texts):
    """A PDF with one page per text, for the doctests."""
    output = io.BytesIO()
    pdf = canvas.Canvas(output)
    for text in texts:
        pdf.drawString(100, 400, text)
        pdf.showPage()
    pdf.save()
    return output.getvalue()
