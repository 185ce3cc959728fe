"""The SIAE portal's offer form (``/my/offers/new``, ``/my/offers/<id>``), both ways.

Plain Python, no ORM, so that the one description of the form is read and tested on its own:

* :func:`posted` picks the form's fields out of a request's values;
* :func:`parse` turns those strings into values for ``hr.job``'s create/write and the errors
  found (the model, ``hr.job._portal_form_values``, refuses the first one);
* :func:`format_offer` turns an offer back into the strings the form shows, and
  :func:`new_form` gives those of an empty form.

Messages are English templates marked with ``_`` and returned untranslated as
:class:`FormError` (a template and its arguments, string arguments being labels to translate
too): the model translates them in the user's language, as the feeds' controller does with
``feeds.FeedError``.

>>> values, errors = parse({"name": " Encadrant ", "weekly_hours": "24,5", "rome_code": "k1203"},
...                        CONTRACTS, exists=lambda model, record_id: True, today="2026-12-01")
>>> sorted(values.items()), errors
([('name', 'Encadrant'), ('rome_code', 'K1203'), ('weekly_hours', 24.5)], [])
"""
import datetime
import math

from odoo.tools import DEFAULT_SERVER_DATE_FORMAT, plaintext2html

from .feeds import html_to_text

#: the legal maximum of a working week in France
MAX_WEEKLY_HOURS = 48
#: more positions than one offer ever has: a typing error (and beyond it, a database overflow)
MAX_POSITIONS = 1000

#: the fields of the form, in the order of the page
FIELDS = (
    "name", "job_family_id", "rome_code", "contract_type", "weekly_hours", "salary_min",
    "salary_max", "city", "pepites_department_id", "date_start", "date_expire",
    "no_of_recruitment", "description", "profile",
)

#: contract types for the examples of this module (the model passes its selection's keys)
CONTRACTS = ("cdi", "cdd")


def _(source):
    """Mark a message for the translation export; the model translates it at run time."""
    return source


class FormError(ValueError):
    """What is wrong with one value of the form.

    :param str message: English template, marked for translation with ``_``
    :param args: values for the template's ``%s``; strings among them are labels marked with
        ``_``, to translate as well

    >>> str(FormError(_("The %s must be a number."), _("salary")))
    'The salary must be a number.'
    """

    def __init__(self, message, *args):
        super(FormError, self).__init__(message % args if args else message)
        self.message = message
        self.message_args = args


def posted(post):
    """The form's values out of a request's (missing fields as empty strings).

    >>> form = posted({"name": "ETI", "csrf_token": "x"})
    >>> form["name"], form["city"], "csrf_token" in form
    ('ETI', '', False)
    """
    return {key: post.get(key, "") for key in FIELDS}


def new_form(city, department_id):
    """The values of an empty form, for a SIAE in ``city`` and ``department_id``.

    >>> new_form(False, 3)
    {'city': '', 'pepites_department_id': 3, 'no_of_recruitment': '1'}
    """
    return {"city": city or "", "pepites_department_id": department_id,
            "no_of_recruitment": "1"}


# ---------------------------------------------------------------------------- parsing

def _text(raw):
    return (raw or "").strip() or False


def _title(raw):
    title = _text(raw)
    if not title:
        raise FormError(_("Give the offer a title."))
    return title


def _code(raw):
    return (raw or "").strip().upper() or False


def _choice(choices):
    def parse(raw):
        if raw and raw not in choices:
            raise FormError(_("Unknown contract type."))
        return raw or False
    return parse


def _record(model, exists):
    """An id of ``model`` that ``exists(model, id)`` knows, or False for an empty choice."""
    def parse(raw):
        if not raw:
            return False
        try:
            record_id = int(raw)
        except ValueError:
            record_id = None
        if record_id is None or not exists(model, record_id):
            raise FormError(_("Unknown job family or département."))
        return record_id
    return parse


def _number(kind, label, maximum=None):
    """A number of ``kind`` (a comma as the decimal mark, spaces between thousands), 0 when
    empty, never negative nor over ``maximum``.

    >>> _number(float, "salary")("1 950,5"), _number(int, "positions")("")
    (1950.5, 0)
    >>> try:
    ...     _number(float, "salary")("nan")
    ... except FormError as error:
    ...     print(error)
    The salary must be a number.
    """
    def parse(raw):
        raw = (raw or "").strip().replace(",", ".").replace(" ", "")
        try:
            number = kind(raw) if raw else 0
        except ValueError:
            raise FormError(_("The %s must be a number."), label)
        if not math.isfinite(number):  # "nan", "inf" are floats for Python
            raise FormError(_("The %s must be a number."), label)
        if number < 0:
            raise FormError(_("The %s cannot be negative."), label)
        if maximum and number > maximum:
            raise FormError(_("The %s cannot exceed %s."), label, maximum)
        return number
    return parse


def _date(raw):
    raw = (raw or "").strip()
    try:
        return raw and datetime.datetime.strptime(raw, "%Y-%m-%d").date().strftime(
            DEFAULT_SERVER_DATE_FORMAT) or False
    except ValueError:
        raise FormError(_("Dates are expected as YYYY-MM-DD."))


