"""The funder report as an XLSX workbook (xlsxwriter), from ``_report_data``'s dict.

Plain Python beside models/: the labels arrive translated, the numbers as they are.

Number formats that read well in a French Excel or LibreOffice (issue 16): a count is written
``#,##0`` (``1 234``), never with a decimal format that showed ``45,`` for 45; a value with
decimals ``#,##0.0``; a progress ``0.0%``; the months are dates (``mm/yyyy``), not text. A month
without a recorded value is "—", not 0; an indicator counted for the region only says
"regional" across the département columns instead of a row of zeros.
"""
import datetime
import io

import xlsxwriter

#: the number formats, by what the value is
COUNT_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0"
PERCENT_FORMAT = "0.0%"
MONTH_FORMAT = "mm/yyyy"
DATE_FORMAT = "dd/mm/yyyy"
NO_VALUE = "\u2014"
#: euros, with cents
MONEY_FORMAT = '#,##0.00 "€"'


def number_kind(value):
    """``"count"`` for a whole number (a count, even stored as a float), else ``"decimal"``.

    >>> number_kind(45.0), number_kind(3), number_kind(2.5), number_kind(None)
    ('count', 'count', 'decimal', 'count')
    """
    return "decimal" if value is not None and float(value) != int(value) else "count"


class _Formats(object):
    """The workbook's cell formats, made once."""

    def __init__(self, book):
        self.bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        self.month = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1,
                                      "num_format": MONTH_FORMAT, "align": "right"})
        self.count = book.add_format({"num_format": COUNT_FORMAT})
        self.decimal = book.add_format({"num_format": DECIMAL_FORMAT})
        self.percent = book.add_format({"num_format": PERCENT_FORMAT})
        self.date = book.add_format({"num_format": DATE_FORMAT, "align": "left"})
        self.muted = book.add_format({"font_color": "#777777", "align": "center"})
        self.money = book.add_format({"num_format": MONEY_FORMAT})
        self.warning = book.add_format({"font_color": "#CC0000"})

    def number(self, value):
        return self.decimal if number_kind(value) == "decimal" else self.count


def _write_number(sheet, line, column, value, formats):
    sheet.write_number(line, column, value or 0, formats.number(value))


def funder_workbook(data, labels, today=None):
    """Return the bytes of a workbook with five sheets: indicators, by département, trend,
    budget (per action sheet and per funder), milestones.

    :param dict data: what ``pepites.kpi.indicator._report_data`` returns
    :param dict labels: translated titles (keys: indicators, departments, trend, code, name,
        action_sheet, unit, baseline, target, value, progress, region, scope, regional,
        departmental, computed_on, no_value, sheet_number; budget, sheet, funder, planned,
        committed, spent, total, overspent; milestones, milestone, due_date, status, evidence)
    :param datetime.date today: the day the values were computed (default: today)
    """
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    formats = _Formats(book)
    _indicators_sheet(book, data, labels, formats, today or datetime.date.today())
    _departments_sheet(book, data, labels, formats)
    _trend_sheet(book, data, labels, formats)
    if "budget" in data:
        _budget_sheet(book, data, labels, formats)
        _milestones_sheet(book, data, labels, formats)
    book.close()
    return buffer.getvalue()


def _indicators_sheet(book, data, labels, formats, today):
    sheet = book.add_worksheet(labels["indicators"][:31])
    header = [labels[key] for key in ("code", "name", "action_sheet", "unit", "baseline",
                                      "target", "value", "progress", "scope", "sheet_number")]
    sheet.write_row(0, 0, header, formats.bold)
    for line, row in enumerate(data["rows"], start=1):
        indicator = row["indicator"]
        sheet.write(line, 0, indicator.code)
        sheet.write(line, 1, indicator.name)
        sheet.write(line, 2, row["action_sheet_label"])
        sheet.write(line, 3, indicator.unit or "")
        if indicator.baseline:
            _write_number(sheet, line, 4, indicator.baseline, formats)
        if indicator.target:
            _write_number(sheet, line, 5, indicator.target, formats)
        _write_number(sheet, line, 6, row["value"], formats)
        if row["progress"] is not None:
            sheet.write_number(line, 7, row["progress"] / 100.0, formats.percent)
        sheet.write(line, 8, labels["regional"] if row["regional_only"]
                    else labels["departmental"])
        sheet.write(line, 9, indicator.sheet_number or "")
    # the live values' day, as a date: the trend sheet holds the monthly values recorded
    footer = len(data["rows"]) + 2
    sheet.write(footer, 0, labels["computed_on"])
    sheet.write_datetime(footer, 1, datetime.datetime.combine(today, datetime.time()),
                         formats.date)
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, 2, 48)
    sheet.set_column(3, 8, 14)


