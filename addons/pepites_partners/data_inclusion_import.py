"""Reading a data·inclusion ``structures`` file (schema v1.0.8) for the SIAE import (issue 18).

Plain Python, no ORM: the file is decoded, parsed (JSON array, or CSV with ``;`` or ``,``) and
each row checked here; ``res.partner._pepites_import_structures`` then matches the good rows on
their SIRET and writes them. Errors are ``(code, params)`` pairs: the model turns each code into
its translated French sentence (the words live where ``_()`` can collect them).

The columns are those of data·inclusion's ``structure``, as :mod:`.data_inclusion.schema` (the
one copy of the schema in the repository, which the export writes) lists them; PEPITES' own
export (``/data-inclusion/v1/structures``, JSON or CSV) reads back the same way.

>>> content = b'id;nom;siret;code_postal;date_maj\\n1;Abc;73282932000074;33000;2026-01-02\\n'
>>> rows = read_structures(content)
>>> rows[0][0], rows[0][1]["code_postal"]
(2, '33000')
>>> check_rows(rows, {"33"})[0].errors
[]
>>> set(REQUIRED) | {column for column, _field in TEXT_FIELDS} <= set(COLUMNS)
True
>>> set(SIAE_NETWORKS) <= enums.RESEAUX_PORTEURS
True
"""
import csv
import datetime
import io
import json
import re

from . import contact, siae_page, siret
from .data_inclusion import enums, schema

#: version of the data·inclusion schema the columns follow
SCHEMA_VERSION = schema.SCHEMA_VERSION

#: the columns of a data·inclusion ``structure``, in the schema's order (the import reads those
#: of :data:`TEXT_FIELDS` and :data:`REQUIRED`, and ``reseaux_porteurs``; others are ignored)
COLUMNS = tuple(schema.STRUCTURE_FIELDS)

#: columns without which a row cannot be imported: the schema's required ones but ``source``
#: (not needed to match), and the SIRET the import matches on
REQUIRED = tuple(name for name in COLUMNS
                 if name in schema.STRUCTURE_REQUIRED and name != "source" or name == "siret")

#: data·inclusion ``reseaux_porteurs`` values that are a SIAE kind (``res.partner.siae_kind``)
SIAE_NETWORKS = ("aci", "ai", "ei", "etti", "eiti")

#: file column -> res.partner field, for the plain text columns
TEXT_FIELDS = (
    ("nom", "name"), ("adresse", "street"), ("complement_adresse", "street2"),
    ("code_postal", "zip"), ("commune", "city"), ("code_insee", "insee_code"),
    ("telephone", "phone"), ("courriel", "email"), ("site_web", "website"),
    ("description", "siae_presentation"),
)

#: a contact read from a file is public (a data·inclusion file is a public directory): the flag
#: that publishes it again on the SIAE's page and in the export is set with it
PUBLIC_FLAGS = dict(siae_page.PUBLIC_CONTACT_FLAGS)

#: the fields an import may write: INAÉ's edits of these are dated (``pepites_edit_dates``)
IMPORTED_FIELDS = tuple(field for _column, field in TEXT_FIELDS) + (
    "siret", "siae_kind", "department_id") + tuple(sorted(PUBLIC_FLAGS.values()))


class FileError(Exception):
    """The whole file cannot be read: ``code`` says why, ``params`` what was found."""

    def __init__(self, code, **params):
        super(FileError, self).__init__(code)
        self.code = code
        self.params = params


class Row(object):
    """One row of the file: its line (``number``), values, and errors ``[(code, params)]``."""

    def __init__(self, number, values):
        self.number = number
        self.values = values
        self.errors = []
        self.siret = None
        self.department_code = None
        self.siae_kind = None
        self.date_maj = None


def read_structures(content):
    """The rows of a file: ``[(line number, {column: value})]``.

    A JSON array of objects (line number = position + 1) or a CSV whose first line names the
    columns (line number as a spreadsheet shows it: the header is line 1).

    >>> read_structures(b'[{"id": "a", "nom": "Abc"}]')
    [(1, {'id': 'a', 'nom': 'Abc'})]
    >>> def code(content):
    ...     try:
    ...         read_structures(content)
    ...     except FileError as error:
    ...         return error.code, error.params
    >>> code('id,nom\\nb,Déf\\n'.encode('latin-1'))
    ('encoding', {'position': 10})
    >>> code(b'nom;commune\\nAbc;Pau\\n')
    ('columns', {'columns': 'id, date_maj, siret'})

    :raises FileError: ``encoding`` (not UTF-8), ``json`` (not a JSON array of objects),
        ``columns`` (a CSV whose header lacks a required column), ``empty``
    """
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileError("encoding", position=error.start)
    stripped = text.lstrip()
    if not stripped:
        raise FileError("empty")
    if stripped[0] in "[{":
        return _read_json(stripped)
    return _read_csv(text)


def _read_json(text):
    try:
        data = json.loads(text)
    except ValueError as error:
        raise FileError("json", detail=str(error))
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise FileError("json", detail="")
    return [(index, item) for index, item in enumerate(data, 1)]


