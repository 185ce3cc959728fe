"""The rules of the data·inclusion schema v1.0.8 (``structure`` and ``service``), encoded once so
that the export is checked row by row in tests and an import can refuse a bad row with a reason.

Copied from the published ``structure.json`` / ``service.json`` (JSON Schema): the field list, the
required fields, the formats (SIRET, code INSEE, code postal, dates, URLs, e-mail) and the
enumerations of :mod:`.enums`. Nothing is read from outside the repository at run time. A problem
is a ``(field, message)`` pair; an empty list means the row is valid.

>>> row = {"source": "pepites", "id": "pepites--siae-7", "nom": "Atelier Vert",
...        "date_maj": "2026-12-04", "siret": "73282932000074", "code_insee": "33063",
...        "reseaux_porteurs": ["inae", "aci"]}
>>> validate_structure(row)
[]
>>> sorted(validate_structure(dict(row, siret="123", nom="AB.", reseaux_porteurs=["xyz"])))
... # doctest: +NORMALIZE_WHITESPACE
[('nom', 'between 3 and 150 characters, not ending with a dot'),
 ('reseaux_porteurs', 'unknown value: xyz'), ('siret', 'does not match ^\\\\d{14}$')]
>>> validate_structure({"source": "pepites", "nom": "Atelier", "date_maj": "2026-02-30"})
[('id', 'required'), ('date_maj', 'not a date (YYYY-MM-DD)')]
>>> validate_structure(dict(row, couleur="vert"))
[('couleur', 'not a field of the schema')]
"""
import datetime
import re

from . import enums

SCHEMA_VERSION = enums.SCHEMA_VERSION

_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URI_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*://[^\s/?#]+[^\s]*$")
#: zone_eligibilite items: a commune (INSEE), a département, an EPCI (SIREN), a country, france
_ZONE_RES = [re.compile(p) for p in (r"^\w{5}$", r"^\w{2,3}$", r"^\d{9}$", r"^99[0-5]\d{2}$",
                                     r"^france$")]


def _text(min_length=None, max_length=None, pattern=None, fmt=None):
    return {"kind": "string", "min": min_length, "max": max_length,
            "pattern": pattern and re.compile(pattern), "format": fmt}


def _enum(values, many=False, min_items=0):
    return {"kind": "enum", "values": values, "many": many, "min_items": min_items}


_ADDRESS = {
    "commune": _text(), "code_postal": _text(5, 5, r"^\d{5}$"),
    "code_insee": _text(5, 5, r"^\w{5}$"), "adresse": _text(), "complement_adresse": _text(),
    "longitude": {"kind": "number"}, "latitude": {"kind": "number"},
}
_URI = _text(1, 2083, fmt="uri")

#: field -> rule, in the schema's order (the CSV export's columns)
STRUCTURE_FIELDS = dict([
    ("source", _text()), ("id", _text()), ("nom", _text(3, 150, fmt="nom")),
    ("date_maj", _text(fmt="date")), ("description", _text()), ("lien_source", _URI),
    ("siret", _text(14, 14, r"^\d{14}$")),
] + list(_ADDRESS.items()) + [
    ("telephone", _text()), ("courriel", _text(fmt="email")), ("site_web", _URI),
    ("horaires_accueil", _text()), ("accessibilite_lieu", _URI),
    ("reseaux_porteurs", _enum(enums.RESEAUX_PORTEURS, many=True)),
])
STRUCTURE_REQUIRED = ("source", "id", "nom", "date_maj")

SERVICE_FIELDS = dict([
    ("source", _text()), ("structure_id", _text()), ("id", _text()),
    ("nom", _text(3, 150)), ("description", _text(5, 10000)), ("lien_source", _URI),
    ("date_maj", _text(fmt="date")), ("type", _enum(enums.TYPES_SERVICES)),
    ("thematiques", _enum(enums.THEMATIQUES, many=True)), ("frais", _enum(enums.FRAIS)),
    ("frais_precisions", _text()),
    ("publics", _enum(enums.PUBLICS, many=True, min_items=1)), ("publics_precisions", _text()),
    ("conditions_acces", _text()),
] + list(_ADDRESS.items()) + [
    ("telephone", _text()), ("courriel", _text(fmt="email")),
    ("modes_accueil", _enum(enums.MODES_ACCUEIL, many=True)),
    ("zone_eligibilite", {"kind": "zones"}), ("contact_nom_prenom", _text()),
    ("lien_mobilisation", _URI),
    ("modes_mobilisation", _enum(enums.MODES_MOBILISATION, many=True, min_items=1)),
    ("mobilisable_par", _enum(enums.PERSONNES_MOBILISATRICES, many=True, min_items=1)),
    ("mobilisation_precisions", _text()),
    ("volume_horaire_hebdomadaire", {"kind": "number", "minimum": 0}),
    ("nombre_semaines", {"kind": "integer", "minimum": 1}), ("horaires_accueil", _text()),
])
SERVICE_REQUIRED = ("source", "structure_id", "id", "nom", "description", "date_maj")


