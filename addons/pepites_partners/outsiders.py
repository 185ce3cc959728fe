"""The outsiders' allow-list: default deny for public, portal and partner-API users.

Outsiders are the *share* users: the public user of the website (``base.group_public``), portal
users (SIAE users of ``group_pepites_siae``, learners and badge holders who are plain portal
users) and partner-API users (``group_pepites_partner_api``). Core Odoo 11 grants them far more
than PEPITES means to (its ACL lines open ``mail.mail``, ``mail.notification``,
``calendar.attendee``, ``res.users.log``... to portal users), and new core models come with their
own lines. So an outsider gets NO access to a model unless it is listed in :data:`ALLOW` below,
with the modes its role needs, the reason, and the record rules that bound the rows.

``ir.model.access.check`` (``models/ir_model_access.py``) enforces the list: a mode not listed
for the user's role is refused like a missing ACL line; a listed mode still needs the ACL line
that grants it (the list grants nothing by itself). The security matrix
(``tests/addons/pepites_security_matrix``) proves, for every model of the registry and every
role, that the modes granted are exactly those listed.

``PEPITES_OUTSIDERS_DISCOVER=1`` in the environment turns the refusal into an INFO log line
(one per distinct role, model and mode; ``2``: one per distinct place in the code too) so that
the list can be rebuilt from real runs. Never in production.

This module is plain Python: importable without a database.
"""

#: A share user has exactly one role (see :func:`role_of`).
ROLES = ("public", "portal", "siae", "api")

#: The access modes, as in ``ir.model.access`` and their letters in :data:`ALLOW`.
MODES = {"read": "r", "write": "w", "create": "c", "unlink": "u"}

#: The groups that decide a share user's role, the most specific first: a partner-API user is a
#: portal user too (``group_pepites_partner_api`` implies ``base.group_portal``), so is a SIAE user.
ROLE_GROUPS = (
    ("api", "pepites_partners.group_pepites_partner_api"),
    ("siae", "pepites_partners.group_pepites_siae"),
    ("portal", "base.group_portal"),
)

_ALL = ("public", "portal", "siae", "api")
_LOGGED_IN = ("portal", "siae", "api")


def _modes(roles, modes):
    return {role: modes for role in roles}


