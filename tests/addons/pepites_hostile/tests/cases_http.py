"""The hostile inputs of the public website forms and of the portal routes (see cases.py for
the expectations and the placeholders)."""
import itertools

from .cases import (ACCEPT, ALERT, BAD_EMAILS, BAD_ROME, HTML_PAYLOADS, IGNORED, MSG_WEBSITE,
                    STATUS, Case, day)

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64
HTML_FILE = b"<html><body><script>alert(1)</script></body></html>"
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 64
#: one byte over the default limit of 5 MB
HUGE_PDF = PDF + b" " * (5 * 1024 * 1024)

_emails = ("hostile%d@example.test" % n for n in itertools.count(1))


def html_matrix(fields):
    """``(field, label, payload)``: every payload in the first field, one payload (in turn) in
    each other field — every text field gets HTML/JS, at a third of the requests."""
    for index, field in enumerate(fields):
        payloads = HTML_PAYLOADS if index == 0 else [HTML_PAYLOADS[index % len(HTML_PAYLOADS)]]
        for label, payload in payloads:
            yield field, label, payload

MSG_EMAIL = "The email address \"%s\" is invalid."
MSG_PHONE = "The phone number \"%s\" is invalid."
MSG_CV_TYPE = "The CV must be a PDF, Word (.doc, .docx) or OpenDocument (.odt) document."
MSG_ROME_JOB = ("The ROME code \"%s\" is invalid: one letter followed by four digits is "
                "expected (e.g. K1203).")
MSG_REG_NAME = "Give the name of each person (128 characters at most)."
MSG_REG_TEXTS = "The current job and who referred the person take 128 characters at most."
#: the notice's consent box left unticked (issue 15)
MSG_CONSENT = ("Tick the box to accept that your personal data is processed as described above: "
               "without it, the form cannot be sent.")
MSG_CONSENT_GROUP = ("Tick the box to certify that each person was given the information on the "
                     "processing of their data and agreed to it: without it, the group cannot "
                     "be registered.")
#: every form that collects personal data is posted with its consent box ticked (issue 15)
CONSENT = {"pepites_consent": "1"}
#: a known address stays registered once, whatever form re-posts it
ONE_REGISTRATION = ("SELECT count(*) FROM event_registration WHERE event_id = {event_open} "
                    "AND lower(email) = 'deja@example.test' AND state != 'cancel'", 1)


def _web(path, family, label, expect, message=None, **spec):
    spec.setdefault("method", "POST")
    spec.setdefault("data", {})
    spec.setdefault("csrf", spec["method"] == "POST")
    spec.setdefault("user", None)
    return Case(path, family, label, expect, message, **spec)