def _read_csv(text):
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") >= header.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    columns = [name.strip() for name in reader.fieldnames or ()]
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise FileError("columns", columns=", ".join(missing))
    reader.fieldnames = columns
    return [(index, row) for index, row in enumerate(reader, 2)]


def department_code(code_insee, code_postal):
    """The département of a commune: from its INSEE code, else from its postal code.

    >>> department_code("33063", None), department_code(None, "64000"), department_code("97411", "")
    ('33', '64', '974')
    >>> department_code("2A004", None), department_code(None, "20000"), department_code(None, "")
    ('2A', None, None)
    """
    code = (code_insee or "").strip().upper()
    if len(code) == 5:
        return code[:3] if code.startswith("97") else code[:2]
    code = (code_postal or "").strip()
    if len(code) == 5 and code.isdigit() and not code.startswith("20"):
        return code[:3] if code.startswith("97") else code[:2]
    return None  # Corsica's postal codes (20xxx) do not tell 2A from 2B


def networks(value):
    """The ``reseaux_porteurs`` of a row: a JSON list, or a text split on ``,`` or ``|``.

    >>> networks(["inae", "aci"]), networks("inae|ei"), networks('["etti"]'), networks(None)
    (['inae', 'aci'], ['inae', 'ei'], ['etti'], [])
    """
    if isinstance(value, list):
        return [str(item).strip().lower() for item in value]
    value = (value or "").strip()
    if value.startswith("["):
        try:
            return networks(json.loads(value))
        except ValueError:
            pass
    return [item.strip().lower() for item in re.split(r"[,|]", value) if item.strip()]


def text(value):
    """A cell as stripped text, ``''`` for null.

    >>> text(None), text(" a "), text(12)
    ('', 'a', '12')
    """
    if value is None:
        return ""
    return str(value).strip()


def check_row(row, departments):
    """Fill ``row``'s SIRET, département, kind and date, and its errors.

    >>> row = Row(2, {"id": "x", "nom": "Abc", "siret": "123", "code_postal": "75001",
    ...               "date_maj": "hier"})
    >>> [code for code, _params in check_row(row, {"33"}).errors]
    ['siret', 'department', 'date_maj']
    """
    values = row.values
    missing = [name for name in REQUIRED if not text(values.get(name))]
    if missing:
        row.errors.append(("missing", {"columns": ", ".join(missing)}))
    if text(values.get("siret")):
        row.siret = siret.clean(text(values.get("siret")))
        if not row.siret:
            row.errors.append(("siret", {"siret": text(values.get("siret"))[:30]}))
    code = department_code(text(values.get("code_insee")), text(values.get("code_postal")))
    if code in departments:
        row.department_code = code
    else:
        row.errors.append(("department", {
            "code": text(values.get("code_insee")) or text(values.get("code_postal"))}))
    kinds = [item for item in networks(values.get("reseaux_porteurs")) if item in SIAE_NETWORKS]
    row.siae_kind = kinds[0] if kinds else None
    date_maj = text(values.get("date_maj"))[:10]
    if date_maj:
        try:
            row.date_maj = datetime.datetime.strptime(date_maj, "%Y-%m-%d").strftime("%Y-%m-%d")
        except ValueError:
            row.errors.append(("date_maj", {"value": text(values.get("date_maj"))[:30]}))
    return row


def check_rows(rows, departments):
    """Check every row; a SIRET met again on a later row refuses that row (the first counts).

    >>> good = {"id": "1", "nom": "Abc", "siret": "73282932000074", "code_postal": "33000",
    ...         "date_maj": "2026-01-02"}
    >>> [(row.number, row.errors) for row in check_rows([(2, good), (3, dict(good))], {"33"})]
    [(2, []), (3, [('duplicate', {'line': 2})])]

    :param departments: the codes of the départements PEPITES knows
    """
    checked, first_line = [], {}
    for number, values in rows:
        row = check_row(Row(number, values), departments)
        if row.siret:
            if row.siret in first_line:
                row.errors.append(("duplicate", {"line": first_line[row.siret]}))
            else:
                first_line[row.siret] = number
        checked.append(row)
    return checked


def partner_values(row):
    """The res.partner values a row brings (empty cells never erase a value); a French phone
    number as staff read it (the export writes it in E.164), another as the file has it.

    >>> row = check_row(Row(2, {"nom": " Abc ", "commune": "Pau", "telephone": "+33559000000",
    ...     "siret": "73282932000074", "code_postal": "64000", "courriel": None}), {"64"})
    >>> sorted(partner_values(row).items())  # doctest: +NORMALIZE_WHITESPACE
    [('city', 'Pau'), ('name', 'Abc'), ('phone', '05 59 00 00 00'),
     ('siae_public_phone', True), ('siret', '73282932000074'), ('zip', '64000')]
    """
    values = {}
    for column, field in TEXT_FIELDS:
        value = text(row.values.get(column))
        if value and field == "phone":
            value = contact.format_phone(value) or value
        if value:
            values[field] = value
            if field in PUBLIC_FLAGS:
                values[PUBLIC_FLAGS[field]] = True
    if row.siret:
        values["siret"] = row.siret
    if row.siae_kind:
        values["siae_kind"] = row.siae_kind
    return values
