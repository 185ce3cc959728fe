"""schema.org ``JobPosting`` of an offer, for search engines (Google for Jobs, France Travail…).

Plain Python: the model gathers the values, this module shapes them. Only the offer and its
employer organisation are described: no contact person, email or phone.
"""
import datetime
import json
import re

import pytz

from .feeds import BOARD_TZ

#: below this many hours a week, an offer is part-time: the legal working week, article
#: L3121-27 of the Code du travail (35 hours); the time part of employmentType is decided here
FULL_TIME_HOURS = 35.0

#: the one mapping of an offer's contract type (models/hr_job.py CONTRACT_TYPES) to the
#: schema.org / Google employmentType values it adds to the working-time one: a CDD and an
#: intérim mission are temporary work, a work-study contract (alternance) is what Google calls an
#: internship, a CDI adds nothing (permanent, full or part time)
_EMPLOYMENT_TYPES = {
    "cdi": [],
    "cdd": ["TEMPORARY"],
    "alternance": ["INTERN"],
    "interim": ["TEMPORARY"],
    "other": ["OTHER"],
}

#: the name of the offer identifier's PropertyValue (the board's own numbering)
IDENTIFIER_NAME = "INAÉ JobBoard"


def employment_types(contract_type, weekly_hours):
    """schema.org employmentType values of an offer: the working time (when the weekly hours
    are known) then what the contract type adds; never empty.

    >>> employment_types("cdd", 24)
    ['PART_TIME', 'TEMPORARY']
    >>> employment_types("cdi", 35)
    ['FULL_TIME']
    >>> employment_types(None, 0), employment_types("cdi", 0)
    (['OTHER'], ['OTHER'])
    """
    time = []
    if weekly_hours:
        time = ["PART_TIME"] if weekly_hours < FULL_TIME_HOURS else ["FULL_TIME"]
    # a CDI whose hours are unknown says nothing: OTHER rather than a guess
    return (time + _EMPLOYMENT_TYPES.get(contract_type or "other", ["OTHER"])) or ["OTHER"]


def _end_of_day(date_value):
    if isinstance(date_value, str):
        date_value = datetime.datetime.strptime(date_value[:10], "%Y-%m-%d").date()
    moment = datetime.datetime.combine(date_value, datetime.time(23, 59, 59))
    return pytz.timezone(BOARD_TZ).localize(moment).isoformat()


def _number(value):
    """A whole amount as an int (``1900`` rather than ``1900.0``), else the float."""
    return int(value) if float(value).is_integer() else float(value)


def base_salary(salary_min, salary_max, unit="MONTH"):
    """The ``baseSalary`` MonetaryAmount of a gross salary range in euros, or None without one.

    >>> base_salary(1900, 1900)["value"]
    {'@type': 'QuantitativeValue', 'unitText': 'MONTH', 'value': 1900}
    >>> base_salary(0, 0) is None
    True
    """
    if not salary_min and not salary_max:
        return None
    amount = {"@type": "QuantitativeValue", "unitText": unit}
    if salary_min and salary_max and salary_min == salary_max:
        amount["value"] = _number(salary_min)
    else:
        if salary_min:
            amount["minValue"] = _number(salary_min)
        if salary_max:
            amount["maxValue"] = _number(salary_max)
    return {"@type": "MonetaryAmount", "currency": "EUR", "value": amount}


def _organization(values):
    """The employer: its name, ``sameAs`` its public page on PEPITES then the web site it chose
    to publish (a list only when there are two), its SIRET as identifier.

    >>> _organization({"employer": "Atelier", "employer_urls": ["https://p.example/siae/a-7"]})
    {'@type': 'Organization', 'name': 'Atelier', 'sameAs': 'https://p.example/siae/a-7'}
    >>> _organization({"employer": "Atelier", "employer_urls": [
    ...     "https://p.example/siae/a-7", "https://atelier.example"]})["sameAs"]
    ['https://p.example/siae/a-7', 'https://atelier.example']
    """
    organization = {"@type": "Organization", "name": values["employer"]}
    urls = [url for url in values.get("employer_urls") or () if url]
    if urls:
        organization["sameAs"] = urls[0] if len(urls) == 1 else urls
    siret = "".join(char for char in values.get("siret") or "" if char.isdigit())
    if len(siret) == 14:  # written with spaces or not, a SIRET has 14 digits
        organization["identifier"] = {"@type": "PropertyValue", "name": "SIRET", "value": siret}
    return organization


def _place(values):
    address = {"@type": "PostalAddress"}
    for key, field in (("streetAddress", "street"), ("addressLocality", "city"),
                       ("postalCode", "postal_code"), ("addressRegion", "region")):
        if values.get(field):
            address[key] = values[field].strip()
    if not re.match(r"^\d{5}$", address.get("postalCode", "")):
        address.pop("postalCode", None)  # a French postal code, or none
    address["addressCountry"] = "FR"
    return {"@type": "Place", "address": address}


def job_posting(values):
    """The JobPosting dict of an offer: Google's required and recommended properties
    (jobposting_check.py encodes them), in schema.org's vocabulary; the employer is an
    organisation and no contact person, e-mail or phone is written.

    :param dict values: ``id``, ``url``, ``title``, ``description`` (HTML), ``date_posted``,
        ``valid_through``, ``contract_type``, ``weekly_hours``, ``employer`` (name), ``siret``,
        ``employer_urls`` (its public page, then the web site it publishes), ``street``,
        ``city``, ``postal_code``, ``region``, ``rome_code``, ``salary_min``, ``salary_max``
        (monthly, gross, €), ``positions``, ``start_date``, ``industry``
    """
    posting = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": values["title"],
        "description": values.get("description") or values["title"],
        "identifier": {"@type": "PropertyValue", "name": IDENTIFIER_NAME,
                       "value": str(values["id"])},
        "url": values["url"],
        "employmentType": employment_types(values.get("contract_type"),
                                           values.get("weekly_hours")),
        "hiringOrganization": _organization(values),
        "jobLocation": _place(values),
        "directApply": True,
    }
    if values.get("date_posted"):
        posting["datePosted"] = str(values["date_posted"])[:10]
    if values.get("valid_through"):
        posting["validThrough"] = _end_of_day(values["valid_through"])
    if values.get("rome_code"):
        posting["occupationalCategory"] = values["rome_code"]
    if values.get("industry"):
        posting["industry"] = values["industry"]
    if values.get("weekly_hours"):
        posting["workHours"] = "%g h/week" % values["weekly_hours"]
    if values.get("positions"):
        posting["totalJobOpenings"] = values["positions"]
    if values.get("start_date"):
        posting["jobStartDate"] = str(values["start_date"])[:10]
    salary = base_salary(values.get("salary_min"), values.get("salary_max"))
    if salary:
        posting["baseSalary"] = salary
    return posting


def script_json(data):
    """JSON safe inside an HTML ``<script>`` element (no ``</script>`` can close it early).

    >>> script_json({"t": "</script><b>&"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace(
        "<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
