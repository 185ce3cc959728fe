"""When an offer is on the public board: the rule, once, in the three forms its readers need.

Plain Python, no ORM. The rule is declared once (:data:`ON_BOARD`) as a few conditions on the
columns of ``hr_job``; this module renders it

* as an SQL predicate, for the feeds and the indicators that read the table directly
  (:func:`sql`, with :func:`sql_params` for its values, which always travel as query
  parameters);
* as an Odoo domain, for ``hr.job`` searches: ``/jobs``, the sitemap, the cron
  (:func:`domain`);
* as a Python predicate on an ``hr.job`` record or a dict of column values (:func:`matches`),
  answering as PostgreSQL answers the SQL form.

:data:`EXPIRED_BY_DATE` (still published, but past its last day: the daily cron has not expired
it yet) is declared and rendered the same way. Every SQL form is NULL-safe (never NULL), so that
``NOT (...)`` of it selects exactly the other rows.

The SQL and Python forms agree on a sample of offers (SQL run by SQLite, which reads these
predicates as PostgreSQL does once psycopg2's ``%(name)s`` placeholders are written ``:name``);
the domain form is checked against both on the database (``tests/test_board_rule.py``):

>>> import re, sqlite3
>>> today = datetime.date(2026, 12, 4)
>>> columns = ("id", "siae_id", "pepites_state", "website_published", "date_expire")
>>> rows = [dict(zip(columns, values)) for values in [
...     (1, 7, "published", True, None),            # on the board, no last day
...     (2, 7, "published", True, "2026-12-04"),    # its last day: still on the board
...     (3, 7, "published", True, "2026-12-03"),    # past its last day, the cron not run yet
...     (4, None, "published", True, None),         # no employer: INAÉ's own position
...     (5, 7, "draft", False, None),
...     (6, 7, "published", False, "2027-01-10"),   # hidden from the website
...     (7, 7, "published", None, None),            # never set on the website
...     (8, 7, "expired", False, "2026-11-30"),     # expired by the cron
... ]]
>>> db = sqlite3.connect(":memory:")
>>> _ = db.execute("CREATE TABLE hr_job (" + ", ".join(columns) + ")")
>>> _ = db.executemany("INSERT INTO hr_job VALUES (?, ?, ?, ?, ?)",
...                    [tuple(row[name] for name in columns) for row in rows])
>>> def selected_by_sql(rule):
...     where = re.sub(r"%\\((\\w+)\\)s", r":\\1", sql(rule, "j"))
...     query = "SELECT j.id FROM hr_job j WHERE " + where + " ORDER BY j.id"
...     return [offer_id for offer_id, in db.execute(query, sql_params(today))]
>>> def selected_by_python(rule):
...     return [row["id"] for row in rows if matches(rule, row, today)]
>>> selected_by_sql(ON_BOARD), selected_by_python(ON_BOARD)
([1, 2], [1, 2])
>>> [selected_by_sql(rule) == selected_by_python(rule) for rule in (ON_BOARD, EXPIRED_BY_DATE)]
[True, True]
>>> selected_by_python(EXPIRED_BY_DATE)
[3]
"""
import datetime
import re

import pytz

#: offers are dated in France: "today", the day offers expire by, is Paris time
BOARD_TZ = "Europe/Paris"

#: the value a condition compares with the day of the evaluation
TODAY = object()

# the tests a condition makes on its column; each is rendered by _SQL, _domain_leaves
#: the column holds a value (a many2one is set)
SET = "set"
#: the column equals the condition's value (never true on NULL)
EQUALS = "equals"
#: a boolean column is true (NULL is false)
TRUE = "true"
#: the day is empty, or on or after the condition's day
UNSET_OR_FROM = "unset_or_from"
#: the day is set and before the condition's day
BEFORE = "before"

#: an offer is on the public board (and in the partners' feeds): it has an employer SIAE (the
#: positions of INAÉ itself and Odoo's demo ones stay off), INAÉ published it, it is shown on
#: the website, and its last day (if any) is not past in France
ON_BOARD = (
    ("siae_id", SET, None),
    ("pepites_state", EQUALS, "published"),
    ("website_published", TRUE, None),
    ("date_expire", UNSET_OR_FROM, TODAY),
)
#: an offer is still published but past its last day: off the board already, expired by the
#: daily cron when it runs
EXPIRED_BY_DATE = (
    ("pepites_state", EQUALS, "published"),
    ("date_expire", BEFORE, TODAY),
)
RULES = (ON_BOARD, EXPIRED_BY_DATE)

