"""The hostile inputs, as tables: plain data, no database.

Every case names its path (``xmlrpc``, ``website``, ``portal``), its family (what kind of bad
input it is) and a label, so that a failing subtest says exactly which input failed. Values
that depend on the records of a test are placeholders resolved by the harness (common.py):
``"@name"`` is the id of the fixture ``name``, ``"=name.field"`` one of its values, ``{name}``
in a URL its id.

Expected answers:

XML-RPC
    ``USER``   a fault "warning" (UserError/ValidationError) whose text is the French of the
               given English message, and no ERROR line: a range, an order of dates or a
               uniqueness that an SQL constraint enforces is said in Python before the write
               (``pepites.sql.guard``), the constraint staying the database's last guard;
    ``ACCESS`` an AccessError fault (the French message when one is given);
    ``CORE``   an Odoo 11 core conversion error (wrong type, unknown selection value, malformed
               date): a fault with a traceback whose last line names the bad value; the server
               logs it at ERROR (odoo.http / odoo.sql_db): the harness swallows and asserts
               exactly these lines (see the readme);
    ``NOOP``   the call returns and writes nothing (e.g. a badge the person already holds).
Website and portal
    ``ALERT``  the form comes back (HTTP 200) with an alert holding the French message;
    ``STATUS`` the given HTTP status (400, 403, 404);
    ``ACCEPT`` legit free text (HTML/JS typed as text): accepted, and every page showing it
               escapes it;
    ``IGNORED`` a forged field: the request succeeds and the field is not written.
"""
import datetime
import itertools

USER, ACCESS, CORE, NOOP = "user", "access", "core", "noop"
ALERT, STATUS, ACCEPT, IGNORED = "alert", "status", "accept", "ignored"

_serial = itertools.count(1)


class Case(object):
    """One hostile input."""

    def __init__(self, path, family, label, expect, message=None, **spec):
        self.path = path
        self.family = family
        self.label = label
        self.expect = expect
        self.message = message
        self.spec = spec
        self.serial = next(_serial)

    @property
    def name(self):
        return "%s/%s/%s" % (self.path, self.family, self.label)

    def __repr__(self):
        return "<Case %s>" % self.name


def day(offset):
    return (datetime.date.today() + datetime.timedelta(days=offset)).isoformat()


def siret_from(number):
    """A SIRET whose Luhn keys are right (for the cases that must pass the format check)."""
    def luhn_digit(digits):
        total = 0
        for index, char in enumerate(reversed(digits)):
            value = int(char) * (2 if index % 2 == 0 else 1)
            total += value - 9 if value > 9 else value
        return str((10 - total % 10) % 10)
    siren = "8%07d" % number
    siren += luhn_digit(siren)
    nic = "%04d" % (number % 10000)
    return siren + nic + luhn_digit(siren + nic)


#: HTML/JS typed in free-text fields: stored as text, always rendered escaped
HTML_PAYLOADS = [
    ("script", "<script>alert(1)</script>"),
    ("img-onerror", "\"><img src=x onerror=alert(1)>"),
    ("js-url", "javascript:alert(1)//<svg onload=alert(1)>"),
]
#: emails every form must refuse
BAD_EMAILS = [
    ("no-at", "lea.petit"),
    ("no-domain", "lea@"),
    ("no-local", "@example.test"),
    ("space", "lea petit@example.test"),
    ("two-at", "lea@petit@example.test"),
    ("script", "<script>alert(1)</script>@x.fr"),
    ("oversize", "a" * 200 + "@example.test"),
]
BAD_SIRETS = [
    ("short", "123"),
    ("13-digits", "1234567890123"),
    ("bad-key", "73282932000075"),
    ("letters", "ABCDEFGHIJKLMN"),
    ("spaced-bad-key", "732 829 320 00075"),
    ("oversize", "7" * 30),
    ("html", "<b>73282932000074</b>"),
    ("all-zeros", "00000000000000"),
]
MSG_WEBSITE = "The website of \"%s\" must be an http:// or https:// address."
BAD_ROME = [("digits", "12345"), ("two-letters", "KK123"), ("short", "K12"),
            ("six-characters", "K12034"), ("oversize", "K1203" * 1000), ("html", "<b>K1203</b>")]

# ---------------------------------------------------------------------------------- XML-RPC

def _rpc(family, label, user, model, method, args, expect, message=None, row=None, **kwargs):
    return Case("xmlrpc", family, label, expect, message, user=user, model=model,
                method=method, args=args, kwargs=kwargs, row=row)


MSG_SIRET_INVALID = ("The SIRET \"%s\" is invalid: 14 digits whose check keys must be right "
                     "are expected.")
MSG_ROME_JOB = ("The ROME code \"%s\" is invalid: one letter followed by four digits is "
                "expected (e.g. K1203).")
