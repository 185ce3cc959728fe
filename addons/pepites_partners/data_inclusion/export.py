"""The rows PEPITES publishes to data·inclusion v1: every active SIAE of the directory as a
``structure``, and the service it offers to people looking for work (a salaried job with
integration support, mapped to the schema's types, thematiques and publics) as a ``service``.

Plain Python: :func:`fetch_siae` runs the one grouped query of a request on a cursor, the rest
turns its rows into the schema's dicts and CSV. Only the organisation's own fields are read (its
name, SIRET, address, and the phone, e-mail and website it chose to make public — each sent only
when its flag is on, in the query itself): never a person, never INAÉ staff. ``lien_source`` of
every row is the SIAE's public page (:mod:`..siae_page`). The descriptions are French because
data·inclusion publishes French.

>>> siae = {"id": 7, "name": "Atelier Vert.", "siret": "73282932000074", "street": "1 rue A",
...         "street2": None, "zip": "33000", "city": "Bordeaux", "insee_code": "33063",
...         "phone": "05 56 11 22 33", "email": "contact@vert.example", "website": None,
...         "siae_kind": "aci", "siae_presentation": None,
...         "date_maj": "2026-12-04", "department": "33"}
>>> row = structure_row(siae, "https://pepites.example")
>>> row["id"], row["nom"], row["telephone"], row["reseaux_porteurs"], row["date_maj"]
('pepites--siae-7', 'Atelier Vert', '+33556112233', ['inae', 'aci'], '2026-12-04')
>>> row["lien_source"]
'https://pepites.example/siae/atelier-vert-7'
>>> service = service_row(siae, "https://pepites.example/jobs", "https://pepites.example")
>>> service["zone_eligibilite"], service["lien_mobilisation"]
(['33'], 'https://pepites.example/jobs?department=33&siae_kind=aci')
>>> service["lien_source"] == row["lien_source"]
True
>>> from .schema import validate_service, validate_structure
>>> validate_structure(row), validate_service(service)
([], [])
"""
import csv
import datetime
import io
import json
import re

from werkzeug.urls import url_encode

from . import schema
from .. import siae_page

SOURCE = "pepites"
PATHS = {"structures": "/data-inclusion/v1/structures", "services": "/data-inclusion/v1/services"}
FORMATS = ("json", "csv")

#: the SIAE of the directory: active organisations flagged SIAE, in one query with their
#: département's code (``updated_since`` filters on the SIAE's last write, inclusive); the
#: phone, e-mail and website only when the SIAE chose to make them public (issue 18, opt-in).
#: The SIAE listed are those with a public page (res.partner._pepites_public_siae_domain)
SIAE_QUERY = """
    SELECT p.id, p.name, p.siret, p.street, p.street2, p.zip, p.city, p.insee_code,
           CASE WHEN p.siae_public_phone THEN p.phone END AS phone,
           CASE WHEN p.siae_public_email THEN p.email END AS email,
           CASE WHEN p.siae_public_website THEN p.website END AS website,
           p.siae_kind, p.siae_presentation,
           to_char(COALESCE(p.write_date, p.create_date, now() AT TIME ZONE 'UTC'),
                   'YYYY-MM-DD') AS date_maj,
           d.code AS department
      FROM res_partner p
      LEFT JOIN pepites_department d ON d.id = p.department_id
     WHERE p.is_siae AND p.is_company AND p.active AND p.type IS DISTINCT FROM 'private'
       AND (%(since)s::timestamp IS NULL OR p.write_date >= %(since)s::timestamp)
     ORDER BY p.id
"""

