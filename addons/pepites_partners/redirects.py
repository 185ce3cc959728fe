"""Where PEPITES lets a request parameter send the browser: only to a page of the site.

Odoo 11's login, logout, language switch, signup and portal account pages redirect to whatever
their ``redirect`` (or ``r``) parameter says, so a link on PEPITES' own domain can land its
visitor on a look-alike site (phishing) or run ``javascript:``. Plain Python, no Odoo import:
its doctests run without a database.
"""
import re
from urllib.parse import urlsplit, urlunsplit

#: control characters and whitespace: browsers drop tabs and newlines anywhere in a URL
#: (``/\\t/evil.example`` is ``//evil.example``) and strip leading spaces
_UNSAFE_CHARS = re.compile(r"[\x00-\x20\x7f-\x9f\u00a0\u1680\u2000-\u200f\u2028-\u202f"
                           r"\u205f\u3000\ufeff]")


def local_path(url, host=None, default="/"):
    """Return ``url`` when it is a path of this site, else ``default``.

    A local path starts with one ``/`` (not ``//`` nor ``/\\``, which browsers take for another
    host), holds no backslash, whitespace or control character, and has no scheme. An absolute
    ``http(s)`` URL on ``host`` (``request.httprequest.host``, e.g. Odoo's own "log in, then back
    to this page" links) is turned into its path.

    >>> local_path("/my/home?tab=1#top")
    '/my/home?tab=1#top'
    >>> local_path(b"/web?debug=1", default="/web")
    '/web?debug=1'
    >>> local_path("http://pepites.example:8069/my/siae?x=1", host="pepites.example:8069")
    '/my/siae?x=1'
    >>> local_path("HTTPS://Pepites.Example/jobs", host="pepites.example")
    '/jobs'
    >>> [local_path(url) for url in (
    ...     "https://evil.example", "//evil.example", "/\\\\evil.example", "\\\\\\\\evil.example",
    ...     "javascript:alert(1)", "JavaScript:alert(1)", "http:evil.example", "http:/evil.example",
    ...     "/\\t/evil.example", "/\\n/evil.example", " //evil.example", "\\x00//evil.example",
    ...     "evil.example", "data:text/html,<script>", "/%0a/evil", "", None, 42, "/a\\u2028b")]
    ... # doctest: +NORMALIZE_WHITESPACE
    ['/', '/', '/', '/', '/', '/', '/', '/', '/', '/', '/', '/', '/', '/', '/%0a/evil', '/', '/',
     '/', '/']
    >>> local_path("https://evil.example/my", host="pepites.example", default="/web")
    '/web'
    >>> local_path("https://pepites.example@evil.example/", host="pepites.example")
    '/'
    >>> local_path("ftp://pepites.example/x", host="pepites.example")
    '/'
    >>> local_path("https://pepites.example//evil.example", host="pepites.example")
    '/'
    """
    if isinstance(url, bytes):
        try:
            url = url.decode("utf-8")
        except UnicodeDecodeError:
            return default
    if not isinstance(url, str) or not url or "\\" in url or _UNSAFE_CHARS.search(url):
        return default
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an invalid IPv6 netloc
        return default
    if parts.scheme or parts.netloc:
        if not host or parts.scheme.lower() not in ("http", "https") \
                or parts.netloc.lower() != host.lower():
            return default
        url = urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
    if not url.startswith("/") or url.startswith("//"):
        return default
    return url