def _departments_sheet(book, data, labels, formats):
    sheet = book.add_worksheet(labels["departments"][:31])
    departments = data["departments"]
    sheet.write_row(0, 0, [labels["name"]] + ["%s %s" % (d.code, d.name) for d in departments]
                    + [labels["region"]], formats.bold)
    region = len(departments) + 1
    for line, row in enumerate(data["rows"], start=1):
        sheet.write(line, 0, row["indicator"].name)
        if row["regional_only"]:
            if len(departments) > 1:
                sheet.merge_range(line, 1, line, len(departments), labels["regional"],
                                  formats.muted)
            elif departments:
                sheet.write(line, 1, labels["regional"], formats.muted)
        else:
            for column, department in enumerate(departments, start=1):
                _write_number(sheet, line, column, row["by_department"].get(department.id, 0),
                              formats)
        _write_number(sheet, line, region, row["by_department"].get(None, 0), formats)
    sheet.set_column(0, 0, 48)
    sheet.set_column(1, region, 12)


def _trend_sheet(book, data, labels, formats):
    sheet = book.add_worksheet(labels["trend"][:31])
    sheet.write(0, 0, labels["name"], formats.bold)
    for column, month in enumerate(data["months"], start=1):
        sheet.write_datetime(0, column, datetime.datetime.combine(month, datetime.time()),
                             formats.month)
    for line, row in enumerate(data["rows"], start=1):
        sheet.write(line, 0, row["indicator"].name)
        for column, value in enumerate(row["trend"], start=1):
            if value is None:
                sheet.write(line, column, NO_VALUE, formats.muted)
            else:
                _write_number(sheet, line, column, value, formats)
    footer = len(data["rows"]) + 2
    sheet.write(footer, 0, "%s : %s" % (NO_VALUE, labels["no_value"]))
    sheet.set_column(0, 0, 48)
    sheet.set_column(1, len(data["months"]), 10)


def _money_row(sheet, line, column, row, formats):
    for offset, key in enumerate(("planned", "committed", "spent")):
        sheet.write_number(line, column + offset, row[key] or 0, formats.money)


def _budget_sheet(book, data, labels, formats):
    """Planned, committed and spent per action sheet (with their total), then per funder; a
    sheet spent beyond its commitment is marked, not hidden."""
    sheet = book.add_worksheet(labels["budget"][:31])
    columns = [labels[key] for key in ("planned", "committed", "spent")]
    sheet.write_row(0, 0, [labels["sheet"]] + columns + [labels["overspent"]], formats.bold)
    budget = data["budget"]
    line = 0
    for line, row in enumerate(budget["sheets"], start=1):
        sheet.write(line, 0, row["sheet"].display_title)
        _money_row(sheet, line, 1, row, formats)
        if row["overspent"]:
            sheet.write(line, 4, labels["overspent"], formats.warning)
    line += 1
    sheet.write(line, 0, labels["total"], formats.bold)
    _money_row(sheet, line, 1, budget["total"], formats)
    line += 2
    sheet.write_row(line, 0, [labels["funder"]] + columns, formats.bold)
    for row in budget["funders"]:
        line += 1
        sheet.write(line, 0, row["funder"].name)
        _money_row(sheet, line, 1, row, formats)
    sheet.set_column(0, 0, 60)
    sheet.set_column(1, 4, 16)


def _milestones_sheet(book, data, labels, formats):
    sheet = book.add_worksheet(labels["milestones"][:31])
    sheet.write_row(0, 0, [labels[key] for key in ("sheet", "milestone", "due_date", "status",
                                                   "evidence")], formats.bold)
    for line, item in enumerate(data["milestones"], start=1):
        milestone = item["milestone"]
        sheet.write(line, 0, milestone.sheet_id.display_title)
        sheet.write(line, 1, milestone.name)
        if milestone.date:
            sheet.write_datetime(line, 2, datetime.datetime.strptime(milestone.date, "%Y-%m-%d"),
                                 formats.date)
        sheet.write(line, 3, item["status_label"] or "",
                    formats.warning if milestone.status == "late" else None)
        sheet.write(line, 4, milestone.evidence_url or milestone.evidence_filename or "")
    sheet.set_column(0, 1, 50)
    sheet.set_column(2, 4, 18)