def _check_format(fmt, value):
    """The message when ``value`` breaks the named format, else None."""
    if fmt == "date":
        try:
            datetime.datetime.strptime(value, "%Y-%m-%d")
        except ValueError:
            return "not a date (YYYY-MM-DD)"
        return None if len(value) == 10 else "not a date (YYYY-MM-DD)"
    if fmt == "uri" and not _URI_RE.match(value):
        return "not an absolute URI"
    if fmt == "email" and not _EMAIL_RE.match(value):
        return "not an e-mail address"
    if fmt == "nom" and (value.endswith(".") or not 3 <= len(value) <= 150):
        return "between 3 and 150 characters, not ending with a dot"
    return None


def _check_string(rule, value):
    if not isinstance(value, str):
        return ["not a string"]
    if rule["format"]:
        message = _check_format(rule["format"], value)
        return [message] if message else []
    if rule["pattern"] and not rule["pattern"].match(value):
        return ["does not match %s" % rule["pattern"].pattern]
    if (rule["min"] and len(value) < rule["min"]) or (rule["max"] and len(value) > rule["max"]):
        return ["length outside %s-%s" % (rule["min"], rule["max"])]
    return []


def _check_enum(rule, value):
    if not rule["many"]:
        return [] if value in rule["values"] else ["unknown value: %s" % value]
    if not isinstance(value, list):
        return ["not a list"]
    problems = ["unknown value: %s" % item for item in value if item not in rule["values"]]
    if len(set(value)) != len(value):
        problems.append("duplicate values")
    if len(value) < rule["min_items"]:
        problems.append("at least %d value(s)" % rule["min_items"])
    return problems


def _check_value(rule, value):
    """The problems of one non-null value against its rule.

    >>> _check_value(SERVICE_FIELDS["zone_eligibilite"], ["33", "2A", "france", "1"])
    ['not a zone code: 1']
    >>> _check_value(SERVICE_FIELDS["nombre_semaines"], 0)
    ['below 1']
    >>> _check_value(SERVICE_FIELDS["publics"], ["tous-publics", "jeunes"])
    ['tous-publics cannot be combined']
    """
    kind = rule["kind"]
    if kind == "string":
        return _check_string(rule, value)
    if kind == "enum":
        problems = _check_enum(rule, value)
        if rule["many"] and "tous-publics" in value and len(value) > 1:
            problems.append("tous-publics cannot be combined")
        return problems
    if kind == "zones":
        if not isinstance(value, list) or not value:
            return ["a non-empty list"]
        return ["not a zone code: %s" % item for item in value
                if not isinstance(item, str) or not any(r.match(item) for r in _ZONE_RES)]
    if isinstance(value, bool) or not isinstance(value, (int, float)) \
            or (kind == "integer" and not isinstance(value, int)):
        return ["not a %s" % kind]
    if rule.get("minimum") is not None and value < rule["minimum"]:
        return ["below %s" % rule["minimum"]]
    return []


def _validate(fields, required, row):
    problems = [(name, "required") for name in required if row.get(name) in (None, "")]
    for name, value in row.items():
        rule = fields.get(name)
        if rule is None:
            problems.append((name, "not a field of the schema"))
        elif value is not None and not (name in required and value == ""):
            problems.extend((name, message) for message in _check_value(rule, value))
    return problems


def validate_structure(row):
    """The problems of one ``structure`` row (a dict as exported in JSON): ``[]`` when valid."""
    return _validate(STRUCTURE_FIELDS, STRUCTURE_REQUIRED, row)


def validate_service(row):
    """The problems of one ``service`` row: ``[]`` when valid.

    >>> validate_service({"source": "pepites", "structure_id": "pepites--siae-7",
    ...     "id": "pepites--siae-7--iae", "nom": "Emploi en insertion",
    ...     "description": "Un contrat de travail et un accompagnement.",
    ...     "date_maj": "2026-12-04", "type": "accompagnement", "publics": ["demandeurs-emploi"],
    ...     "zone_eligibilite": ["33"], "lien_mobilisation": "https://pepites.example/jobs"})
    []
    >>> validate_service({"source": "pepites", "structure_id": "s", "id": "x", "nom": "Emploi",
    ...     "description": "Un emploi.", "date_maj": "2026-12-04", "type": "emploi"})
    [('type', 'unknown value: emploi')]
    """
    return _validate(SERVICE_FIELDS, SERVICE_REQUIRED, row)
