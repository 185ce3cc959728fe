"""The cast of the security matrix: the demo users of every role, and records of every PEPITES
model attached to their SIAE, carrying unmistakable markers.

:func:`build_cast` works on any environment (the SavepointCase's, or the HTTP test cursor's in
an HttpCase). Each row of the matrix (see :mod:`.matrix`) names a *builder* here: a function
``builder(cast, tag) -> values`` giving complete, valid values of one record; the fixture of the
row is created with them as superuser, and the *create* cells try ``create(builder(cast, ...))``
as each role. Personal data get markers (``ZQX...`` tokens in names, e-mails and phones) that
the route matrix searches in every response body.
"""
import base64
import datetime
import itertools
import uuid

from odoo import fields

from odoo.addons.pepites_partners.tests.common import create_user, make_siret

ROLES = ("public", "siae1", "siae2", "partner1", "staff", "manager")
#: roles that log in on the website (the manager uses the back office only)
ROUTE_ROLES = ("public", "siae1", "siae2", "partner1", "staff")

_counter = itertools.count(1)


def day(offset):
    return fields.Date.to_string(datetime.date.today() + datetime.timedelta(days=offset))


def moment(offset_days, hour=9):
    value = datetime.datetime.combine(datetime.date.today() + datetime.timedelta(days=offset_days),
                                      datetime.time(hour, 0))
    return fields.Datetime.to_string(value)


class Cast(object):
    """Users and shared records, as attributes; ``markers`` lists the personal-data tokens."""

    def __init__(self, env):
        self.env = env
        # as superuser, without chatter: the fixtures are set up, not tracked
        self.sudo_env = env(user=1, context=dict(
            env.context, tracking_disable=True, mail_create_nolog=True, mail_notrack=True,
            no_reset_password=True))
        # token -> what it marks ("personal" data of people, "siae2" data hidden from siae1)
        self.markers = {}

    def token(self, kind, owner="personal"):
        """A unique marker ``ZQX<kind><n>`` recorded as ``owner``'s data."""
        value = "ZQX%s%03d" % (kind.upper(), next(_counter))
        self.markers[value] = owner
        return value

    def person(self, siae=None, kind="PERS", owner=None):
        """A person (personal data: name, e-mail, phone carry a marker), contact of ``siae``."""
        if not owner:
            owner = {self.siae1: "siae1", self.siae2: "siae2"}.get(siae, "personal")
        mark = self.token(kind, owner)
        phone = "+33 6 %02d %02d %02d %02d" % (90, next(_counter) % 100, 17, 23)
        self.markers[phone] = owner
        return self.sudo_env["res.partner"].create({
            "name": "Zoé %s" % mark, "email": "%s@leak.example.org" % mark.lower(),
            "phone": phone, "parent_id": siae.id if siae else False})

    def ref(self, xmlid):
        return self.sudo_env.ref(xmlid)


def build_cast(env):
    """Users of the six roles (demo users; a dedicated manager) and the shared records."""
    c = Cast(env)
    ref = c.ref
    S = c.sudo_env
    if not ref("base.lang_fr").active:
        ref("base.lang_fr").active = True
    c.users = {
        "public": ref("base.public_user"),
        "siae1": ref("pepites_partners.user_siae1_demo"),
        "siae2": ref("pepites_partners.user_siae2_demo"),
        "partner1": ref("pepites_partners.user_partner1_demo"),
        "staff": ref("pepites_partners.user_staff_demo"),
        "manager": create_user(S, "matrix_manager", ["pepites_partners.group_pepites_manager"]),
        # not a column of the record matrix: the outsider role "portal" (a learner, a badge
        # holder) of the model-rights and elevating-methods matrices
        "portal": create_user(S, "matrix_portal", ["base.group_portal"]),
    }
    c.siae1 = c.users["siae1"].commercial_partner_id
    c.siae2 = c.users["siae2"].commercial_partner_id
    c.dep = ref("pepites_partners.department_33")
    c.sector = ref("pepites_partners.sector_reuse")
    c.family = ref("pepites_partners.job_family_eti")
    c.cert = ref("pepites_training.certification_eti")
    c.block = c.cert.block_ids[0]
    c.prescriber = S["res.partner"].create({
        "name": "Agence prescriptrice (matrice)", "is_company": True,
        "pepites_role_ids": [(6, 0, [ref("pepites_partners.partner_role_prescriber").id])]})
    c.inae_issuer = ref("pepites_badges.pepites_badge_issuer_inae")
    c.indicator = ref("pepites_kpi.indicator_afest_actions")
    c.channel = S["slide.channel"].create({
        "name": "Module matrice", "visibility": "public", "website_published": True})
    c.module = S["pepites.training.module"].create({"name": "Module matrice"})
    c.session = S["pepites.training.session"].create({
        "name": "Session matrice", "module_id": c.module.id, "date_start": day(10),
        "date_end": day(12), "department_id": c.dep.id, "seats_max": 30})
    c.frame = S["pepites.job.frame"].create({"name": "Référentiel matrice"})
    c.survey = ref("survey.feedback_form") if S["ir.model.data"].xmlid_to_res_id(
        "survey.feedback_form") else S["survey.survey"].search([], limit=1)
    c.event_pub = S["event.event"].create(event_values(c, "PUB", True))
    c.event_draft = S["event.event"].create(event_values(c, "DRAFT", False))
    c.badge_pub = S["pepites.badge.class"].create(badge_class_values(c, "pub", "published"))
    c.job1_pub = create_offer(c, c.siae1, "published", "OFFPUB1")
    # siae2's hidden data, which siae1 must never see
    c.job2_draft = create_offer(c, c.siae2, "draft", "OFFDRAFT2", owner="siae2")
    c.job2_pub = create_offer(c, c.siae2, "published", "OFFPUB2", owner="public")
    return c


