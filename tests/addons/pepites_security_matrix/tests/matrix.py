"""The expected security matrix of PEPITES: every model x role x operation.

Each line of :data:`TABLE` is one representative record of a model (siae1's own record, which is
siae2's "other SIAE" record, a published or unpublished one...) and, per role, what the role may
do with it: ``R`` read, ``W`` write, ``C`` create (a record like it), ``U`` unlink; ``-`` denied; ``v`` refused by a business
rule (a UserError or ValidationError raised before the access check: nothing changed, e.g. a
published offer is archived, never deleted). An ``U`` also stands for a delete the rights and
rules let through but the database refused (a restricting foreign key).
Roles: ``public`` (``base.public_user``), ``siae1`` and ``siae2`` (portal users of two SIAE),
``partner1`` (partner API), ``staff`` (INAÉ), ``manager`` (PEPITES manager).

A model PEPITES defines or extends without a line here fails the test: classify it first.
"""
from . import cast as b

#: core models PEPITES extends that carry programme data (also in ir.model.data of pepites_*)
CORE_MODELS = ("res.partner", "res.users", "hr.job", "hr.applicant", "event.event",
               "event.registration", "slide.slide", "survey.user_input",
               # core models that carry personal data around them (issue 12)
               "mail.mail", "mail.notification", "mail.followers", "mail.message",
               "ir.attachment", "calendar.attendee", "survey.user_input_line", "survey.label",
               "res.users.log", "hr.applicant.category",
               # the audit trail (OCA auditlog, issue 15): who read and changed people's records
               "auditlog.rule", "auditlog.log", "auditlog.log.line", "auditlog.http.request",
               "auditlog.http.session", "auditlog.autovacuum",
               # accounts (issue 15): OCA's second factor and password history
               "res.users.authenticator", "res.users.pass.history")

#: models PEPITES defines that are not exercised, and why
NOT_EXERCISED = {
    "pepites.alternance.rupture.wizard": "transient wizard: run by staff on an alternance",
    "pepites.badge.issue.wizard": "transient wizard: issues through pepites.badge.class",
    "pepites.badge.issue.wizard.line": "transient wizard line",
    "pepites.badge.revoke.wizard": "transient wizard: revokes through pepites.badge.assertion",
    "pepites.badge.external.import.wizard": "transient wizard: imports through "
                                            "pepites.badge.external._staff_import (INAÉ staff "
                                            "only; pepites_badges/tests/test_external.py)",
    "pepites.siae.import.wizard": "transient wizard: imports through "
                                  "res.partner.pepites_import_structures (INAÉ staff only; "
                                  "pepites_partners/tests/test_siae_import.py)",
    "pepites.siae.import.wizard.line": "transient wizard line (the per-row report)",
    "pepites.job.refuse.wizard": "transient wizard: refuses through hr.job.action_refuse",
    "pepites.kpi.report.wizard": "transient wizard: renders the funder report",
    "pepites.sql.guard": "abstract mixin: checks the SQL constraints before the write",
    "pepites.workflow.mixin": "abstract mixin, no table: the state transitions of the models "
                              "that inherit it (rows of those models)",
    "pepites.coded.mixin": "abstract mixin, no table: code-and-name display and search of the "
                           "models that inherit it (rows of those models)",
    "pepites.database": "abstract, no table: neutralises a restored copy, called by "
                        "scripts/ops.py only (private methods; pepites_partners/tests/"
                        "test_neutralize.py)",
    "ir.mail_server": "core model, system group only: pepites_partners only refuses to send "
                      "from a neutralised copy (test_neutralize.py)",
    "ir.actions.report": "core model, rights as core's: pepites_partners only changes how a "
                         "PDF is printed (test_report_pdf.py)",
    "ir.config_parameter": "core model, system group only: pepites_partners only freezes "
                           "web.base.url at start (test_public_url.py)",
    "mail.template": "core model, rights as core's (outsiders: none): pepites_jobs only "
                     "attaches the event's calendar file to its own registration confirmation "
                     "(pepites_jobs/tests/test_event_confirmation.py)",
    "res.company": "core model, rights as core's and the outsiders' allow-list (read of the "
                   "user's company): pepites_partners adds the attestations' signatory, printed "
                   "on them (pepites_jobs/tests/test_immersion_reports.py)",
    "pepites.training.portal": "abstract: reads the portal rows with the user's rights",
    "pepites.privacy.mixin": "abstract mixin, no table: the personal-data contract of the "
                             "models that inherit it (rows of those models)",
    "pepites.privacy.erase.wizard": "transient wizard: erases through res.partner._pepites_erase "
                                    "(INAÉ managers; pepites_kpi/tests/"
                                    "test_personal_data_erasure.py)",
    "report.pepites_kpi.report_funder": "abstract: the funder report's values",
    # core models PEPITES extends without programme data (issue 12)
    "base": "abstract: fields' groups= held in read_group, export_data, search "
            "(test_orm_methods)",
    "mail.thread": "abstract: outsiders follow only what they may write "
                   "(test_elevating_methods, message_subscribe rows)",
    "auditlog.autovacuum": "auditlog's transient model (PEPITES sets its term): a row below "
                           "shows who may create it; its autovacuum deletes nothing without "
                           "the system's rights (pepites_partners/tests/test_audit_trail.py)",
    "ir.model.access": "the outsiders' allow-list itself: test_model_rights proves it on every "
                       "model of the registry",
}

