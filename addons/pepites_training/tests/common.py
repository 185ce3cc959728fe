"""Fixtures of the pepites_training tests: two SIAE with employees, one user per role, the titles
with their blocks, sessions and an eLearning module.

:func:`setup_training_cast` builds them on any environment, so that the SavepointCase and the
HttpCase (whose environment shares the test HTTP server's cursor) use the same cast.
"""
import itertools

from stdnum import luhn

from odoo import fields
from odoo.tests.common import HOST, PORT, SavepointCase

from odoo.addons.pepites_partners.tests.common import PepitesHttpCase, ensure_assets

_counter = itertools.count(1)


def make_siret():
    """A SIRET whose SIREN and SIRET Luhn keys are right, unique within the run."""
    number = next(_counter)
    base = "8%07d" % (number % 10 ** 7)
    siren = base + luhn.calc_check_digit(base)
    nic = "%04d" % (number % 10 ** 4)
    return siren + nic + luhn.calc_check_digit(siren + nic)


def create_user(env, login, groups, partner=None):
    """A user whose password is its login."""
    values = {"name": partner.name if partner else login.replace("_", " ").title(),
              "login": login, "password": login,
              "email": "%s@example.org" % login,
              "groups_id": [(6, 0, [env.ref(group).id for group in groups])]}
    if partner:
        values["partner_id"] = partner.id
    return env["res.users"].with_context(no_reset_password=True).create(values)


def setup_training_cast(cls, env):
    """Set the shared fixtures on ``cls`` (a test case class or instance)."""
    Partner = env["res.partner"]
    cls.dep_16 = env.ref("pepites_partners.department_16")
    cls.dep_24 = env.ref("pepites_partners.department_24")
    cls.dep_64 = env.ref("pepites_partners.department_64")
    cls.siae_a = Partner.create({
        "name": "Chantier Test A", "is_company": True, "is_siae": True, "siae_kind": "aci",
        "siret": make_siret(), "department_id": cls.dep_16.id})
    cls.siae_b = Partner.create({
        "name": "Entreprise Test B", "is_company": True, "is_siae": True, "siae_kind": "ei",
        "siret": make_siret(), "department_id": cls.dep_24.id})
    cls.afpa = Partner.create({"name": "AFPA Test", "is_company": True,
                               "department_id": cls.dep_64.id})
    cls.opco = Partner.create({"name": "OPCO Test", "is_company": True})
    # employees are contacts of their SIAE
    cls.employee_a = Partner.create({"name": "Annie Apprentie", "parent_id": cls.siae_a.id})
    cls.employee_a2 = Partner.create({"name": "Armand Encadrant", "parent_id": cls.siae_a.id})
    cls.employee_b = Partner.create({"name": "Bertrand Salarié", "parent_id": cls.siae_b.id})
    cls.manager_a = Partner.create({"name": "Agnès Directrice", "parent_id": cls.siae_a.id})
    cls.manager_b = Partner.create({"name": "Benoît Directeur", "parent_id": cls.siae_b.id})
    cls.api_org = Partner.create({"name": "Partenaire Test", "is_company": True})
    cls.api_contact = Partner.create({"name": "Flux Formation", "parent_id": cls.api_org.id})

    cls.user_siae_a = create_user(env, "training_siae_a", ["pepites_partners.group_pepites_siae"],
                                  cls.manager_a)
    cls.user_siae_b = create_user(env, "training_siae_b", ["pepites_partners.group_pepites_siae"],
                                  cls.manager_b)
    cls.user_api = create_user(env, "training_api", ["pepites_partners.group_pepites_partner_api"],
                               cls.api_contact)
    cls.user_staff = create_user(env, "training_staff", ["pepites_partners.group_pepites_user"])
    cls.user_manager = create_user(env, "training_manager",
                                   ["pepites_partners.group_pepites_manager"])
    cls.user_learner = create_user(env, "training_learner", ["base.group_portal"],
                                   cls.employee_a2)

    cls.eti = env.ref("pepites_training.certification_eti")
    cls.etaie = env.ref("pepites_training.certification_etaie")
    cls.etaie_blocks = cls.etaie.block_ids
    cls.eti_blocks = cls.eti.block_ids

    cls.alternance_session = env["pepites.alternance.session"].create({
        "name": "ETI alternance Pau test", "certification_id": cls.eti.id,
        "training_centre_id": cls.afpa.id, "department_id": cls.dep_64.id,
        "date_start": "2023-01-09", "date_end": "2024-01-31"})

    # an eLearning module: a public channel with two published slides, and a quiz
    cls.channel = env["slide.channel"].create({
        "name": "Module test eLearning", "visibility": "public", "website_published": True})
    Slide = env["slide.slide"]
    cls.slide_1 = Slide.create({"name": "Séquence 1", "channel_id": cls.channel.id,
                                "slide_type": "document", "website_published": True})
    cls.slide_2 = Slide.create({"name": "Séquence 2", "channel_id": cls.channel.id,
                                "slide_type": "document", "website_published": True})
    cls.slide_draft = Slide.create({"name": "Brouillon", "channel_id": cls.channel.id,
                                    "slide_type": "document", "website_published": False})
    cls.module = env["pepites.training.module"].create({
        "name": "Accueillir un salarié en parcours", "specialty": "insertion",
        "modality": "hybride", "duration_days": 4, "duration_hours": 28,
        "channel_id": cls.channel.id,
        "block_ids": [(6, 0, cls.etaie_blocks[:1].ids)]})
    cls.module_classroom = env["pepites.training.module"].create({
        "name": "Maraîchage biologique", "specialty": "maraichage", "modality": "presentiel",
        "duration_days": 4, "duration_hours": 28,
        "block_ids": [(6, 0, cls.eti_blocks[:1].ids)]})
    cls.training_session = env["pepites.training.session"].create({
        "name": "Maraîchage — session d'Angoulême", "module_id": cls.module_classroom.id,
        "date_start": "2023-03-06", "date_end": "2023-03-09", "department_id": cls.dep_16.id,
        "location": "Angoulême", "seats_max": 20})


def today_plus(env, days):
    import datetime
    today = fields.Date.from_string(fields.Date.context_today(env["res.users"]))
    return fields.Date.to_string(today + datetime.timedelta(days=days))


class TrainingCase(SavepointCase):
    """SavepointCase with the shared training cast."""

    @classmethod
    def setUpClass(cls):
        ensure_assets()
        super(TrainingCase, cls).setUpClass()
        setup_training_cast(cls, cls.env)


class TrainingHttpCase(PepitesHttpCase):
    """PepitesHttpCase (the test works on the HTTP server's cursor) with the training cast."""

    def setUp(self):
        super(TrainingHttpCase, self).setUp()
        setup_training_cast(self, self.env)

    def json_call(self, url, params=None):
        """POST a JSON-RPC call to ``url``; return the decoded response body."""
        self._before_request()
        try:
            response = self.opener.post(
                "http://%s:%s%s" % (HOST, PORT, url), timeout=30,
                json={"jsonrpc": "2.0", "method": "call", "params": params or {}, "id": 1})
            return response.json()
        finally:
            self._after_request()