#: the kind of SIAE -> (service name, what the job is); every kind is also a network of the
#: schema (``aci``, ``ai``, ``ei``, ``etti``, ``eiti``) next to ``inae``
KIND_SERVICES = {
    "aci": ("Emploi en atelier et chantier d'insertion",
            "un contrat à durée déterminée d'insertion dans une activité d'utilité sociale"),
    "ei": ("Emploi en entreprise d'insertion",
           "un contrat à durée déterminée d'insertion dans une entreprise du secteur marchand"),
    "ai": ("Mises à disposition par une association intermédiaire",
           "des missions de travail auprès de particuliers, d'associations, d'entreprises ou de "
           "collectivités"),
    "etti": ("Missions d'intérim d'insertion",
             "des missions de travail temporaire d'insertion auprès d'entreprises clientes"),
    "eiti": ("Travail indépendant accompagné (EITI)",
             "une activité professionnelle indépendante exercée dans un cadre sécurisé"),
}
SERVICE_THEMATIQUES = [
    "choisir-un-metier--connaitre-les-opportunites-demploi",
    "preparer-sa-candidature--valoriser-ses-competences",
    "trouver-un-emploi--repondre-a-des-offres-demploi",
    "trouver-un-emploi--maintien-dans-lemploi",
]
SERVICE_PUBLICS = ["demandeurs-emploi", "beneficiaires-des-minimas-sociaux"]
PUBLICS_PRECISIONS = ("Personnes sans emploi rencontrant des difficultés sociales et "
                      "professionnelles particulières (article L. 5132-1 du Code du travail).")
CONDITIONS_ACCES = ("Être éligible à l'insertion par l'activité économique : orientation par un "
                    "prescripteur (France Travail, Mission locale, Cap emploi, etc.) ou "
                    "candidature directe auprès de la structure.")

def _(source):
    """Mark a message for the translation export; the controller translates it at run time."""
    return source


_FR_PHONE_RE = re.compile(r"^0[1-9]\d{8}$")


class ExportError(ValueError):
    """A malformed export parameter: ``message`` (English, translated by the caller) and its
    ``%`` arguments."""

    def __init__(self, message, *args):
        super(ExportError, self).__init__(message % args if args else message)
        self.message, self.message_args = message, args


