"""A person with a record of every kind and every kind of file (issue 15), for the erasure,
retention and export tests; built in pepites_kpi, the one addon that sees every model."""
import base64
import datetime
import itertools
import os

from dateutil.relativedelta import relativedelta

from odoo import fields

_counter = itertools.count(1)


def day(offset_days=0, months=0):
    """A date string ``months`` and ``offset_days`` from today."""
    return fields.Date.to_string(datetime.date.today() + relativedelta(
        months=months, days=offset_days))


def set_write_date(date, *recordsets):
    """Backdate the last change of the records (what the retention of applications and
    orientations counts from): a test set-up, nothing the ORM lets a user do."""
    for records in recordsets:
        records.env.cr.execute(
            "UPDATE %s SET write_date = %%s WHERE id IN %%s" % records._table,
            ("%s 12:00:00" % date, tuple(records.ids)))
        records.invalidate_cache()


def indicator_values(env):
    """{indicator code: {département id: value}} of every indicator, active or not."""
    indicators = env["pepites.kpi.indicator"].with_context(active_test=False).search([])
    values = indicators._values_by_department()
    return {indicator.code: values[indicator.id] for indicator in indicators}


class Person(object):
    """The records of one person, with the strings that identify them."""

    def __init__(self, env, tag, siae, end=None, signed=False):
        """Build everything about a person ``tag``, their actions ending on ``end`` (a date
        string; default: a month ago); their PMSMP convention signed when ``signed``."""
        n = next(_counter)
        end = end or day(-30)
        self.env = env
        self.name = "Zoéline Quarvenet%s %d" % (tag, n)
        self.email = "zoeline.quarvenet.%s.%d@example.org" % (tag.lower(), n)
        self.phone = "06 91 %02d %02d 77" % (n % 100, len(tag))
        self.cv_bytes = b"%PDF-1.4\n% CV ZQXCV" + os.urandom(8).hex().encode() + b"\n%%EOF\n"
        self.evidence_bytes = b"ZQXEVIDENCE" + os.urandom(8).hex().encode()
        Partner = env["res.partner"]
        self.partner = Partner.create({
            "name": self.name, "email": self.email, "phone": self.phone,
            "street": "3 impasse Quarvenet", "zip": "33000", "city": "Bordeaux",
            "department_id": env.ref("pepites_partners.department_33").id})
        self.job = env["hr.job"].search([("siae_id", "!=", False)], limit=1)
        self.applicant = env["hr.applicant"].create({
            "name": "%s — candidature" % self.name, "partner_id": self.partner.id,
            "partner_name": self.name, "email_from": self.email, "partner_phone": self.phone,
            "description": "Lettre de %s" % self.name, "job_id": self.job.id})
        self.cv = env["ir.attachment"].create({
            "name": "CV %s.pdf" % self.name, "datas_fname": "CV %s.pdf" % self.name,
            "res_model": "hr.applicant", "res_id": self.applicant.id,
            "datas": base64.b64encode(self.cv_bytes)})
        self.event = env["event.event"].create({
            "name": "Rallye test %d" % n, "date_begin": "%s 08:00:00" % end,
            "date_end": "%s 17:00:00" % end, "seats_availability": "unlimited"})
        self.registration = env["event.registration"].create({
            "event_id": self.event.id, "partner_id": self.partner.id, "name": self.name,
            "email": self.email, "phone": self.phone, "current_job": "Vendeuse"})
        self.orientation = env["pepites.orientation"].create({
            "person_id": self.partner.id, "referrer_kind": "prescriber", "siae_id": siae.id,
            "note": "Rencontrée par %s" % self.name, "date_proposed": day(-400, -12)})
        prescriber = Partner.search([("is_company", "=", True), ("is_siae", "=", False)],
                                    limit=1)
        self.immersion = env["pepites.immersion"].create({
            "beneficiary_id": self.partner.id, "prescriber_id": prescriber.id,
            "host_siae_id": siae.id, "objective": "discover", "rome_code": "K1203",
            "job_title": "Vendeuse", "date_start": fields.Date.to_string(
                fields.Date.from_string(end) - datetime.timedelta(days=10)),
            "date_end": end, "weekly_hours": 35, "host_weekly_hours": 35,
            "feedback": "Bilan de %s" % self.name})
        if signed:
            self.immersion.write({"beneficiary_signed_date": end, "state": "signed"})
        self.poei = env["pepites.poei"].create({
            "candidate_id": self.partner.id, "siae_id": siae.id, "hours": 300,
            "date_start": fields.Date.to_string(
                fields.Date.from_string(end) - datetime.timedelta(days=60)),
            "date_end": end, "note": "POEI de %s" % self.name})
        if signed:
            self.poei.write({"state": "in_progress"})
        self._training(env, siae, end, n)
        self._badge(env)
        self.orientation.message_post(body="Message de %s" % self.name,
                                      author_id=self.partner.id, message_type="comment")
        self.partner.message_post(body="Appel de %s (%s)" % (self.name, self.phone))
        self.mail = env["mail.mail"].create({
            "subject": "Convocation", "body_html": "<p>Bonjour %s</p>" % self.name,
            "email_to": self.email, "recipient_ids": [(6, 0, self.partner.ids)]})

    def _training(self, env, siae, end, n):
        cert = env.ref("pepites_training.certification_eti")
        module = env["pepites.training.module"].create({"name": "Module test %d" % n})
        start = fields.Date.to_string(fields.Date.from_string(end) - datetime.timedelta(days=2))
        session = env["pepites.training.session"].create({
            "name": "Session test %d" % n, "module_id": module.id, "date_start": start,
            "date_end": end})
        self.training = env["pepites.training.registration"].create({
            "session_id": session.id, "partner_id": self.partner.id, "employer_id": siae.id})
        self.attendance = env["pepites.training.attendance"].create({
            "registration_id": self.training.id, "date": end})
        self.alternance = env["pepites.alternance"].create({
            "apprentice_id": self.partner.id, "employer_id": siae.id,
            "certification_id": cert.id, "date_start": start, "date_end": end,
            "note": "Suivi de %s" % self.name})
        self.vae = env["pepites.vae"].create({
            "candidate_id": self.partner.id, "employer_id": siae.id,
            "certification_id": cert.id, "jury_date": end, "note": "VAE de %s" % self.name})
        self.vae_result = env["pepites.vae.block.result"].create({
            "vae_id": self.vae.id, "block_id": cert.block_ids[0].id,
            "comment": "Jury de %s" % self.name})
        self.afest = env["pepites.afest"].create({
            "employer_id": siae.id, "learner_id": self.partner.id, "date_start": start,
            "date_end": end, "note": "AFEST de %s" % self.name})
        self.evidence = env["ir.attachment"].create({
            "name": "Preuve.pdf", "datas": base64.b64encode(self.evidence_bytes)})
        self.afest.phase_ids[:1].write({"attachment_ids": [(6, 0, self.evidence.ids)]})
        self.completion = env["pepites.module.completion"].create({
            "module_id": module.id, "partner_id": self.partner.id, "date_completed":
            "%s 10:00:00" % end, "state": "completed"})

    def _badge(self, env):
        badge_class = env["pepites.badge.class"].search(
            [("audience", "=", "salarie"), ("state", "=", "published")], limit=1)
        results = badge_class._issue_batch([{
            "partner_id": self.partner.id, "email": self.email,
            "evidence_narrative": "Évaluée : %s" % self.name}], send_mail=False)
        self.badge = env["pepites.badge.assertion"].browse(results[0]["assertion_id"])

    def strings(self):
        """What identifies the person, searched for everywhere after an erasure."""
        return [self.name, self.email, self.phone]

    def records(self):
        """Every record about the person, for the retention and erasure checks."""
        return [self.partner, self.applicant, self.registration, self.orientation,
                self.immersion, self.poei, self.training, self.attendance, self.alternance,
                self.vae, self.vae_result, self.afest, self.completion, self.badge]


