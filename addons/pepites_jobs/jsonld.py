"""schema.org ``JobPosting`` of an offer, for search engines (Google for Jobs, France Travail…).

Plain Python: the model gathers the values, this module shapes them. Only the offer and its
employer organisation are described: no contact person, email or phone.
"""
import datetime
import json

import pytz

from .feeds import BOARD_TZ

#: below this many hours a week, an offer is part-time (French legal working week)
FULL_TIME_HOURS = 35.0

#: contract types of hr.job (models/hr_job.py CONTRACT_TYPES) as schema.org employmentType
_EMPLOYMENT_TYPES = {
    "cdi": [],
    "cdd": ["TEMPORARY"],
    "alternance": ["INTERN"],
    "interim": ["TEMPORARY"],
    "other": ["OTHER"],
}


def employment_types(contract_type, weekly_hours):
    """schema.org employmentType values of an offer.

    >>> employment_types("cdd", 24)
    ['PART_TIME', 'TEMPORARY']
    """
    time = ["PART_TIME"] if weekly_hours and weekly_hours < FULL_TIME_HOURS else ["FULL_TIME"]
    return time + _EMPLOYMENT_TYPES.get(contract_type or "other", ["OTHER"])


def _end_of_day(date_value):
    if isinstance(date_value, str):
        date_value = datetime.datetime.strptime(date_value[:10], "%Y-%m-%d").date()
    moment = datetime.datetime.combine(date_value, datetime.time(23, 59, 59))
    return pytz.timezone(BOARD_TZ).localize(moment).isoformat()


def job_posting(values):
    """The JobPosting dict of an offer.

    :param dict values: ``id``, ``url``, ``title``, ``description`` (HTML), ``date_posted``,
        ``valid_through``, ``contract_type``, ``weekly_hours``, ``employer`` (name), ``siret``,
        ``employer_url``, ``city``, ``region``, ``postal_code``, ``rome_code``, ``salary_min``,
        ``salary_max``, ``positions``, ``start_date``, ``industry``
    """
    posting = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": values["title"],
        "description": values.get("description") or values["title"],
        "identifier": {"@type": "PropertyValue", "name": "INAÉ JobBoard",
                       "value": str(values["id"])},
        "url": values["url"],
        "employmentType": employment_types(values.get("contract_type"),
                                           values.get("weekly_hours")),
        "hiringOrganization": {"@type": "Organization", "name": values["employer"]},
        "jobLocation": {
            "@type": "Place",
            "address": {"@type": "PostalAddress", "addressCountry": "FR"},
        },
        "directApply": True,
    }
    if values.get("date_posted"):
        posting["datePosted"] = str(values["date_posted"])[:10]
    if values.get("valid_through"):
        posting["validThrough"] = _end_of_day(values["valid_through"])
    if values.get("siret"):
        posting["hiringOrganization"]["identifier"] = {
            "@type": "PropertyValue", "name": "SIRET", "value": values["siret"]}
    if values.get("employer_url"):
        posting["hiringOrganization"]["sameAs"] = values["employer_url"]
    address = posting["jobLocation"]["address"]
    for key, field in (("addressLocality", "city"), ("addressRegion", "region"),
                       ("postalCode", "postal_code")):
        if values.get(field):
            address[key] = values[field]
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
    if values.get("salary_min") or values.get("salary_max"):
        amount = {"@type": "QuantitativeValue", "unitText": "MONTH"}
        if values.get("salary_min"):
            amount["minValue"] = values["salary_min"]
        if values.get("salary_max"):
            amount["maxValue"] = values["salary_max"]
        posting["baseSalary"] = {"@type": "MonetaryAmount", "currency": "EUR", "value": amount}
    return posting


def script_json(data):
    """JSON safe inside an HTML ``<script>`` element (no ``</script>`` can close it early).

    >>> script_json({"t": "</script><b>&"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace(
        "<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
