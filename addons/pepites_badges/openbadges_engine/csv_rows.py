"""Rows of the CSV used to issue badges in bulk: ``email, name, evidence_url, narrative``.

Separator ``;`` or ``,`` (guessed), UTF-8 (with or without BOM) or Latin-1, header line required,
French headers accepted.

>>> rows = parse(b"email;nom;preuve\\nA@x.org;Alice;https://e.org/1\\n;Bob;\\n")
>>> [(r["row"], r["email"], r["name"], r["evidence_url"]) for r in rows]
[(2, 'A@x.org', 'Alice', 'https://e.org/1'), (3, '', 'Bob', '')]
>>> parse(b"name,comment\\nx,y\\n")
Traceback (most recent call last):
...
odoo.addons.pepites_badges.openbadges_engine.csv_rows.CsvFormatError: the CSV file needs an "email" column
"""
import csv
import io

HEADERS = {
    "email": ("email", "e-mail", "mail", "courriel", "adresse e-mail"),
    "name": ("name", "nom", "nom complet", "full name"),
    "evidence_url": ("evidence_url", "evidence url", "evidence", "preuve", "url preuve",
                     "url de la preuve"),
    "narrative": ("narrative", "evidence_narrative", "commentaire", "récit", "recit",
                  "description"),
}


class CsvFormatError(ValueError):
    """The file is not a CSV with at least an e-mail column."""


def _decode(data):
    for encoding in ("utf-8-sig", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CsvFormatError("unreadable text encoding")


def parse(data):
    """Return one dict per non-empty data line: ``row`` (line number), ``email``, ``name``,
    ``evidence_url``, ``narrative`` (stripped strings).

    :raises CsvFormatError: without a header naming an e-mail column
    """
    text = _decode(data) if isinstance(data, bytes) else data
    lines = text.splitlines()
    if not lines:
        raise CsvFormatError("the CSV file is empty")
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader)]
    columns = {}
    for key, names in HEADERS.items():
        for index, title in enumerate(header):
            if title in names:
                columns[key] = index
                break
    if "email" not in columns:
        raise CsvFormatError('the CSV file needs an "email" column')
    rows = []
    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        row = {"row": number}
        for key in HEADERS:
            index = columns.get(key)
            row[key] = values[index].strip() if index is not None and index < len(values) else ""
        rows.append(row)
    return rows