def website_cases():
    cases = []
    add = cases.append

    # --- the application form of an offer (/jobs/apply/<offer>) --------------------------
    apply_url = "/jobs/apply/{offer1_published}"

    def apply(family, label, expect, message=None, files=None, after_sql=None, **values):
        data = dict(CONSENT, partner_name="Léa Petit", email_from=next(_emails),
                    partner_phone="06 12 34 56 78", description="Motivée.")
        data.update(values)
        add(_web("website", family, "apply-" + label, expect, message, url=apply_url,
                 data=data, files=files, after_sql=after_sql))

    apply("missing_field", "no-name", ALERT, "Give your name (128 characters at most).",
          partner_name="")
    no_application = ("SELECT count(*) FROM hr_applicant WHERE lower(email_from) = "
                      "'sans-consentement@example.test'", 0)
    apply("missing_field", "no-consent", ALERT, MSG_CONSENT, pepites_consent="",
          email_from="sans-consentement@example.test", after_sql=no_application)
    apply("wrong_type", "consent-not-ticked", ALERT, MSG_CONSENT, pepites_consent="non",
          email_from="sans-consentement@example.test", after_sql=no_application)
    apply("missing_field", "blank-name", ALERT, "Give your name (128 characters at most).",
          partner_name="   ")
    apply("missing_field", "no-email", ALERT, MSG_EMAIL, email_from="")
    apply("oversize_text", "name-129", ALERT, "Give your name (128 characters at most).",
          partner_name="L" * 129)
    apply("oversize_text", "message-5001", ALERT,
          "Your message is too long: %s characters at most.", description="m" * 5001)
    apply("oversize_text", "message-100k", ALERT,
          "Your message is too long: %s characters at most.", description="m" * 100000)
    apply("oversize_text", "phone-40-digits", ALERT, MSG_PHONE, partner_phone="0" * 40)
    for label, email in BAD_EMAILS:
        apply("invalid_email", "email-" + label, ALERT, MSG_EMAIL, email_from=email)
    for label, phone in (("words", "appelez-moi"), ("script", "<script>alert(1)</script>")):
        apply("wrong_type", "phone-" + label, ALERT, MSG_PHONE, partner_phone=phone)
    # an address that already applied: answered as a new one (no membership oracle), its
    # owner mailed, and still one application
    one_application = ("SELECT count(*) FROM hr_applicant WHERE job_id = {offer1_published} "
                       "AND lower(email_from) = 'deja@example.test'", 1)
    apply("duplicate_key", "email-already-applied", ACCEPT, email_from="deja@example.test",
          after_sql=one_application)
    apply("duplicate_key", "email-already-applied-upper-case", ACCEPT,
          email_from="DEJA@EXAMPLE.TEST", after_sql=one_application)
    for label, name, content in (
            ("empty", "cv.pdf", b""),
            ("image", "cv.png", PNG),
            ("image-named-pdf", "cv.pdf", PNG),
            ("pdf-named-doc", "cv.doc", PDF),
            ("pdf-named-exe", "cv.exe", PDF),
            ("exe-named-doc", "cv.doc", EXE),
            ("html-named-pdf", "cv.pdf", HTML_FILE),
            ("zip-named-docx", "cv.docx", ZIP),
            ("no-extension", "cv", PDF),
            ("too-large", "cv.pdf", HUGE_PDF)):
        message = {"empty": "The CV file is empty.",
                   "too-large": "The CV is too large: %s MB at most."}.get(label, MSG_CV_TYPE)
        apply("bad_file", "cv-" + label, ALERT, message,
              files={"cv": (name, content, "application/octet-stream")})
    apply("html_js", "cv-name-script", ACCEPT,
          files={"cv": ("<script>alert(1)</script>.pdf", PDF, "application/pdf")})
    for label, payload in HTML_PAYLOADS:
        apply("html_js", "name-" + label, ACCEPT, partner_name=payload)
        apply("html_js", "message-" + label, ACCEPT, description=payload)
    add(_web("website", "csrf", "apply-without-token", STATUS, 400, url=apply_url,
             csrf=False, data={"partner_name": "Robot", "email_from": next(_emails)}))
    add(_web("website", "csrf", "apply-forged-token", STATUS, 400, url=apply_url, csrf=False,
             data={"partner_name": "Robot", "email_from": next(_emails),
                   "csrf_token": "0" * 40 + "o1999999999"}))
    for label, url in (("draft-offer", "/jobs/apply/{offer1_draft}"),
                       ("draft-offer-of-siae2", "/jobs/apply/{offer2_draft}"),
                       ("unknown-offer", "/jobs/apply/999999"),
                       ("slug-text", "/jobs/apply/abc"),
                       ("slug-script", "/jobs/apply/<script>alert(1)</script>")):
        add(_web("website", "foreign_id", "apply-" + label, STATUS, 404, url=url,
                 data={"partner_name": "Léa", "email_from": next(_emails)}))
    add(_web("website", "foreign_id", "detail-draft-offer", STATUS, 404, method="GET",
             url="/jobs/detail/{offer2_draft}"))

    # --- registration to a discovery event (/event/<event>/pepites/register) ----------------
    register_url = "/event/{event_open}/pepites/register"

    def register(family, label, expect, message=None, url=register_url, after_sql=None,
                 **values):
        data = dict(CONSENT, name="Nadia Roux", email=next(_emails), phone="05 56 00 00 00",
                    current_job="Vendeuse", referred_by="Pôle emploi")
        data.update(values)
        add(_web("website", family, "event-" + label, expect, message, url=url, data=data,
                 after_sql=after_sql))

    register("missing_field", "no-name", ALERT, MSG_REG_NAME, name="")
    no_registration = ("SELECT count(*) FROM event_registration WHERE lower(email) = "
                       "'sans-consentement@example.test'", 0)
    register("missing_field", "no-consent", ALERT, MSG_CONSENT, pepites_consent="",
             email="sans-consentement@example.test", after_sql=no_registration)
    register("missing_field", "no-email", ALERT, MSG_EMAIL, email="")
    register("oversize_text", "name-129", ALERT, MSG_REG_NAME, name="N" * 129)
    register("oversize_text", "current-job-129", ALERT, MSG_REG_TEXTS, current_job="j" * 129)
    register("oversize_text", "referred-by-100k", ALERT, MSG_REG_TEXTS,
             referred_by="r" * 100000)
    for label, email in BAD_EMAILS:
        register("invalid_email", "email-" + label, ALERT, MSG_EMAIL, email=email)
    register("wrong_type", "phone-words", ALERT, MSG_PHONE, phone="pas de téléphone")
    # an address already registered: answered as a new one (no membership oracle), its owner
    # mailed, and still one registration
    register("duplicate_key", "email-registered", ACCEPT, email="deja@example.test",
             after_sql=ONE_REGISTRATION)
    register("duplicate_key", "email-registered-upper-case", ACCEPT, email="Deja@Example.Test",
             after_sql=ONE_REGISTRATION)
    register("out_of_range", "event-over", ALERT, "Registrations to \"%s\" are closed.",
             url="/event/{event_over}/pepites/register")
    for field, label, payload in html_matrix(("name", "current_job", "referred_by", "phone")):
        if field == "phone":  # a phone is checked, not free text
            register("html_js", "phone-" + label, ALERT, MSG_PHONE, phone=payload)
        else:
            register("html_js", "%s-%s" % (field, label), ACCEPT, **{field: payload})
    register("out_of_range", "full-event-waiting-list", ACCEPT,
             url="/event/{event_full}/pepites/register",
             after_sql=("SELECT count(*) FROM event_registration WHERE event_id = {event_full} "
                        "AND state = 'waiting'", 1))
    register("foreign_id", "unknown-event", STATUS, 404, url="/event/999999/pepites/register")
    add(_web("website", "csrf", "event-without-token", STATUS, 400, url=register_url,
             csrf=False, data={"name": "Robot", "email": next(_emails)}))
    # the core registration modal goes through the same checks
    confirm_url = "/event/{event_open}/registration/confirm"
    add(_web("website", "invalid_email", "event-modal-bad-email", ALERT, MSG_EMAIL,
             url=confirm_url, data=dict(CONSENT, **{"1-name": "Modal",
                                                    "1-email": "pas-un-courriel"})))
    add(_web("website", "missing_field", "event-modal-no-consent", ALERT, MSG_CONSENT,
             url=confirm_url, data={"1-name": "Modal",
                                    "1-email": "sans-consentement@example.test"},
             after_sql=no_registration))
    add(_web("website", "duplicate_key", "event-modal-registered", ACCEPT, url=confirm_url,
             data=dict(CONSENT, **{"1-name": "Modal", "1-email": "deja@example.test"}),
             after_sql=ONE_REGISTRATION))
    add(_web("website", "html_js", "event-modal-name-script", ACCEPT, url=confirm_url,
             data=dict(CONSENT, **{"1-name": HTML_PAYLOADS[0][1], "1-email": next(_emails)})))

    # --- badge verification (/badges/verify) -------------------------------------------------
    for label, data in (("garbage", {"badge_text": "n'importe quoi"}),
                        ("script", {"badge_text": "<script>alert(1)</script>"}),
                        ("empty-json", {"badge_text": "{}"}),
                        ("json-list", {"badge_text": "[1, 2, 3]"}),
                        ("fake-jws", {"badge_text": "aaa.bbb.ccc"}),
                        ("oversize", {"badge_text": "x" * 200000}),
                        ("email-script", {"badge_text": "{}",
                                          "email": "\"><img src=x onerror=alert(1)>"})):
        add(_web("website", "html_js" if "script" in label else "wrong_type",
                 "verify-" + label, ALERT, url="/badges/verify", data=data))
    for label, name, content in (("image-without-badge", "badge.png", PNG),
                                 ("empty-file", "badge.png", b""),
                                 ("exe", "badge.png", EXE)):
        add(_web("website", "bad_file", "verify-" + label, ALERT, url="/badges/verify",
                 files={"badge_file": (name, content, "image/png")}))
    add(_web("website", "html_js", "verify-page-email-script", ALERT,
             url="/badges/verify/=assertion1.uuid",
             data={"email": "<script>alert(1)</script>@x.fr"}))
    for label, url in (("verify-unknown-uuid", "/badges/verify/not-a-uuid"),
                       ("assertion-script", "/badges/assertions/<script>alert(1)</script>"),
                       ("class-oversize-uuid", "/badges/classes/" + "a" * 300),
                       ("assertion-image-unknown", "/badges/assertions/x/image.png")):
        add(_web("website", "foreign_id", label, STATUS, 404, method="GET", url=url))

    # --- search forms and feeds (GET) ---------------------------------------------------------
    for label, payload in HTML_PAYLOADS:
        add(_web("website", "html_js", "board-search-" + label, ACCEPT, method="GET",
                 url="/jobs", data={"search": payload}))
        add(_web("website", "html_js", "board-department-" + label, ACCEPT, method="GET",
                 url="/jobs", data={"department": payload, "contract_type": payload}))
        add(_web("website", "html_js", "catalogue-" + label, ACCEPT, method="GET",
                 url="/training/catalogue", data={"department": payload, "modality": payload}))
    add(_web("website", "oversize_text", "board-search-100k", ACCEPT, method="GET",
             url="/jobs", data={"search": "s" * 7000}))
    for label, params, message in (
            ("department-script", {"department": "<script>"},
             "The parameter \"department\" must be a département code such as 33 (got \"%s\")."),
            ("limit-negative", {"limit": "-1"},
             "The parameter \"%s\" must be a whole number between 1 and %s."),
            ("limit-huge", {"limit": "99999999999999999999"},
             "The parameter \"%s\" must be a whole number between 1 and %s."),
            ("updated-since-junk", {"updated_since": "hier"},
             "The parameter \"updated_since\" must be an ISO 8601 date or date-time, e.g. "
             "2026-11-26T08:00:00Z (got \"%s\")."),
            ("after-junk", {"after": "' OR 1=1 --"},
             "The parameter \"after\" is not a cursor given by this feed's \"next\" link."),
            ("unknown-department", {"department": "99"}, "Unknown département \"%s\".")):
        add(_web("website", "wrong_type", "feed-" + label, STATUS, message, method="GET",
                 url="/jobs/feed.json", data=params, status=400))

    # --- the login's second step (issue 15): codes posted without a right password first --
    for family, label, code in (("wrong_type", "letters", "abcdef"),
                                ("wrong_type", "empty", ""),
                                ("html_js", "script", "<script>alert(1)</script>"),
                                ("oversize_text", "oversize", "9" * 100000)):
        # back on the login page (the message travels in its ``error`` parameter)
        add(_web("website", family, "totp-code-" + label, ACCEPT, url="/auth_totp/login",
                 data={"confirmation_code": code, "redirect": "/web"}))
        add(_web("website", family, "totp-enrol-" + label, ACCEPT, url="/pepites/totp/enrol",
                 data={"confirmation_code": code, "redirect": "/web"}))
    return cases


