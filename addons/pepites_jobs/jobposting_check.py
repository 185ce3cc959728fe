"""The project's own check of a schema.org JobPosting against Google's job-posting guidelines.

Google's "Job posting (JobPosting) structured data" page (Search Central, structured data
guidelines, as read in December 2026) lists the properties a posting must carry to be shown in
Google for Jobs (REQUIRED) and those it should carry (RECOMMENDED); the other aggregators
(France Travail's partners, Indeed, Jooble…) read the same vocabulary. They are encoded here so
that tests check every document the board publishes, without a database and without the
network.

:func:`check` returns ``(errors, warnings)``: an error is a missing required property or a
value outside the vocabulary (the posting would be rejected); a warning a missing recommended
property (shown, but poorer). Plain Python.
"""
import datetime
import re

#: Google's required properties of a JobPosting (jobLocation: unless the job is fully remote,
#: which the board's offers never are)
REQUIRED = ("datePosted", "description", "hiringOrganization", "jobLocation", "title")
#: Google's recommended properties (applicantLocationRequirements and jobLocationType concern
#: remote jobs only)
RECOMMENDED = ("baseSalary", "directApply", "employmentType", "identifier", "validThrough")
#: the employmentType values Google understands
EMPLOYMENT_TYPES = ("FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN",
                    "VOLUNTEER", "PER_DIEM", "OTHER")