#: (model, record) -> (builder of its values, field written by the W cells)
SPECS = {
    # pepites_partners
    ("res.partner", "SIAE 1 structure"): (b.build_partner_siae1, "phone"),
    ("res.partner", "SIAE 1 employee"): (b.build_partner_employee, "phone"),
    ("res.partner", "person in a path"): (b.build_partner_beneficiary, "phone"),
    ("res.users", "SIAE 1 colleague"): (b.build_user, "signature"),
    ("pepites.department", "reference"): (b._code("Département"), "name"),
    ("privacy.activity", "register activity"): (b.build_privacy_activity,
                                                 "pepites_notice_version"),
    ("pepites.sector", "reference"): (b._code("Filière"), "name"),
    ("pepites.job.family", "reference"): (b._code("Métier"), "name"),
    ("pepites.partner.role", "reference"): (b._code("Rôle"), "name"),
    ("pepites.partnership", "draft, SIAE 1 in it"):
        (b.build_partnership("draft", "siae1"), "name"),
    ("pepites.partnership", "active, SIAE 2 only"):
        (b.build_partnership("active", "siae2"), "name"),
    ("pepites.ambassador", "SIAE 1 ambassador"): (b.build_ambassador, "note"),
    ("pepites.retention.rule", "reference"): (b.build_retention_rule, "months"),
    ("pepites.retention.run", "a cron run"): (b.build_retention_run, "errors"),
    ("pepites.home.queue", "reference"): (b.build_home_queue, "name"),
    ("pepites.retention.run.line", "a cron run's"): (b.build_retention_run_line, "name"),
    # pepites_jobs
    ("hr.job", "SIAE 1 draft offer"): (b._job("draft"), "name"),
    ("hr.job", "SIAE 1 published offer"): (b._job("published"), "name"),
    ("hr.applicant", "to SIAE 1 offer"): (b.build_applicant, "description"),
    ("event.event", "published"): (b.build_event(True), "name"),
    ("event.event", "unpublished"): (b.build_event(False), "name"),
    ("event.registration", "person, published event"): (b.build_registration, "name"),
    ("pepites.event.audience", "reference"): (b._name("Public"), "name"),
    ("pepites.event.stop", "SIAE 1 stop"): (b.build_stop, "note"),
    ("pepites.immersion", "hosted by SIAE 1"): (b.build_immersion, "feedback"),
    ("pepites.orientation", "toward SIAE 1"): (b.build_orientation, "note"),
    ("pepites.poei", "SIAE 1 employer"): (b.build_poei, "note"),
    # a person's path (issue 17), an SQL view over every addon's steps
    ("pepites.path.line", "orientation to SIAE 1"): (b.build_path_line, "description"),
    # pepites_training
    ("pepites.certification", "reference"): (b._code("Titre"), "description"),
    ("pepites.competence.block", "reference"): (b.build_block, "description"),
    ("pepites.competence", "reference"): (b.build_competence, "name"),
    ("pepites.training.offer", "published"): (b.build_offer(True), "name"),
    ("pepites.training.offer", "unpublished"): (b.build_offer(False), "name"),
    ("pepites.training.offer.session", "published"): (b.build_offer_session(True), "location"),
    ("pepites.training.offer.session", "unpublished"):
        (b.build_offer_session(False), "location"),
    ("pepites.job.frame", "reference"): (b._name("Référentiel"), "description"),
    ("pepites.job.frame.activity", "reference"):
        (lambda c, tag: {"frame_id": c.frame.id, "name": "Activité"}, "description"),
    ("pepites.learning.path", "reference"): (b._name("Parcours"), "description"),
    ("pepites.training.module", "reference"): (b._name("Module"), "name"),
    ("pepites.alternance.session", "reference"): (b.build_alternance_session, "name"),
    ("pepites.vae.session", "reference"): (b.build_vae_session, "note"),
    ("pepites.training.session", "reference"): (b.build_training_session, "name"),
    ("pepites.alternance", "SIAE 1 apprentice"): (b.build_alternance, "note"),
    ("pepites.vae", "SIAE 1 candidate"): (b.build_vae, "note"),
    ("pepites.vae.block.result", "SIAE 1 candidate"): (b.build_vae_result, "comment"),
    ("pepites.afest", "SIAE 1 learner"): (b.build_afest, "note"),
    ("pepites.afest.phase", "SIAE 1 learner"): (b.build_afest_phase, "description"),
    ("pepites.internal.trainer", "SIAE 1 trainer"): (b.build_trainer, "afest_qualified"),
    ("pepites.training.registration", "SIAE 1 employee"):
        (b.build_registration_training, "state"),
    ("pepites.training.attendance", "SIAE 1 employee"): (b.build_attendance, "hours"),
    ("pepites.slide.completion", "siae1's own"): (b.build_slide_completion(True), "date"),
    ("pepites.slide.completion", "a SIAE 1 employee's"):
        (b.build_slide_completion(False), "date"),
    ("pepites.module.completion", "siae1's own"): (b.build_module_completion(True), "state"),
    ("pepites.module.completion", "a SIAE 1 employee's"):
        (b.build_module_completion(False), "state"),
    ("slide.slide", "published"): (b.build_slide(True), "name"),
    ("slide.slide", "unpublished"): (b.build_slide(False), "name"),
    ("survey.user_input", "SIAE 1 employee"): (b.build_survey_input, "state"),
    ("survey.user_input", "anonymous answer"): (b.build_survey_input_anonymous, "state"),
    # pepites_badges
    ("pepites.badge.issuer", "SIAE 1 issuer"): (b.build_issuer, "description"),
    ("pepites.badge.key", "SIAE 1 issuer's"): (b.build_key, "state"),
    ("pepites.badge.tag", "reference"): (b._name("Étiquette"), "name"),
    ("pepites.badge.alignment", "published badge"): (b.build_alignment, "target_name"),
    ("pepites.badge.class", "published"): (b.build_badge_class("published"), "description"),
    ("pepites.badge.class", "draft"): (b.build_badge_class("draft"), "description"),
    ("pepites.badge.assertion", "SIAE 1 employee's"): (b.build_assertion(False),
                                                      "evidence_narrative"),
    ("pepites.badge.assertion", "issued by partner1"): (b.build_assertion(True),
                                                       "evidence_narrative"),
    ("pepites.badge.award.rule", "reference"): (b.build_award_rule, "name"),
    ("pepites.badge.external", "SIAE 1 employee's"): (b.build_external_badge(False), "name"),
    ("pepites.badge.external", "siae1's own"): (b.build_external_badge(True), "name"),
    # core models around people's data (issue 12): outsiders reach none of them
    ("mail.mail", "queued, to an applicant"): (b.build_mail, "email_to"),
    ("mail.notification", "of a staff note"): (b.build_notification, "is_read"),
    ("mail.followers", "of an applicant"): (b.build_follower, "res_id"),
    ("mail.message", "staff note, applicant"): (b.build_message, "body"),
    ("ir.attachment", "an applicant's CV"): (b.build_cv, "description"),
    ("calendar.attendee", "of an interview"): (b.build_attendee, "email"),
    # value_text, not quizz_mark: the server drops a learner's quizz_mark (a write of nothing)
    ("survey.user_input_line", "another learner's"): (b.build_input_line, "value_text"),
    ("survey.label", "answer key (its mark)"): (b.build_label, "quizz_mark"),
    ("res.users.log", "a staff login"): (b.build_users_log, "create_date"),
    ("hr.applicant.category", "reference"): (b.build_applicant_category, "name"),
    # the audit trail (OCA auditlog, issue 15)
    ("auditlog.rule", "contacts' rule"): (b.build_audit_rule, "name"),
    ("auditlog.log", "staff read, applicant"): (b.build_audit_log, "method"),
    ("auditlog.log.line", "applicant's old phone"): (b.build_audit_log_line, "new_value"),
    ("auditlog.http.request", "a staff request"): (b.build_audit_request, "name"),
    # display_name: the session's id (name) is the administrator's only (a live login cookie)
    ("auditlog.http.session", "a staff session"): (b.build_audit_session, "display_name"),
    ("auditlog.autovacuum", "the cron's"): (b.build_audit_vacuum, "create_date"),
    # accounts (issue 15): login attempts and locks, second factor, password history
    ("res.authentication.attempt", "a failed login"): (b.build_login_attempt, "login"),
    ("res.users.authenticator", "staff's app"): (b.build_authenticator, "name"),
    ("res.users.pass.history", "staff's old password"): (b.build_pass_history,
                                                         "password_crypt"),
    # pepites_kpi
    ("pepites.kpi.indicator", "reference"): (b.build_indicator, "description"),
    ("pepites.kpi.snapshot", "active indicator"): (b.build_snapshot, "value"),
    ("pepites.kpi.action.sheet", "reference"): (b.build_action_sheet, "territory"),
    ("pepites.kpi.milestone", "of a sheet"): (b.build_milestone, "name"),
    ("pepites.kpi.budget.line", "of a sheet"): (b.build_budget_line, "name"),
    ("pepites.kpi.committee", "steering"): (b.build_committee, "name"),
    ("pepites.kpi.meeting", "of a committee"): (b.build_meeting, "location"),
    ("pepites.kpi.decision", "of a meeting"): (b.build_decision, "name"),
    ("pepites.kpi.follow.up", "of a decision"): (b.build_follow_up, "name"),
}

