"""Feeds of the published SIAE offers for employment partners: JSON and RSS 2.0.

Plain Python, no ORM, so it can be read, tested and benchmarked on its own:

* :func:`parse_params` validates the query string into a :class:`FeedQuery` (or raises
  :class:`FeedError`, which the controller turns into an HTTP 400 with a JSON message);
* :func:`fetch_feed` runs ONE SQL query for the page of offers (plus one for the removed offers
  of the first page of an incremental call) on any DB-API cursor;
* :func:`feed_to_json` and :func:`feed_to_rss` serialise what it returns;
* :func:`feed_document` does both for one page: the feeds' one way in (``hr.job._feed_json``
  and ``_feed_rss`` add what only the database knows).

What is on the board is the board rule's (board_rule.py), rendered in the feeds' SQL.

Ordering is ``(updated_at, id)``, a total order; ``next`` carries a keyset cursor (``after``)
so that an offer changing while a partner walks the pages cannot make it skip another one.
``updated_since`` is inclusive: a partner passing the ``generated_at`` of its previous call may
get an offer twice, never miss one.
"""
import datetime
import functools
import json
import re
from collections import namedtuple
from email.utils import format_datetime
import pytz
from lxml import etree, html as lxml_html
from werkzeug.urls import url_encode

from . import board_rule
# the day offers expire by is the board rule's; re-exported for the feeds' readers
from .board_rule import BOARD_TZ, board_today  # noqa: F401

DEFAULT_LIMIT = 1000
MAX_LIMIT = 50000

#: the feed's vocabulary of removal reasons (the offer's state, or "unpublished")
REMOVAL_REASONS = ("expired", "filled", "archived", "unpublished")


def _(source):
    """Mark a message for the translation export; the controller translates it at run time."""
    return source


class FeedError(ValueError):
    """A malformed feed parameter.

    :param str message: English template, marked for translation with ``_``
    :param args: values for the template's ``%s``
    """

    def __init__(self, message, *args):
        super(FeedError, self).__init__(message % args if args else message)
        self.message = message
        self.message_args = args


FeedQuery = namedtuple("FeedQuery", "updated_since department job_family limit page after")
FeedQuery.__doc__ = """A validated feed request.

``updated_since`` is a naive UTC datetime or None; ``after`` a ``(naive UTC datetime, id)``
keyset cursor or None; ``department`` and ``job_family`` are codes or None.
"""

#: the moments a feed parameter may name (naive UTC): anything outside is refused. The feed's
#: date arithmetic (Paris days, the day before, offsets up to 14 hours) must stay within
#: Python's years 1 to 9999: ``updated_since=0001-01-01`` or ``9999-12-31T23:59:59-14:00``
#: overflowed into an HTTP 500. Nothing on the board predates 1970 (the Unix epoch, the
#: customary "since the beginning"), and a day before 9999-12-31 leaves room for the rest.
MIN_MOMENT = datetime.datetime(1970, 1, 1)
MAX_MOMENT = datetime.datetime(9999, 12, 30, 23, 59, 59)


class MomentOutOfRange(ValueError):
    """A well-formed ISO 8601 value outside :data:`MIN_MOMENT` … :data:`MAX_MOMENT`."""


_ISO_RE = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ](?P<h>\d{2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:[.,](?P<f>\d{1,6})\d*)?)?"
    # a "+" left unencoded in a query string arrives as a space
    r"(?P<tz>Z|z|[+\- ]\d{2}(?::?\d{2})?)?)?$")
_DEPARTMENT_RE = re.compile(r"^(?:\d{2,3}|2[AB])$")
_CODE_RE = re.compile(r"^[A-Za-z0-9_\-]{1,64}$")
_CURSOR_RE = re.compile(r"^(?P<when>[0-9T:\-.Z]+)_(?P<id>\d{1,12})$")