#: SQL of each test, on column ``{c}`` and parameter ``{p}``: never NULL
_SQL = {
    SET: "{c} IS NOT NULL",
    EQUALS: "({c} IS NOT NULL AND {c} = {p})",
    TRUE: "COALESCE({c}, FALSE)",
    UNSET_OR_FROM: "({c} IS NULL OR {c} >= {p})",
    BEFORE: "({c} IS NOT NULL AND {c} < {p})",
}
_IDENTIFIER_RE = re.compile(r"^[a-z_][a-z0-9_]*$")


def board_today(now_utc=None):
    """The calendar day in France at ``now_utc`` (naive UTC), the day offers expire by.

    >>> board_today(datetime.datetime(2026, 12, 4, 23, 30))
    datetime.date(2026, 12, 5)
    """
    now_utc = now_utc or datetime.datetime.utcnow()
    return pytz.utc.localize(now_utc).astimezone(pytz.timezone(BOARD_TZ)).date()


def _parameter(name, value):
    """The name of the query parameter carrying ``value`` for the column ``name``."""
    return "board_today" if value is TODAY else "board_" + name


def sql(rule, alias):
    """The rule as an SQL predicate on the ``hr_job`` table named ``alias`` in the query.

    Values are ``%(board_...)s`` placeholders filled by :func:`sql_params`; the alias is an
    identifier written by the caller, never input, and checked as such.

    >>> print(sql(EXPIRED_BY_DATE, "j"))
    (j.pepites_state IS NOT NULL AND j.pepites_state = %(board_pepites_state)s)
    AND (j.date_expire IS NOT NULL AND j.date_expire < %(board_today)s)
    >>> sql(ON_BOARD, "j; DROP TABLE hr_job")
    Traceback (most recent call last):
    ValueError: not an SQL alias: 'j; DROP TABLE hr_job'

    :raises ValueError: when ``alias`` is not a plain lower-case SQL identifier
    """
    if not _IDENTIFIER_RE.match(alias or ""):
        raise ValueError("not an SQL alias: %r" % (alias,))
    return "\nAND ".join(
        _SQL[test].format(c="{}.{}".format(alias, name),
                          p="%({})s".format(_parameter(name, value)))
        for name, test, value in rule)


def sql_params(today):
    """The query parameters of :func:`sql` for every rule of this module, on ``today`` (a date,
    or an ISO string).

    >>> sorted(sql_params(datetime.date(2026, 12, 4)).items())
    [('board_pepites_state', 'published'), ('board_today', datetime.date(2026, 12, 4))]
    """
    params = {}
    for rule in RULES:
        for name, test, value in rule:
            if test in (EQUALS, UNSET_OR_FROM, BEFORE):
                params[_parameter(name, value)] = today if value is TODAY else value
    return params


def _domain_leaves(name, test, value):
    return {
        SET: [(name, "!=", False)],
        EQUALS: [(name, "=", value)],
        TRUE: [(name, "=", True)],
        UNSET_OR_FROM: ["|", (name, "=", False), (name, ">=", value)],
        BEFORE: [(name, "!=", False), (name, "<", value)],
    }[test]


def domain(rule, today):
    """The rule as an Odoo domain on ``hr.job``, its day written as Odoo 11 writes dates.

    >>> for term in domain(ON_BOARD, datetime.date(2026, 12, 4)):
    ...     print(term)
    ('siae_id', '!=', False)
    ('pepites_state', '=', 'published')
    ('website_published', '=', True)
    |
    ('date_expire', '=', False)
    ('date_expire', '>=', '2026-12-04')
    """
    day = _comparable(today)
    result = []
    for name, test, value in rule:
        result += _domain_leaves(name, test, day if value is TODAY else value)
    return result


def _comparable(value):
    """A column's value as the domain compares it: unset is False, a record its id, a day its
    ISO string (Odoo 11 reads dates as strings, psycopg2 as dates)."""
    if value is None:
        return False
    if hasattr(value, "_ids"):  # an Odoo record: a many2one's value
        return value.id or False
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


#: Python of each test on the row's value ``v`` and the condition's value ``x`` (unset is
#: False, as ``_comparable`` writes it): what PostgreSQL answers for the SQL of the same test
_PYTHON = {
    SET: lambda v, x: v is not False,
    EQUALS: lambda v, x: v is not False and v == x,
    TRUE: lambda v, x: v is True,
    UNSET_OR_FROM: lambda v, x: v is False or v >= x,
    BEFORE: lambda v, x: v is not False and v < x,
}


def matches(rule, row, today):
    """Whether ``row`` (an ``hr.job`` record or a dict of its columns) satisfies the rule on
    ``today``.

    >>> matches(EXPIRED_BY_DATE, {"pepites_state": "published", "date_expire": "2026-12-03"},
    ...         datetime.date(2026, 12, 4))
    True
    """
    day = _comparable(today)
    return all(_PYTHON[test](_comparable(row[name]), day if value is TODAY else value)
               for name, test, value in rule)
