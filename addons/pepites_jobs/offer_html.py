"""The HTML of an offer written by a SIAE (description, profile sought): text and its plain
structure only.

Plain Python (no ORM, no database), so it can be read and tested on its own. One function,
:func:`clean_offer_html`, used by every path a SIAE writes an offer through: the portal form
(plain text turned into paragraphs by ``plaintext2html``) and XML-RPC / JSON-RPC ``create`` and
``write`` — both reach ``hr.job.create``/``write``, which call it (models/hr_job.py).

Why stricter than the field: ``hr.job.website_description`` is declared by
website_hr_recruitment with ``sanitize_attributes=False`` (every attribute kept), and Odoo's
``html_sanitize`` keeps, even with ``sanitize_attributes``, ``id`` and its editor's own
``data-oe-*`` attributes. A SIAE wrote over XML-RPC a ``<div style="position:fixed;…">`` that
covered the whole page of ``/jobs`` once the offer was published; ``data-oe-model``/
``data-oe-id``/``data-oe-field`` in an offer make the website editor of an INAÉ staff member
save that element into another record. Here: ``html_sanitize`` with ``strip_style`` and
``strip_classes`` (scripts, styles, forms, event handlers, ``javascript:`` links gone), then
only the tags of :data:`OFFER_TAGS` and the attributes of :data:`OFFER_ATTRIBUTES` are kept
(other tags are unwrapped: their text stays).

>>> clean_offer_html('<div style="position:fixed;inset:0" class="modal-backdrop" '
...                  'data-oe-model="res.users" data-oe-id="2" id="wrapwrap">Offre</div>'
...                  '<p onclick="steal()">Suite</p>')
'<div>Offre</div><p>Suite</p>'
>>> clean_offer_html('<p>Encadrer <b>huit</b> salariés <img src="https://t.example/x.png">'
...                  '<a href="https://inae.example" target="_blank">site</a></p>')
'<p>Encadrer <b>huit</b> salariés <a href="https://inae.example">site</a></p>'
>>> clean_offer_html('<script>alert(1)</script>') is False
True
"""
from html import escape

from lxml import etree
from lxml.html import clean, fragment_fromstring

from odoo.tools import html_sanitize

#: the structure a description may have: paragraphs, emphasis, lists, headings, links, tables
OFFER_TAGS = frozenset([
    "p", "br", "div", "span", "strong", "b", "em", "i", "u", "s", "ul", "ol", "li", "a",
    "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "thead", "tbody", "tr", "th", "td",
])
#: no style, class, id, data-*, event handler, target: a link's address and a cell's span only
OFFER_ATTRIBUTES = frozenset(["href", "colspan", "rowspan"])

_CLEANER = clean.Cleaner(
    scripts=True, javascript=True, comments=True, style=True, links=True, meta=True,
    page_structure=True, processing_instructions=True, embedded=True, frames=True, forms=True,
    annoying_tags=True, remove_unknown_tags=False, allow_tags=OFFER_TAGS,
    safe_attrs_only=True, safe_attrs=OFFER_ATTRIBUTES)


def clean_offer_html(html):
    """The HTML of a SIAE's offer, reduced to :data:`OFFER_TAGS` and :data:`OFFER_ATTRIBUTES`.

    :param html: the HTML written (str), or a false value
    :returns: the cleaned HTML, or False when no text is left (or for a false value)
    """
    if not html:
        return False
    cleaned = html_sanitize(html, silent=True, sanitize_tags=True, sanitize_attributes=True,
                            strip_style=True, strip_classes=True)
    if not cleaned or not cleaned.strip():
        return False
    try:
        # our own wrapper, so that the value's own elements (a single <div> too) are kept
        root = fragment_fromstring(cleaned, create_parent="div")
    except etree.ParserError:
        return False
    _CLEANER(root)
    if not root.text_content().strip():
        return False
    return (escape(root.text or "", quote=False)
            + "".join(etree.tostring(child, method="html", encoding="unicode")
                      for child in root))
