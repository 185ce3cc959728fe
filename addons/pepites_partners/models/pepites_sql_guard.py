"""The SQL constraints of a model, declared once in Python: the database's constraint and the
check before the write both come from it.

A CHECK or UNIQUE constraint refuses bad input, but PostgreSQL does it by failing the statement:
Odoo 11 logs it at ERROR ("bad query") and a web request ends on a failed statement. A model
inheriting ``pepites.sql.guard`` declares its rules in ``_sql_guard`` (each rule names its
constraint; the first rule of a constraint carries its message) and derives its
``_sql_constraints`` from them with :func:`sql_constraints`; ``create`` and ``write`` then raise
a ``ValidationError`` carrying the constraint's own (translated) message before anything reaches
the database, which keeps its constraints as the last guard (e.g. against two concurrent
transactions)::

    _inherit = ["pepites.sql.guard"]
    _sql_guard = [
        Range("weekly_hours_range", "weekly_hours", 1, 48,
              message="The weekly hours must lie between 1 and 48."),
        Ordered("dates_order", "date_start", "date_end", strict=True,
                message="The contract must end after it starts."),
        Unique("apprentice_session_unique", "apprentice_id", "session_id",
               message="This apprentice is already enrolled in this session."),
    ]
    _sql_constraints = sql_constraints(_sql_guard)

Why a call in the class body rather than a hook of the mixin: Odoo 11 gathers
``_sql_constraints`` from the classes' own attributes when it builds the registry (and exports
their messages for translation from each class's ``_sql_constraints``, as ``sql_constraint``
terms); a plain assignment is read by both as a hand-written list would be, with no metaclass
or registry hook to keep in step with Odoo's internals.

The SQL text is the one the constraints were first written with, so that their definitions in
existing databases do not change (``pg_get_constraintdef``; names are Odoo's
``<table>_<constraint>``): a NULL value passes, and so does a zero upper bound of an ordered
pair of numbers (an open bound).

>>> rules = [Range("hours", "hours", 0, 48, message="Hours."),
...          Range("pay", "low", 0, message="Pay."), Range("pay", "high", 0),
...          Ordered("pay", "low", "high", open_zero=True),
...          Ordered("dates", "start", "end", null_test=False, message="Dates."),
...          Ordered("window", "start", "end", strict=True, message="Window."),
...          Unique("pair", "a_id", "b_id", message="Pair.")]
>>> for name, definition, message in sql_constraints(rules):  # doctest: +NORMALIZE_WHITESPACE
...     print(name, message, definition)
hours Hours. CHECK(hours IS NULL OR (hours >= 0 AND hours <= 48))
pay Pay. CHECK((low IS NULL OR low >= 0) AND (high IS NULL OR high >= 0) AND \
(low IS NULL OR high IS NULL OR high = 0 OR low <= high))
dates Dates. CHECK(end >= start)
window Window. CHECK(start IS NULL OR end IS NULL OR end > start)
pair Pair. unique(a_id, b_id)
>>> sql_constraints([Range("hours", "hours", 0)])
Traceback (most recent call last):
...
ValueError: the constraint hours needs one message
"""
import math
import numbers

from odoo import _, api, models
from odoo.exceptions import ValidationError
from odoo.osv import expression


def _unset(value):
    return value is None or value is False


