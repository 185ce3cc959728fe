#!/usr/bin/env python
"""The benchmark data generator of PEPITES: one realistic region, times a scale factor.

Scale 1 is Nouvelle-Aquitaine as the programme describes it (PRODUCT.md and the figures the
benches were written for): 400 SIAE over the 12 départements, 20,000 published offers (the feeds
bench), applicants, discovery events with their registrations, orientations, PMSMP immersions,
POEI, training sessions with registrations and daily attendance, ETI alternance, ETAIE VAE, AFEST
with internal trainers, Campus module completions, badge classes with 3,000 assertions (the
programme's target, issued through the real bulk path), KPI snapshots, and the 100,000 KPI source
records of the KPI bench (CEP counsellors, sector partnerships, ambassadors).

Rows are written by multi-row SQL INSERTs (``execute_values``), with the stored related and
computed columns filled as the ORM would; badge classes and assertions go through the ORM and
``_issue_batch`` (images, baking, hashing). SIRETs pass the Luhn checks (python-stdnum).

Usage::

    .venv/bin/python bench/generate.py --db bench_x [--scale 0.1] [--new]

``--new`` copies the test template into ``--db`` and installs the five addons first (no demo).
The scale also comes from ``PEPITES_BENCH_SCALE``. As a library: ``generate(env, scale)``, or one
section at a time (``siae``, ``offers``, ``kpi_sources`` …) from the benches.
"""
import argparse
import datetime
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

#: sizes at scale 1
SIZES = {
    "organisations": 60,      # prescribers, training bodies, OPCO, funders, CEP operators
    "siae": 400,              # SIAE of the region (feeds bench)
    "people": 12000,          # beneficiaries, candidates, learners, staff of the SIAE
    "offers": 20000,          # published job offers (feeds bench)
    "applicants": 6000,
    "events": 240,            # rallies, open days, RDV Découverte IAE …
    "registrations": 30,      # per event
    "orientations": 3000,
    "immersions": 1500,
    "poei": 300,
    "sessions": 120,          # training sessions (Campus modules, ETI, AFEST …)
    "session_size": 15,       # registrations per session, 4 attendance days each
    "alternances": 150,
    "vae": 150,
    "trainers": 60,
    "afest": 120,
    "completions": 2400,
    "badge_classes": 30,
    "assertions": 3000,       # programme target: 3,000+ badges issued
    "kpi_sources": 100000,    # KPI bench: counsellors 60 %, partnerships 35 %, ambassadors 5 %
}
ADDONS = "pepites_partners,pepites_jobs,pepites_training,pepites_badges,pepites_kpi"
KINDS = ["aci", "ei", "ai", "etti", "eiti"]
FIRST = ["Camille", "Dominique", "Léa", "Nadia", "Karim", "Sophie", "Julien", "Fatou", "Thomas",
         "Inès", "Yannick", "Chantal", "Mehdi", "Aurélie", "Pierre", "Sandrine", "Bruno", "Awa"]
LAST = ["Martin", "Bernard", "Dubois", "Garcia", "Lefèvre", "Moreau", "Laurent", "Diallo",
        "Roux", "Fournier", "Girard", "Bonnet", "Lambert", "Fontaine", "Chevalier", "Mercier"]
CITIES = {"16": "Angoulême", "17": "La Rochelle", "19": "Tulle", "23": "Guéret",
          "24": "Périgueux", "33": "Bordeaux", "40": "Mont-de-Marsan", "47": "Agen", "64": "Pau",
          "79": "Niort", "86": "Poitiers", "87": "Limoges"}
DESCRIPTION = (
    "Au sein de notre atelier et chantier d'insertion, vous encadrez une équipe de 8 à 12 "
    "salariés en parcours d'insertion. Vous organisez et planifiez les chantiers, veillez à la "
    "sécurité et à la qualité, transmettez les gestes professionnels et évaluez les "
    "compétences acquises, en binôme avec l'accompagnatrice socioprofessionnelle. Titre ETI "
    "ou ETAIE apprécié, permis B indispensable. Poste basé sur le département, déplacements "
    "fréquents. ")
TODAY = datetime.date.today()


def scaled(name, scale):
    return max(1, int(round(SIZES[name] * scale)))


def make_siret(number):
    """A SIRET whose SIREN and SIRET Luhn keys are right (prefix 8: apart from the tests' 9)."""
    from stdnum import luhn
    base = "8%07d" % (number % 10 ** 7)
    siren = base + luhn.calc_check_digit(base)
    nic = "%04d" % (number % 10 ** 4)
    return siren + nic + luhn.calc_check_digit(siren + nic)


def _raw(cr):
    return getattr(cr, "_obj", cr)