#: model -> ({role: modes}, reason). ``modes`` is a subset of "rwcu" (read, write, create,
#: unlink); a role absent from the dict gets nothing on the model. The reason names the journey
#: that needs the access and the record rules that bound the rows.
ALLOW = {
    # --- the website every visitor sees (public pages, and the portal, which is a website page)
    "website": (_modes(_ALL, "r"),
                "the current website (languages, menus, company) read by every page; one "
                "configuration record, no personal data, no record rule needed"),
    "website.menu": (_modes(_ALL, "r"),
                     "the website's menus, rendered in every page; configuration only"),
    "website.page": (_modes(_ALL, "r"),
                     "static pages (home, contact) served by website's _serve_page; rule "
                     "website.website_page_rule_public: published pages only"),
    "website.redirect": (_modes(_ALL, "r"),
                         "URL redirections looked up on a missing page; configuration only"),
    "ir.ui.view": (_modes(_ALL, "r"),
                   "QWeb templates looked up by key when a page renders (website's "
                   "get_view_id); templates, no data"),
    "ir.attachment": (_modes(_ALL, "r"),
                      "images and asset bundles served by binary_content, the documents of a "
                      "SIAE's offers (/my/offers); bounded by ir.attachment's own check: an "
                      "attachment follows the rights on its record, an unattached one is its "
                      "creator's unless public"),
    "res.company": (_modes(_ALL, "r"),
                    "the company's logo and name in the website's header and footer; rules "
                    "base.res_company_rule_public, res_company_rule_portal: the user's company"),
    "res.lang": (_modes(_ALL, "r"),
                 "the language switcher and URL language prefixes (http_routing); reference"),
    "res.country": (_modes(_ALL, "r"),
                    "country fields of the forms (application, event registration, /my/siae); "
                    "reference data"),
    "res.users": (_modes(_ALL, "r"),
                  "the logged-in user read by every page (name, language, the portal layout); "
                  "core's rule base.res_users_rule keeps other companies' users out"),
    "res.users.log": (_modes(_LOGGED_IN, "c"),
                      "login records the user's own line (res.users._update_last_login, as the "
                      "user); never read: who logged in when is for INAÉ staff"),
    "res.partner": ({"public": "r", "portal": "r", "siae": "rw", "api": "r"},
                    "own contact card (base.res_partner_portal_public_rule: own commercial "
                    "entity), a SIAE's own structure and contacts (res_partner_rule_siae_portal, "
                    "write limited to the profile whitelist of portal_update_profile), the SIAE "
                    "directory for partners (res_partner_rule_partner_api: SIAE companies only)"),
    # --- messages that PEPITES' own records carry
    "mail.message": ({"public": "r", "portal": "r", "siae": "rc", "api": "r"},
                     "the chatter of records the user may read, read through their one2many "
                     "(read() without a field list) and written when a SIAE changes its offers or "
                     "signs a PMSMP (tracking messages); bounded by website_mail's "
                     "mail_message_rule_public (published messages only for portal and public), "
                     "by mail.message's own document check and its filter of internal notes"),
    "mail.message.subtype": (_modes(_ALL, "r"),
                             "message kinds, read by the filter of internal notes and when a "
                             "SIAE's offer is tracked; configuration only"),
    "mail.followers": ({"portal": "r", "siae": "r", "api": "r"},
                       "read through message_follower_ids when a record is read without a field "
                       "list; rule mail_followers_rule_outsiders: only the user's own follower "
                       "rows. Never created or changed by outsiders (message_subscribe is "
                       "refused on records they cannot write)"),
    # --- JobBoard (pepites_jobs)
    "hr.job": ({"public": "r", "portal": "r", "siae": "rwc", "api": "r"},
               "/jobs and the feeds (website_hr_recruitment.hr_job_public, hr_job_portal: "
               "published offers), a SIAE's own offers at /my/offers (hr_job_rule_siae_portal), "
               "published offers for partners (hr_job_rule_partner_api)"),
    "hr.applicant": ({"siae": "r"},
                     "a SIAE reads the applications to its own offers "
                     "(hr_applicant_rule_siae_portal)"),
    "hr.recruitment.stage": ({"siae": "r"},
                             "the stage of the SIAE's applicants; reference data"),
    "event.event": (_modes(_ALL, "r"),
                    "/event, rally days and /my/events (website_event.event_event_public: "
                    "published events only)"),
    "event.type": (_modes(_ALL, "r"), "event categories shown on /event; reference data"),
    "event.registration": ({"portal": "r", "siae": "r", "api": "r"},
                           "/my/events: registrations the user made for others "
                           "(event_registration_rule_counsellor) or its own "
                           "(event.event_registration_portal)"),
    "pepites.event.audience": (_modes(_ALL, "r"), "audiences of events; reference data"),
    "pepites.event.stop": (_modes(_ALL, "r"),
                           "the stops of a rally day shown on its public page; SIAE names and "
                           "places, no personal data"),
    "pepites.immersion": ({"siae": "rw"},
                          "/my/immersions: the PMSMP a SIAE hosts, which it signs "
                          "(pepites_immersion_rule_siae)"),
    "pepites.orientation": ({"siae": "r"},
                            "orientations toward the SIAE (pepites_orientation_rule_siae)"),
    "pepites.poei": ({"siae": "r"}, "POEI of the SIAE as employer (pepites_poei_rule_siae)"),
    # --- directory reference data (pepites_partners)
    "pepites.department": (_modes(_ALL, "r"), "the 12 départements; reference data"),
    "pepites.sector": (_modes(_ALL, "r"), "sector networks; reference data"),
    "pepites.job.family": (_modes(_ALL, "r"), "job families of offers; reference data"),
    "pepites.partner.role": (_modes(_LOGGED_IN, "r"), "partner roles; reference data"),
    "pepites.partnership": ({"siae": "r", "api": "r"},
                            "partnerships a SIAE takes part in "
                            "(pepites_partnership_rule_siae_portal), running and finished ones "
                            "for partners (pepites_partnership_rule_partner_api)"),
    # --- training (pepites_training) and eLearning
    "pepites.training.offer": (_modes(_ALL, "r"),
                               "/training/catalogue (pepites_training_offer_rule_published: "
                               "published offers only)"),
    "pepites.training.offer.session": (_modes(_ALL, "r"),
                                       "/training/catalogue: upcoming sessions of an offer "
                                       "(pepites_training_offer_session_rule_published: "
                                       "published sessions of published offers), no participant"),
    "pepites.certification": (_modes(_ALL, "r"), "the catalogue's certifications; reference"),
    "pepites.competence.block": (_modes(_ALL, "r"), "their competence blocks; reference"),
    "pepites.competence": (_modes(_ALL, "r"), "their competences; reference"),
    "pepites.learning.path": (_modes(_ALL, "r"), "Campus paths of the catalogue; reference"),
    "pepites.training.module": (_modes(_ALL, "r"), "Campus modules of the catalogue"),
    "pepites.job.frame": (_modes(_LOGGED_IN, "r"), "hybrid-job frames; reference"),
    "pepites.job.frame.activity": (_modes(_LOGGED_IN, "r"), "their activities; reference"),
    "pepites.alternance.session": (_modes(_LOGGED_IN, "r"),
                                   "alternance sessions (dates, places), no participant"),
    "pepites.vae.session": (_modes(_LOGGED_IN, "r"), "VAE sessions, no candidate"),
    "pepites.training.session": (_modes(_LOGGED_IN, "r"),
                                 "training sessions (participants' fields are staff-only)"),
    "pepites.alternance": ({"siae": "r"}, "/my/trainings: the SIAE's apprentices "
                                          "(pepites_alternance_rule_siae)"),
    "pepites.vae": ({"siae": "r"}, "the SIAE's VAE candidates (pepites_vae_rule_siae)"),
    "pepites.vae.block.result": ({"siae": "r"},
                                 "their block results (pepites_vae_block_result_rule_siae)"),
    "pepites.afest": ({"siae": "r"}, "the SIAE's AFEST (pepites_afest_rule_siae)"),
    "pepites.afest.phase": ({"siae": "r"}, "their phases (pepites_afest_phase_rule_siae)"),
    "pepites.internal.trainer": ({"siae": "r"},
                                 "the SIAE's internal trainers "
                                 "(pepites_internal_trainer_rule_siae)"),
    "pepites.training.registration": ({"siae": "r"},
                                      "/my/trainings: the SIAE staff's registrations "
                                      "(pepites_training_registration_rule_siae)"),
    "pepites.training.attendance": ({"siae": "r"},
                                    "their attendance (pepites_training_attendance_rule_siae)"),
    "pepites.slide.completion": (_modes(_LOGGED_IN, "r"),
                                 "a learner's own eLearning progress "
                                 "(pepites_slide_completion_rule_own)"),
    "pepites.module.completion": (_modes(_LOGGED_IN, "r"),
                                  "a learner's own completed modules "
                                  "(pepites_module_completion_rule_own)"),
    "slide.slide": (_modes(_ALL, "r"),
                    "/slides (website_slides.rule_slide_slide_public: published slides of "
                    "published channels)"),
    "slide.channel": (_modes(_ALL, "r"),
                      "/slides channels (website_slides.rule_slide_channel_public: published)"),
    "slide.category": (_modes(_ALL, "r"), "the slides' categories on /slides; reference"),
    "slide.tag": (_modes(_ALL, "r"), "the slides' tags on /slides; reference"),
    "slide.embed": (_modes(_ALL, "r"),
                    "counts of the slides' external embeddings, read by the slide pages; no "
                    "personal data"),
    "survey.survey": ({"public": "r", "portal": "r", "siae": "r"},
                      "a module's quiz, taken on the survey pages; questions only"),
    "survey.stage": ({"public": "r", "portal": "r", "siae": "r"},
                     "whether a quiz is closed, checked by /survey/start before it opens; "
                     "configuration only"),
    "survey.page": ({"public": "r", "portal": "r", "siae": "r"},
                    "the pages of a module's quiz, read by the survey pages"),
    "survey.question": ({"public": "r", "portal": "r", "siae": "r"},
                        "the questions of a module's quiz, read by the survey pages"),
    "survey.label": ({"public": "r", "portal": "r", "siae": "r"},
                     "the quiz's answer choices (the marks are the server's)"),
    "survey.user_input": ({"public": "rwc", "portal": "rwc", "siae": "rwc"},
                          "taking a quiz creates and updates one's answer "
                          "(survey.survey_input_public_access: read one's own; "
                          "pepites_training.survey_user_input_rule_own_answers: write one's own)"),
    "survey.user_input_line": ({"public": "rwc", "portal": "rwc", "siae": "rwc"},
                               "the answer lines the survey pages save as the person "
                               "(survey_user_input_line_rule_own_answers; read: "
                               "survey_user_input_line_rule_outsider_read, one's own only)"),
    # --- Open Badges (pepites_badges)
    "pepites.badge.issuer": (_modes(_LOGGED_IN, "r"), "badge issuers (organisations)"),
    "pepites.badge.class": (_modes(_LOGGED_IN, "r"),
                            "published and retired badges (pepites_badge_class_rule_portal)"),
    "pepites.badge.tag": (_modes(_LOGGED_IN, "r"), "badge tags; reference"),
    "pepites.badge.alignment": (_modes(_LOGGED_IN, "r"), "badges' alignments; reference"),
    "pepites.badge.assertion": (_modes(_LOGGED_IN, "r"),
                                "/my/badges: one's own badges (pepites_badge_assertion_rule_"
                                "portal), the SIAE staff's (..._rule_siae), those a partner "
                                "issued (..._rule_partner_api)"),
    "pepites.badge.external": (_modes(_LOGGED_IN, "r"),
                               "/my/badges: the badges one earned elsewhere and imported, "
                               "one's own only (pepites_badge_external_rule_portal; imported "
                               "through _portal_import, onto one's own contact)"),
    # --- indicators (pepites_kpi)
    "pepites.kpi.indicator": ({"api": "r"}, "the programme's indicators for partners"),
    "pepites.kpi.snapshot": ({"api": "r"},
                             "their monthly values (pepites_kpi_snapshot_rule_partner_api: "
                             "active indicators)"),
}


def role_of(user):
    """The outsider role of ``user`` (a ``res.users`` record, read with sudo), one of
    :data:`ROLES`, or None for the superuser and internal (non-share) users, whom the list does
    not concern. A share user in no portal group (the website's public user, or a user stripped
    of its groups) is "public": the narrowest role."""
    if not user or user.id == 1 or not user.share:
        return None
    for role, group in ROLE_GROUPS:
        if user.has_group(group):
            return role
    return "public"


def allowed_modes(model, role):
    """The modes (a string, subset of "rwcu") that ``role`` may use on ``model``; "" when the
    model is not listed or the role not named in its entry.

    >>> allowed_modes("mail.mail", "siae")
    ''
    """
    entry = ALLOW.get(model)
    if entry is None:
        return ""
    return entry[0].get(role, "")