def text_columns(cr):
    """(table, column) of every text, varchar and jsonb column of the database's tables."""
    cr.execute("""
        SELECT c.table_name, c.column_name FROM information_schema.columns c
          JOIN information_schema.tables t
            ON t.table_name = c.table_name AND t.table_schema = c.table_schema
         WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
           AND c.data_type IN ('text', 'character varying', 'jsonb')""")
    return cr.fetchall()


def database_hits(cr, strings):
    """``["table.column: string", ...]`` where one of ``strings`` is found, in any text,
    varchar or jsonb column (one query per table)."""
    by_table = {}
    for table, column in text_columns(cr):
        by_table.setdefault(table, []).append(column)
    hits = []
    for table, columns in sorted(by_table.items()):
        for value in strings:
            clauses = " OR ".join('"%s"::text ILIKE %%s' % column for column in columns)
            cr.execute('SELECT %s FROM "%s" WHERE %s' % (
                ", ".join('"%s"::text ILIKE %%s' % column for column in columns), table,
                clauses), ["%" + value + "%"] * (2 * len(columns)))
            for row in cr.fetchall():
                hits.extend("%s.%s: %s" % (table, column, value)
                            for column, found in zip(columns, row) if found)
    return sorted(set(hits))


def filestore_hits(env, needles):
    """Files of the database's filestore holding one of ``needles`` (bytes)."""
    root = env["ir.attachment"]._filestore()
    hits = []
    for dirpath, _dirnames, filenames in os.walk(root):
        for filename in filenames:
            path = os.path.join(dirpath, filename)
            with open(path, "rb") as handle:
                content = handle.read()
            hits.extend(path for needle in needles if needle in content)
    return hits