# ----------------------------------------------------------------------------------- builders

def event_values(c, tag, published):
    return {"name": "Rallye matrice %s %s" % (tag, next(_counter)), "date_begin": moment(20),
            "date_end": moment(20, 17), "website_published": published, "seats_max": 50,
            "seats_availability": "limited"}


def badge_class_values(c, tag, state):
    return {"name": "Badge matrice %s %s" % (tag, next(_counter)), "description": "Décrit.",
            "criteria_narrative": "Observé.", "issuer_id": c.inae_issuer.id, "state": state}


def offer_values(c, siae, name):
    return {"name": name, "siae_id": siae.id, "job_family_id": c.family.id,
            "contract_type": "cdi", "weekly_hours": 35, "city": "Bordeaux",
            "website_description": "<p>Encadrer une équipe.</p>", "no_of_recruitment": 1,
            "salary_min": 1900, "salary_max": 2200}


def create_offer(c, siae, state, kind, owner="public"):
    """An offer of ``siae`` brought to ``state`` through the workflow by INAÉ staff."""
    name = "Offre %s" % c.token(kind, owner)
    offer = c.sudo_env["hr.job"].create(offer_values(c, siae, name))
    if state in ("submitted", "published"):
        offer.sudo(c.users["staff"]).action_submit()
    if state == "published":
        offer.sudo(c.users["staff"]).action_publish()
    return offer


def _job(state):
    def build(c, tag):
        if tag == "create":
            return offer_values(c, c.siae1, "Offre créée %s" % next(_counter))
        return create_offer(c, c.siae1, state, "OFF")
    return build


def _name(prefix, **extra):
    def build(c, tag):
        values = {"name": "%s %s" % (prefix, next(_counter))}
        values.update(extra)
        return values
    return build


_short_codes = itertools.count(10)


def _code(prefix, **extra):
    def build(c, tag):
        n = next(_counter)
        # département codes have three characters at most
        values = {"name": "%s %s" % (prefix, n), "code": "Z%02d" % (next(_short_codes) % 100)}
        values.update(extra)
        return values
    return build


def build_partner_siae1(c, tag):
    if tag == "create":
        return {"name": "SIAE créée %s" % next(_counter), "is_company": True, "is_siae": True,
                "siae_kind": "aci", "siret": make_siret(), "department_id": c.dep.id}
    return c.siae1


def build_partner_employee(c, tag):
    if tag == "create":
        return {"name": "Zoé %s" % c.token("NEW"), "parent_id": c.siae1.id}
    return c.person(c.siae1, "EMP")


def build_partner_beneficiary(c, tag):
    if tag == "create":
        return {"name": "Zoé %s" % c.token("NEW")}
    return c.person(None, "BEN")


def build_user(c, tag):
    n = next(_counter)
    return {"name": "Collègue %s" % n, "login": "matrix_colleague_%d" % n,
            "partner_id": c.person(c.siae1, "USR").id,
            "groups_id": [(6, 0, [c.ref("pepites_partners.group_pepites_siae").id])]}


