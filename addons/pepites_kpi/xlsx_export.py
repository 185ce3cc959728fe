"""The funder report as an XLSX workbook (xlsxwriter), from ``_report_data``'s dict.

Plain Python beside models/: the labels arrive translated, the numbers as they are.
"""
import io

import xlsxwriter


def funder_workbook(data, labels):
    """Return the bytes of a workbook with three sheets: indicators, by département, trend.

    :param dict data: what ``pepites.kpi.indicator._report_data`` returns
    :param dict labels: translated titles (keys: indicators, departments, trend, code, name,
        action_sheet, unit, baseline, target, value, progress, region)
    """
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    number = book.add_format({"num_format": "#,##0.#"})
    percent = book.add_format({"num_format": "0.0\\ %"})

    sheet = book.add_worksheet(labels["indicators"][:31])
    header = [labels[key] for key in ("code", "name", "action_sheet", "unit", "baseline",
                                      "target", "value", "progress")]
    sheet.write_row(0, 0, header, bold)
    for line, row in enumerate(data["rows"], start=1):
        indicator = row["indicator"]
        sheet.write(line, 0, indicator.code)
        sheet.write(line, 1, indicator.name)
        sheet.write(line, 2, row["action_sheet_label"])
        sheet.write(line, 3, indicator.unit or "")
        sheet.write(line, 4, indicator.baseline or None, number)
        sheet.write(line, 5, indicator.target or None, number)
        sheet.write_number(line, 6, row["value"] or 0, number)
        if row["progress"] is not None:
            sheet.write_number(line, 7, row["progress"] / 100.0, percent)
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, 2, 48)
    sheet.set_column(3, 7, 14)

    sheet = book.add_worksheet(labels["departments"][:31])
    departments = data["departments"]
    sheet.write_row(0, 0, [labels["name"]] + ["%s %s" % (d.code, d.name) for d in departments]
                    + [labels["region"]], bold)
    for line, row in enumerate(data["rows"], start=1):
        sheet.write(line, 0, row["indicator"].name)
        for column, department in enumerate(departments, start=1):
            sheet.write_number(line, column, row["by_department"].get(department.id, 0), number)
        sheet.write_number(line, len(departments) + 1, row["by_department"].get(None, 0), number)
    sheet.set_column(0, 0, 48)
    sheet.set_column(1, len(departments) + 1, 12)

    sheet = book.add_worksheet(labels["trend"][:31])
    sheet.write_row(0, 0, [labels["name"]] + [m.strftime("%Y-%m") for m in data["months"]], bold)
    for line, row in enumerate(data["rows"], start=1):
        sheet.write(line, 0, row["indicator"].name)
        for column, value in enumerate(row["trend"], start=1):
            if value is not None:
                sheet.write_number(line, column, value, number)
    sheet.set_column(0, 0, 48)
    book.close()
    return buffer.getvalue()