def parse_iso8601(value):
    """Parse an ISO 8601 date or date-time into a naive UTC datetime.

    A value without offset is taken as UTC; a date alone as its midnight UTC.

    >>> parse_iso8601("2026-11-26T10:30:00+01:00")
    datetime.datetime(2026, 11, 26, 9, 30)
    >>> parse_iso8601("2026-11-26 10:30:00 01:00")  # "+" decoded as a space
    datetime.datetime(2026, 11, 26, 9, 30)
    >>> parse_iso8601("2026-11-26")
    datetime.datetime(2026, 11, 26, 0, 0)
    >>> parse_iso8601("9999-12-31T23:59:59-14:00")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    MomentOutOfRange: 9999-12-31T23:59:59-14:00

    :raises MomentOutOfRange: when the moment lies outside MIN_MOMENT … MAX_MOMENT
    :raises ValueError: when the value is not ISO 8601 or not a real date
    """
    match = _ISO_RE.match((value or "").strip())
    if not match:
        raise ValueError(value)
    year, month, day = (int(part) for part in match.group("date").split("-"))
    fraction = (match.group("f") or "0").ljust(6, "0")
    result = datetime.datetime(
        year, month, day, int(match.group("h") or 0), int(match.group("m") or 0),
        int(match.group("s") or 0), int(fraction))
    offset = match.group("tz")
    if offset and offset not in ("Z", "z"):
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        delta = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
        if delta > datetime.timedelta(hours=14):
            raise ValueError(value)
        try:
            result -= sign * delta
        except OverflowError:
            raise MomentOutOfRange(value)
    if not MIN_MOMENT <= result <= MAX_MOMENT:
        raise MomentOutOfRange(value)
    return result


def iso_utc(value):
    """Format a naive UTC datetime (or Odoo's ``YYYY-MM-DD HH:MM:SS`` string) as ISO 8601 Z.

    >>> iso_utc("2026-11-26 10:00:05")
    '2026-11-26T10:00:05Z'
    """
    if not value:
        return None
    if isinstance(value, str):
        return value.replace(" ", "T") + "Z"
    return value.isoformat() + "Z"


def iso_date(value):
    """Format a date (or Odoo's ``YYYY-MM-DD`` string) as ISO 8601."""
    if not value:
        return None
    return value if isinstance(value, str) else value.isoformat()


def end_of_publication(date_expire):
    """The naive UTC moment an offer expiring on ``date_expire`` leaves the board (the next
    midnight in France)."""
    if isinstance(date_expire, str):
        date_expire = datetime.datetime.strptime(date_expire[:10], "%Y-%m-%d").date()
    midnight = datetime.datetime.combine(date_expire + datetime.timedelta(days=1),
                                         datetime.time())
    return pytz.timezone(BOARD_TZ).localize(midnight).astimezone(pytz.utc).replace(tzinfo=None)


def _first(args, key):
    value = args.get(key)
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    if value is None:
        return None
    return value.strip()


def _positive_int(args, key, default, maximum):
    raw = _first(args, key)
    if raw in (None, ""):
        return default
    if not raw.isdigit() or int(raw) < 1 or int(raw) > maximum:
        raise FeedError(_("The parameter \"%s\" must be a whole number between 1 and %s."),
                        key, maximum)
    return int(raw)


def parse_params(args):
    """Validate the query string of a feed request.

    :param args: mapping of parameter name to value (or list of values: the first is used);
        unknown parameters are ignored
    :returns: FeedQuery
    :raises FeedError: on a malformed ``updated_since``, ``department``, ``job_family``,
        ``limit``, ``page`` or ``after``, or an ``updated_since`` (or a cursor) outside
        :data:`MIN_MOMENT` … :data:`MAX_MOMENT` (refused, not clamped: a partner asking for
        year 1 has a bug to hear about)
    """
    updated_since = None
    raw = _first(args, "updated_since")
    if raw:
        try:
            updated_since = parse_iso8601(raw)
        except MomentOutOfRange:
            raise FeedError(_("The parameter \"updated_since\" must lie between %s and %s "
                              "(got \"%s\")."), iso_utc(MIN_MOMENT), iso_utc(MAX_MOMENT),
                            raw[:40])
        except ValueError:
            raise FeedError(_("The parameter \"updated_since\" must be an ISO 8601 date or "
                              "date-time, e.g. 2026-11-26T08:00:00Z (got \"%s\")."), raw[:40])
    department = _first(args, "department") or None
    if department and not _DEPARTMENT_RE.match(department):
        raise FeedError(_("The parameter \"department\" must be a département code such as "
                          "33 (got \"%s\")."), department[:40])
    job_family = _first(args, "job_family") or None
    if job_family and not _CODE_RE.match(job_family):
        raise FeedError(_("The parameter \"job_family\" must be a job family code such as "
                          "eti (got \"%s\")."), job_family[:40])
    limit = _positive_int(args, "limit", DEFAULT_LIMIT, MAX_LIMIT)
    page = _positive_int(args, "page", 1, 10 ** 6)
    after = None
    raw = _first(args, "after")
    if raw:
        match = _CURSOR_RE.match(raw)
        try:
            if not match:
                raise ValueError(raw)
            after = (parse_iso8601(match.group("when")), int(match.group("id")))
        except ValueError:
            raise FeedError(_("The parameter \"after\" is not a cursor given by this feed's "
                              "\"next\" link."))
        if page != 1:
            raise FeedError(_("The parameters \"after\" and \"page\" cannot be combined."))
    return FeedQuery(updated_since, department, job_family, limit, page, after)