def insert(cr, table, columns, rows, audit=True):
    """Multi-row INSERT of ``rows`` (tuples in ``columns`` order); the new ids, in order."""
    from psycopg2.extras import execute_values
    if not rows:
        return []
    columns = list(columns)
    template = ["%s"] * len(columns)
    if audit:
        columns += ["create_uid", "create_date", "write_uid", "write_date"]
        template += ["1", "(now() at time zone 'UTC')", "1", "(now() at time zone 'UTC')"]
    sql = "INSERT INTO %s (%s) VALUES %%s%s" % (table, ", ".join(columns),
                                               " RETURNING id" if audit else "")
    result = execute_values(_raw(cr), sql, rows, template="(%s)" % ", ".join(template),
                            page_size=2000, fetch=audit)
    return [row[0] for row in result] if audit else []


class Refs(object):
    """The reference data the addons install (départements, sectors, job families …)."""

    def __init__(self, cr):
        self.cr = cr
        cr.execute("SELECT id, code FROM pepites_department ORDER BY code")
        rows = cr.fetchall()
        self.departments = [row[0] for row in rows]
        self.department_city = {row[0]: CITIES.get(row[1], "Bordeaux") for row in rows}
        cr.execute("SELECT id FROM pepites_sector ORDER BY id")
        self.sectors = [row[0] for row in cr.fetchall()]
        cr.execute("SELECT id, rome_code FROM pepites_job_family ORDER BY sequence, id")
        self.families = cr.fetchall()
        cr.execute("SELECT code, id FROM pepites_partner_role")
        self.roles = dict(cr.fetchall())
        cr.execute("SELECT id FROM res_company ORDER BY id LIMIT 1")
        self.company = cr.fetchone()[0]

    def table_ids(self, table, where="TRUE"):
        self.cr.execute("SELECT id FROM %s WHERE %s ORDER BY id" % (table, where))
        return [row[0] for row in self.cr.fetchall()]


# ---------------------------------------------------------------------------- directory
def organisations(cr, refs, n):
    """Partner organisations, each with a role (prescriber, training body, OPCO, funder …)."""
    roles = ["prescriber", "cep_operator", "training_body", "opco", "funder", "company"]
    labels = {"prescriber": "France Travail agence", "cep_operator": "Réseau EVA site",
              "training_body": "Organisme de formation", "opco": "OPCO",
              "funder": "Financeur", "company": "Entreprise partenaire"}
    rows, kinds = [], []
    for i in range(n):
        role = roles[i % len(roles)]
        dep = refs.departments[i % 12]
        name = "%s %s %d" % (labels[role], refs.department_city[dep], i + 1)
        rows.append((name, name, True, True, "contact", dep, refs.department_city[dep],
                     refs.company, "fr_FR", True, False))
        kinds.append(role)
    ids = insert(cr, "res_partner", ["name", "display_name", "active", "is_company", "type",
                                     "department_id", "city", "company_id", "lang", "customer",
                                     "supplier"], rows)
    insert(cr, "pepites_partner_role_res_partner_rel", ["partner_id", "role_id"],
           [(pid, refs.roles[kind]) for pid, kind in zip(ids, kinds)], audit=False)
    by_role = {}
    for pid, kind in zip(ids, kinds):
        by_role.setdefault(kind, []).append(pid)
    return by_role


def siae(cr, refs, n, offset=0):
    """``n`` SIAE over the 12 départements, valid SIRET, FTE, insertion posts, sectors."""
    rows = []
    for i in range(offset, offset + n):
        dep = refs.departments[i % 12]
        name = "SIAE banc %d" % (i + 1)
        rows.append((name, name, True, True, True, KINDS[i % 5], make_siret(500000 + i), dep,
                     refs.department_city[dep], "contact", refs.company, round(5 + i % 40 * 1.5, 1),
                     4 + i % 30, i % 3 != 0, "fr_FR",
                     "Structure d'insertion par l'activité économique du territoire."))
    ids = insert(cr, "res_partner", [
        "name", "display_name", "active", "is_company", "is_siae", "siae_kind", "siret",
        "department_id", "city", "type", "company_id", "fte", "insertion_posts", "inae_member",
        "lang", "siae_presentation"], rows)
    if refs.sectors:
        insert(cr, "pepites_sector_res_partner_rel", ["partner_id", "sector_id"],
               [(pid, refs.sectors[i % len(refs.sectors)]) for i, pid in enumerate(ids)],
               audit=False)
    return ids


def people(cr, refs, n, siae_ids, offset=0):
    """``n`` people with unique e-mail addresses (numbered from ``offset``); one in three works
    in a SIAE."""
    rows = []
    for i in range(offset, offset + n):
        first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
        name = "%s %s %d" % (first, last, i + 1)
        employer = siae_ids[i % len(siae_ids)] if i % 3 == 0 else None
        dep = refs.departments[i % 12]
        rows.append((name, name, True, False, "contact", employer, dep, refs.department_city[dep],
                     "personne.%06d@bench.example.org" % (i + 1), "fr_FR", refs.company))
    return insert(cr, "res_partner", ["name", "display_name", "active", "is_company", "type",
                                      "parent_id", "department_id", "city", "email", "lang",
                                      "company_id"], rows)