def _html(raw):
    text = (raw or "").strip()
    return plaintext2html(text) if text else False


def _salary_in_order(values):
    if values.get("salary_min") and values.get("salary_max") \
            and values["salary_min"] > values["salary_max"]:
        raise FormError(_("The lower bound of the salary cannot exceed its upper bound."))


def _not_past(today):
    def check(values):
        if values.get("date_expire") and values["date_expire"] < today:
            raise FormError(_("The expiry date cannot be in the past."))
    return check


def _steps(contract_types, exists, today):
    """``(form key, offer field, parser)`` in the order of the checks; a step without key
    checks the values read so far."""
    return (
        ("name", "name", _title),
        ("city", "city", _text),
        ("rome_code", "rome_code", _code),
        ("contract_type", "contract_type", _choice(contract_types)),
        ("job_family_id", "job_family_id", _record("pepites.job.family", exists)),
        ("pepites_department_id", "pepites_department_id",
         _record("pepites.department", exists)),
        ("weekly_hours", "weekly_hours", _number(float, _("weekly hours"), MAX_WEEKLY_HOURS)),
        ("salary_min", "salary_min", _number(float, _("salary"))),
        ("salary_max", "salary_max", _number(float, _("salary"))),
        ("no_of_recruitment", "no_of_recruitment",
         _number(int, _("number of positions"), MAX_POSITIONS)),
        (None, None, _salary_in_order),
        ("date_start", "date_start", _date),
        ("date_expire", "date_expire", _date),
        (None, None, _not_past(today)),
        ("description", "website_description", _html),
        ("profile", "profile", _html),
    )


def parse(form, contract_types, exists, today):
    """Turn the form's strings into values for ``hr.job``'s create/write.

    Only the fields present in ``form`` are read (a partial form writes only those).

    :param dict form: the posted strings (see :func:`posted`)
    :param contract_types: the contract types the offer accepts
    :param exists: ``exists(model, record_id)``, True when that record exists
    :param str today: today's date on the board, ``YYYY-MM-DD``
    :returns: ``(values, errors)``: the values read, and a :class:`FormError` per value that
        could not be read, in the order of the checks

    >>> form = {"name": "", "weekly_hours": "60", "salary_min": "3000", "salary_max": "2000",
    ...         "job_family_id": "12", "date_expire": "2026-11-30", "description": "Encadrer"}
    >>> values, errors = parse(form, CONTRACTS, lambda model, record_id: record_id != 12,
    ...                        "2026-12-01")
    >>> for error in errors: print(error)
    Give the offer a title.
    Unknown job family or département.
    The weekly hours cannot exceed 48.
    The lower bound of the salary cannot exceed its upper bound.
    The expiry date cannot be in the past.
    >>> values["website_description"], values["date_expire"]
    ('<p>Encadrer</p>', '2026-11-30')
    >>> parse({"contract_type": "freelance", "date_start": "31/12"}, CONTRACTS, None, "")[1]
    [FormError('Unknown contract type.'), FormError('Dates are expected as YYYY-MM-DD.')]
    """
    values, errors = {}, []
    for key, field, step in _steps(contract_types, exists, today):
        try:
            if key is None:
                step(values)
            elif key in form:
                values[field] = step(form[key])
        except FormError as error:
            errors.append(error)
    return values, errors


# ---------------------------------------------------------------------------- formatting

def _decimal(number):
    return number and "%g" % number or ""


def format_offer(offer):
    """The strings the form shows for ``offer`` (an ``hr.job``, or any object with its field
    names as attributes, many-to-one fields as objects with an ``id``).

    >>> from types import SimpleNamespace
    >>> offer = SimpleNamespace(
    ...     name="ETI", job_family_id=SimpleNamespace(id=4), rome_code=False,
    ...     contract_type="cdi", weekly_hours=24.5, salary_min=1900.0, salary_max=0.0,
    ...     city="Pau", pepites_department_id=SimpleNamespace(id=False), date_start=False,
    ...     date_expire="2027-01-15", no_of_recruitment=2, description_text="Encadrer",
    ...     profile="<p>Titre <b>ETI</b></p>")
    >>> form = format_offer(offer)
    >>> form["weekly_hours"], form["salary_min"], form["salary_max"], form["rome_code"]
    ('24.5', '1900', '', '')
    >>> form["job_family_id"], form["no_of_recruitment"], form["profile"]
    (4, '2', 'Titre ETI')
    >>> parse(form, CONTRACTS, lambda model, record_id: True, "2026-12-01")[0]["weekly_hours"]
    24.5
    """
    return {
        "name": offer.name or "", "job_family_id": offer.job_family_id.id,
        "rome_code": offer.rome_code or "", "contract_type": offer.contract_type or "",
        "weekly_hours": _decimal(offer.weekly_hours),
        "salary_min": _decimal(offer.salary_min), "salary_max": _decimal(offer.salary_max),
        "city": offer.city or "", "pepites_department_id": offer.pepites_department_id.id,
        "date_start": offer.date_start or "", "date_expire": offer.date_expire or "",
        "no_of_recruitment": str(offer.no_of_recruitment or ""),
        "description": offer.description_text or "",
        "profile": offer.profile and html_to_text(offer.profile) or "",
    }
