from psycopg2 import sql

from odoo import api, fields, models

#: a registration or an application belongs to the person it names, or to whoever has its
#: e-mail (people register and apply on the website before INAÉ knows them)
_SAME_PERSON = ("p.id = {alias}.partner_id OR ({alias}.{email} IS NOT NULL AND p.email IS NOT NULL "
                "AND lower({alias}.{email}) = lower(p.email))")


class PepitesPathLine(models.Model):
    """The jobs side of a person's path: discovery events, orientations and their interviews,
    PMSMP immersions, POEI, applications and hires."""

    _inherit = "pepites.path.line"

    kind = fields.Selection(selection_add=[
        ("event", "Event"), ("orientation", "Orientation"), ("interview", "Interview"),
        ("immersion", "PMSMP immersion"), ("poei", "POEI"), ("application", "Application"),
        ("hire", "Hire")])

    @api.model_cr
    def init(self):
        """Index what a registration or an application is matched to its person on (the
        contact, or the e-mail whatever its case): a person's path is read by index."""
        for table, email in (("event_registration", "email"), ("hr_applicant", "email_from")):
            self.env.cr.execute(sql.SQL(
                "CREATE INDEX IF NOT EXISTS {lower_index} ON {table} (lower({email})); "
                "CREATE INDEX IF NOT EXISTS {partner_index} ON {table} (partner_id)").format(
                    lower_index=sql.Identifier("%s_lower_%s_index" % (table, email)),
                    partner_index=sql.Identifier("%s_pepites_partner_id_index" % table),
                    table=sql.Identifier(table), email=sql.Identifier(email)))
        super(PepitesPathLine, self).init()

    @api.model
    def _path_sources(self):
        return super(PepitesPathLine, self)._path_sources() + [
            {"code": 1, "kind": "event", "model": "event.registration", "query": (
                "SELECT r.id, r.id, p.id, "
                "(e.date_begin AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/Paris')::date, e.name, "
                "r.state FROM event_registration r JOIN event_event e ON e.id = r.event_id "
                "JOIN res_partner p ON " + _SAME_PERSON.format(alias="r", email="email"))},
            {"code": 2, "kind": "orientation", "model": "pepites.orientation", "query": (
                "SELECT o.id, o.id, o.person_id, o.date_proposed, o.name, o.state "
                "FROM pepites_orientation o")},
            {"code": 3, "kind": "interview", "model": "pepites.orientation",
             "state_field": None, "query": (
                 "SELECT o.id, o.id, o.person_id, o.date_interview, COALESCE(s.name, o.name), "
                 "NULL FROM pepites_orientation o LEFT JOIN res_partner s ON s.id = o.siae_id "
                 "WHERE o.date_interview IS NOT NULL")},
            {"code": 4, "kind": "immersion", "model": "pepites.immersion", "query": (
                "SELECT i.id, i.id, i.beneficiary_id, i.date_start, "
                "i.name || ' — ' || h.name, i.state FROM pepites_immersion i "
                "JOIN res_partner h ON h.id = i.host_siae_id")},
            {"code": 5, "kind": "poei", "model": "pepites.poei", "query": (
                "SELECT t.id, t.id, t.candidate_id, t.date_start, t.name, t.state "
                "FROM pepites_poei t")},
            {"code": 6, "kind": "application", "model": "hr.applicant",
             "state_field": "stage_id", "query": (
                 "SELECT a.id, a.id, p.id, "
                 "(a.create_date AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/Paris')::date, "
                 "COALESCE(j.name, a.name), a.stage_id FROM hr_applicant a "
                 "LEFT JOIN hr_job j ON j.id = a.job_id "
                 "JOIN res_partner p ON " + _SAME_PERSON.format(alias="a", email="email_from"))},
            # hired: the application closed in a hiring stage and still active (as the
            # retention rule "recruitment_hired" says, hr_applicant._privacy_expired_domain)
            {"code": 7, "kind": "hire", "model": "hr.applicant", "state_field": None, "query": (
                "SELECT a.id, a.id, p.id, "
                "(a.date_closed AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/Paris')::date, "
                "COALESCE(j.name, a.name) || COALESCE(' — ' || s.name, ''), NULL "
                "FROM hr_applicant a LEFT JOIN hr_job j ON j.id = a.job_id "
                "LEFT JOIN res_partner s ON s.id = j.siae_id "
                "JOIN res_partner p ON " + _SAME_PERSON.format(alias="a", email="email_from")
                + " WHERE a.date_closed IS NOT NULL AND a.active")},
        ]