def kpi_sources(cr, n):
    """``n`` KPI source records (the KPI bench's load): 60 % CEP counsellors, 35 % sector
    partnerships, 5 % ambassadors (with their people)."""
    counsellors, partnerships = int(n * 0.6), int(n * 0.35)
    ambassadors = n - counsellors - partnerships
    cr.execute("SELECT array_agg(id) FROM pepites_department")
    deps = cr.fetchone()[0]
    cr.execute("SELECT array_agg(id) FROM pepites_sector")
    sectors = cr.fetchone()[0]
    cr.execute("""
        INSERT INTO res_partner (name, display_name, active, is_company, type, is_cep_counsellor,
                                 cep_acculturation_state, cep_acculturation_date, department_id)
        SELECT 'Conseiller ' || i, 'Conseiller ' || i, true, false, 'contact', true,
               CASE WHEN i %% 3 = 0 THEN 'acculturated' ELSE 'none' END,
               CASE WHEN i %% 3 = 0 THEN date '2024-01-01' + (i %% 900) END,
               (%s::int[])[1 + i %% 12]
        FROM generate_series(1, %s) i""", (deps, counsellors))
    cr.execute("""
        INSERT INTO pepites_partnership (name, sector_id, department_id, stage, state, date_start,
                                         durable_exit_count)
        SELECT 'Partenariat ' || i, (%s::int[])[1 + i %% array_length(%s::int[], 1)],
               (%s::int[])[1 + i %% 12], 'experiment',
               (ARRAY['draft', 'active', 'done', 'cancelled'])[1 + i %% 4],
               date '2023-01-01' + (i %% 1000), i %% 7
        FROM generate_series(1, %s) i""", (sectors, sectors, deps, partnerships))
    cr.execute("""
        WITH people AS (
            INSERT INTO res_partner (name, display_name, active, is_company, type)
            SELECT 'Ambassadeur ' || i, 'Ambassadeur ' || i, true, false, 'contact'
            FROM generate_series(1, %s) i RETURNING id)
        INSERT INTO pepites_ambassador (partner_id, department_id, active, trained_on)
        SELECT id, (%s::int[])[1 + id %% 12], true,
               CASE WHEN id %% 2 = 0 THEN date '2025-01-01' + (id %% 300) END
        FROM people""", (ambassadors, deps))
    return {"counsellors": counsellors, "partnerships": partnerships, "ambassadors": ambassadors}


# ---------------------------------------------------------------------------- jobs
def offers(cr, refs, n, siae_ids):
    """``n`` published offers among ``siae_ids``, each with its mail alias and French title, as
    the portal creates them."""
    cr.execute("SELECT id FROM ir_model WHERE model = 'hr.applicant'")
    applicant_model = cr.fetchone()[0]
    cr.execute("SELECT id FROM ir_model WHERE model = 'hr.job'")
    job_model = cr.fetchone()[0]
    families = refs.families
    cr.execute("""
        WITH aliases AS (
            INSERT INTO mail_alias (alias_model_id, alias_parent_model_id, alias_contact,
                                    alias_defaults)
            SELECT %s, %s, 'everyone', '{}' FROM generate_series(1, %s)
            RETURNING id),
        numbered AS (SELECT id AS alias_id, (row_number() OVER (ORDER BY id))::int AS i
                       FROM aliases)
        INSERT INTO hr_job (name, company_id, state, no_of_recruitment, alias_id, siae_id,
                            siae_kind, job_family_id, rome_code, contract_type, weekly_hours,
                            is_part_time, city, pepites_department_id, date_published,
                            date_expire, pepites_state, website_published, feed_date,
                            website_description, description_text, view_count,
                            create_uid, create_date, write_uid, write_date)
        SELECT 'Encadrant technique d''insertion ' || i, %s, 'recruit', 1, alias_id,
               (%s::int[])[1 + i %% %s], (ARRAY['aci', 'ei', 'ai', 'etti', 'eiti'])[1 + i %% 5],
               (%s::int[])[1 + i %% %s], (%s::text[])[1 + i %% %s],
               (ARRAY['cdi', 'cdd', 'alternance', 'interim'])[1 + i %% 4],
               CASE WHEN i %% 5 = 0 THEN 24 ELSE 35 END, i %% 5 = 0,
               'Ville ' || (i %% 97), (%s::int[])[1 + i %% 12],
               current_date - (i %% 50)::int, current_date + 10 + (i %% 50)::int,
               'published', true, now() at time zone 'UTC' - (i || ' seconds')::interval,
               '<p>' || %s || '</p>', %s, 0, 1, now(), 1, now()
        FROM numbered RETURNING id""", (
        applicant_model, job_model, n, refs.company, siae_ids, len(siae_ids),
        [f[0] for f in families], len(families), [f[1] or "K1203" for f in families],
        len(families), refs.departments, DESCRIPTION, DESCRIPTION))
    job_ids = [row[0] for row in cr.fetchall()]
    # the employer's stored name (hr.job.siae_name, a stored related field)
    cr.execute("""UPDATE hr_job j SET siae_name = p.name FROM res_partner p
                   WHERE p.id = j.siae_id AND j.id = ANY(%s)""", (job_ids,))
    cr.execute("""
        UPDATE mail_alias a SET alias_parent_thread_id = j.id,
               alias_defaults = '{''job_id'': ' || j.id || '}'
          FROM hr_job j WHERE j.alias_id = a.id AND a.alias_parent_thread_id IS NULL""")
    # the French title of each offer, as a SIAE writing in French leaves it
    cr.execute("""
        INSERT INTO ir_translation (type, name, lang, res_id, src, value, state)
        SELECT 'model', 'hr.job,name', 'fr_FR', id, name, 'Encadrant·e technique d''insertion '
               || id, 'translated'
        FROM hr_job WHERE id = ANY(%s)""", (job_ids,))
    return job_ids