def _number(value):
    """``value`` if it is a finite number (not a boolean), else None."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool) \
            and math.isfinite(value):
        return value
    return None


def _comparable(value):
    """A number (numbers sent as text too: Odoo converts them), a date or datetime string
    (as Odoo 11 stores them), or None."""
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return value[:19]
    number = _number(value)
    return None if number is None else float(number)


def _null_tests(null_test, fields):
    """The ``IS NULL`` tests that open the CHECK of a rule: those of its fields in order
    (``null_test=True``), none (False), or those of a tuple of fields, in its order.

    They change nothing to what passes (a CHECK that is NULL passes), only the text of the
    constraint: each rule keeps the one it was first written with, so that the definition an
    existing database holds stays the same.

    >>> _null_tests(True, ("a", "b")), _null_tests(False, ("a",)), _null_tests(("b", "a"), ())
    ('a IS NULL OR b IS NULL', '', 'b IS NULL OR a IS NULL')
    """
    names = fields if null_test is True else (null_test or ())
    return " OR ".join("%s IS NULL" % name for name in names)


class _Rule(object):
    """What the three rules share: the constraint they belong to, its message (on the first
    rule of a constraint), the fields they read."""

    unique = False

    def __init__(self, constraint, fields, message=None):
        self.constraint, self.fields, self.message = constraint, fields, message


class Range(_Rule):
    """``low <= field <= high`` (either bound may be None), unless the field is empty.

    ``null_test``: see :func:`_null_tests`.
    """

    def __init__(self, constraint, field, low=None, high=None, message=None, null_test=True):
        super(Range, self).__init__(constraint, (field,), message)
        self.low, self.high, self.null_test = low, high, null_test

    def accepts(self, row):
        value = _comparable(row.get(self.fields[0]))
        if not isinstance(value, float):
            return True  # empty or of a wrong type: left to Odoo's conversion
        return (self.low is None or value >= self.low) \
            and (self.high is None or value <= self.high)

    def sql(self):
        """The boolean SQL expression of the rule (no value of the caller in it)."""
        field = self.fields[0]
        tests = ["%s %s %r" % (field, operator, bound)
                 for operator, bound in ((">=", self.low), ("<=", self.high))
                 if bound is not None]
        test = " AND ".join(tests)
        nulls = _null_tests(self.null_test, self.fields)
        if not nulls:
            return test
        return "%s OR %s" % (nulls, "(%s)" % test if len(tests) > 1 else test)


class Ordered(_Rule):
    """``start <= end`` (``<`` when strict), unless either is empty (a zero number is
    empty: an open bound).

    In SQL: ``open_zero`` for a pair of numbers whose upper bound 0 means "no bound";
    ``null_test``: see :func:`_null_tests`.
    """

    def __init__(self, constraint, start, end, strict=False, message=None, null_test=True,
                 open_zero=False):
        super(Ordered, self).__init__(constraint, (start, end), message)
        self.strict, self.null_test, self.open_zero = strict, null_test, open_zero

    def accepts(self, row):
        start, end = (_comparable(row.get(name)) for name in self.fields)
        if not start or not end or type(start) != type(end):
            return True  # empty, open (0) or of a wrong type: left to the database
        return start < end if self.strict else start <= end

    def sql(self):
        """The boolean SQL expression of the rule."""
        start, end = self.fields
        if self.open_zero:
            return "%s IS NULL OR %s IS NULL OR %s = 0 OR %s %s %s" % (
                start, end, end, start, "<" if self.strict else "<=", end)
        test = "%s %s %s" % (end, ">" if self.strict else ">=", start)
        nulls = _null_tests(self.null_test, self.fields)
        return "%s OR %s" % (nulls, test) if nulls else test


class Unique(_Rule):
    """No other row holds the same values of these fields (empty values never clash, as in
    SQL)."""

    unique = True

    def __init__(self, constraint, *fields, message=None):
        super(Unique, self).__init__(constraint, fields, message)

    def key(self, row):
        key = tuple(row.get(name) for name in self.fields)
        if any(_unset(value) or not isinstance(value, (str, int)) for value in key):
            return None
        return key


def sql_constraints(rules):
    """The ``_sql_constraints`` of a model, from its ``_sql_guard`` rules: one constraint per
    name, in the order of the rules; the CHECKs of the rules sharing a name joined by AND.

    :raises ValueError: when a constraint has no message or several, or mixes a uniqueness
        rule with others (a mistake in the declaration, seen when the addon loads)
    """
    groups = []
    for rule in rules:
        group = next((group for group in groups if group[0].constraint == rule.constraint), None)
        if group is None:
            groups.append([rule])
        else:
            group.append(rule)
    constraints = []
    for group in groups:
        name = group[0].constraint
        messages = [rule.message for rule in group if rule.message]
        if len(messages) != 1:
            raise ValueError("the constraint %s needs one message" % name)
        if any(rule.unique for rule in group):
            if len(group) > 1:
                raise ValueError("the constraint %s mixes unique with other rules" % name)
            definition = "unique(%s)" % ", ".join(group[0].fields)
        elif len(group) == 1:
            definition = "CHECK(%s)" % group[0].sql()
        else:
            definition = "CHECK(%s)" % " AND ".join("(%s)" % rule.sql() for rule in group)
        constraints.append((name, definition, messages[0]))
    return constraints


class PepitesSqlGuard(models.AbstractModel):
    """Mixin: checks the rules of ``_sql_guard`` on ``create`` and ``write``, before SQL."""

    _name = "pepites.sql.guard"
    _description = "SQL constraints checked before the write"

    #: the rules (Range, Ordered, Unique) of the model, each naming one of its _sql_constraints
    #: (made from them by :func:`sql_constraints`)
    _sql_guard = ()

    @api.model
    def create(self, vals):
        self._sql_guard_check(vals)
        return super(PepitesSqlGuard, self).create(vals)

    def write(self, vals):
        if self:
            self._sql_guard_check(vals)
        return super(PepitesSqlGuard, self).write(vals)

    def _sql_guard_rows(self, vals, names):
        """The values of ``names`` after the write: ``vals`` over the current values of each
        record (over the defaults, on create: an empty recordset)."""
        if not self:
            missing = [name for name in names if name not in vals]
            row = self.default_get(missing) if missing else {}
            row.update(vals)
            return [row]
        rows = []
        for record in self:
            row = {}
            for name in names:
                if name in vals:
                    row[name] = vals[name]
                else:
                    value = record[name]
                    row[name] = value.id if isinstance(value, models.BaseModel) else value
            rows.append(row)
        return rows

    def _sql_guard_error(self, rule):
        messages = {name: message for name, _definition, message in self._sql_constraints}
        return ValidationError(_(messages[rule.constraint]))

    def _sql_guard_check(self, vals):
        """:raises ValidationError: with the message of the SQL constraint that the values
        written would break; one search_count per uniqueness rule, whatever the number of
        records."""
        rules = [rule for rule in self._sql_guard if set(rule.fields) & set(vals)]
        if not rules:
            return
        rows = self._sql_guard_rows(vals, {name for rule in rules for name in rule.fields})
        for rule in rules:
            if not rule.unique:
                if not all(rule.accepts(row) for row in rows):
                    raise self._sql_guard_error(rule)
                continue
            keys = [key for key in map(rule.key, rows) if key]
            if not keys:
                continue
            if len(set(keys)) < len(keys):
                raise self._sql_guard_error(rule)
            domain = expression.OR([[(name, "=", value) for name, value in zip(rule.fields, key)]
                                    for key in set(keys)])
            if self.ids:
                domain = expression.AND([domain, [("id", "not in", self.ids)]])
            # sudo: the unique index sees every row, whoever writes; the answer only says
            # "already exists", as the database would
            others_sudo = self.sudo().with_context(active_test=False)
            if others_sudo.search_count(domain):
                raise self._sql_guard_error(rule)