#: what the JSON feed's ``offers`` hold: the feed's own offer objects (the default), or one
#: schema.org JobPosting document per offer (jsonld.py, as on the offer pages)
JSON_FORMATS = ("json", "jobposting")


def parse_format(args):
    """The ``format`` of a JSON feed request, ``json`` when absent.

    >>> parse_format({"format": "jobposting"})
    'jobposting'
    >>> parse_format({"format": "xml"})  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    FeedError: The parameter "format" must be json or jobposting (got "xml").

    :raises FeedError: on any other value
    """
    value = _first(args, "format") or "json"
    if value not in JSON_FORMATS:
        raise FeedError(_("The parameter \"format\" must be json or jobposting (got \"%s\")."),
                        value[:40])
    return value


def encode_cursor(updated_at, offer_id):
    """The ``after`` value that resumes a walk after this offer."""
    return "%s_%d" % (iso_utc(updated_at), offer_id)


# One statement for the page of offers, with every filter as a parameter: a filter left out is
# a NULL whose test PostgreSQL folds away. The title is read in the feed's language (hr.job's
# name is translatable, its column keeps the source). What is on the board is the board rule's
# (board_rule.py), its values passed with the other parameters.
_ON_BOARD = board_rule.sql(board_rule.ON_BOARD, "j")
_FILTERS = """AND (%(department)s IS NULL OR d.code = %(department)s)
              AND (%(job_family)s IS NULL OR f.code = %(job_family)s)"""
OFFERS_SQL = """
SELECT j.id, COALESCE(NULLIF(tr.value, ''), j.name), s.name, s.siret, s.siae_kind, f.code,
       j.rome_code, j.contract_type, j.weekly_hours, d.code, j.city, j.date_published,
       j.date_expire, j.feed_date, j.description_text
  FROM hr_job j
  JOIN res_partner s ON s.id = j.siae_id
  LEFT JOIN pepites_job_family f ON f.id = j.job_family_id
  LEFT JOIN pepites_department d ON d.id = j.pepites_department_id
  LEFT JOIN ir_translation tr ON tr.type = 'model' AND tr.name = 'hr.job,name'
                             AND tr.lang = %(lang)s AND tr.res_id = j.id
 WHERE """ + _ON_BOARD + """
   """ + _FILTERS + """
   AND (%(since)s::timestamp IS NULL OR j.feed_date >= %(since)s)
   AND (%(after_date)s::timestamp IS NULL OR (j.feed_date, j.id) > (%(after_date)s, %(after_id)s))
 ORDER BY j.feed_date, j.id
 LIMIT %(limit)s OFFSET %(offset)s
"""
# The offers that left the board since a moment, in two index-friendly parts: those whose
# leaving was recorded (date_unpublished: they left the published state, or were hidden), and
# those still "published" but past their last day that the daily cron has not expired yet,
# dated the midnight after their last day (the moment the cron records for them).
_EXPIRED_BY_DATE = "(" + board_rule.sql(board_rule.EXPIRED_BY_DATE, "j") + ")"
_EXPIRY_MOMENT = "(((j.date_expire + 1)::timestamp AT TIME ZONE %(tz)s) AT TIME ZONE 'UTC')"
REMOVED_SQL = """
SELECT id, removed_at, reason FROM (
    SELECT j.id, j.date_unpublished AS removed_at,
           CASE WHEN j.pepites_state IN ('filled', 'expired', 'archived') THEN j.pepites_state
                ELSE 'unpublished' END AS reason
      FROM hr_job j
      LEFT JOIN pepites_job_family f ON f.id = j.job_family_id
      LEFT JOIN pepites_department d ON d.id = j.pepites_department_id
     WHERE j.date_unpublished >= %(since)s AND j.siae_id IS NOT NULL
       AND NOT (""" + _ON_BOARD + """) AND NOT """ + _EXPIRED_BY_DATE + """
       """ + _FILTERS + """
    UNION ALL
    SELECT j.id, """ + _EXPIRY_MOMENT + """, 'expired'
      FROM hr_job j
      LEFT JOIN pepites_job_family f ON f.id = j.job_family_id
      LEFT JOIN pepites_department d ON d.id = j.pepites_department_id
     WHERE """ + _EXPIRED_BY_DATE + """
       AND j.date_expire >= %(since_day)s AND j.siae_id IS NOT NULL
       AND """ + _EXPIRY_MOMENT + """ >= %(since)s
       """ + _FILTERS + """
) removed
ORDER BY removed_at, id
"""