def build_applicant(c, tag):
    person = c.person(None, "APP")
    return {"name": "Candidature %s" % person.name, "partner_name": person.name,
            "email_from": person.email, "partner_phone": person.phone,
            "job_id": c.job1_pub.id}


def build_event(published):
    return lambda c, tag: event_values(c, tag, published)


def build_registration(c, tag):
    person = c.person(None, "REG")
    return {"event_id": c.event_pub.id, "name": person.name, "email": person.email,
            "phone": person.phone}


def build_stop(c, tag):
    return {"event_id": c.event_pub.id, "siae_id": c.siae1.id, "date_begin": moment(20, 10),
            "date_end": moment(20, 11)}


def build_immersion(c, tag):
    return {"beneficiary_id": c.person(None, "IMM").id, "prescriber_id": c.prescriber.id,
            "host_siae_id": c.siae1.id, "objective": "discover", "rome_code": "K1203",
            "job_title": "Encadrant technique d'insertion", "date_start": day(5),
            "date_end": day(18), "weekly_hours": 35, "host_weekly_hours": 35}


def build_orientation(c, tag):
    return {"person_id": c.person(None, "ORI").id, "referrer_kind": "prescriber",
            "prescriber_id": c.prescriber.id, "siae_id": c.siae1.id}


def build_path_line(c, tag):
    """A step of a person's path (an SQL view): the orientation toward SIAE 1 of a person, as
    the line that reads it; a "create" gets plain values (nobody may create one)."""
    values = build_orientation(c, tag)
    if tag == "create":
        return {"partner_id": values["person_id"], "description": "Étape matrice"}
    orientation = c.sudo_env["pepites.orientation"].create(values)
    return c.sudo_env["pepites.path.line"].search(
        [("res_model", "=", "pepites.orientation"), ("res_id", "=", orientation.id),
         ("kind", "=", "orientation")])


def build_poei(c, tag):
    return {"candidate_id": c.person(None, "POE").id, "siae_id": c.siae1.id, "hours": 400,
            "date_start": day(30), "date_end": day(90)}


def build_partnership(state, siae_attr):
    def build(c, tag):
        return {"name": "Partenariat matrice %s" % next(_counter), "sector_id": c.sector.id,
                "siae_ids": [(6, 0, [getattr(c, siae_attr).id])], "state": state}
    return build


def build_ambassador(c, tag):
    return {"partner_id": c.person(c.siae1, "AMB").id, "siae_id": c.siae1.id,
            "department_id": c.dep.id}


def build_retention_rule(c, tag):
    n = next(_counter)
    return {"code": "matrice_%d" % n, "name": "Catégorie matrice %d" % n, "months": 24,
            "basis": "Fin de l'action"}


def build_home_queue(c, tag):
    return {"name": "File matrice %d" % next(_counter), "model_name": "res.partner",
            "domain": "[('is_siae', '=', True)]",
            "action_id": c.ref("pepites_partners.res_partner_siae_action").id}


def build_retention_run(c, tag):
    return {}


def build_retention_run_line(c, tag):
    run = c.sudo_env["pepites.retention.run"].create({})
    return {"run_id": run.id, "code": "matrice", "name": "Catégorie matrice"}


def build_block(c, tag):
    n = next(_counter)
    return {"certification_id": c.cert.id, "code": "ZQB%d" % n, "name": "Bloc %d" % n}


def build_competence(c, tag):
    return {"name": "Compétence %s" % next(_counter)}


def build_offer(published):
    return lambda c, tag: {"name": "Formation matrice %s" % next(_counter),
                           "website_published": published}


def build_offer_session(published):
    """A session of a published offer (its own publication decides)."""
    def build(c, tag):
        offer = c.sudo_env["pepites.training.offer"].create(
            {"name": "Formation matrice %s" % next(_counter), "website_published": True})
        return {"offer_id": offer.id, "date_start": day(30), "date_end": day(32),
                "location": "Bordeaux", "website_published": published}
    return build


def build_alternance_session(c, tag):
    return {"name": "Session alternance %s" % next(_counter), "certification_id": c.cert.id,
            "date_start": day(30), "date_end": day(400)}


def build_vae_session(c, tag):
    return {"name": "Session VAE %s" % next(_counter), "certification_id": c.cert.id,
            "department_id": c.dep.id, "date_start": day(30), "date_end": day(200)}


def build_training_session(c, tag):
    return {"name": "Session %s" % next(_counter), "module_id": c.module.id,
            "date_start": day(40), "date_end": day(42), "seats_max": 10}


