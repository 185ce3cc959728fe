"""Records the tests of discovery events, orientations, immersions and POEI stand on (created
by the tests, on top of the cast of pepites_partners: SIAE A in Gironde, SIAE B in Dordogne,
one user per role)."""
import datetime

from odoo import fields

from odoo.addons.pepites_partners.tests.common import (
    PepitesCase, PepitesHttpCastCase, create_user)

from .common import PAGE_TIMEOUT


def today(offset=0):
    return fields.Date.to_string(datetime.date.today() + datetime.timedelta(days=offset))


def moment(days=0, hours=0):
    return fields.Datetime.to_string(
        datetime.datetime.now().replace(microsecond=0)
        + datetime.timedelta(days=days, hours=hours))


def setup_pathways(case, env):
    """Add to ``case``: a CEP counsellor (portal user), a person in career change, a limited
    open day and a RDV Découverte, and helpers to create immersions."""
    Partner = env["res.partner"]
    case.cep_operator = Partner.create({
        "name": "CIBC Test", "is_company": True,
        "pepites_role_ids": [(6, 0, [env.ref("pepites_partners.partner_role_cep_operator").id])]})
    case.counsellor = Partner.create({
        "name": "Carole Conseillère", "parent_id": case.cep_operator.id,
        "email": "carole@cibc.example.org", "is_cep_counsellor": True})
    case.user_counsellor = create_user(env, "test_counsellor", ["base.group_portal"],
                                       partner=case.counsellor)
    case.person = Partner.create({"name": "Paul Reconversion",
                                  "email": "paul@example.org"})
    case.tutor_a = Partner.create({"name": "Thierry Tuteur", "parent_id": case.siae_a.id})
    case.Event = env["event.event"]
    case.Registration = env["event.registration"]
    case.event = case.Event.create({
        "name": "Journée portes ouvertes test", "pepites_kind": "open_day",
        "pepites_department_id": case.dep_24.id, "host_siae_ids": [(6, 0, case.siae_b.ids)],
        "date_begin": moment(days=10), "date_end": moment(days=10, hours=6),
        "seats_availability": "limited", "seats_max": 2, "website_published": True,
        "auto_confirm": True,
    })
    case.event.button_confirm()
    case.discovery = case.Event.create({
        "name": "RDV Découverte IAE test", "pepites_kind": "discovery",
        "pepites_department_id": case.dep_33.id,
        "date_begin": moment(days=3), "date_end": moment(days=3, hours=3),
        "seats_availability": "unlimited",
    })
    case.discovery.button_confirm()


def person_values(name, email, **extra):
    values = {"name": name, "email": email, "phone": False, "in_career_change": True,
              "current_job": "Comptable", "referred_by": False}
    values.update(extra)
    return values


def immersion_values(case, **extra):
    values = {
        "beneficiary_id": case.person.id, "prescriber_id": case.prescriber.id,
        "host_siae_id": case.siae_a.id, "tutor_id": case.tutor_a.id, "objective": "discover",
        "rome_code": "K1203", "job_title": "Encadrant technique d'insertion",
        "date_start": today(5), "date_end": today(18), "weekly_hours": 35,
        "daily_schedule": "9h-12h30 / 13h30-17h", "activities": "Encadrement d'une équipe",
        "safety_equipment": "Chaussures de sécurité, gants",
    }
    values.update(extra)
    return values


class PathwaysCase(PepitesCase):
    """ORM tests: the cast plus the records above."""

    @classmethod
    def setUpClass(cls):
        super(PathwaysCase, cls).setUpClass()
        setup_pathways(cls, cls.env)


class PathwaysHttpCase(PepitesHttpCastCase):
    """HTTP and XML-RPC tests on the test server's cursor."""

    def setUp(self):
        super(PathwaysHttpCase, self).setUp()
        setup_pathways(self, self.env)

    def url_open(self, url, data=None, timeout=PAGE_TIMEOUT, files=None):
        return super(PathwaysHttpCase, self).url_open(url, data=data, timeout=timeout,
                                                      files=files)
