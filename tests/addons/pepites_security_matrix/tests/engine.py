"""Run the cells of the security matrix and compare them with the expected table.

A cell is what one role may do with one record: a string of four characters, ``R`` (read),
``W`` (write), ``C`` (create) and ``U`` (unlink), each replaced by ``-`` when denied. What went
wrong, when it is neither an allowance nor an access denial, is shown by ``v`` (a validation or
user error raised before or after the access check: nothing changed), which the table may
expect, or ``!`` (anything else, e.g. a database error), which always mismatches. The diff
shows the messages.
"""
import logging

from . import matrix

_logger = logging.getLogger(__name__)

OPERATIONS = "RWCU"


def cell_string(results):
    """``{"R": "R", "W": "-", ...}`` -> ``"R---"``."""
    return "".join(results[op] for op in OPERATIONS)


def diff(expected_rows, actual, notes):
    """Lines describing every cell of ``actual`` that differs from the expected table.

    :param expected_rows: ``{(model, variant): {role: "RW--"}}``
    :param actual: the same shape, what happened
    :param notes: ``{(model, variant, role): [messages]}``
    """
    lines = []
    for key in sorted(set(expected_rows) | set(actual)):
        expected = expected_rows.get(key)
        got = actual.get(key)
        if expected is None:
            lines.append("%s / %s: no expectation row (classify it in matrix.py): got %s"
                         % (key[0], key[1], got))
            continue
        if got is None:
            lines.append("%s / %s: expected but not exercised" % key)
            continue
        for role in expected:
            if role not in got:
                continue
            if expected[role] != got[role]:
                lines.append("%-28s %-34s %-8s expected %s got %s %s" % (
                    key[0], key[1], role, expected[role], got[role],
                    "; ".join(notes.get(key + (role,), []))))
    return lines


def format_matrix(title, rows, roles, labels=("model", "record")):
    """The matrix as log lines: one line per row, one column per role."""
    first = max([len(key[0]) for key in rows] + [5])
    second = max([len(key[1]) for key in rows] + [6])
    width = max([len(cell) for cells in rows.values() for cell in cells.values()] + [8])
    row_format = "%%-%ds  %%-%ds  " % (first, second)
    header = row_format % labels + " ".join(
        "%%-%ds" % width % role for role in roles)
    lines = [title, header, "-" * len(header)]
    for key in sorted(rows):
        lines.append(row_format % key + " ".join(
            "%%-%ds" % width % rows[key].get(role, "") for role in roles))
    return lines


def log_matrix(title, rows, roles, labels=("model", "record")):
    for line in format_matrix(title, rows, roles, labels):
        _logger.info(line)


def classify_models(env):
    """The models PEPITES defines or extends (``ir.model.data`` of the pepites_* modules):
    ``{model: kind}`` with kind ``"model"``, ``"transient"`` or ``"abstract"``."""
    data = env["ir.model.data"].sudo().search([("model", "=", "ir.model"),
                                              ("module", "=like", "pepites\\_%")])
    names = env["ir.model"].sudo().browse(data.mapped("res_id")).mapped("model")
    result = {}
    for name in names:
        model = env[name]
        result[name] = ("transient" if model._transient
                        else "abstract" if model._abstract else "model")
    return result


def unclassified(env):
    """Models PEPITES defines or extends that the matrix does not classify, and rows of the
    matrix that name no such model (typos, removed models)."""
    models = classify_models(env)
    covered = {model for model, _variant in matrix.EXPECTED}
    missing = []
    for name, kind in sorted(models.items()):
        if kind == "model" and name not in covered and name not in matrix.NOT_EXERCISED:
            missing.append("%s: PEPITES model without any row in matrix.EXPECTED" % name)
        if kind != "model" and name not in matrix.NOT_EXERCISED:
            missing.append("%s: %s model not listed in matrix.NOT_EXERCISED" % (name, kind))
    for name in sorted(covered - set(models) - set(matrix.CORE_MODELS)):
        missing.append("%s: row of matrix.EXPECTED for a model PEPITES does not define" % name)
    return missing