#: what each role may do; see the module's docstring
TABLE = """
# model                        | record                   | public | siae1 | siae2 | partner1 | staff | manager
# --- pepites_partners: directory and reference data
res.partner                    | SIAE 1 employee          | ----   | RW--  | ----  | ----     | RWCU  | RWCU
res.partner                    | SIAE 1 structure         | ----   | RW--  | ----  | R---     | RWCU  | RWCU
res.partner                    | person in a path         | ----   | ----  | ----  | ----     | RWCU  | RWCU
res.users                      | SIAE 1 colleague         | ----   | R---  | ----  | ----     | R---  | R---
pepites.department             | reference                | R---   | R---  | R---  | R---     | R---  | RWCU
pepites.sector                 | reference                | R---   | R---  | R---  | R---     | R---  | RWCU
pepites.job.family             | reference                | R---   | R---  | R---  | R---     | R---  | RWCU
pepites.partner.role           | reference                | ----   | R---  | R---  | R---     | R---  | RWCU
pepites.partnership            | active, SIAE 2 only      | ----   | ----  | R---  | R---     | RWC-  | RWCU
pepites.partnership            | draft, SIAE 1 in it      | ----   | R---  | ----  | ----     | RWC-  | RWCU
pepites.ambassador             | SIAE 1 ambassador        | ----   | ----  | ----  | ----     | RWC-  | RWCU
# the register of processing activities (OCA privacy, issue 15): managers keep it, staff read it
privacy.activity               | register activity        | ----   | ----  | ----  | ----     | R---  | RWCU
# personal data (issue 15): the retention terms are staff's to read, managers' to set; the
# cron's log is managers' only and written by the cron alone
pepites.retention.rule         | reference                | ----   | ----  | ----  | ----     | R---  | RWCU
pepites.retention.run          | a cron run               | ----   | ----  | ----  | ----     | ----  | R---
pepites.retention.run.line     | a cron run's             | ----   | ----  | ----  | ----     | ----  | R---
# the staff's home (issue 16): queues of records waiting for INAÉ, read by staff, set by managers
pepites.home.queue             | reference                | ----   | ----  | ----  | ----     | R---  | RWCU
# --- pepites_jobs: offers, applications, events, pathways (personal data)
hr.job                         | SIAE 1 draft offer       | ----   | RWC-  | ----  | ----     | RWC-  | RWCU
hr.job                         | SIAE 1 published offer   | R---   | R-C-  | R---  | R---     | RWC-  | RWCv
hr.applicant                   | to SIAE 1 offer          | ----   | R---  | ----  | ----     | RWC-  | RWCU
event.event                    | published                | R---   | R---  | R---  | R---     | RWC-  | RWCU
event.event                    | unpublished              | ----   | ----  | ----  | ----     | RWC-  | RWCU
event.registration             | person, published event  | ----   | ----  | ----  | ----     | RWCU  | RWCU
pepites.event.audience         | reference                | R---   | R---  | R---  | R---     | R---  | RWCU
pepites.event.stop             | SIAE 1 stop              | R---   | R---  | R---  | R---     | RWCU  | RWCU
pepites.immersion              | hosted by SIAE 1         | ----   | R---  | ----  | ----     | RWC-  | RWCU
pepites.orientation            | toward SIAE 1            | ----   | R---  | ----  | ----     | RWC-  | RWCU
pepites.poei                   | SIAE 1 employer          | ----   | R---  | ----  | ----     | RWC-  | RWCU
# a person's path (issue 17): staff read every person's; a SIAE nothing, even of the people it
# reads the orientations of; nobody writes (a read-only SQL view)
pepites.path.line              | orientation to SIAE 1    | ----   | ----  | ----  | ----     | R---  | R---
# --- pepites_training: catalogue, sessions, people's training records
pepites.certification          | reference                | R---   | R---  | R---  | R---     | R---  | RWCU
pepites.competence.block       | reference                | R---   | R---  | R---  | R---     | R---  | RWCU
pepites.competence             | reference                | R---   | R---  | R---  | R---     | R---  | RWCU
pepites.training.offer         | published                | R---   | R---  | R---  | R---     | RWC-  | RWCU
pepites.training.offer         | unpublished              | ----   | ----  | ----  | ----     | RWC-  | RWCU
pepites.training.offer.session | published                | R---   | R---  | R---  | R---     | RWCU  | RWCU
pepites.training.offer.session | unpublished              | ----   | ----  | ----  | ----     | RWCU  | RWCU
pepites.job.frame              | reference                | ----   | R---  | R---  | R---     | RWC-  | RWCU
pepites.job.frame.activity     | reference                | ----   | R---  | R---  | R---     | RWC-  | RWCU
pepites.learning.path          | reference                | R---   | R---  | R---  | R---     | RWC-  | RWCU
pepites.training.module        | reference                | R---   | R---  | R---  | R---     | RWC-  | RWCU
pepites.alternance.session     | reference                | ----   | R---  | R---  | R---     | RWC-  | RWCU
pepites.vae.session            | reference                | ----   | R---  | R---  | R---     | RWC-  | RWCU
pepites.training.session       | reference                | ----   | R---  | R---  | R---     | RWC-  | RWCU
pepites.alternance             | SIAE 1 apprentice        | ----   | R---  | ----  | ----     | RWC-  | RWCU
pepites.vae                    | SIAE 1 candidate         | ----   | R---  | ----  | ----     | RWC-  | RWCU
pepites.vae.block.result       | SIAE 1 candidate         | ----   | R---  | ----  | ----     | RWC-  | RWCU
pepites.afest                  | SIAE 1 learner           | ----   | R---  | ----  | ----     | RWC-  | RWCU
pepites.afest.phase            | SIAE 1 learner           | ----   | R---  | ----  | ----     | RWC-  | RWCU
pepites.internal.trainer       | SIAE 1 trainer           | ----   | R---  | ----  | ----     | RWC-  | RWCU
pepites.training.registration  | SIAE 1 employee          | ----   | R---  | ----  | ----     | RWC-  | RWCU
pepites.training.attendance    | SIAE 1 employee          | ----   | R---  | ----  | ----     | RWC-  | RWCU
pepites.slide.completion       | a SIAE 1 employee's      | ----   | ----  | ----  | ----     | R---  | RWCU
pepites.slide.completion       | siae1's own              | ----   | R---  | ----  | ----     | R---  | RWCU
pepites.module.completion      | a SIAE 1 employee's      | ----   | ----  | ----  | ----     | R---  | RWCU
pepites.module.completion      | siae1's own              | ----   | R---  | ----  | ----     | R---  | RWCU
slide.slide                    | published                | R---   | R---  | R---  | R---     | RWCU  | RWCU
slide.slide                    | unpublished              | ----   | ----  | ----  | ----     | RWCU  | RWCU
survey.user_input              | SIAE 1 employee          | ----   | ----  | ----  | ----     | ----  | ----
survey.user_input              | anonymous answer         | --C-   | --C-  | --C-  | ----     | --C-  | --C-
# --- pepites_badges
pepites.badge.issuer           | SIAE 1 issuer            | ----   | R---  | R---  | R---     | R---  | RWCU
pepites.badge.key              | SIAE 1 issuer's          | ----   | ----  | ----  | ----     | R---  | RWCU
pepites.badge.tag              | reference                | ----   | R---  | R---  | R---     | RWC-  | RWCU
pepites.badge.alignment        | published badge          | ----   | R---  | R---  | R---     | RWCU  | RWCU
pepites.badge.class            | draft                    | ----   | ----  | ----  | ----     | RWC-  | RWCU
pepites.badge.class            | published                | ----   | R---  | R---  | R---     | RWC-  | RWCU
pepites.badge.assertion        | SIAE 1 employee's        | ----   | R---  | ----  | ----     | RWC-  | RWCU
pepites.badge.assertion        | issued by partner1       | ----   | R---  | ----  | R---     | RWC-  | RWCU
pepites.badge.award.rule       | reference                | ----   | ----  | ----  | ----     | R---  | RWCU
# badges earned elsewhere (issue 17): the holder reads their own (imported through
# _portal_import, onto their own contact only), INAÉ staff manage them; a SIAE reads none of
# its people's (they brought them for themselves)
pepites.badge.external         | SIAE 1 employee's        | ----   | ----  | ----  | ----     | RWCU  | RWCU
pepites.badge.external         | siae1's own              | ----   | R---  | ----  | ----     | RWCU  | RWCU
# --- core models around people's data (issue 12): INAÉ staff's only
# (but the CV of an applicant to siae1's offer: siae1 reads that applicant, and an attachment
# follows the rights on its record, which /my/offers/<id> relies on; siae2 never sees it)
mail.mail                      | queued, to an applicant  | ----   | ----  | ----  | ----     | RWC-  | RWC-
mail.notification              | of a staff note          | ----   | ----  | ----  | ----     | R-C-  | R-C-
mail.followers                 | of an applicant          | ----   | ----  | ----  | ----     | R-C-  | R-C-
mail.message                   | staff note, applicant    | --v-   | ----  | ----  | ----     | RWCU  | RWCU
ir.attachment                  | an applicant's CV        | ----   | R---  | ----  | ----     | RWCU  | RWCU
calendar.attendee              | of an interview          | ----   | ----  | ----  | ----     | RWCU  | RWCU
survey.user_input_line         | another learner's        | ----   | ----  | ----  | ----     | R---  | R---
survey.label                   | answer key (its mark)    | ----   | ----  | ----  | ----     | ----  | ----
res.users.log                  | a staff login            | ----   | --C-  | --C-  | --C-     | R-C-  | R-C-
hr.applicant.category          | reference                | ----   | ----  | ----  | ----     | RWC-  | RWC-
# --- the audit trail (OCA auditlog): managers read it, the system alone writes it (an entry's
# values are personal data); anyone internal may create the transient of the autovacuum, whose
# method deletes nothing without the system's rights (its W is a write of nothing: the transient
# has no field of its own, and Odoo drops a write of create_date)
auditlog.rule                  | contacts' rule           | ----   | ----  | ----  | ----     | ----  | R---
auditlog.log                   | staff read, applicant    | ----   | ----  | ----  | ----     | ----  | R---
auditlog.log.line              | applicant's old phone    | ----   | ----  | ----  | ----     | ----  | R---
auditlog.http.request          | a staff request          | ----   | ----  | ----  | ----     | ----  | R---
auditlog.http.session          | a staff session          | ----   | ----  | ----  | ----     | ----  | R---
auditlog.autovacuum            | the cron's               | ----   | ----  | ----  | ----     | -WC-  | -WC-
# --- accounts (issue 15): addresses and logins for managers (read; a lift is written by
# action_pepites_lift_lock), each user's own second factor and password history only
res.authentication.attempt     | a failed login           | ----   | ----  | ----  | ----     | ----  | R---
# (a manager creating an app for staff: refused by OCA's check of the user, a ValidationError)
res.users.authenticator        | staff's app              | ----   | ----  | ----  | ----     | RWCU  | --v-
res.users.pass.history         | staff's old password     | ----   | ----  | ----  | ----     | R-C-  | ----
# --- pepites_kpi
pepites.kpi.indicator          | reference                | ----   | ----  | ----  | R---     | R---  | RWCU
pepites.kpi.snapshot           | active indicator         | ----   | ----  | ----  | R---     | RWC-  | RWCU
# steering (issue 17): INAÉ staff's only; the budget and the plan's sheets written by managers
pepites.kpi.action.sheet       | reference                | ----   | ----  | ----  | ----     | R---  | RWCU
pepites.kpi.milestone          | of a sheet               | ----   | ----  | ----  | ----     | RWC-  | RWCU
pepites.kpi.budget.line        | of a sheet               | ----   | ----  | ----  | ----     | R---  | RWCU
pepites.kpi.committee          | steering                 | ----   | ----  | ----  | ----     | RWC-  | RWCU
pepites.kpi.meeting            | of a committee           | ----   | ----  | ----  | ----     | RWC-  | RWCU
pepites.kpi.decision           | of a meeting             | ----   | ----  | ----  | ----     | RWCU  | RWCU
pepites.kpi.follow.up          | of a decision            | ----   | ----  | ----  | ----     | RWCU  | RWCU
"""

ROLES = b.ROLES


def parse(table):
    """``{(model, record): {role: cell}}`` from :data:`TABLE`."""
    rows = {}
    for line in table.strip().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [part.strip() for part in line.split("|")]
        model, record, cells = parts[0], parts[1], parts[2:]
        assert len(cells) == len(ROLES), "bad matrix line: %r" % line
        rows[(model, record)] = dict(zip(ROLES, cells))
    return rows


EXPECTED = parse(TABLE) if TABLE.strip() else {key: {} for key in SPECS}
