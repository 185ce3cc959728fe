"""Records every test of pepites_jobs stands on: two SIAE with a portal user each, an INAÉ
staff user, a partner API user, and a helper to write offers.

Created by the tests themselves (not demo data), with logins of their own.
"""
import datetime

from stdnum import luhn

from odoo import fields
from odoo.tests.common import SavepointCase, get_db_name

from odoo.addons.pepites_partners.tests.common import PepitesHttpCase, ensure_assets

from ..feeds import board_today

PASSWORD = "Pepites-Jobs-2026"
#: seconds a test waits for a page: the first page of each test compiles the website's assets
#: (rolled back with the test), which took more than 30 s on a busy shared 2-core machine
PAGE_TIMEOUT = 120


def make_siret(number):
    """A SIRET whose two check keys are right, from an 8-digit number."""
    siren = "%08d" % number
    siren += luhn.calc_check_digit(siren)
    nic = siren + "0001"
    return nic + luhn.calc_check_digit(nic)


def day(offset=0):
    """A date string, ``offset`` days from today in France."""
    return fields.Date.to_string(board_today() + datetime.timedelta(days=offset))


def setup_jobs_fixtures(case, env):
    """Create the shared records and attach them to ``case`` (a test class or instance)."""
    ref = env.ref
    if not ref("base.lang_fr").active:
        ref("base.lang_fr").active = True
    case.department_33 = ref("pepites_partners.department_33")
    case.department_64 = ref("pepites_partners.department_64")
    case.family_eti = ref("pepites_partners.job_family_eti")
    case.family_cip = ref("pepites_partners.job_family_cip")
    Partner = env["res.partner"]
    case.siae1 = Partner.create({
        "name": "Jardins du Béarn (test)", "is_company": True, "is_siae": True,
        "siae_kind": "aci", "department_id": case.department_64.id,
        "siret": make_siret(44012345), "city": "Pau", "zip": "64000",
        "email": "contact@jardins-bearn.test",
    })
    case.siae2 = Partner.create({
        "name": "Recyclerie de Gironde (test)", "is_company": True, "is_siae": True,
        "siae_kind": "ei", "department_id": case.department_33.id,
        "siret": make_siret(44012346), "city": "Bordeaux", "zip": "33000",
    })
    Users = env["res.users"].with_context(no_reset_password=True, mail_create_nolog=True)
    portal = ref("base.group_portal")
    siae_group = ref("pepites_partners.group_pepites_siae")

    def user(login, name, groups, parent=None):
        partner = Partner.create({"name": name, "email": "%s@example.test" % login,
                                  "parent_id": parent.id if parent else False})
        return Users.create({
            "login": login, "password": PASSWORD, "partner_id": partner.id, "lang": "fr_FR",
            "groups_id": [(6, 0, [group.id for group in groups])],
        })

    case.user_siae1 = user("pj_siae1", "Claire Martin", [portal, siae_group], case.siae1)
    case.user_siae2 = user("pj_siae2", "Hugo Bernard", [portal, siae_group], case.siae2)
    case.user_staff = user("pj_staff", "Inès Moreau (INAÉ)",
                           [ref("pepites_partners.group_pepites_user")])
    case.user_partner = user("pj_partner", "Flux Réseau EVA",
                             [portal, ref("pepites_partners.group_pepites_partner_api")])
    case.Job = env["hr.job"]


def offer_values(case, siae, **extra):
    """Complete values of an offer of ``siae`` (ready to submit)."""
    values = {
        "name": "Encadrant technique d'insertion maraîchage",
        "siae_id": siae.id,
        "job_family_id": case.family_eti.id,
        "contract_type": "cdi",
        "weekly_hours": 35,
        "city": siae.city,
        "website_description": "<p>Encadrer une équipe de huit salariés en parcours "
                               "sur les cultures biologiques.</p>",
        "no_of_recruitment": 1,
        "salary_min": 1900,
        "salary_max": 2200,
    }
    values.update(extra)
    return values


def portal_offer_form(case, **values):
    """A complete `/my/offers` form as the browser posts it (strings), with ``values`` over it."""
    form = {"name": "Coordinatrice d'ACI", "job_family_id": str(case.family_eti.id),
            "rome_code": "", "contract_type": "cdi", "weekly_hours": "35",
            "salary_min": "2100", "salary_max": "2400", "city": "Pau",
            "pepites_department_id": str(case.department_64.id), "date_start": day(30),
            "date_expire": day(60), "no_of_recruitment": "1",
            "description": "Coordonner trois chantiers d'insertion.",
            "profile": "Expérience d'encadrement."}
    form.update(values)
    return form


def create_offer(case, siae, state="draft", **extra):
    """An offer of ``siae`` brought to ``state`` through the workflow, as INAÉ staff."""
    offer = case.Job.create(offer_values(case, siae, **extra))
    as_staff = offer.sudo(case.user_staff)
    if state in ("submitted", "published", "refused", "filled", "expired", "archived"):
        as_staff.action_submit()
    if state in ("published", "filled", "expired"):
        as_staff.action_publish()
    if state == "refused":
        as_staff.action_refuse("Le salaire manque.")
    if state == "filled":
        as_staff.action_mark_filled()
    if state == "expired":
        # the window ended yesterday; the cron expires it
        offer.write({"date_published": day(-30), "date_expire": day(-1)})
        case.Job._cron_expire_offers()
    if state == "archived":
        as_staff.action_archive_offer()
    offer.invalidate_cache()
    return offer


class JobsCase(SavepointCase):
    """ORM tests: shared records created once for the class."""

    @classmethod
    def setUpClass(cls):
        ensure_assets()
        super(JobsCase, cls).setUpClass()
        setup_jobs_fixtures(cls, cls.env)


class JobsHttpCase(PepitesHttpCase):
    """HTTP and XML-RPC tests: the server shares the test's cursor (see PepitesHttpCase)."""

    def setUp(self):
        super(JobsHttpCase, self).setUp()
        setup_jobs_fixtures(self, self.env)

    def url_open(self, url, data=None, timeout=PAGE_TIMEOUT, files=None):
        return super(JobsHttpCase, self).url_open(url, data=data, timeout=timeout, files=files)

    def post(self, url, files=None, **data):
        """POST a form of the site (with the session's CSRF token)."""
        data.setdefault("csrf_token", self.csrf_token())
        return self.url_open(url, data=data, files=files)

    def rpc(self, user, model, method, *args, **kwargs):
        """``model.method(*args, **kwargs)`` over XML-RPC as ``user``."""
        self._before_request()
        try:
            return self.xmlrpc_object.execute_kw(get_db_name(), user.id, PASSWORD, model,
                                                 method, list(args), kwargs)
        finally:
            self._after_request()