def build_alternance(c, tag):
    return {"apprentice_id": c.person(c.siae1, "ALT").id, "employer_id": c.siae1.id,
            "certification_id": c.cert.id}


def build_vae(c, tag):
    return {"candidate_id": c.person(c.siae1, "VAE").id, "employer_id": c.siae1.id,
            "certification_id": c.cert.id}


def build_vae_result(c, tag):
    vae = c.sudo_env["pepites.vae"].create(build_vae(c, tag))
    return {"vae_id": vae.id, "block_id": c.block.id}


def build_afest(c, tag):
    return {"employer_id": c.siae1.id, "learner_id": c.person(c.siae1, "AFE").id}


def build_afest_phase(c, tag):
    afest = c.sudo_env["pepites.afest"].create(dict(build_afest(c, tag), phase_ids=[]))
    afest.phase_ids.unlink()
    return {"afest_id": afest.id, "phase": "analysis", "description": "Analyse."}


def build_trainer(c, tag):
    return {"partner_id": c.person(c.siae1, "TRA").id, "employer_id": c.siae1.id}


def build_registration_training(c, tag):
    return {"session_id": c.session.id, "partner_id": c.person(c.siae1, "TRG").id,
            "employer_id": c.siae1.id}


def build_attendance(c, tag):
    registration = c.sudo_env["pepites.training.registration"].create(
        build_registration_training(c, tag))
    return {"registration_id": registration.id, "date": day(10)}


def _slide(c):
    return c.sudo_env["slide.slide"].create({
        "name": "Séquence %s" % next(_counter), "channel_id": c.channel.id,
        "slide_type": "document", "website_published": True})


def build_slide_completion(own):
    def build(c, tag):
        partner = c.users["siae1"].partner_id if own else c.person(c.siae1, "SLC")
        return {"partner_id": partner.id, "slide_id": _slide(c).id}
    return build


def build_module_completion(own):
    def build(c, tag):
        partner = c.users["siae1"].partner_id if own else c.person(c.siae1, "MOC")
        module = c.sudo_env["pepites.training.module"].create(
            {"name": "Module %s" % next(_counter)})
        return {"module_id": module.id, "partner_id": partner.id}
    return build


def build_slide(published):
    return lambda c, tag: {"name": "Séquence %s" % next(_counter), "channel_id": c.channel.id,
                           "slide_type": "document", "website_published": published}


def build_survey_input(c, tag):
    return {"survey_id": c.survey.id, "partner_id": c.person(c.siae1, "SUR").id}


def build_issuer(c, tag):
    return {"name": "Émetteur %s" % next(_counter), "partner_id": c.siae1.id,
            "url": "https://siae1.example.org", "email": "badges@siae1.example.org"}


def build_key(c, tag):
    issuer = c.sudo_env["pepites.badge.issuer"].create(build_issuer(c, tag))
    return {"issuer_id": issuer.id}


def build_alignment(c, tag):
    return {"badge_class_id": c.badge_pub.id, "target_name": "Bloc %s" % next(_counter),
            "target_url": "https://www.francecompetences.fr/"}


def build_badge_class(state):
    return lambda c, tag: badge_class_values(c, tag, state)


def build_assertion(issued_by_partner1):
    def build(c, tag):
        person = c.person(c.siae1, "BDG")
        values = {"uuid": str(uuid.uuid4()), "badge_class_id": c.badge_pub.id,
                  "issuer_id": c.inae_issuer.id, "recipient_partner_id": person.id,
                  "recipient_email": person.email, "recipient_salt": "sel",
                  "recipient_identity": "sha256$" + "0" * 64, "issued_on": moment(-1),
                  "verification_type": "hosted"}
        if issued_by_partner1:
            values["issued_by_id"] = c.users["partner1"].id
        return values
    return build


def build_external_badge(own):
    """A badge earned elsewhere, imported onto a SIAE 1 employee's record or siae1's own."""
    def build(c, tag):
        partner = c.users["siae1"].partner_id if own else c.person(c.siae1, "EXT")
        return {"partner_id": partner.id, "name": "Badge extérieur %s" % next(_counter),
                "issuer_name": "CFA Sud", "issued_on": moment(-30),
                "verification_state": "unverified"}
    return build


def build_award_rule(c, tag):
    return {"name": "Règle %s" % next(_counter), "trigger": "event_attended",
            "badge_class_id": c.badge_pub.id}


def build_indicator(c, tag):
    n = next(_counter)
    return {"name": "Indicateur %d" % n, "code": "zq_%d" % n, "action_sheet": "hr_support",
            "model_name": "hr.job", "domain": "[]"}