def applicants(cr, refs, n, job_ids, person_ids):
    cr.execute("SELECT id FROM hr_recruitment_stage ORDER BY sequence, id")
    stages = [row[0] for row in cr.fetchall()]
    cr.execute("SELECT id, siae_id, pepites_department_id FROM hr_job WHERE id = ANY(%s)",
               (job_ids[:n],))
    jobs = cr.fetchall()
    cr.execute("SELECT id, name, email FROM res_partner WHERE id = ANY(%s)", (person_ids,))
    persons = cr.fetchall()
    rows = []
    for i in range(n):
        job_id, siae_id, dep = jobs[i % len(jobs)]
        pid, name, email = persons[i % len(persons)]
        rows.append(("%s — candidature" % name, name, email, pid, job_id, siae_id, dep,
                     stages[i % len(stages)], refs.company, True, "0", 0.0, "new"))
    return insert(cr, "hr_applicant", [
        "name", "partner_name", "email_from", "partner_id", "job_id", "siae_id",
        "pepites_department_id", "stage_id", "company_id", "active", "priority",
        "probability", "pepites_siae_status"], rows)


def events(cr, refs, n, per_event, siae_ids, person_ids):
    """``n`` discovery events, half past (done) half to come, ``per_event`` registrations each
    (the last ones wait-listed on the events to come)."""
    cr.execute("SELECT id FROM event_type ORDER BY id LIMIT 1")
    event_type = (cr.fetchone() or [None])[0]
    cr.execute("SELECT id, name, email FROM res_partner WHERE id = ANY(%s) ORDER BY id",
               (person_ids,))
    persons = cr.fetchall()
    kinds = ["rally", "open_day", "discovery", "job_dating", "information"]
    labels = {"rally": "Rallye interconnaissance", "open_day": "Journée portes ouvertes",
              "discovery": "RDV Découverte IAE", "job_dating": "Job dating IAE",
              "information": "Réunion d'information"}
    event_rows, plans = [], []
    for i in range(n):
        kind, dep = kinds[i % 5], refs.departments[i % 12]
        past = i % 2 == 0
        begin = datetime.datetime.combine(TODAY + datetime.timedelta(
            days=(-(i + 10) if past else i + 10)), datetime.time(8, 0))
        seats = per_event - 4 if not past else per_event + 5
        confirmed = min(per_event, seats)
        waiting = per_event - confirmed
        plans.append((past, confirmed, waiting))
        event_rows.append((
            "%s %s n°%d" % (labels[kind], refs.department_city[dep], i + 1), kind, dep,
            True, refs.company, event_type, seats, 0, "limited", "Europe/Paris", begin,
            begin + datetime.timedelta(hours=8), "done" if past else "confirm", True, True,
            0 if past else confirmed, confirmed if past else 0, 0, seats - confirmed, False))
    event_ids = insert(cr, "event_event", [
        "name", "pepites_kind", "pepites_department_id", "active", "company_id",
        "event_type_id", "seats_max", "seats_min", "seats_availability", "date_tz",
        "date_begin", "date_end", "state", "auto_confirm", "website_published",
        "seats_reserved", "seats_used", "seats_unconfirmed", "seats_available",
        "website_menu"], event_rows)
    insert(cr, "event_event_host_siae_rel", ["event_id", "partner_id"],
           [(eid, siae_ids[i % len(siae_ids)]) for i, eid in enumerate(event_ids)], audit=False)
    rows, k = [], 0
    for event_id, (past, confirmed, waiting), erow in zip(event_ids, plans, event_rows):
        for j in range(confirmed + waiting):
            pid, name, email = persons[k % len(persons)]
            k += 1
            state = ("done" if past else "open") if j < confirmed else "waiting"
            rows.append((event_id, pid, name, email, state, refs.company, erow[1], erow[2],
                         j % 2 == 0, "Conseiller CEP" if j % 3 == 0 else None))
    registration_ids = insert(cr, "event_registration", [
        "event_id", "partner_id", "name", "email", "state", "company_id", "pepites_kind",
        "pepites_department_id", "in_career_change", "referred_by"], rows)
    return event_ids, registration_ids