def portal_cases():
    cases = []
    add = cases.append

    def portal(family, label, expect, message=None, user="siae1", **spec):
        add(_web("portal", family, label, expect, message, user=user, **spec))

    # --- /my/siae ------------------------------------------------------------------------------
    def siae(family, label, expect, message=None, **values):
        data = {"phone": "05 59 00 00 00", "email": "contact@jardins-bearn.test",
                "city": "Pau", "fte": "12", "insertion_posts": "20"}
        data.update(values)
        portal(family, "siae-" + label, expect, message, url="/my/siae", data=data,
               row=("res_partner", "@siae1") if expect == ALERT else None)

    siae("wrong_type", "fte-text", ALERT,
         "The number of FTE and of insertion posts must be numbers.", fte="douze")
    siae("wrong_type", "posts-text", ALERT,
         "The number of FTE and of insertion posts must be numbers.", insertion_posts="dix")
    siae("wrong_type", "posts-decimal", ALERT,
         "The number of FTE and of insertion posts must be numbers.", insertion_posts="2.5")
    siae("out_of_range", "fte-negative", ALERT, "The number of FTE cannot be negative.",
         fte="-1")
    siae("out_of_range", "posts-negative", ALERT,
         "The number of insertion posts cannot be negative.", insertion_posts="-3")
    siae("out_of_range", "posts-overflow", ALERT,
         "The number of insertion posts cannot exceed %s.", insertion_posts="99999999999")
    siae("out_of_range", "fte-not-a-number", ALERT,
         "The number of FTE and of insertion posts must be numbers.", fte="nan")
    siae("out_of_range", "fte-infinite", ALERT,
         "The number of FTE and of insertion posts must be numbers.", fte="inf")
    for label, email in BAD_EMAILS:
        siae("invalid_email", "email-" + label, ALERT, MSG_EMAIL, email=email)
    siae("foreign_id", "sector-text", ALERT, "Unknown sector network.", sector_ids="abc")
    siae("foreign_id", "sector-unknown", ALERT, "Unknown sector network.", sector_ids="999999")
    for field, value in (("siret", "73282932000074"), ("inae_member", "1"), ("is_siae", ""),
                         ("department_id", "@department_33"), ("is_cep_counsellor", "1"),
                         ("siae_kind", "ei")):
        siae("forged_field", "field-" + field, IGNORED, **{field: value, "unchanged_sql":
             "SELECT siret, inae_member, is_siae, department_id, is_cep_counsellor, siae_kind "
             "FROM res_partner WHERE id = {siae1}"})
    for field, label, payload in html_matrix(("siae_presentation", "street", "city", "phone",
                                              "zip", "website")):
        if field == "website" and payload.startswith("javascript:"):
            siae("html_js", "%s-%s" % (field, label), ALERT, MSG_WEBSITE, website=payload)
        else:
            siae("html_js", "%s-%s" % (field, label), ACCEPT, **{field: payload})
    siae("html_js", "website-javascript-url", ALERT, MSG_WEBSITE, website="javascript:alert(1)")
    portal("csrf", "siae-without-token", STATUS, 400, url="/my/siae", csrf=False,
           data={"fte": "1"})

    # --- /my/offers/new and /my/offers/<id> -------------------------------------------------------
    def offer_form(**values):
        data = {"name": "Encadrant technique", "job_family_id": "@family_eti",
                "rome_code": "K1203", "contract_type": "cdi", "weekly_hours": "35",
                "salary_min": "1900", "salary_max": "2200", "city": "Pau",
                "pepites_department_id": "@department_64", "date_start": day(30),
                "date_expire": day(90), "no_of_recruitment": "1",
                "description": "Encadrer une équipe.", "profile": "Expérience."}
        data.update(values)
        return data

    def new_offer(family, label, expect, message=None, **values):
        unchanged = values.pop("unchanged_sql", None)
        portal(family, "offer-new-" + label, expect, message, url="/my/offers/new",
               data=offer_form(**values), unchanged_sql=unchanged)

    def edit_offer(family, label, expect, message=None, **values):
        portal(family, "offer-edit-" + label, expect, message,
               url="/my/offers/{offer1_draft}", data=offer_form(**values),
               row=("hr_job", "@offer1_draft"))

    # every bad value through the creation form; the edit form parses with the same method,
    # so a sample of each family goes through it too
    edit_sample = ("no-title", "contract", "department-unknown", "hours-text", "hours-60",
                   "salary-infinite", "expires-in-the-past", "rome-six-characters")

    def sampled_edit(family, label, *args, **values):
        if label in edit_sample:
            edit_offer(family, label, *args, **values)

    for run in (new_offer, sampled_edit):
        run("missing_field", "no-title", ALERT, "Give the offer a title.", name="  ")
        run("unknown_selection", "contract", ALERT, "Unknown contract type.",
            contract_type="esclavage")
        run("foreign_id", "family-text", ALERT, "Unknown job family or département.",
            job_family_id="ETI")
        run("foreign_id", "department-unknown", ALERT, "Unknown job family or département.",
            pepites_department_id="999999")
        run("wrong_type", "hours-text", ALERT, "The %s must be a number.",
            weekly_hours="temps plein")
        run("wrong_type", "positions-decimal", ALERT, "The %s must be a number.",
            no_of_recruitment="1.5")
        run("out_of_range", "hours-60", ALERT, "The %s cannot exceed %s.", weekly_hours="60")
        run("out_of_range", "hours-negative", ALERT, "The %s cannot be negative.",
            weekly_hours="-1")
        run("out_of_range", "hours-not-a-number", ALERT, "The %s must be a number.",
            weekly_hours="nan")
        run("out_of_range", "salary-infinite", ALERT, "The %s must be a number.",
            salary_max="inf")
        run("out_of_range", "positions-overflow", ALERT, "The %s cannot exceed %s.",
            no_of_recruitment="99999999999")
        run("out_of_range", "salary-inverted", ALERT,
            "The lower bound of the salary cannot exceed its upper bound.",
            salary_min="3000", salary_max="2000")
        run("inverted_dates", "expires-in-the-past", ALERT,
            "The expiry date cannot be in the past.", date_expire=day(-3))
        run("wrong_type", "date-french-format", ALERT, "Dates are expected as YYYY-MM-DD.",
            date_start="31/12/2026")
        run("out_of_range", "date-30-february", ALERT, "Dates are expected as YYYY-MM-DD.",
            date_start="2027-02-30")
        for label, rome in BAD_ROME[2:5]:
            run("invalid_rome", "rome-" + label, ALERT, MSG_ROME_JOB, rome_code=rome)
    for field, label, payload in html_matrix(("description", "name", "profile", "city")):
        new_offer("html_js", "%s-%s" % (field, label), ACCEPT, **{field: payload})
    new_offer("forged_field", "siae-of-siae2", IGNORED, siae_id="@siae2",
              unchanged_sql="SELECT count(*) FROM hr_job WHERE siae_id = {siae2}")
    new_offer("forged_field", "published-state", IGNORED, pepites_state="published",
              website_published="1",
              unchanged_sql="SELECT count(*) FROM hr_job WHERE pepites_state != 'draft' "
                            "OR website_published")
    portal("foreign_id", "offer-of-siae2-page", STATUS, 404, method="GET",
           url="/my/offers/{offer2_draft}")
    portal("foreign_id", "offer-of-siae2-edit", STATUS, 404, url="/my/offers/{offer2_draft}",
           data=offer_form(), row=("hr_job", "@offer2_draft"))
    portal("foreign_id", "offer-of-siae2-submit", STATUS, 404,
           url="/my/offers/{offer2_draft}/submit", row=("hr_job", "@offer2_draft"))
    portal("foreign_id", "offer-of-siae2-archive", STATUS, 404,
           url="/my/offers/{offer2_published}/archive", row=("hr_job", "@offer2_published"))
    portal("foreign_id", "offer-unknown", STATUS, 404, method="GET", url="/my/offers/999999")
    portal("forged_field", "offer-action-publish", STATUS, 404,
           url="/my/offers/{offer1_submitted}/publish", row=("hr_job", "@offer1_submitted"))
    portal("forged_field", "offer-edit-submitted", ALERT,
           "The offer \"%s\" is %s: only a draft or refused offer can be changed. Put it back "
           "to draft first.", url="/my/offers/{offer1_submitted}", data=offer_form(),
           row=("hr_job", "@offer1_submitted"))
    portal("missing_field", "offer-submit-incomplete", ALERT,
           "The offer \"%s\" is incomplete; fill in: %s.",
           url="/my/offers/{offer1_incomplete}/submit", row=("hr_job", "@offer1_incomplete"))
    portal("out_of_range", "offer-fill-draft", ALERT, "The offer \"%s\" cannot be %s: it is %s.",
           url="/my/offers/{offer1_draft}/filled", row=("hr_job", "@offer1_draft"))
    portal("csrf", "offer-new-without-token", STATUS, 400, url="/my/offers/new", csrf=False,
           data=offer_form())
    portal("foreign_id", "offers-as-counsellor", IGNORED, user="cep", method="GET",
           url="/my/offers/new", unchanged_sql="SELECT count(*) FROM hr_job")
    # "Save and submit" (issue 16): a refused submission saves nothing either
    new_offer("missing_field", "save-and-submit-incomplete", ALERT,
              "The offer \"%s\" is incomplete; fill in: %s.", description="",
              save_and_submit="1")
    portal("missing_field", "offer-edit-save-and-submit-incomplete", ALERT,
           "The offer \"%s\" is incomplete; fill in: %s.", url="/my/offers/{offer1_draft}",
           data=offer_form(description="", city="Orthez", save_and_submit="1"),
           row=("hr_job", "@offer1_draft"))
    portal("csrf", "offer-filled-without-token", STATUS, 400,
           url="/my/offers/{offer1_published}/filled", csrf=False,
           row=("hr_job", "@offer1_published"))
    portal("foreign_id", "offer-of-siae2-filled", STATUS, 404,
           url="/my/offers/{offer2_published}/filled", row=("hr_job", "@offer2_published"))

    # --- /my/offers/<id>/applicants/<id>: the SIAE's decision (issue 16) -------------------------
    def decide(family, label, expect, alert=None, **values):
        portal(family, "applicant-" + label, expect, alert,
               url="/my/offers/{offer1_published}/applicants/{applicant1}",
               data=dict({"decision": "refuse", "reason": "profile"}, **values),
               row=("hr_applicant", "@applicant1"))

    msg_reason = "Choose the reason of the refusal from the list."
    decide("unknown_selection", "reason-unknown", ALERT, msg_reason, reason="insulte")
    decide("missing_field", "reason-missing", ALERT, msg_reason, reason="")
    decide("foreign_id", "reason-number", ALERT, msg_reason, reason="1")
    decide("unknown_selection", "decision-unknown", ALERT, "Unknown decision.", decision="hire")
    decide("missing_field", "decision-missing", ALERT, "Unknown decision.", decision="")
    decide("oversize", "message-too-long", ALERT,
           "The message to the applicant is too long: %s characters at most.",
           message="x" * 1001)
    for _field, label, payload in html_matrix(("message",)):
        decide("html_js", "message-" + label, ALERT, msg_reason, reason="insulte",
               message=payload)
    for field in ("pepites_siae_status", "pepites_decision_date", "job_id"):
        decide("forged_field", "field-" + field, ALERT, msg_reason, reason="",
               **{field: "accepted" if field == "pepites_siae_status" else "1"})
    portal("foreign_id", "applicant-of-siae2", STATUS, 404,
           url="/my/offers/{offer2_published}/applicants/{applicant2}",
           data={"decision": "accept"}, row=("hr_applicant", "@applicant2"))
    portal("foreign_id", "applicant-of-siae2-through-own-offer", STATUS, 404,
           url="/my/offers/{offer1_published}/applicants/{applicant2}",
           data={"decision": "accept"}, row=("hr_applicant", "@applicant2"))
    portal("foreign_id", "applicant-unknown", STATUS, 404,
           url="/my/offers/{offer1_published}/applicants/999999", data={"decision": "accept"})
    portal("wrong_type", "applicant-id-text", STATUS, 404,
           url="/my/offers/{offer1_published}/applicants/abc", data={"decision": "accept"})
    portal("csrf", "applicant-without-token", STATUS, 400,
           url="/my/offers/{offer1_published}/applicants/{applicant1}", csrf=False,
           data={"decision": "accept"}, row=("hr_applicant", "@applicant1"))
    portal("foreign_id", "applicant-as-counsellor", STATUS, 404, user="cep",
           url="/my/offers/{offer1_published}/applicants/{applicant1}",
           data={"decision": "accept"}, row=("hr_applicant", "@applicant1"))

    # --- /my/immersions ------------------------------------------------------------------------
    portal("foreign_id", "immersion-of-siae2-page", STATUS, 404, method="GET",
           url="/my/immersions/{immersion2}")
    portal("foreign_id", "immersion-of-siae2-sign", STATUS, 404,
           url="/my/immersions/{immersion2}/sign", row=("pepites_immersion", "@immersion2"))
    portal("foreign_id", "immersion-unknown-sign", STATUS, 404, url="/my/immersions/999999/sign")
    portal("foreign_id", "immersion-of-siae2-convention-pdf", STATUS, 404, method="GET",
           url="/my/immersions/{immersion2}/convention.pdf")
    portal("foreign_id", "immersion-of-siae2-attestation-pdf", STATUS, 404, method="GET",
           url="/my/immersions/{immersion2}/attestation.pdf")
    portal("wrong_type", "immersion-id-text", STATUS, 404, method="GET",
           url="/my/immersions/abc")
    portal("out_of_range", "immersion-sign-draft", ALERT,
           "The convention %s is still a draft: it is signed once sent for signature.",
           url="/my/immersions/{immersion1_draft}/sign",
           row=("pepites_immersion", "@immersion1_draft"))
    portal("duplicate_key", "immersion-sign-twice", ALERT,
           "This party has already signed the convention %s.",
           url="/my/immersions/{immersion1_hostsigned}/sign",
           row=("pepites_immersion", "@immersion1_hostsigned"))
    portal("foreign_id", "immersion-sign-as-counsellor", STATUS, 404, user="cep",
           url="/my/immersions/{immersion1}/sign", row=("pepites_immersion", "@immersion1"))

    # --- /my/events: group registration by a CEP counsellor ------------------------------------
    group_url = "/my/events/{event_open}/group"

    def group(family, label, expect, message=None, rows=(), url=group_url, user="cep",
              **spec):
        data = dict(spec.pop("consent", CONSENT))
        for index, row in enumerate(rows, 1):
            for key, value in row.items():
                data["%d-%s" % (index, key)] = value
        portal(family, "group-" + label, expect, message, user=user, url=url, data=data,
               **spec)

    def person(**values):
        return dict({"name": "Personne", "email": next(_emails)}, **values)

    group("missing_field", "nobody", ALERT, "Give at least one person to register.")
    group("missing_field", "no-consent", ALERT, MSG_CONSENT_GROUP, consent={},
          rows=[person(email="sans-consentement@example.test")])
    group("missing_field", "second-without-name", ALERT, MSG_REG_NAME,
          rows=[person(), person(name="")])
    for label, email in BAD_EMAILS[:4]:
        group("invalid_email", "email-" + label, ALERT, MSG_EMAIL,
              rows=[person(), person(email=email)])
    group("duplicate_key", "same-email-twice", ALERT,
          "The same email address appears twice in the group.",
          rows=[person(email="double@example.test"), person(email="DOUBLE@example.test")])
    group("duplicate_key", "email-registered", ACCEPT,
          rows=[person(), person(email="deja@example.test")], after_sql=ONE_REGISTRATION)
    group("oversize_text", "name-129", ALERT, MSG_REG_NAME, rows=[person(name="n" * 129)])
    group("oversize_text", "current-job-129", ALERT, MSG_REG_TEXTS,
          rows=[person(current_job="c" * 129)])
    for label, payload in HTML_PAYLOADS:
        group("html_js", "name-" + label, ACCEPT, rows=[person(name=payload)])
    group("foreign_id", "event-over", STATUS, 404, url="/my/events/{event_over}/group",
          rows=[person()])
    group("foreign_id", "event-unknown", STATUS, 404, url="/my/events/999999/group",
          rows=[person()])
    group("foreign_id", "as-siae-user", STATUS, 404, user="siae1", rows=[person()])
    portal("foreign_id", "events-page-as-siae-user", STATUS, 404, method="GET",
           url="/my/events")

    # --- /my/trainings, /my/badges, the funder report ------------------------------------------
    portal("foreign_id", "attestation-not-attended", STATUS, 404, method="GET",
           url="/my/trainings/attestation/{training_registration}")
    portal("foreign_id", "attestation-unknown", STATUS, 404, method="GET",
           url="/my/trainings/attestation/999999")
    portal("foreign_id", "badge-certificate-unknown", STATUS, 404, method="GET",
           url="/my/badges/not-a-uuid/certificate")
    portal("foreign_id", "badge-certificate-of-siae1-as-siae2", STATUS, 404, method="GET",
           user="siae2", url="/my/badges/=assertion1.uuid/certificate")
    portal("foreign_id", "funder-report-as-siae", STATUS, 403, method="GET",
           url="/pepites_kpi/funder_report.xlsx",
           data={"month_from": "2026-01-01", "month_to": "2026-06-01"})
    for label, data in (("junk", {"month_from": "janvier", "month_to": "juin"}),
                        ("inverted", {"month_from": "2026-06-01", "month_to": "2026-01-01"}),
                        ("missing", {})):
        portal("inverted_dates" if label == "inverted" else "wrong_type",
               "funder-report-" + label, STATUS, 400, user="staff", method="GET",
               url="/pepites_kpi/funder_report.xlsx", data=data)
    return cases