def build_snapshot(c, tag):
    return {"indicator_id": c.indicator.id, "month": "2026-%02d-01" % (next(_counter) % 12 + 1)}


def build_action_sheet(c, tag):
    return {"key": "new_jobs", "name": "Fiche matrice %d" % next(_counter)}


def build_milestone(c, tag):
    return {"name": "Jalon matrice %d" % next(_counter),
            "sheet_id": c.env.ref("pepites_kpi.action_sheet_campus").id}


def build_budget_line(c, tag):
    return {"name": "Ligne matrice %d" % next(_counter), "amount_planned": 1000,
            "sheet_id": c.env.ref("pepites_kpi.action_sheet_campus").id,
            "funder_id": c.siae2.id}


def build_committee(c, tag):
    return {"name": "Comité matrice %d" % next(_counter), "kind": "steering"}


def build_meeting(c, tag):
    committee = c.sudo_env["pepites.kpi.committee"].create(build_committee(c, tag))
    return {"committee_id": committee.id, "date": day(-7)}


def build_decision(c, tag):
    meeting = c.sudo_env["pepites.kpi.meeting"].create(build_meeting(c, tag))
    return {"meeting_id": meeting.id, "name": "Décision matrice %d" % next(_counter)}


def build_follow_up(c, tag):
    decision = c.sudo_env["pepites.kpi.decision"].create(build_decision(c, tag))
    return {"decision_id": decision.id, "name": "Action matrice %d" % next(_counter),
            "owner_id": c.siae2.id, "date_due": day(7)}


def build_survey_input_anonymous(c, tag):
    return {"survey_id": c.survey.id}


# --------------------------------------------- core models holding personal data (issue 12)

def _applicant_of(c, kind):
    """An applicant to SIAE 1's published offer (siae1 may read it: the rows below prove that
    the mail, followers, notes and files around it stay INAÉ's all the same)."""
    person = c.person(None, kind)
    return c.sudo_env["hr.applicant"].create({
        "name": "Candidature %s" % person.name, "partner_name": person.name,
        "email_from": person.email, "partner_phone": person.phone, "job_id": c.job1_pub.id})


def build_mail(c, tag):
    """A queued e-mail to an applicant (what an invitation's signup link also travels in)."""
    applicant = _applicant_of(c, "MAIL")
    return {"subject": "Votre candidature %s" % c.token("MSUB"), "email_to": applicant.email_from,
            "body_html": "<p>Bonjour %s</p>" % applicant.partner_name, "model": "hr.applicant",
            "res_id": applicant.id}


def _note(c, applicant):
    return c.sudo_env["mail.message"].create({
        "model": "hr.applicant", "res_id": applicant.id, "message_type": "comment",
        "subtype_id": c.ref("mail.mt_note").id, "author_id": c.users["staff"].partner_id.id,
        "body": "<p>Note interne %s</p>" % c.token("NOTE")})


def build_notification(c, tag):
    applicant = _applicant_of(c, "NOTI")
    return {"mail_message_id": _note(c, applicant).id,
            "res_partner_id": c.person(None, "NOTP").id, "is_email": True}


def build_follower(c, tag):
    applicant = _applicant_of(c, "FOLA")
    return {"res_model": "hr.applicant", "res_id": applicant.id,
            "partner_id": c.person(None, "FOLP").id}


def build_message(c, tag):
    applicant = _applicant_of(c, "MSGA")
    return {"model": "hr.applicant", "res_id": applicant.id, "message_type": "comment",
            "subtype_id": c.ref("mail.mt_note").id, "author_id": c.users["staff"].partner_id.id,
            "body": "<p>Note interne %s</p>" % c.token("NOTE")}


def build_cv(c, tag):
    applicant = _applicant_of(c, "CVA")
    mark = c.token("CV")
    return {"name": "cv-%s.pdf" % mark, "datas_fname": "cv-%s.pdf" % mark,
            "datas": base64.b64encode(("%%PDF-1.4 CV de %s" % mark).encode()),
            "res_model": "hr.applicant", "res_id": applicant.id}


def build_attendee(c, tag):
    """An attendee of an interview (calendar.event) with an applicant."""
    person = c.person(None, "ATT")
    meeting = c.sudo_env["calendar.event"].create({
        "name": "Entretien %s" % person.name, "start": moment(3, 9), "stop": moment(3, 10),
        "partner_ids": [(6, 0, [])]})
    return {"event_id": meeting.id, "partner_id": person.id, "email": person.email,
            "common_name": person.name}


