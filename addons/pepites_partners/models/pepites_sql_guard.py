"""The SQL constraints of a model, said in Python before the write.

A CHECK or UNIQUE constraint refuses bad input, but PostgreSQL does it by failing the statement:
Odoo 11 logs it at ERROR ("bad query") and a web request ends on a failed statement. A model
inheriting ``pepites.sql.guard`` declares in ``_sql_guard`` which of its ``_sql_constraints``
to check first, with the rules below; ``create`` and ``write`` then raise a ``ValidationError``
carrying the constraint's own (translated) message before anything reaches the database, which
keeps its constraints as the last guard (e.g. against two concurrent transactions)::

    _inherit = ["pepites.sql.guard"]
    _sql_guard = [
        Range("weekly_hours_range", "weekly_hours", 1, 48),
        Ordered("dates_order", "date_start", "date_end", strict=True),
        Unique("apprentice_session_unique", "apprentice_id", "session_id"),
    ]

A value of a wrong type (text for a number…) is left to Odoo's own conversion error.
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


class Range(object):
    """``low <= field <= high`` (either bound may be None), unless the field is empty."""

    unique = False

    def __init__(self, constraint, field, low=None, high=None):
        self.constraint, self.fields, self.low, self.high = constraint, (field,), low, high

    def accepts(self, row):
        value = _comparable(row.get(self.fields[0]))
        if not isinstance(value, float):
            return True  # empty or of a wrong type: left to Odoo's conversion
        return (self.low is None or value >= self.low) \
            and (self.high is None or value <= self.high)


class Ordered(object):
    """``start <= end`` (``<`` when strict), unless either is empty (a zero number is
    empty: an open bound)."""

    unique = False

    def __init__(self, constraint, start, end, strict=False):
        self.constraint, self.fields, self.strict = constraint, (start, end), strict

    def accepts(self, row):
        start, end = (_comparable(row.get(name)) for name in self.fields)
        if not start or not end or type(start) != type(end):
            return True  # empty, open (0) or of a wrong type: left to the database
        return start < end if self.strict else start <= end


class Unique(object):
    """No other row holds the same values of these fields (empty values never clash, as in
    SQL)."""

    unique = True

    def __init__(self, constraint, *fields):
        self.constraint, self.fields = constraint, fields

    def key(self, row):
        key = tuple(row.get(name) for name in self.fields)
        if any(_unset(value) or not isinstance(value, (str, int)) for value in key):
            return None
        return key


class PepitesSqlGuard(models.AbstractModel):
    """Mixin: checks the rules of ``_sql_guard`` on ``create`` and ``write``, before SQL."""

    _name = "pepites.sql.guard"
    _description = "SQL constraints checked before the write"

    #: the rules (Range, Ordered, Unique) of the model, each naming one of its _sql_constraints
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