def orientations(cr, refs, n, person_ids, siae_ids, org, event_ids):
    states = ["proposed", "interview", "immersion", "poei", "hired", "dropped"]
    cr.execute("SELECT id FROM res_partner WHERE is_cep_counsellor ORDER BY id LIMIT 200")
    counsellors = [row[0] for row in cr.fetchall()] or [None]
    prescribers = org.get("prescriber") or [None]
    rows = []
    for i in range(n):
        kind = ["counsellor", "prescriber", "event"][i % 3]
        state = states[i % 6]
        proposed = TODAY - datetime.timedelta(days=i % 700)
        rows.append((person_ids[i % len(person_ids)], kind,
                     counsellors[i % len(counsellors)] if kind == "counsellor" else None,
                     prescribers[i % len(prescribers)] if kind == "prescriber" else None,
                     event_ids[i % len(event_ids)] if kind == "event" and event_ids else None,
                     refs.families[i % len(refs.families)][0], siae_ids[i % len(siae_ids)],
                     refs.departments[i % 12], state, proposed,
                     proposed + datetime.timedelta(days=20) if state in ("hired", "dropped")
                     else None, "no_news" if state == "dropped" else None,
                     "Orientation %d" % (i + 1)))
    return insert(cr, "pepites_orientation", [
        "person_id", "referrer_kind", "counsellor_id", "prescriber_id", "event_id",
        "job_family_id", "siae_id", "department_id", "state", "date_proposed", "date_closed",
        "drop_reason", "name"], rows)


def immersions(cr, refs, n, person_ids, siae_ids, org, orientation_ids):
    """PMSMP conventions of at most one month, over every state of their workflow."""
    cr.execute("SELECT id, department_id FROM res_partner WHERE id = ANY(%s)", (siae_ids,))
    siae_dep = dict(cr.fetchall())
    prescribers = org.get("prescriber") or org[sorted(org)[0]]
    states = ["draft", "to_sign", "signed", "validated", "in_progress", "done", "cancelled"]
    rows = []
    for i in range(n):
        host = siae_ids[i % len(siae_ids)]
        start = TODAY + datetime.timedelta(days=(i % 200) - 150)
        state = states[i % 7]
        signed = start - datetime.timedelta(days=5) if state not in ("draft", "to_sign",
                                                                     "cancelled") else None
        rows.append(("PMSMP-BANC-%06d" % (i + 1), state, person_ids[i % len(person_ids)],
                     prescribers[i % len(prescribers)], host, siae_dep[host],
                     orientation_ids[i % len(orientation_ids)] if orientation_ids and i % 2 == 0
                     else None, ["discover", "confirm", "recruit"][i % 3],
                     refs.families[i % len(refs.families)][1] or "K1203", "Agent de tri",
                     start, start + datetime.timedelta(days=13), 35.0, 35.0, signed, signed,
                     signed, signed if state in ("validated", "in_progress", "done") else None,
                     "completed" if state == "done" else None, state == "done" and i % 4 == 0))
    return insert(cr, "pepites_immersion", [
        "name", "state", "beneficiary_id", "prescriber_id", "host_siae_id", "department_id",
        "orientation_id", "objective", "rome_code", "job_title", "date_start", "date_end",
        "weekly_hours", "host_weekly_hours", "beneficiary_signed_date", "host_signed_date",
        "prescriber_signed_date", "validated_date", "assessment_result", "ended_with_job"], rows)


def poei(cr, refs, n, person_ids, siae_ids, org):
    cr.execute("SELECT id, department_id FROM res_partner WHERE id = ANY(%s)", (siae_ids,))
    siae_dep = dict(cr.fetchall())
    bodies = org.get("training_body") or [None]
    funders = org.get("funder") or [None]
    rows = []
    for i in range(n):
        employer = siae_ids[i % len(siae_ids)]
        start = TODAY - datetime.timedelta(days=i % 400)
        state = ["draft", "in_progress", "done", "cancelled"][i % 4]
        rows.append((person_ids[-(i % len(person_ids)) - 1], employer, siae_dep[employer],
                     bodies[i % len(bodies)], funders[i % len(funders)],
                     refs.families[i % len(refs.families)][0], "Encadrant technique",
                     float(100 + i % 300), start, start + datetime.timedelta(days=60), state,
                     state == "done" and i % 2 == 0, "POEI %d" % (i + 1)))
    return insert(cr, "pepites_poei", [
        "candidate_id", "siae_id", "department_id", "training_body_id", "funder_id",
        "job_family_id", "job_title", "hours", "date_start", "date_end", "state", "hired",
        "name"], rows)