MSG_PORTAL_FIELDS = "You cannot change these fields from the portal: %s."
MSG_OFFER_FIELDS = "You cannot change these fields of an offer: %s."
#: outsiders call over RPC only the methods of pepites_partners' outsiders_rpc.RPC_METHODS
MSG_RPC_GATE = ("You have no access to the method \"%s\" of \"%s\": it is not on the list of "
                "what the public, SIAE and partners may do.")


def xmlrpc_cases():
    cases = []
    add = cases.append
    siae = {"name": "SIAE hostile", "is_company": True, "is_siae": True, "siae_kind": "aci",
            "department_id": "@department_33", "siret": siret_from(4242)}

    def siae_vals(**extra):
        return dict(siae, **extra)

    # --- res.partner: the directory of SIAE --------------------------------------------
    for label, siret in BAD_SIRETS:
        add(_rpc("invalid_siret", "create-" + label, "staff", "res.partner", "create",
                 [siae_vals(siret=siret)], USER, MSG_SIRET_INVALID))
    add(_rpc("invalid_siret", "write-bad-key", "staff", "res.partner", "write",
             [["@siae1"], {"siret": "73282932000075"}], USER, MSG_SIRET_INVALID,
             row=("res_partner", "@siae1")))
    add(_rpc("duplicate_key", "create-siret-of-siae1", "staff", "res.partner", "create",
             [siae_vals(siret="=siae1.siret")], USER, "The SIRET %s is already used by: %s."))
    add(_rpc("duplicate_key", "write-siret-of-siae2", "staff", "res.partner", "write",
             [["@siae1"], {"siret": "=siae2.siret"}], USER,
             "The SIRET %s is already used by: %s.", row=("res_partner", "@siae1")))
    add(_rpc("missing_field", "siae-without-kind", "staff", "res.partner", "create",
             [siae_vals(siae_kind=False)], USER,
             "Set the kind of the SIAE \"%s\" (ACI, EI, AI, ETTI or EITI)."))
    add(_rpc("missing_field", "siae-without-department", "staff", "res.partner", "create",
             [siae_vals(department_id=False)], USER, "Set the département of the SIAE \"%s\"."))
    add(_rpc("missing_field", "siae-person", "staff", "res.partner", "create",
             [siae_vals(is_company=False)], USER,
             "\"%s\" cannot be a SIAE: a SIAE is a company."))
    add(_rpc("missing_field", "acculturated-without-date", "staff", "res.partner", "create",
             [{"name": "Conseillère", "cep_acculturation_state": "acculturated"}], USER,
             "Set the acculturation date of \"%s\"."))
    add(_rpc("unknown_selection", "siae-kind", "staff", "res.partner", "create",
             [siae_vals(siae_kind="xyz")], CORE, "Wrong value for res.partner.siae_kind"))
    add(_rpc("unknown_selection", "acculturation", "staff", "res.partner", "write",
             [["@person"], {"cep_acculturation_state": "done"}], CORE, "Wrong value",
             row=("res_partner", "@person")))
    add(_rpc("wrong_type", "fte-text", "staff", "res.partner", "create",
             [siae_vals(fte="beaucoup")], CORE, "could not convert string to float"))
    add(_rpc("wrong_type", "posts-text", "staff", "res.partner", "write",
             [["@siae1"], {"insertion_posts": "ten"}], CORE, "invalid literal for int()",
             row=("res_partner", "@siae1")))
    add(_rpc("wrong_type", "department-text", "staff", "res.partner", "create",
             [siae_vals(department_id="trente-trois")], CORE, "invalid input syntax"))
    add(_rpc("out_of_range", "fte-negative", "staff", "res.partner", "create",
             [siae_vals(fte=-1)], USER, "The number of FTE cannot be negative."))
    add(_rpc("out_of_range", "posts-negative", "staff", "res.partner", "write",
             [["@siae1"], {"insertion_posts": -5}], USER,
             "The number of insertion posts cannot be negative.", row=("res_partner", "@siae1")))
    add(_rpc("out_of_range", "posts-overflow", "staff", "res.partner", "write",
             [["@siae1"], {"insertion_posts": 1e12}], CORE, "integer out of range",
             row=("res_partner", "@siae1")))
    # the SIAE portal user, over XML-RPC: own structure, whitelisted fields only
    for field, value in (("siret", siret_from(4343)), ("inae_member", True),
                         ("is_cep_counsellor", True), ("department_id", "@department_33"),
                         ("is_siae", False), ("siae_kind", "ei"), ("user_ids", [(5,)])):
        add(_rpc("forged_field", "siae1-writes-" + field, "siae1", "res.partner", "write",
                 [["@siae1"], {field: value}], ACCESS, MSG_PORTAL_FIELDS,
                 row=("res_partner", "@siae1")))
    for label, email in BAD_EMAILS:
        add(_rpc("invalid_email", "siae1-writes-email-" + label, "siae1", "res.partner",
                 "write", [["@siae1"], {"email": email}], USER,
                 "The email address \"%s\" is invalid.", row=("res_partner", "@siae1")))
    add(_rpc("foreign_id", "siae1-writes-siae2", "siae1", "res.partner", "write",
             [["@siae2"], {"phone": "05 00 00 00 00"}], ACCESS, row=("res_partner", "@siae2")))
    add(_rpc("foreign_id", "siae1-creates-partner", "siae1", "res.partner", "create",
             [{"name": "Intrus"}], ACCESS))
    add(_rpc("foreign_id", "partner-api-writes-siae1", "partner", "res.partner", "write",
             [["@siae1"], {"phone": "05 00 00 00 00"}], ACCESS, row=("res_partner", "@siae1")))
    for who in ("staff", "siae1"):
        for label, url in (("javascript", "javascript:alert(1)"), ("ftp", "ftp://example.test/")):
            add(_rpc("html_js", "%s-writes-website-%s" % (who, label), who, "res.partner",
                     "write", [["@siae1"], {"website": url}], USER, MSG_WEBSITE,
                     row=("res_partner", "@siae1")))
    add(_rpc("out_of_range", "siae1-fte-negative", "siae1", "res.partner", "write",
             [["@siae1"], {"fte": -3}], USER, "The number of FTE cannot be negative.",
             row=("res_partner", "@siae1")))

    # --- hr.job: offers of the JobBoard --------------------------------------------------
    offer = {"name": "Offre hostile", "siae_id": "@siae1", "job_family_id": "@family_eti",
             "contract_type": "cdi", "weekly_hours": 35, "city": "Pau",
             "website_description": "<p>Encadrer une équipe.</p>", "no_of_recruitment": 1}

    def offer_vals(**extra):
        return dict(offer, **extra)

    for label, rome in BAD_ROME:
        add(_rpc("invalid_rome", "offer-" + label, "staff", "hr.job", "create",
                 [offer_vals(rome_code=rome)], USER, MSG_ROME_JOB))
        add(_rpc("invalid_rome", "siae1-offer-" + label, "siae1", "hr.job", "write",
                 [["@offer1_draft"], {"rome_code": rome}], USER, MSG_ROME_JOB,
                 row=("hr_job", "@offer1_draft")))
    for label, values, message in (
            ("weekly-hours-60", {"weekly_hours": 60}, "The weekly hours must be between 0 and 48."),
            ("weekly-hours-negative", {"weekly_hours": -1},
             "The weekly hours must be between 0 and 48."),
            ("salary-inverted", {"salary_min": 3000, "salary_max": 2000},
             "The salary cannot be negative, and its lower bound cannot exceed its upper bound."),
            ("salary-negative", {"salary_min": -100},
             "The salary cannot be negative, and its lower bound cannot exceed its upper bound."),
            ("positions-negative", {"no_of_recruitment": -2},
             "The number of positions cannot be negative.")):
        add(_rpc("out_of_range", "offer-" + label, "staff", "hr.job", "create",
                 [offer_vals(**values)], USER, message))
        add(_rpc("out_of_range", "siae1-offer-" + label, "siae1", "hr.job", "write",
                 [["@offer1_draft"], values], USER, message, row=("hr_job", "@offer1_draft")))
    add(_rpc("inverted_dates", "offer-expires-before-published", "staff", "hr.job", "create",
             [offer_vals(date_published=day(10), date_expire=day(5))], USER,
             "An offer cannot expire before it is published."))
    add(_rpc("unknown_selection", "offer-contract", "staff", "hr.job", "create",
             [offer_vals(contract_type="esclavage")], CORE, "Wrong value for hr.job.contract_type"))
    add(_rpc("wrong_type", "offer-weekly-hours-text", "staff", "hr.job", "create",
             [offer_vals(weekly_hours="temps plein")], CORE, "could not convert string to float"))
    add(_rpc("wrong_type", "offer-weekly-hours-nan", "staff", "hr.job", "create",
             [offer_vals(weekly_hours=float("nan"))], CORE, "cannot convert float NaN"))
    add(_rpc("wrong_type", "offer-date-text", "staff", "hr.job", "create",
             [offer_vals(date_start="bientôt")], CORE, "invalid input syntax for type date"))
    add(_rpc("out_of_range", "offer-date-30-february", "staff", "hr.job", "create",
             [offer_vals(date_start="2027-02-30")], CORE, "date/time field value out of range"))
    add(_rpc("wrong_type", "offer-family-text", "siae1", "hr.job", "create",
             [offer_vals(job_family_id="ETI")], CORE, "invalid input syntax for type integer"))
    add(_rpc("foreign_id", "offer-unknown-family", "staff", "hr.job", "create",
             [offer_vals(job_family_id=999999)], USER,
             "Record does not exist or has been deleted."))
    add(_rpc("foreign_id", "offer-employer-not-siae", "staff", "hr.job", "create",
             [offer_vals(siae_id="@prescriber")], USER,
             "The employer of the offer \"%s\" must be a SIAE of the directory."))
    add(_rpc("forged_field", "offer-published-on-website", "staff", "hr.job", "create",
             [offer_vals(website_published=True)], USER,
             "The offer \"%s\" can only be on the website once INAÉ has published it."))
    add(_rpc("foreign_id", "siae1-creates-offer-of-siae2", "siae1", "hr.job", "create",
             [offer_vals(siae_id="@siae2")], ACCESS,
             "You can only create offers for your own SIAE."))
    for field, value in (("pepites_state", "published"), ("website_published", True),
                         ("view_count", 99999), ("date_published", day(0)),
                         ("refusal_reason", "rien"), ("feed_date", "2020-01-01 00:00:00")):
        add(_rpc("forged_field", "siae1-creates-offer-with-" + field, "siae1", "hr.job",
                 "create", [offer_vals(**{field: value})], ACCESS, MSG_OFFER_FIELDS))
        add(_rpc("forged_field", "siae1-writes-" + field, "siae1", "hr.job", "write",
                 [["@offer1_draft"], {field: value}], ACCESS, MSG_OFFER_FIELDS,
                 row=("hr_job", "@offer1_draft")))
    add(_rpc("foreign_id", "siae1-writes-offer-of-siae2", "siae1", "hr.job", "write",
             [["@offer2_draft"], {"name": "Volée"}], ACCESS, row=("hr_job", "@offer2_draft")))
    add(_rpc("foreign_id", "siae1-submits-offer-of-siae2", "siae1", "hr.job", "action_submit",
             [["@offer2_draft"]], ACCESS, row=("hr_job", "@offer2_draft")))
    add(_rpc("foreign_id", "siae2-archives-offer-of-siae1", "siae2", "hr.job",
             "action_archive_offer", [["@offer1_published"]], ACCESS,
             row=("hr_job", "@offer1_published")))
    add(_rpc("forged_field", "siae1-writes-submitted-offer", "siae1", "hr.job", "write",
             [["@offer1_submitted"], {"name": "Changée"}], ACCESS,
             "The offer \"%s\" is %s: only a draft or refused offer can be changed. Put it back "
             "to draft first.", row=("hr_job", "@offer1_submitted")))
    add(_rpc("missing_field", "siae1-submits-incomplete-offer", "siae1", "hr.job",
             "action_submit", [["@offer1_incomplete"]], USER,
             "The offer \"%s\" is incomplete; fill in: %s.", row=("hr_job", "@offer1_incomplete")))
    add(_rpc("forged_field", "siae1-publishes-own-offer", "siae1", "hr.job", "action_publish",
             [["@offer1_submitted"]], ACCESS, MSG_RPC_GATE,
             row=("hr_job", "@offer1_submitted")))
    add(_rpc("missing_field", "staff-refuses-without-reason", "staff", "hr.job",
             "action_refuse", [["@offer1_submitted"], "   "], USER,
             "Give the reason of the refusal: the SIAE will read it.",
             row=("hr_job", "@offer1_submitted")))
    add(_rpc("out_of_range", "staff-publishes-published-offer", "staff", "hr.job",
             "action_publish", [["@offer1_published"]], USER,
             "The offer \"%s\" cannot be %s: it is %s.", row=("hr_job", "@offer1_published")))
    add(_rpc("foreign_id", "partner-api-creates-offer", "partner", "hr.job", "create",
             [offer_vals()], ACCESS))
    add(_rpc("foreign_id", "partner-api-writes-offer", "partner", "hr.job", "write",
             [["@offer1_published"], {"name": "x"}], ACCESS, row=("hr_job", "@offer1_published")))

    # --- pepites.immersion (PMSMP) ---------------------------------------------------------
    immersion = {"beneficiary_id": "@person2", "prescriber_id": "@prescriber",
                 "host_siae_id": "@siae1", "date_start": day(5), "date_end": day(15),
                 "weekly_hours": 30}

    def immersion_vals(**extra):
        return dict(immersion, **extra)

    add(_rpc("inverted_dates", "immersion-ends-before-start", "staff", "pepites.immersion",
             "create", [immersion_vals(date_start=day(15), date_end=day(5))], USER,
             "The immersion ends before it starts."))
    add(_rpc("out_of_range", "immersion-45-days", "staff", "pepites.immersion", "create",
             [immersion_vals(date_end=day(50))], USER,
             "A PMSMP lasts %s calendar days at most (this one: %s days)."))
    add(_rpc("inverted_dates", "immersion-write-inverted", "staff", "pepites.immersion",
             "write", [["@immersion1"], {"date_end": day(1)}], USER,
             "The immersion ends before it starts.", row=("pepites_immersion", "@immersion1")))
    for label, values, message in (
            ("hours-zero", {"weekly_hours": 0}, "The weekly hours must be positive."),
            ("hours-negative", {"weekly_hours": -3}, "The weekly hours must be positive."),
            ("host-hours-zero", {"host_weekly_hours": 0}, "The weekly hours must be positive."),
            ("hours-over-host", {"weekly_hours": 40},
             "The immersion cannot exceed the host's working time: %s hours a week.")):
        add(_rpc("out_of_range", "immersion-" + label, "staff", "pepites.immersion", "create",
                 [immersion_vals(**values)], USER, message))
    add(_rpc("wrong_type", "offer-rome-number", "staff", "hr.job", "create",
             [offer_vals(rome_code=12034)], USER, MSG_ROME_JOB))
    for label, rome in BAD_ROME[:5]:
        add(_rpc("invalid_rome", "immersion-" + label, "staff", "pepites.immersion", "create",
                 [immersion_vals(rome_code=rome)], USER,
                 "\"%s\" is not a ROME code (a letter and four digits, e.g. K1203)."))
    add(_rpc("unknown_selection", "immersion-objective", "staff", "pepites.immersion",
             "create", [immersion_vals(objective="vacances")], CORE, "Wrong value"))
    add(_rpc("wrong_type", "immersion-date-french-format", "staff", "pepites.immersion",
             "create", [immersion_vals(date_start="31/12/2026")], CORE, "date/time field"))
    add(_rpc("missing_field", "immersion-renewal-other-beneficiary", "staff",
             "pepites.immersion", "create",
             [immersion_vals(renewal_of_id="@immersion1", beneficiary_id="@person")], USER,
             "A renewal keeps the beneficiary, the host and the objective of the first "
             "convention."))
    add(_rpc("foreign_id", "siae1-creates-immersion", "siae1", "pepites.immersion", "create",
             [immersion_vals()], ACCESS))
    add(_rpc("forged_field", "siae1-writes-immersion-activities", "siae1", "pepites.immersion",
             "write", [["@immersion1"], {"activities": "Tout"}], ACCESS, MSG_RPC_GATE,
             row=("pepites_immersion", "@immersion1")))
    add(_rpc("forged_field", "siae1-writes-immersion-state", "siae1", "pepites.immersion",
             "write", [["@immersion1"], {"state": "done"}], ACCESS, MSG_RPC_GATE,
             row=("pepites_immersion", "@immersion1")))
    add(_rpc("forged_field", "siae1-backdates-host-signature", "siae1", "pepites.immersion",
             "write", [["@immersion1"], {"host_signed_date": "2020-01-01"}], ACCESS,
             MSG_RPC_GATE,
             row=("pepites_immersion", "@immersion1")))
    add(_rpc("forged_field", "siae1-signs-for-beneficiary", "siae1", "pepites.immersion",
             "action_sign", [["@immersion1"], "beneficiary"], ACCESS, MSG_RPC_GATE,
             row=("pepites_immersion", "@immersion1")))
    add(_rpc("foreign_id", "siae1-signs-immersion-of-siae2", "siae1", "pepites.immersion",
             "portal_sign", [["@immersion2"]], ACCESS, row=("pepites_immersion", "@immersion2")))
    add(_rpc("unknown_selection", "immersion-sign-unknown-party", "staff", "pepites.immersion",
             "action_sign", [["@immersion1"], "patron"], USER,
             "A PMSMP convention has three signatories: the beneficiary, the host and the "
             "prescriber.", row=("pepites_immersion", "@immersion1")))
    add(_rpc("out_of_range", "immersion-sign-draft", "staff", "pepites.immersion",
             "action_sign", [["@immersion1_draft"], "host"], USER,
             "The convention %s is still a draft: it is signed once sent for signature.",
             row=("pepites_immersion", "@immersion1_draft")))
    add(_rpc("missing_field", "immersion-validate-unsigned", "staff", "pepites.immersion",
             "action_validate", [["@immersion1"]], USER,
             "The convention %s must be signed by the beneficiary, the host and the prescriber "
             "before it is validated.", row=("pepites_immersion", "@immersion1")))

    # --- pepites.poei, pepites.orientation -----------------------------------------------------
    poei = {"candidate_id": "@person2", "siae_id": "@siae1", "hours": 100,
            "date_start": day(3), "date_end": day(60)}
    for label, hours in (("zero", 0), ("401", 401), ("negative", -5)):
        add(_rpc("out_of_range", "poei-hours-" + label, "staff", "pepites.poei", "create",
                 [dict(poei, hours=hours)], USER,
                 "A POEI lasts between 1 and %s hours of training (here: %s h)."))
    add(_rpc("inverted_dates", "poei-ends-before-start", "staff", "pepites.poei", "create",
             [dict(poei, date_start=day(60), date_end=day(3))], USER,
             "The POEI ends before it starts."))
    add(_rpc("wrong_type", "poei-hours-text", "staff", "pepites.poei", "create",
             [dict(poei, hours="cent")], CORE, "could not convert string to float"))
    add(_rpc("foreign_id", "siae1-creates-poei", "siae1", "pepites.poei", "create",
             [poei], ACCESS))
    add(_rpc("out_of_range", "poei-close-draft", "staff", "pepites.poei", "action_done",
             [["@poei1"]], USER, "Only a POEI in training can be closed.",
             row=("pepites_poei", "@poei1")))
    add(_rpc("out_of_range", "poei-start-running", "staff", "pepites.poei", "action_start",
             [["@poei1_running"]], USER, "Only a draft POEI can start.",
             row=("pepites_poei", "@poei1_running")))
    add(_rpc("inverted_dates", "orientation-interview-before", "staff", "pepites.orientation",
             "create", [{"person_id": "@person2", "date_proposed": day(0),
                         "date_interview": day(-5)}], USER,
             "The interview cannot be before the orientation."))
    add(_rpc("unknown_selection", "orientation-drop-reason", "staff", "pepites.orientation",
             "action_drop", [["@orientation1"], "ennui"], USER,
             "Give the reason why the orientation was refused or dropped.",
             row=("pepites_orientation", "@orientation1")))
    add(_rpc("missing_field", "orientation-dropped-without-reason", "staff",
             "pepites.orientation", "write", [["@orientation1"], {"state": "dropped"}], USER,
             "Give the reason why the orientation of %s was refused or dropped.",
             row=("pepites_orientation", "@orientation1")))
    add(_rpc("unknown_selection", "orientation-referrer", "staff", "pepites.orientation",
             "create", [{"person_id": "@person2", "referrer_kind": "cousin"}], CORE,
             "Wrong value"))
    add(_rpc("foreign_id", "siae1-creates-orientation", "siae1", "pepites.orientation",
             "create", [{"person_id": "@person2"}], ACCESS))

    # --- events ------------------------------------------------------------------------------
    for label, email in (("same", "deja@example.test"), ("upper-case", "DEJA@Example.TEST")):
        add(_rpc("duplicate_key", "registration-email-" + label, "staff", "event.registration",
                 "create", [{"event_id": "@event_open", "name": "Doublon", "email": email}],
                 USER, "%s is already registered to this event."))
    add(_rpc("inverted_dates", "event-ends-before-start", "staff", "event.event", "create",
             [{"name": "Rallye à l'envers", "date_begin": day(10) + " 08:00:00",
               "date_end": day(9) + " 08:00:00"}], USER,
             "Closing Date cannot be set before Beginning Date."))
    add(_rpc("foreign_id", "siae1-creates-registration", "siae1", "event.registration",
             "create", [{"event_id": "@event_open", "name": "X", "email": "x@example.test"}],
             ACCESS))
    add(_rpc("foreign_id", "partner-api-creates-event", "partner", "event.event", "create",
             [{"name": "Faux", "date_begin": day(3) + " 08:00:00",
               "date_end": day(3) + " 12:00:00"}], ACCESS))

    # --- trainings ---------------------------------------------------------------------------
    alternance = {"apprentice_id": "@person2", "employer_id": "@siae1",
                  "certification_id": "@certification", "date_start": day(30),
                  "date_end": day(400)}
    add(_rpc("inverted_dates", "alternance-ends-before-start", "staff", "pepites.alternance",
             "create", [dict(alternance, date_start=day(400), date_end=day(30))], USER,
             "The contract must end after it starts."))
    add(_rpc("inverted_dates", "alternance-starts-before-concluded", "staff",
             "pepites.alternance", "create", [dict(alternance, conclusion_date=day(60))], USER,
             "The contract %s cannot start before it is concluded (%s)."))
    add(_rpc("out_of_range", "alternance-weekly-hours-60", "staff", "pepites.alternance",
             "create", [dict(alternance, weekly_hours=60)], USER,
             "The weekly hours must lie between 1 and 48."))
    add(_rpc("out_of_range", "alternance-funding-negative", "staff", "pepites.alternance",
             "create", [dict(alternance, funding_amount=-10)], USER,
             "The funding cannot be negative."))
    add(_rpc("foreign_id", "alternance-employer-not-siae", "staff", "pepites.alternance",
             "create", [dict(alternance, employer_id="@prescriber")], USER,
             "The employer of %s must be a SIAE (\"%s\" is not)."))
    add(_rpc("duplicate_key", "alternance-same-session", "staff", "pepites.alternance",
             "create", [dict(alternance, apprentice_id="@person",
                             session_id="@alternance_session")], USER,
             "This apprentice is already enrolled in this session."))
    add(_rpc("unknown_selection", "alternance-contract", "staff", "pepites.alternance",
             "create", [dict(alternance, contract_type="stage")], CORE, "Wrong value"))
    add(_rpc("foreign_id", "siae1-creates-alternance", "siae1", "pepites.alternance", "create",
             [alternance], ACCESS))
    vae = {"candidate_id": "@person", "certification_id": "@vae_certification",
           "session_id": "@vae_session"}
    add(_rpc("duplicate_key", "vae-same-session", "staff", "pepites.vae", "create", [vae], USER,
             "This candidate is already enrolled in this VAE session."))
    add(_rpc("inverted_dates", "vae-jury-before-file", "staff", "pepites.vae", "create",
             [dict(vae, candidate_id="@person2", file_date=day(30), jury_date=day(10))], USER,
             "%s: the %s date (%s) cannot be before the %s date (%s)."))
    add(_rpc("foreign_id", "vae-employer-not-siae", "staff", "pepites.vae", "create",
             [dict(vae, candidate_id="@person2", employer_id="@prescriber")], USER,
             "The employer of %s must be a SIAE (\"%s\" is not)."))
    add(_rpc("foreign_id", "siae1-creates-vae", "siae1", "pepites.vae", "create",
             [dict(vae, candidate_id="@person2")], ACCESS))
    afest = {"employer_id": "@siae1", "learner_id": "@person"}
    add(_rpc("inverted_dates", "afest-ends-before-start", "staff", "pepites.afest", "create",
             [dict(afest, date_start=day(30), date_end=day(10))], USER,
             "The AFEST cannot end before it starts."))
    add(_rpc("foreign_id", "afest-employer-not-siae", "staff", "pepites.afest", "create",
             [dict(afest, employer_id="@prescriber")], USER,
             "An AFEST takes place in a SIAE (\"%s\" is not one)."))
    add(_rpc("inverted_dates", "training-session-ends-before-start", "staff",
             "pepites.training.session", "create",
             [{"name": "Session à l'envers", "module_id": "@training_module",
               "date_start": day(20), "date_end": day(10)}], USER,
             "The session cannot end before it starts."))
    add(_rpc("out_of_range", "training-session-seats-negative", "staff",
             "pepites.training.session", "create",
             [{"name": "Session négative", "module_id": "@training_module",
               "date_start": day(20), "date_end": day(21), "seats_max": -1}], USER,
             "The number of places cannot be negative."))
    add(_rpc("duplicate_key", "training-registration-twice", "staff",
             "pepites.training.registration", "create",
             [{"session_id": "@training_session", "partner_id": "@person",
               "participant_kind": "=training_registration.participant_kind"}], USER,
             "This person is already enrolled in this session."))
    add(_rpc("out_of_range", "training-offer-cost-negative", "staff", "pepites.training.offer",
             "create", [{"name": "Formation gratuite ?", "cost": -100}], USER,
             "The cost cannot be negative."))
    add(_rpc("foreign_id", "siae1-creates-training-registration", "siae1",
             "pepites.training.registration", "create",
             [{"session_id": "@training_session", "partner_id": "@person2",
               "participant_kind": "=training_registration.participant_kind"}], ACCESS))

    # --- badges ------------------------------------------------------------------------------
    badge = {"name": "Badge hostile 2", "description": "d", "criteria_narrative": "c",
             "issuer_id": "@issuer"}
    for label, url in (("javascript", "javascript:alert(1)"), ("ftp", "ftp://example.test/c"),
                       ("relative", "/criteres")):
        add(_rpc("html_js", "badge-criteria-url-" + label, "manager", "pepites.badge.class",
                 "create", [dict(badge, criteria_url=url)], USER,
                 "The criteria URL of \"%s\" must start with https://."))
    add(_rpc("wrong_type", "badge-image-not-png", "manager", "pepites.badge.class", "create",
             [dict(badge, image="R0lGODlhAQABAAAAACw=")], USER,
             "The image of the badge \"%s\" must be a PNG image."))
    add(_rpc("out_of_range", "badge-expiry-negative", "manager", "pepites.badge.class",
             "create", [dict(badge, expiry_months=-1)], USER,
             "The validity of a badge cannot be negative."))
    add(_rpc("unknown_selection", "badge-audience", "manager", "pepites.badge.class", "create",
             [dict(badge, audience="aliens")], CORE, "Wrong value"))
    add(_rpc("duplicate_key", "badge-uuid-of-another", "manager", "pepites.badge.class",
             "create", [dict(badge, uuid="=badge_class.uuid")], USER,
             "The UUID of a badge class must be unique."))
    issue = "issue_to"
    add(_rpc("wrong_type", "issue-class-ids-text", "staff", "pepites.badge.class", issue,
             ["abc", ["@person2"]], USER, "Invalid %s id."))
    add(_rpc("wrong_type", "issue-partner-ids-text", "staff", "pepites.badge.class", issue,
             [["@badge_class"], ["x"]], USER, "Invalid %s id."))
    add(_rpc("foreign_id", "issue-unknown-class", "staff", "pepites.badge.class", issue,
             [[999999], ["@person2"]], USER, "Unknown badge class."))
    add(_rpc("foreign_id", "issue-unknown-recipient", "staff", "pepites.badge.class", issue,
             [["@badge_class"], [999999]], USER,
             "%d unknown or inaccessible recipient(s) (ids %s)."))
    add(_rpc("invalid_email", "issue-recipient-without-email", "staff", "pepites.badge.class",
             issue, [["@badge_class"], ["@person_no_email"]], USER,
             "These recipients have no valid e-mail address: %s."))
    add(_rpc("html_js", "issue-evidence-javascript-url", "staff", "pepites.badge.class", issue,
             [["@badge_class"], ["@person2"], "javascript:alert(1)"], USER,
             "The evidence URL \"%s\" must start with https://."))
    add(_rpc("out_of_range", "issue-draft-class", "staff", "pepites.badge.class", issue,
             [["@badge_draft"], ["@person2"]], USER,
             "The badge \"%s\" is not published (or is retired): it cannot be issued."))
    add(_rpc("duplicate_key", "issue-badge-already-held", "staff", "pepites.badge.class",
             issue, [["@badge_class"], ["@person"]], NOOP))
    add(_rpc("duplicate_key", "issue-same-recipient-twice", "staff", "pepites.badge.class",
             issue, [["@badge_class"], ["@person", "@person"]], NOOP))
    add(_rpc("foreign_id", "siae1-issues-badge", "siae1", "pepites.badge.class", issue,
             [["@badge_class"], ["@person2"]], ACCESS,
             "You are not allowed to issue the badge \"%s\"."))
    add(_rpc("foreign_id", "partner-api-issues-badge", "partner", "pepites.badge.class", issue,
             [["@badge_class"], ["@person2"]], ACCESS,
             "You are not allowed to issue the badge \"%s\"."))
    add(_rpc("missing_field", "revoke-without-reason", "staff", "pepites.badge.assertion",
             "action_revoke", [["@assertion1"], ""], USER, "Give the reason of the revocation.",
             row=("pepites_badge_assertion", "@assertion1")))
    add(_rpc("foreign_id", "siae1-revokes-badge", "siae1", "pepites.badge.assertion",
             "write", [["@assertion1"], {"revoked": True, "revocation_reason": "x"}], ACCESS,
             row=("pepites_badge_assertion", "@assertion1")))

    # --- KPI ---------------------------------------------------------------------------------
    indicator = {"name": "Indicateur hostile", "code": "hostile_kpi",
                 "action_sheet": "=indicator.action_sheet", "model_name": "hr.job",
                 "domain": "[]"}
    add(_rpc("duplicate_key", "kpi-code-taken", "manager", "pepites.kpi.indicator", "create",
             [dict(indicator, code="=indicator.code")], USER,
             "An indicator with this code already exists."))
    add(_rpc("foreign_id", "kpi-unknown-model", "manager", "pepites.kpi.indicator", "create",
             [dict(indicator, model_name="no.such.model")], USER,
             "Indicator \"%s\": unknown model \"%s\"."))
    add(_rpc("wrong_type", "kpi-domain-broken", "manager", "pepites.kpi.indicator", "create",
             [dict(indicator, domain="[(")], USER, "Indicator \"%s\": invalid domain (%s)."))
    add(_rpc("html_js", "kpi-domain-code", "manager", "pepites.kpi.indicator", "create",
             [dict(indicator, domain="__import__('os').system('id')")], USER,
             "Indicator \"%s\": invalid domain (%s)."))
    add(_rpc("out_of_range", "kpi-target-negative", "manager", "pepites.kpi.indicator",
             "create", [dict(indicator, target=-5)], USER,
             "The target of \"%s\" cannot be negative."))
    add(_rpc("foreign_id", "staff-creates-indicator", "staff", "pepites.kpi.indicator",
             "create", [indicator], ACCESS))
    add(_rpc("out_of_range", "kpi-snapshot-future-month", "manager", "pepites.kpi.snapshot",
             "create", [{"indicator_id": "@indicator", "month": "2099-01-01", "value": 1}], USER,
             "A snapshot cannot be taken for a future month (%s)."))
    add(_rpc("out_of_range", "kpi-snapshot-mid-month", "manager", "pepites.kpi.snapshot",
             "create", [{"indicator_id": "@indicator", "month": "2024-03-15", "value": 1}], USER,
             "A snapshot month starts on the 1st (%s)."))
    add(_rpc("foreign_id", "partner-api-creates-snapshot", "partner", "pepites.kpi.snapshot",
             "create", [{"indicator_id": "@indicator", "month": "2024-03-01"}], ACCESS))
    return cases


def all_cases():
    """Every hostile input, in a stable order."""
    from . import cases_http
    return xmlrpc_cases() + cases_http.website_cases() + cases_http.portal_cases()