def _question(c):
    return c.survey.page_ids.mapped("question_ids")[:1]


def build_input_line(c, tag):
    """Another learner's answer to a survey (what marks a module's quiz)."""
    answer = c.sudo_env["survey.user_input"].create({
        "survey_id": c.survey.id, "partner_id": c.person(None, "SUL").id})
    return {"user_input_id": answer.id, "survey_id": c.survey.id,
            "question_id": _question(c).id, "answer_type": "text",
            "value_text": "Réponse %s" % c.token("SULT"), "quizz_mark": 5}


def build_label(c, tag):
    """A suggested answer, with its mark: the quiz's answer key."""
    return {"question_id": _question(c).id, "value": "Réponse %s" % next(_counter),
            "quizz_mark": 20}


def build_users_log(c, tag):
    """A login of INAÉ staff (who logs in when)."""
    if tag == "create":
        return {}
    log = c.sudo_env["res.users.log"].create({})
    c.sudo_env.cr.execute("UPDATE res_users_log SET create_uid = %s WHERE id = %s",
                          (c.users["staff"].id, log.id))
    log.invalidate_cache()
    return log


def build_applicant_category(c, tag):
    return {"name": "Étiquette %s" % next(_counter)}


def build_privacy_activity(c, tag):
    """An activity of the register of processing activities (issue 15), without a purpose
    code: the seven of the data own theirs (one per purpose)."""
    return {"name": "Traitement %s" % next(_counter), "pepites_legal_basis": "consent",
            "pepites_retention": "1 an", "pepites_notice_version": "1"}
# ------------------------------------------------------------- the audit trail (OCA auditlog)

def build_audit_rule(c, tag):
    """PEPITES' audit rule of contacts (creating another one would patch the registry)."""
    if tag == "create":
        return {"name": "Règle matrice",
                "model_id": c.ref("pepites_partners.model_pepites_sector").id}
    return c.ref("pepites_partners.auditlog_rule_res_partner")


def _audit_log(c, method, old=None, new=None):
    """An entry of the trail, written as the system writes it (grouped insert)."""
    applicant = c.sudo_env["hr.applicant"].create(build_applicant(c, "fixture"))
    log_ids = c.sudo_env["auditlog.log"]._pepites_log_bulk(
        "hr.applicant", applicant.ids, method, uid=c.users["staff"].id,
        old_values=old and {applicant.id: old}, new_values=new and {applicant.id: new})
    return c.sudo_env["auditlog.log"].browse(log_ids[applicant.id])


def build_audit_log(c, tag):
    """A staff member's read of an application."""
    if tag == "create":
        return {"name": "Lecture forgée", "res_id": 1, "method": "read",
                "model_id": c.ref("hr_recruitment.model_hr_applicant").id}
    return _audit_log(c, "read")


def build_audit_log_line(c, tag):
    """The old and new phone of an application in the trail (personal data)."""
    if tag == "create":
        return {"log_id": _audit_log(c, "write").id, "new_value": "forgé",
                "field_id": c.ref("hr_recruitment.field_hr_applicant_partner_phone").id}
    log = _audit_log(c, "write", old={"partner_phone": c.token("OLDPHONE")},
                     new={"partner_phone": c.token("NEWPHONE")})
    return log.line_ids


def build_audit_request(c, tag):
    return {"name": "/web/dataset/call_kw/hr.applicant/read", "user_id": c.users["staff"].id}


def build_audit_session(c, tag):
    return {"name": "matrice-%d" % next(_counter), "user_id": c.users["staff"].id}


def build_audit_vacuum(c, tag):
    """auditlog's transient model whose method deletes old entries (the cron's)."""
    return {}
def build_login_attempt(c, tag):
    """A failed login: an address and the login tried (personal data)."""
    return {"login": "matrix_guess_%d" % next(_counter), "remote": "192.0.2.%d" % (
        next(_counter) % 250 + 1), "result": "failed"}


def build_authenticator(c, tag):
    """The authenticator app of INAÉ staff (its TOTP secret)."""
    return {"name": "Téléphone matrice %d" % next(_counter), "secret_key": "JBSWY3DPEHPK3PXP",
            "user_id": c.users["staff"].id}


def build_pass_history(c, tag):
    """A password staff used before (its hash)."""
    return {"user_id": c.users["staff"].id, "password_crypt": "$pbkdf2-sha512$matrice"}