# ---------------------------------------------------------------------------- training
def training(cr, refs, scale, person_ids, siae_ids, org):
    """Sessions of the installed modules with registrations and daily attendance; alternance,
    VAE, internal trainers, AFEST and module completions."""
    counts = {}
    modules = refs.table_ids("pepites_training_module")
    cr.execute("SELECT id, specialty FROM pepites_training_module ORDER BY id")
    specialty = dict(cr.fetchall())
    cr.execute("SELECT id FROM pepites_certification ORDER BY id")
    certifications = [row[0] for row in cr.fetchall()]
    cr.execute("SELECT id, certification_id FROM pepites_competence_block ORDER BY id")
    blocks = cr.fetchall()
    cr.execute("SELECT id, parent_id FROM res_partner WHERE id = ANY(%s)", (person_ids,))
    employer_of = dict(cr.fetchall())
    cr.execute("SELECT id, department_id FROM res_partner WHERE id = ANY(%s)", (siae_ids,))
    siae_dep = dict(cr.fetchall())
    staff = [pid for pid in person_ids if employer_of.get(pid)]
    bodies = org.get("training_body") or [None]
    opcos = org.get("opco") or [None]
    n_sessions, size = scaled("sessions", scale), SIZES["session_size"]
    rows, plans = [], []
    for i in range(n_sessions):
        start = TODAY + datetime.timedelta(days=(i % 300) - 200)
        state = "done" if start < TODAY - datetime.timedelta(days=10) else "confirmed"
        module = modules[i % len(modules)]
        rows.append(("Session %d" % (i + 1), module, specialty[module], start,
                     start + datetime.timedelta(days=3), refs.departments[i % 12], state, size + 5,
                     False, size, size if state == "done" else 0,
                     refs.department_city[refs.departments[i % 12]]))
        plans.append((module, start, state))
    session_ids = insert(cr, "pepites_training_session", [
        "name", "module_id", "specialty", "date_start", "date_end", "department_id", "state",
        "seats_max", "is_experimental", "participant_count", "attended_count", "location"], rows)
    rows, k = [], 0
    for session_id, (module, start, state) in zip(session_ids, plans):
        for j in range(size):
            pid = staff[k % len(staff)]
            k += 1
            employer = employer_of[pid]
            rows.append((session_id, module, pid, employer, siae_dep[employer], start,
                         start + datetime.timedelta(days=3), 4 if state == "done" else 0,
                         28.0 if state == "done" else 0.0, 100.0 if state == "done" else 0.0,
                         "permanent", "attended" if state == "done" else "registered"))
    registration_ids = insert(cr, "pepites_training_registration", [
        "session_id", "module_id", "partner_id", "employer_id", "department_id", "date_start",
        "date_end", "present_days", "attended_hours", "attendance_rate", "participant_kind",
        "state"], rows)
    attendance = []
    for reg_id, row in zip(registration_ids, rows):
        if row[-1] == "attended":
            for day in range(4):
                attendance.append((reg_id, row[0], row[2], row[3],
                                   row[5] + datetime.timedelta(days=day), 7.0, "present"))
    insert(cr, "pepites_training_attendance", ["registration_id", "session_id", "partner_id",
                                               "employer_id", "date", "hours", "state"],
           attendance)
    counts.update(sessions=len(session_ids), training_registrations=len(registration_ids),
                  attendances=len(attendance))
    # alternance (ETI) and VAE (ETAIE) with their sessions
    eti = certifications[0]
    etaie = certifications[-1]
    alt_sessions = insert(cr, "pepites_alternance_session", [
        "name", "certification_id", "training_centre_id", "department_id", "date_start",
        "date_end", "seats_max"], [
        ("Session ETI %d" % (i + 1), eti, bodies[i % len(bodies)], refs.departments[i % 12],
         TODAY - datetime.timedelta(days=300 - i * 20), TODAY + datetime.timedelta(days=65 + i),
         15) for i in range(max(1, scaled("alternances", scale) // 12))])
    rows = []
    for i in range(scaled("alternances", scale)):
        pid = staff[-(i % len(staff)) - 1]
        employer = employer_of[pid]
        start = TODAY - datetime.timedelta(days=i % 400)
        rows.append(("ALT-BANC-%05d" % (i + 1), pid, employer, siae_dep[employer], eti,
                     bodies[i % len(bodies)], alt_sessions[i % len(alt_sessions)],
                     ["apprentissage", "professionnalisation"][i % 2], 35.0, opcos[i % len(opcos)],
                     6500.0, start, start + datetime.timedelta(days=365),
                     ["signed", "in_progress", "certified", "prospect"][i % 4]))
    counts["alternances"] = len(insert(cr, "pepites_alternance", [
        "name", "apprentice_id", "employer_id", "department_id", "certification_id",
        "training_centre_id", "session_id", "contract_type", "weekly_hours", "opco_id",
        "funding_amount", "date_start", "date_end", "state"], rows))
    vae_sessions = insert(cr, "pepites_vae_session", [
        "name", "certification_id", "department_id", "date_start", "date_end", "location"], [
        ("VAE ETAIE %d" % (i + 1), etaie, refs.departments[i % 12],
         TODAY - datetime.timedelta(days=200 - i * 10), TODAY + datetime.timedelta(days=100),
         refs.department_city[refs.departments[i % 12]])
        for i in range(max(1, scaled("vae", scale) // 12))])
    rows = []
    for i in range(scaled("vae", scale)):
        pid = staff[(i * 7) % len(staff)]
        employer = employer_of[pid]
        rows.append(("VAE-BANC-%05d" % (i + 1), pid, employer, siae_dep[employer], etaie,
                     vae_sessions[i % len(vae_sessions)], "collective",
                     ["draft", "admissible", "file", "jury"][i % 4]))
    counts["vae"] = len(insert(cr, "pepites_vae", [
        "name", "candidate_id", "employer_id", "department_id", "certification_id",
        "session_id", "mode", "state"], rows))
    # internal trainers (one partner each) and AFEST actions
    trainer_rows = []
    for i in range(scaled("trainers", scale)):
        pid = staff[(i * 13 + 5) % len(staff)]
        employer = employer_of[pid]
        trainer_rows.append((pid, employer, siae_dep[employer], refs.families[0][0], True,
                             TODAY - datetime.timedelta(days=100 + i), True, i % 2 == 0,
                             "qualified"))
    seen, unique_rows = set(), []
    for row in trainer_rows:
        if row[0] not in seen:
            seen.add(row[0])
            unique_rows.append(row)
    trainers = insert(cr, "pepites_internal_trainer", [
        "partner_id", "employer_id", "department_id", "job_family_id", "active", "trained_date",
        "afest_qualified", "campus_qualified", "state"], unique_rows)
    rows = []
    for i in range(scaled("afest", scale)):
        pid = staff[(i * 11 + 3) % len(staff)]
        employer = employer_of[pid]
        block_id, cert_id = blocks[i % len(blocks)] if blocks else (None, None)
        rows.append(("AFEST-BANC-%05d" % (i + 1), employer, siae_dep[employer],
                     trainers[i % len(trainers)] if trainers else None, pid, block_id, cert_id,
                     TODAY - datetime.timedelta(days=i % 200), TODAY + datetime.timedelta(days=60),
                     ["draft", "in_progress", "done"][i % 3]))
    counts["afest"] = len(insert(cr, "pepites_afest", [
        "name", "employer_id", "department_id", "trainer_id", "learner_id", "block_id",
        "certification_id", "date_start", "date_end", "state"], rows))
    rows, pairs = [], set()
    for i in range(scaled("completions", scale)):
        module, pid = modules[i % len(modules)], staff[(i // len(modules)) % len(staff)]
        if (module, pid) in pairs:
            continue
        pairs.add((module, pid))
        done = i % 3 == 0
        rows.append((module, pid, "completed" if done else "in_progress", done,
                     datetime.datetime.now() if done else None))
    counts["completions"] = len(insert(cr, "pepites_module_completion", [
        "module_id", "partner_id", "state", "quiz_passed", "date_completed"], rows))
    return counts


# ---------------------------------------------------------------------------- badges, KPI
def badges(env, scale, person_ids):
    """Badge classes through the ORM (image, constraints) and their assertions through the
    bulk path every way of issuing uses (hashing, baking, attachments)."""
    Class = env["pepites.badge.class"]
    n_classes = scaled("badge_classes", scale)
    classes = Class
    for i in range(n_classes):
        classes |= Class.create({
            "name": "Compétence banc %d" % (i + 1), "description": "Badge généré pour le banc.",
            "criteria_narrative": "Avoir suivi le module et réussi l'évaluation.",
            "audience": "staff" if i % 2 == 0 else "salarie", "state": "published",
            "expiry_months": 24 if i % 3 == 0 else 0})
    env.cr.execute("SELECT id, email FROM res_partner WHERE id = ANY(%s) ORDER BY id",
                   (person_ids,))
    persons = env.cr.fetchall()
    total = scaled("assertions", scale)
    per_class = -(-total // n_classes)
    issued = 0
    for index, badge in enumerate(classes):
        chunk = persons[index * per_class:(index + 1) * per_class][:total - issued]
        results = badge._issue_batch([{"partner_id": pid, "email": email} for pid, email in chunk],
                                     send_mail=False)
        issued += sum(1 for r in results if r["status"] == "issued")
    return {"badge_classes": n_classes, "assertions": issued}


def kpi_snapshots(cr, refs, months=24):
    """Monthly snapshots of every indicator, regional and by département."""
    cr.execute("SELECT id, action_sheet FROM pepites_kpi_indicator ORDER BY id")
    indicators = cr.fetchall()
    rows = []
    first = TODAY.replace(day=1)
    for m in range(months):
        year, month0 = divmod(first.year * 12 + first.month - 1 - m, 12)
        month = datetime.date(year, month0 + 1, 1)
        for ind_id, sheet in indicators:
            rows.append((ind_id, month, None, True, float(m * 3 + ind_id), sheet))
            for dep in refs.departments:
                rows.append((ind_id, month, dep, False, float(m + ind_id % 7), sheet))
    # one snapshot per indicator, month and département
    return len(insert(cr, "pepites_kpi_snapshot", [
        "indicator_id", "month", "department_id", "is_regional", "value", "action_sheet"],
        rows))


def fix_partners(cr):
    """Stored columns the ORM computes on create: commercial partner, share flag."""
    cr.execute("""UPDATE res_partner SET commercial_partner_id = COALESCE(parent_id, id),
                         partner_share = true
                   WHERE commercial_partner_id IS NULL""")


# ---------------------------------------------------------------------------- all
def _stderr(text):
    print(text, file=sys.stderr, flush=True)


def generate(env, scale=1.0, log=_stderr):
    """Populate the database of ``env`` (the five addons installed) with one region × ``scale``;
    return {section: rows}."""
    cr = env.cr
    refs = Refs(cr)
    counts, start = {}, time.perf_counter()

    def step(name, value):
        counts[name] = value if isinstance(value, int) else len(value)
        log("  %-24s %8d rows  (%.1f s)" % (name, counts[name], time.perf_counter() - start))
        return value

    org = organisations(cr, refs, scaled("organisations", scale))
    step("organisations", sum(len(v) for v in org.values()))
    siae_ids = step("siae", siae(cr, refs, scaled("siae", scale)))
    person_ids = step("people", people(cr, refs, scaled("people", scale), siae_ids))
    for key, value in kpi_sources(cr, scaled("kpi_sources", scale)).items():
        step("kpi " + key, value)
    job_ids = step("offers", offers(cr, refs, scaled("offers", scale), siae_ids))
    step("applicants", applicants(cr, refs, scaled("applicants", scale), job_ids, person_ids))
    event_ids, registration_ids = events(cr, refs, scaled("events", scale), SIZES["registrations"],
                                         siae_ids, person_ids)
    step("events", event_ids)
    step("event registrations", registration_ids)
    orientation_ids = step("orientations", orientations(
        cr, refs, scaled("orientations", scale), person_ids, siae_ids, org, event_ids))
    step("immersions", immersions(cr, refs, scaled("immersions", scale), person_ids, siae_ids,
                                  org, orientation_ids))
    step("poei", poei(cr, refs, scaled("poei", scale), person_ids, siae_ids, org))
    for key, value in training(cr, refs, scale, person_ids, siae_ids, org).items():
        step(key, value)
    fix_partners(cr)
    for key, value in badges(env, scale, person_ids).items():
        step(key, value)
    step("kpi snapshots", kpi_snapshots(cr, refs))
    cr.execute("ANALYZE")
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--scale", type=float,
                        default=float(os.environ.get("PEPITES_BENCH_SCALE", "1")))
    parser.add_argument("--new", action="store_true",
                        help="copy the test template into --db and install the five addons")
    args = parser.parse_args()
    config = benchlib.write_config("generate", args.db, benchlib.free_port())
    if args.new:
        benchlib.prepare_scratch_db(args.db, config, ADDONS)
    import odoo
    _stderr("generating scale %g into %s..." % (args.scale, args.db))
    start = time.perf_counter()
    with benchlib.registry_on(config, args.db) as registry, registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        counts = generate(env, args.scale)
        cr.commit()
    seconds = time.perf_counter() - start
    print("\n## Generated dataset: scale %g, %d records in %.0f s (%.0f records/s)\n"
          % (args.scale, sum(counts.values()), seconds, sum(counts.values()) / seconds))
    print(benchlib.table([(name, count) for name, count in counts.items()],
                         header=("records", "rows")))


if __name__ == "__main__":
    main()
