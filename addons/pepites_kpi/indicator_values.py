"""The helpers behind an indicator's values: plain Python, no ORM, tested by their doctests.

Like mis_builder's ``aep``/``kpimatrix``, the Odoo models only *configure* indicators and run the
grouped queries (``models/pepites_kpi_indicator.py`` counts the records); this module holds what
does not need a database: parsing and checking an indicator's domain, the monthly calendar of
snapshots, turning grouped rows into per-département values, cumulating dated rows into a monthly
series (the backfill) and the progress toward a target. (It was ``engine.py``: it computes no
indicator by itself.)
"""
import ast
import datetime

#: how an indicator aggregates the records its domain selects (shared with the Selection field)
AGGREGATES = [
    ("count", "Number of records"),
    ("sum", "Sum of a field"),
    ("count_distinct", "Number of distinct values of a field"),
]

#: the operators a domain leaf may use (those of odoo.osv.expression)
OPERATORS = frozenset([
    "=", "!=", "<=", "<", ">", ">=", "=?", "=like", "=ilike", "like", "not like", "ilike",
    "not ilike", "in", "not in", "child_of", "parent_of",
])


class EngineError(ValueError):
    """A definition these helpers cannot use; the message says why (the models translate it)."""


def parse_domain(text):
    """Parse and check a domain written as a Python literal.

    >>> parse_domain("[('state', '=', 'published'), ('positions', '>', 0)]")
    [('state', '=', 'published'), ('positions', '>', 0)]
    >>> parse_domain("")
    []
    >>> parse_domain("['|', ('a', '=', 1), ('b', 'in', [1, 2])]")
    ['|', ('a', '=', 1), ('b', 'in', [1, 2])]
    >>> for bad in ("[('a', 'resembles', 1)]", "__import__('os')", "[('a', '=')]"):
    ...     try:
    ...         parse_domain(bad)
    ...     except EngineError as error:
    ...         print(error)
    unknown operator 'resembles'
    not a literal list
    a condition must be (field, operator, value): ('a', '=')
    """
    if not text or not text.strip():
        return []
    try:
        domain = ast.literal_eval(text.strip())
    except (ValueError, SyntaxError):
        raise EngineError("not a literal list")
    if not isinstance(domain, (list, tuple)):
        raise EngineError("not a literal list")
    result = []
    for item in domain:
        if item in ("&", "|", "!"):
            result.append(item)
            continue
        if not isinstance(item, (list, tuple)) or len(item) != 3 or not isinstance(item[0], str):
            raise EngineError("a condition must be (field, operator, value): %r" % (item,))
        if item[1] not in OPERATORS:
            raise EngineError("unknown operator %r" % (item[1],))
        result.append(tuple(item))
    return result


def domain_fields(domain):
    """The first field name of each condition (what must exist on the model).

    >>> domain_fields([('siae_id.department_id', '=', 3), '|', ('a', '=', 1), ('b', '=', 2)])
    ['siae_id', 'a', 'b']
    """
    return [item[0].split(".")[0] for item in domain if isinstance(item, tuple)]


def month_start(day):
    """First day of the month of ``day``.

    >>> month_start(datetime.date(2026, 11, 26))
    datetime.date(2026, 11, 1)
    """
    return day.replace(day=1)


def next_month(day):
    """First day of the month after ``day``'s.

    >>> next_month(datetime.date(2026, 12, 15))
    datetime.date(2027, 1, 1)
    """
    day = month_start(day)
    return day.replace(year=day.year + 1, month=1) if day.month == 12 else day.replace(month=day.month + 1)


def months_between(first, last):
    """Month starts from ``first``'s month to ``last``'s, both included.

    >>> [m.isoformat() for m in months_between(datetime.date(2026, 11, 5), datetime.date(2027, 2, 1))]
    ['2026-11-01', '2026-12-01', '2027-01-01', '2027-02-01']
    >>> months_between(datetime.date(2027, 1, 1), datetime.date(2026, 1, 1))
    []
    """
    months, current = [], month_start(first)
    while current <= last:
        months.append(current)
        current = next_month(current)
    return months


def by_department(rows):
    """Fold grouped rows ``(department_id or None, value)`` into ``{department_id: value}``, with
    the regional total under ``None``.

    >>> sorted(by_department([(1, 3), (2, 4.5), (None, 1)]).items(), key=lambda kv: (kv[0] is None, kv[0]))
    [(1, 3), (2, 4.5), (None, 8.5)]
    """
    values, total = {}, 0
    for department_id, value in rows:
        value = value or 0
        total += value
        if department_id is not None:
            values[department_id] = values.get(department_id, 0) + value
    values[None] = total
    return values


def cumulate(dated_rows, months, yearly=False):
    """Turn ``(department_id, month_start, value)`` rows into, for each month, the running total
    of everything dated up to the end of that month, per département and for the region (None);
    ``yearly``: of everything dated from January of that month's year (a yearly figure).

    >>> jan, feb, mar = datetime.date(2026, 1, 1), datetime.date(2026, 2, 1), datetime.date(2026, 3, 1)
    >>> series = cumulate([(1, jan, 2), (2, feb, 1), (1, mar, 1)], [jan, feb, mar])
    >>> [(m.month, series[m][None], series[m].get(1, 0), series[m].get(2, 0)) for m in (jan, feb, mar)]
    [(1, 2, 2, 0), (2, 3, 2, 1), (3, 4, 3, 1)]
    >>> dec, jan27 = datetime.date(2026, 12, 1), datetime.date(2027, 1, 1)
    >>> series = cumulate([(1, dec, 5), (1, jan27, 2)], [dec, jan27], yearly=True)
    >>> series[dec][None], series[jan27][None]
    (5, 2)
    """
    running, series = {}, {}
    rows = sorted(dated_rows, key=lambda row: row[1])
    index = 0
    for month in months:
        if yearly and month.month == 1:
            running = {}
        while index < len(rows) and rows[index][1] <= month:
            department_id, _month, value = rows[index]
            running[None] = running.get(None, 0) + (value or 0)
            if department_id is not None:
                running[department_id] = running.get(department_id, 0) + (value or 0)
            index += 1
        series[month] = dict(running) if running else {None: 0}
    return series


def progress(value, target):
    """Percentage of the target reached, capped at 100; None without a target.

    >>> progress(1500, 3000), progress(4000, 3000), progress(3, 0), progress(5, None)
    (50.0, 100.0, None, None)
    """
    if not target:
        return None
    return round(min(100.0, 100.0 * (value or 0) / target), 1)