#: the unitText values of a baseSalary's QuantitativeValue
SALARY_UNITS = ("HOUR", "DAY", "WEEK", "MONTH", "YEAR")
#: the PostalAddress properties Google asks for "as many as possible" of
ADDRESS_PROPERTIES = ("streetAddress", "addressLocality", "addressRegion", "postalCode",
                      "addressCountry")

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME_RE = re.compile(
    r"^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_SIRET_RE = re.compile(r"^\d{14}$")
_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
_POSTAL_CODE_RE = re.compile(r"^\d{5}$")
_URL_RE = re.compile(r"^https?://\S+$")


def _iso_day(value):
    """The date of an ISO 8601 date or date-time, or None when it is neither."""
    if not isinstance(value, str):
        return None
    match = _DATETIME_RE.match(value)
    day = match.group(1) if match else (value if _DATE_RE.match(value) else None)
    try:
        return day and datetime.datetime.strptime(day, "%Y-%m-%d").date()
    except ValueError:
        return None


def _typed(node, type_name):
    return isinstance(node, dict) and node.get("@type") == type_name


def _check_organization(org, errors, warnings):
    if not _typed(org, "Organization") or not org.get("name"):
        errors.append("hiringOrganization must be an Organization with a name")
        return
    same_as = org.get("sameAs")
    # schema.org's sameAs: one URL, or a list of them (the page, then the web site)
    urls = same_as if isinstance(same_as, list) else [same_as] if same_as else []
    if not urls:
        warnings.append("hiringOrganization.sameAs missing")
    elif not all(isinstance(url, str) and _URL_RE.match(url) for url in urls):
        errors.append("hiringOrganization.sameAs must be a URL or a list of URLs")
    identifier = org.get("identifier")
    if identifier is not None and not (
            _typed(identifier, "PropertyValue") and identifier.get("name") == "SIRET"
            and _SIRET_RE.match(str(identifier.get("value") or ""))):
        errors.append("hiringOrganization.identifier must be a SIRET PropertyValue (14 digits)")


def _check_location(place, errors, warnings):
    address = place.get("address") if _typed(place, "Place") else None
    if not _typed(address, "PostalAddress"):
        errors.append("jobLocation must be a Place with a PostalAddress")
        return
    if not _COUNTRY_RE.match(str(address.get("addressCountry") or "")):
        errors.append("jobLocation.address.addressCountry must be an ISO 3166-1 code")
    if not (address.get("addressLocality") or address.get("addressRegion")):
        errors.append("jobLocation.address needs addressLocality or addressRegion")
    if address.get("postalCode") and not _POSTAL_CODE_RE.match(str(address["postalCode"])):
        errors.append("jobLocation.address.postalCode must be a French postal code")
    for key in ADDRESS_PROPERTIES:
        if not address.get(key):
            warnings.append("jobLocation.address.%s missing" % key)


def _check_salary(salary, errors):
    if not (_typed(salary, "MonetaryAmount") and _CURRENCY_RE.match(
            str(salary.get("currency") or ""))):
        errors.append("baseSalary must be a MonetaryAmount with an ISO 4217 currency")
        return
    amount = salary.get("value")
    if not _typed(amount, "QuantitativeValue") or amount.get("unitText") not in SALARY_UNITS:
        errors.append("baseSalary.value must be a QuantitativeValue with a unitText among %s"
                      % ", ".join(SALARY_UNITS))
        return
    figures = [amount.get(key) for key in ("value", "minValue", "maxValue")
               if amount.get(key) is not None]
    if not figures or not all(isinstance(f, (int, float)) and not isinstance(f, bool)
                              and f > 0 for f in figures):
        errors.append("baseSalary.value needs positive numbers (value, or minValue/maxValue)")
    elif amount.get("minValue") and amount.get("maxValue") \
            and amount["minValue"] > amount["maxValue"]:
        errors.append("baseSalary minValue exceeds maxValue")


def _check_values(posting, errors):
    if not isinstance(posting.get("title"), str) or not posting["title"].strip():
        errors.append("title must be a non-empty text")
    if not isinstance(posting.get("description"), str) or not posting["description"].strip():
        errors.append("description must be a non-empty text (HTML allowed)")
    posted = _iso_day(posting.get("datePosted"))
    if "datePosted" in posting and not posted:
        errors.append("datePosted must be an ISO 8601 date")
    if "validThrough" in posting:
        through = _iso_day(posting["validThrough"])
        if not through:
            errors.append("validThrough must be an ISO 8601 date or date-time")
        elif posted and through < posted:
            errors.append("validThrough precedes datePosted")
    types = posting.get("employmentType")
    if "employmentType" in posting:
        types = [types] if isinstance(types, str) else types
        if not types or not isinstance(types, list) or any(
                value not in EMPLOYMENT_TYPES for value in types):
            errors.append("employmentType must use %s" % ", ".join(EMPLOYMENT_TYPES))
    if "directApply" in posting and not isinstance(posting["directApply"], bool):
        errors.append("directApply must be a boolean")
    identifier = posting.get("identifier")
    if "identifier" in posting and not (
            _typed(identifier, "PropertyValue") and identifier.get("name")
            and identifier.get("value")):
        errors.append("identifier must be a PropertyValue with a name and a value")


def _strings(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)
    elif isinstance(node, str):
        yield node


def check(posting):
    """Check one JobPosting document (a dict, as parsed from its JSON-LD).

    >>> check({"@type": "Event"})[0]
    ['@type must be JobPosting']
    >>> errors, warnings = check({"@context": "https://schema.org/", "@type": "JobPosting"})
    >>> errors[:2], warnings[0]
    (['datePosted missing', 'description missing'], 'baseSalary missing')

    :returns: ``(errors, warnings)``, two lists of English messages (for developers' tests)
    """
    if not isinstance(posting, dict) or posting.get("@type") != "JobPosting":
        return ["@type must be JobPosting"], []
    errors, warnings = [], []
    if "schema.org" not in str(posting.get("@context") or ""):
        errors.append("@context must be schema.org")
    errors += ["%s missing" % key for key in REQUIRED if key not in posting]
    warnings += ["%s missing" % key for key in RECOMMENDED if key not in posting]
    _check_values(posting, errors)
    if "hiringOrganization" in posting:
        _check_organization(posting["hiringOrganization"], errors, warnings)
    if "jobLocation" in posting:
        _check_location(posting["jobLocation"], errors, warnings)
    if "baseSalary" in posting:
        _check_salary(posting["baseSalary"], errors)
    if any(_EMAIL_RE.search(text) for text in _strings(posting)):
        errors.append("an e-mail address is published (personal data)")
    return errors, warnings