def fetch_feed(cr, query, base_url, now=None, lang="fr_FR"):
    """Read one page of the feed.

    :param cr: a DB-API cursor (Odoo's, or plain psycopg2)
    :param FeedQuery query: the validated request
    :param str base_url: the site's address, without trailing slash
    :param datetime now: naive UTC "now" (tests pass their own)
    :param str lang: language of the titles
    :returns: dict with ``generated_at``, ``offers``, ``removed`` and ``next_cursor`` (the
        ``after`` value of the next page, or None)
    """
    now = now or datetime.datetime.utcnow().replace(microsecond=0)
    params = dict(board_rule.sql_params(board_today(now)), **{
        "lang": lang, "tz": BOARD_TZ,
        "department": query.department, "job_family": query.job_family,
        "since": query.updated_since,
        # the last day of an offer leaving after "since" is at least the day before it in France
        "since_day": query.updated_since and (
            board_today(query.updated_since) - datetime.timedelta(days=1)),
        "after_date": query.after[0] if query.after else None,
        "after_id": query.after[1] if query.after else None,
        "limit": query.limit + 1, "offset": (query.page - 1) * query.limit,
    })
    cr.execute(OFFERS_SQL, params)
    rows = cr.fetchall()
    next_cursor = None
    if len(rows) > query.limit:
        rows = rows[:query.limit]
        next_cursor = encode_cursor(rows[-1][13], rows[-1][0])
    removed = []
    if query.updated_since is not None and query.page == 1 and query.after is None:
        cr.execute(REMOVED_SQL, params)
        removed = [{"id": offer_id, "removed_at": iso_utc(removed_at), "reason": reason}
                   for offer_id, removed_at, reason in cr.fetchall()]
    return {
        "generated_at": iso_utc(now),
        "offers": [offer_to_dict(row, base_url) for row in rows],
        "removed": removed,
        "next_cursor": next_cursor,
    }


#: where each feed is served: its "next" links lead there
FEED_PATHS = {"json": "/jobs/feed.json", "rss": "/jobs/feed.rss"}


def feed_document(cr, query, base_url, lang, channel=None, self_link=None, now=None,
                  postings=None):
    """One page of a feed, read and serialised: the document a partner receives.

    :param cr: a DB-API cursor
    :param FeedQuery query: the validated request
    :param str base_url: the site's address, without trailing slash
    :param str lang: language of the titles
    :param dict channel: for the RSS feed, its channel (see :func:`feed_to_rss`); without it,
        the JSON feed
    :param str self_link: for the RSS feed, the URL it was asked at
    :param datetime now: naive UTC "now" (tests pass their own)
    :param postings: for the JSON feed's ``format=jobposting``, a function of the page's offer
        ids returning their JobPosting documents in the same order (the offers' own objects
        are replaced; what is on the page, its order and its cursor stay the feed's)
    :returns: UTF-8 bytes
    """
    feed = fetch_feed(cr, query, base_url, now=now, lang=lang)
    path = FEED_PATHS["json" if channel is None else "rss"]
    next_link = next_url(base_url, path, query, feed["next_cursor"],
                         fmt="jobposting" if postings else None)
    if postings:
        feed["offers"] = postings([offer["id"] for offer in feed["offers"]])
    if channel is None:
        return feed_to_json(feed, next_link)
    return feed_to_rss(feed, channel, self_link, next_link)


def offer_to_dict(row, base_url):
    """One row of :data:`OFFERS_SQL` as the feed's offer object (no personal data: the employer
    is an organisation, and no contact person, email or phone is exported)."""
    (offer_id, title, employer, siret, kind, family, rome_code, contract_type, weekly_hours,
     department, city, published, expires, updated, description) = row
    return {
        "id": offer_id,
        "title": title,
        "employer": {"name": employer, "siret": siret or None, "kind": kind or None},
        "job_family": family,
        "rome_code": rome_code or None,
        "contract_type": contract_type or None,
        "weekly_hours": weekly_hours,
        "department": department,
        "city": city or None,
        "published_at": iso_date(published),
        "expires_at": iso_date(expires),
        "updated_at": iso_utc(updated),
        "url": "%s/jobs/detail/%d" % (base_url, offer_id),
        "description": description or "",
    }