_ISO_RE = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})(?:[T ](?P<h>\d{2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?"
    r"(?P<tz>Z|z|[+\- ]\d{2}(?::?\d{2})?)?)?$")


def parse_moment(value):
    """An ISO 8601 date or date-time as a naive UTC datetime (no offset: UTC), like the
    offers feed's ``updated_since``.

    >>> parse_moment("2026-11-26T10:30:00+01:00"), parse_moment("2026-11-26")
    (datetime.datetime(2026, 11, 26, 9, 30), datetime.datetime(2026, 11, 26, 0, 0))
    >>> parse_moment("2026-02-30")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ValueError: day is out of range for month

    :raises ValueError: not ISO 8601, not a real date, or outside 1970 … 9998
    """
    match = _ISO_RE.match((value or "").strip())
    if not match:
        raise ValueError(value)
    year, month, day = (int(part) for part in match.group("date").split("-"))
    result = datetime.datetime(year, month, day, int(match.group("h") or 0),
                               int(match.group("m") or 0), int(match.group("s") or 0))
    offset = match.group("tz")
    if offset and offset not in ("Z", "z"):
        digits = offset[1:].replace(":", "")
        delta = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
        if delta > datetime.timedelta(hours=14):
            raise ValueError(value)
        result -= delta if offset[0] != "-" else -delta
    if not 1970 <= result.year <= 9998:
        raise ValueError(value)
    return result


def parse_query(args):
    """``(updated_since, format)`` of an export request's parameters.

    >>> parse_query({"updated_since": "2026-12-01", "format": "csv"})
    (datetime.datetime(2026, 12, 1, 0, 0), 'csv')
    >>> parse_query({})
    (None, 'json')
    >>> parse_query({"format": "xml"})  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ExportError: The parameter "format" must be json or csv.

    :raises ExportError: on a malformed ``updated_since`` or ``format``
    """
    fmt = args.get("format") or "json"
    if fmt not in FORMATS:
        raise ExportError(_('The parameter "format" must be json or csv.'))
    raw = args.get("updated_since")
    since = None
    if raw:
        try:
            since = parse_moment(raw)
        except (ValueError, OverflowError):
            raise ExportError(_('The parameter "updated_since" must be an ISO 8601 date or '
                                'date-time between 1970 and 9998, e.g. %s.'),
                              "2026-12-01T08:00:00Z")
    return since, fmt


def fetch_siae(cr, since=None):
    """The directory's SIAE as dicts, in one query (the rows the two exports are made of)."""
    cr.execute(SIAE_QUERY, {"since": since})
    columns = [column[0] for column in cr.description]
    return [dict(zip(columns, values)) for values in cr.fetchall()]


def _phone(value):
    """A French number in E.164 when it is one, else as entered (the schema prefers E.164)."""
    if not value:
        return None
    digits = re.sub(r"[\s.\-]", "", value)
    return "+33" + digits[1:] if _FR_PHONE_RE.match(digits) else value.strip()


def _nom(name):
    nom = (name or "").strip().rstrip(". ")[:150].rstrip(". ")
    return nom if len(nom) >= 3 else (nom + " (SIAE)")


def _address(siae):
    return {
        "commune": siae["city"] or None, "code_postal": siae["zip"] or None,
        "code_insee": siae["insee_code"] or None, "adresse": siae["street"] or None,
        "complement_adresse": siae["street2"] or None, "longitude": None, "latitude": None,
    }


def structure_id(siae):
    """The stable id: the source and the SIAE's database id (never reused by PostgreSQL)."""
    return "%s--siae-%d" % (SOURCE, siae["id"])


def _lien_source(siae, public_url):
    return siae_page.page_url(public_url, siae["id"], siae["name"]) if public_url else None


def structure_row(siae, public_url=None):
    """One ``structure`` dict, in the schema's field order.

    :param public_url: PEPITES' public address (``lien_source`` is the SIAE's page on it)
    """
    row = {
        "source": SOURCE, "id": structure_id(siae), "nom": _nom(siae["name"]),
        "date_maj": siae["date_maj"],
        "description": siae["siae_presentation"] or None,
        "lien_source": _lien_source(siae, public_url),
        "siret": siae["siret"] or None,
    }
    row.update(_address(siae))
    row.update({
        "telephone": _phone(siae["phone"]), "courriel": siae["email"] or None,
        "site_web": siae["website"] or None, "horaires_accueil": None,
        "accessibilite_lieu": None,
        "reseaux_porteurs": ["inae"] + ([siae["siae_kind"]] if siae["siae_kind"] else []),
    })
    return row


def service_row(siae, board_url=None, public_url=None):
    """The ``service`` a SIAE offers people looking for work: a job with integration support.

    :param board_url: the public job board's address (None when it is not installed)
    :param public_url: PEPITES' public address (``lien_source`` is the SIAE's page on it)
    """
    name, job = KIND_SERVICES.get(siae["siae_kind"], ("Emploi en insertion", "un emploi"))
    link = board_url and "%s?%s" % (board_url, url_encode(
        [(key, value) for key, value in (("department", siae["department"]),
                                         ("siae_kind", siae["siae_kind"])) if value]))
    return _service(
        siae, "emploi-insertion", name,
        "%s propose %s, avec un accompagnement socio-professionnel pour lever les freins à "
        "l'emploi et construire la suite du parcours (formation, emploi durable)."
        % (_nom(siae["name"]), job),
        SERVICE_THEMATIQUES, PUBLICS_PRECISIONS, CONDITIONS_ACCES, link,
        ["professionnels", "usagers"], public_url)


def _service(siae, key, name, description, thematiques, publics_precisions, conditions, link,
             mobilisable_par, public_url):
    """One ``service`` row of ``siae``: what differs between its services is given, the
    address, contacts, zone and ways of mobilising it are the SIAE's."""
    modes = (["utiliser-lien-mobilisation"] if link else []) \
        + (["envoyer-un-courriel"] if siae["email"] else []) \
        + (["telephoner"] if siae["phone"] else [])
    row = {
        "source": SOURCE, "structure_id": structure_id(siae),
        "id": "%s--%s" % (structure_id(siae), key), "nom": name, "description": description,
        "lien_source": _lien_source(siae, public_url), "date_maj": siae["date_maj"],
        "type": "accompagnement", "thematiques": list(thematiques), "frais": "gratuit",
        "frais_precisions": None, "publics": list(SERVICE_PUBLICS),
        "publics_precisions": publics_precisions, "conditions_acces": conditions,
    }
    row.update(_address(siae))
    row.update({
        "telephone": _phone(siae["phone"]), "courriel": siae["email"] or None,
        "modes_accueil": ["en-presentiel"],
        "zone_eligibilite": [siae["department"]] if siae["department"] else None,
        "contact_nom_prenom": None, "lien_mobilisation": link or None,
        "modes_mobilisation": modes or None, "mobilisable_par": list(mobilisable_par),
        "mobilisation_precisions": None, "volume_horaire_hebdomadaire": None,
        "nombre_semaines": None, "horaires_accueil": None,
    })
    return row


#: the services a SIAE may offer besides the job itself, switched on per SIAE by the addons
#: that know of them (``res.partner._pepites_di_services``): the PMSMP immersions it hosts
#: (pepites_jobs). key -> (name, thematiques, conditions of access, description)
EXTRA_SERVICES = {
    "immersion": (
        "Immersion professionnelle (PMSMP)",
        ["choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite",
         "choisir-un-metier--confirmer-son-choix-de-metier",
         "choisir-un-metier--identifier-ses-points-forts-et-ses-competences"],
        "Période de mise en situation en milieu professionnel prescrite par France Travail, "
        "une Mission locale, Cap emploi ou une SIAE, sous convention signée avant le début.",
        "%s accueille des personnes en période de mise en situation en milieu professionnel "
        "(PMSMP) pour découvrir un métier, confirmer un projet professionnel ou engager un "
        "recrutement, quelques jours à un mois, sans contrat de travail."),
}


def extra_service_row(siae, key, public_url=None):
    """The ``service`` of :data:`EXTRA_SERVICES` ``key`` that ``siae`` offers; it is mobilised
    from the SIAE's public page (its contacts), when there is a public address.

    >>> siae = {"id": 7, "name": "Atelier Vert", "street": None, "street2": None, "zip": "33000",
    ...         "city": "Bordeaux", "insee_code": None, "phone": None, "email": None,
    ...         "date_maj": "2026-12-04", "department": "33"}
    >>> row = extra_service_row(siae, "immersion")
    >>> row["id"], row["mobilisable_par"], row["modes_mobilisation"]
    ('pepites--siae-7--immersion', ['professionnels'], None)
    >>> extra_service_row(siae, "immersion", "https://pepites.example")["lien_mobilisation"]
    'https://pepites.example/siae/atelier-vert-7'
    >>> from .schema import validate_service
    >>> validate_service(row)
    []
    """
    name, thematiques, conditions, description = EXTRA_SERVICES[key]
    # the convention is signed by a prescriber: professionals mobilise it, not the person
    return _service(siae, key, name, description % _nom(siae["name"]), thematiques, None,
                    conditions, _lien_source(siae, public_url), ["professionnels"], public_url)


def to_json(rows):
    return json.dumps(rows, ensure_ascii=False)


def to_csv(rows, fields):
    """CSV (UTF-8, comma, header of the schema's field names); a list is its values joined by
    commas, a null an empty cell.

    >>> print(to_csv([{"id": "a", "reseaux_porteurs": ["inae", "ei"]}], ["id", "reseaux_porteurs"]))
    id,reseaux_porteurs\r
    a,"inae,ei"\r
    <BLANKLINE>
    """
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(fields)
    for row in rows:
        writer.writerow([",".join(value) if isinstance(value, list)
                         else "" if value is None else value
                         for value in (row.get(name) for name in fields)])
    return out.getvalue()


def export(cr, kind, args, board_url=None, public_url=None, extra_services=None):
    """``(content_type, body)`` of one export request.

    :param str kind: ``structures`` or ``services``
    :param board_url: the public job board's address (None when it is not installed)
    :param public_url: PEPITES' public address, where the SIAE pages are
    :param extra_services: a function of the SIAE ids giving ``{id: [key of
        EXTRA_SERVICES]}``, the services they offer besides the job (one query for all)
    :raises ExportError: on a malformed parameter
    """
    since, fmt = parse_query(args)
    siaes = fetch_siae(cr, since)
    if kind == "structures":
        rows = [structure_row(s, public_url) for s in siaes]
        fields = schema.STRUCTURE_FIELDS
    else:
        extras = extra_services([s["id"] for s in siaes]) if extra_services and siaes else {}
        rows = []
        for siae in siaes:
            rows.append(service_row(siae, board_url, public_url))
            rows.extend(extra_service_row(siae, key, public_url)
                        for key in extras.get(siae["id"], ()))
        fields = schema.SERVICE_FIELDS
    if fmt == "csv":
        return "text/csv; charset=utf-8", to_csv(rows, list(fields))
    return "application/json; charset=utf-8", to_json(rows)
