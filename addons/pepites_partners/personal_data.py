"""The personal-data engine of PEPITES (issue 15): what anonymising a record writes, when a
retention term ends, and how a subject-access export is packed. Plain Python, no ORM: the
models say *which* records and fields (``pepites.privacy.mixin`` and the ``_privacy_*``
attributes of each model), this module says *what is done* with them, once.

Anonymised values (shared decision of issue 15): names become :data:`ANONYMOUS_NAME`, e-mail,
phone, address and free text are emptied, dates and non-identifying facts (département,
sector, states, counts) are kept so that the indicators keep their values.
"""
import datetime
import io
import json
import re
import zipfile

from dateutil.relativedelta import relativedelta

#: what a name becomes
ANONYMOUS_NAME = "Personne anonymisée"
#: the neutral revocation reason of a badge whose holder asked for erasure
HOLDER_REQUEST_REASON = "Retrait à la demande du titulaire"
#: how a field is anonymised: replaced by :data:`ANONYMOUS_NAME`, or emptied
NAME, CLEAR = "name", "clear"

#: the retention categories and their default terms (common decisions of issue 15):
#: (code, French label, months, what the term counts from, in French)
DEFAULT_RULES = (
    ("recruitment", "Candidatures non retenues", 24,
     "Dernier contact : dernière modification de la candidature"),
    ("recruitment_hired", "Candidatures retenues (embauche)", 60,
     "Embauche : date de clôture de la candidature"),
    ("recruitment_cv", "CV des candidats (retenus ou non)", 24,
     "Dernier contact : dernière modification de la candidature"),
    ("events", "Inscriptions aux événements", 12, "Fin de l'événement"),
    ("orientations", "Orientations", 24,
     "Dernière action : dernière modification de l'orientation"),
    ("pmsmp", "Immersions PMSMP et leurs conventions", 60,
     "Fin de l'immersion (convention signée conservée jusque-là : effacement refusé)"),
    ("poei", "POEI", 60,
     "Fin de la POEI (action financée, conservée pour le contrôle des financeurs : "
     "effacement refusé)"),
    ("training", "Formation, présences, alternance, VAE, AFEST, Campus", 60,
     "Fin de l'action de formation"),
)


def blank_values(spec):
    """The values that anonymise a record, from ``{field: NAME or CLEAR}``.

    >>> sorted(blank_values({"partner_name": NAME, "email_from": CLEAR}).items())
    [('email_from', False), ('partner_name', 'Personne anonymisée')]
    """
    return {field: (ANONYMOUS_NAME if how == NAME else False) for field, how in spec.items()}


def cutoff(today, months):
    """The last day whose records have passed a term of ``months``: a record dated on or
    before it is due.

    >>> cutoff(datetime.date(2026, 12, 4), 24)
    datetime.date(2024, 12, 4)
    >>> cutoff(datetime.date(2024, 2, 29), 12)
    datetime.date(2023, 2, 28)
    """
    return today - relativedelta(months=months)


def expired_domain(date_fields, cutoff):
    """The domain of the records whose reference date is on or before ``cutoff``: the first of
    ``date_fields`` that is set (an action without an end date counts from its last change).
    Models declare their fields (``_privacy_retention``), this writes the domain once.

    >>> expired_domain(("date_end",), "2021-12-04")
    [('date_end', '<=', '2021-12-04')]
    >>> expired_domain(("end", "write_date"), "2021")
    ['|', ('end', '<=', '2021'), '&', ('end', '=', False), ('write_date', '<=', '2021')]
    """
    first, rest = date_fields[0], tuple(date_fields[1:])
    if not rest:
        return [(first, "<=", cutoff)]
    return ["|", (first, "<=", cutoff), "&", (first, "=", False)] + expired_domain(rest, cutoff)


def term_end(start, months):
    """The day a term of ``months`` counted from ``start`` ends (a legal hold lasts until it).

    >>> term_end(datetime.date(2024, 3, 31), 60)
    datetime.date(2029, 3, 31)
    """
    return start + relativedelta(months=months)


def safe_filename(name, default="fichier"):
    """A file name without path separators or control characters, for the ZIP.

    >>> safe_filename("../../etc/passwd")
    '.._.._etc_passwd'
    >>> safe_filename("")
    'fichier'
    """
    name = re.sub(r"[\x00-\x1f/\\:]+", "_", name or "").strip()
    return name or default


def _json_default(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def build_zip(documents, files, summary_pdf=None):
    """The subject-access ZIP: one JSON file per kind of record, every file under
    ``fichiers/<kind>/``, and the PDF summary when given.

    :param dict documents: ``{kind: [record dict, ...]}``
    :param files: ``[(kind, file name, bytes), ...]``; names made unique within a kind
    :param bytes summary_pdf: the readable summary, stored as ``resume.pdf``
    :returns: the ZIP's bytes

    >>> data = build_zip({"contact": [{"name": "Léa"}]}, [("cv", "cv.pdf", b"%PDF"),
    ...                                                    ("cv", "cv.pdf", b"%PDF2")])
    >>> archive = zipfile.ZipFile(io.BytesIO(data))
    >>> archive.namelist()
    ['contact.json', 'fichiers/cv/cv.pdf', 'fichiers/cv/2-cv.pdf']
    >>> json.loads(archive.read("contact.json").decode())
    [{'name': 'Léa'}]
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for kind in sorted(documents):
            archive.writestr("%s.json" % safe_filename(kind), json.dumps(
                documents[kind], default=_json_default, ensure_ascii=False, indent=2,
                sort_keys=True))
        used = set()
        for kind, name, content in files:
            path = "fichiers/%s/%s" % (safe_filename(kind), safe_filename(name))
            counter = 1
            while path in used:
                counter += 1
                path = "fichiers/%s/%d-%s" % (safe_filename(kind), counter, safe_filename(name))
            used.add(path)
            archive.writestr(path, content)
        if summary_pdf:
            archive.writestr("resume.pdf", summary_pdf)
    return buffer.getvalue()