def next_url(base_url, path, query, next_cursor, fmt=None):
    """The URL of the next page (same filters and format, keyset cursor), or None on the last
    page."""
    if not next_cursor:
        return None
    params = [("updated_since", iso_utc(query.updated_since)), ("department", query.department),
              ("job_family", query.job_family),
              ("limit", query.limit if query.limit != DEFAULT_LIMIT else None),
              ("after", next_cursor), ("format", fmt)]
    return "%s%s?%s" % (base_url, path, url_encode([(k, v) for k, v in params if v]))


def feed_to_json(feed, next_link):
    """The JSON document of the feed, as UTF-8 bytes."""
    document = {
        "generated_at": feed["generated_at"],
        "offers": feed["offers"],
        "removed": feed["removed"],
        "next": next_link,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@functools.lru_cache(maxsize=1024)
def _rfc822(value):
    """RSS dates: ``value`` a date or a naive UTC datetime (or their ISO strings); offers share
    few publication days, hence the cache."""
    if isinstance(value, str):
        value = parse_iso8601(value.rstrip("Z"))
    elif isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time())
    return format_datetime(pytz.utc.localize(value))


ATOM_NS = "http://www.w3.org/2005/Atom"


def feed_to_rss(feed, channel, self_link, next_link):
    """The RSS 2.0 document of the feed, as UTF-8 bytes.

    :param dict channel: ``title``, ``link``, ``description``, ``language`` (already translated)
    RSS has no notion of removal: partners needing ``removed`` use the JSON feed.
    """
    element, sub = etree.Element, etree.SubElement
    rss = element("rss", {"version": "2.0"}, nsmap={"atom": ATOM_NS})
    chan = sub(rss, "channel")
    for key in ("title", "link", "description", "language"):
        sub(chan, key).text = channel[key]
    sub(chan, "lastBuildDate").text = _rfc822(feed["generated_at"])
    sub(chan, "{%s}link" % ATOM_NS, {"rel": "self", "href": self_link,
                                     "type": "application/rss+xml"})
    if next_link:
        sub(chan, "{%s}link" % ATOM_NS, {"rel": "next", "href": next_link,
                                         "type": "application/rss+xml"})
    for offer in feed["offers"]:
        item = sub(chan, "item")
        sub(item, "title").text = _NOT_XML_RE.sub("", offer["title"] or "")
        sub(item, "link").text = offer["url"]
        sub(item, "guid", {"isPermaLink": "true"}).text = offer["url"]
        if offer["published_at"]:
            sub(item, "pubDate").text = _rfc822(offer["published_at"])
        summary = " — ".join(part for part in (
            _NOT_XML_RE.sub("", offer["employer"]["name"] or ""),
            offer["city"] and "%s (%s)" % (_NOT_XML_RE.sub("", offer["city"]),
                                           offer["department"] or ""),
            offer["contract_type"] and offer["contract_type"].upper(),
        ) if part)
        sub(item, "description").text = "%s\n\n%s" % (summary, offer["description"])
        for domain in ("job_family", "rome_code", "department"):
            if offer[domain]:
                sub(item, "category", {"domain": domain}).text = offer[domain]
    return etree.tostring(rss, encoding="utf-8", xml_declaration=True)


_BLOCK_TAGS = ("p", "div", "section", "article", "tr", "h1", "h2", "h3", "h4", "h5",
               "h6", "blockquote", "pre", "table", "ul", "ol")
_SPACES_RE = re.compile(r"[ \t\r\f\v\xa0]+")
#: characters XML 1.0 cannot carry (a pasted description may hold some)
_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BLANK_LINES_RE = re.compile(r"\n{3,}")


def html_to_text(html):
    """Plain text of an HTML description, for feeds: paragraphs and list items on their own
    lines, no markup, no script or style content.

    >>> html_to_text("<p>Encadrer une <b>équipe</b></p><ul><li>permis B</li></ul>")
    'Encadrer une équipe\\n\\n- permis B'
    """
    if not html or not html.strip():
        return ""
    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    for element in root.iter("li"):
        element.text = "- " + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n\n" + (element.tail or "")
    text = root.text_content()
    lines = [_SPACES_RE.sub(" ", line).strip() for line in text.split("\n")]
    text = _NOT_XML_RE.sub("", "\n".join(lines))
    return _BLANK_LINES_RE.sub("\n\n", text).strip()
