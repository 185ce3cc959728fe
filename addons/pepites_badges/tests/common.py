import base64
import re

from odoo.tests.common import SavepointCase

from odoo.addons.pepites_partners.tests.common import ensure_assets, set_public_url

from ..openbadges_engine import images


def make_users(env, suffix=""):
    """Users of every role, and the SIAE and people they stand for."""
    Users = env["res.users"].with_context(no_reset_password=True, tracking_disable=True)
    Partner = env["res.partner"]
    ref = env.ref
    siae = Partner.create({
        "name": "Chantier Vert%s" % suffix, "is_company": True, "is_siae": True,
        "siae_kind": "aci", "department_id": ref("pepites_partners.department_33").id})
    other_siae = Partner.create({
        "name": "Recyclerie du Lot%s" % suffix, "is_company": True, "is_siae": True,
        "siae_kind": "ei", "department_id": ref("pepites_partners.department_47").id})

    def user(login, groups, **partner_values):
        values = {"name": login.title(), "login": login + suffix, "password": login + suffix,
                  "email": "%s%s@example.org" % (login, suffix),
                  "groups_id": [(6, 0, [ref(g).id for g in groups])]}
        created = Users.create(values)
        if partner_values:
            created.partner_id.write(partner_values)
        return created

    users = {
        "manager": user("bmanager", ["pepites_partners.group_pepites_manager"]),
        "staff": user("bstaff", ["pepites_partners.group_pepites_user"]),
        "holder": user("bholder", ["base.group_portal"], parent_id=siae.id),
        "other_holder": user("bother", ["base.group_portal"], parent_id=other_siae.id),
        "siae": user("bsiae", ["pepites_partners.group_pepites_siae"], parent_id=siae.id),
        "other_siae": user("bsiae2", ["pepites_partners.group_pepites_siae"],
                           parent_id=other_siae.id),
        "api": user("bapi", ["pepites_partners.group_pepites_partner_api"]),
        "api_other": user("bapi2", ["pepites_partners.group_pepites_partner_api"]),
    }
    return siae, other_siae, users


class BadgesFixtures(object):
    """Issuers, badge classes, people and users of every role (shared by the SavepointCase and
    the HttpCase tests)."""

    @staticmethod
    def create_fixtures(cls, base_url="http://127.0.0.1:8069"):
        """Create the fixtures on ``cls`` (a test class or a test), with ``base_url`` as the
        canonical public URL; a test puts the previous one back at its cleanup, a test class
        at ``tearDownClass`` (:class:`BadgesCase`)."""
        cls.ob_base_url = base_url
        restore = set_public_url(base_url)
        if isinstance(cls, type):
            cls.restore_public_url = staticmethod(restore)
        else:
            cls.addCleanup(restore)
        cls.env["ir.config_parameter"].sudo().set_param("web.base.url", cls.ob_base_url)
        cls.env["ir.config_parameter"].sudo().set_param("web.base.url.freeze", "True")
        cls.siae, cls.other_siae, cls.users = make_users(cls.env)
        cls.inae = cls.env.ref("pepites_badges.pepites_badge_issuer_inae")
        cls.siae_issuer = cls.env["pepites.badge.issuer"].create({
            "name": "Chantier Vert", "partner_id": cls.siae.id, "url": "https://chantier-vert.example.org",
            "email": "badges@chantier-vert.example.org",
            "issuer_user_ids": [(6, 0, [cls.users["api"].id])]})
        cls.siae_issuer.action_endorse()
        cls.siae_issuer._ensure_key()
        Class = cls.env["pepites.badge.class"]
        cls.hosted = Class.create({
            "name": "Accueillir un salarié en parcours", "audience": "staff",
            "description": "Accueille et intègre un salarié en parcours dans l'équipe.",
            "criteria_narrative": "Bloc 1 du titre ETI validé.",
            "criteria_url": "https://www.francecompetences.fr/recherche/rncp/",
            "alignment_ids": [(0, 0, {"target_name": "Bloc 1 — Accueil", "target_code": "BC01",
                                      "target_url": "https://www.francecompetences.fr/"})],
            "expiry_months": 36, "state": "published"})
        cls.signed = Class.create({
            "name": "Conduire une AFEST", "audience": "staff", "verification_type": "signed",
            "description": "Conduit une action de formation en situation de travail.",
            "criteria_narrative": "Trois séquences réflexives menées.", "state": "published"})
        cls.repeatable = Class.create({
            "name": "Participer à un rallye de l'interconnaissance", "audience": "salarie",
            "description": "A participé à un rallye.", "criteria_narrative": "Présence.",
            "allow_repeat": True, "state": "published"})
        cls.siae_class = Class.create({
            "name": "Tri des textiles", "audience": "salarie", "issuer_id": cls.siae_issuer.id,
            "description": "Trie les textiles.", "criteria_narrative": "Observé en situation.",
            "state": "published",
            "image": base64.b64encode(images.default_badge_image("Tri", "#8e44ad"))})
        Partner = cls.env["res.partner"]
        cls.alice = cls.users["holder"].partner_id
        cls.alice.write({"email": "Alice.Martin@Example.ORG"})
        cls.bob = Partner.create({"name": "Bob Durand", "email": "bob.durand@example.org",
                                  "parent_id": cls.siae.id})
        cls.carla = Partner.create({"name": "Carla Nunes", "email": "carla@example.org"})
        cls.no_email = Partner.create({"name": "Sans Adresse"})

    def url_open(self, url, data=None, timeout=120, files=None):
        """The HTTP tests' requests, with a longer wait than PepitesHttpCase's 30 s: the first
        website page of each test compiles the asset bundles again (they are attachments, rolled
        back with the test), which took over 30 s on the shared 2-core machine and failed
        page tests at random."""
        return super(BadgesFixtures, self).url_open(url, data=data, timeout=timeout,
                                                    files=files)

    def issue(self, badge, partners, **kw):
        """Issue ``badge`` to ``partners`` as INAÉ staff; return the new assertions."""
        ids = self.env["pepites.badge.class"].sudo(self.users["staff"]).issue_to(
            badge.ids, partners.ids, **kw)
        return self.env["pepites.badge.assertion"].browse(ids)


class BadgesCase(BadgesFixtures, SavepointCase):

    @classmethod
    def setUpClass(cls):
        ensure_assets()
        super(BadgesCase, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        try:
            cls.create_fixtures(cls)
        except Exception:
            # unittest skips tearDownClass when setUpClass fails: the option would stay set
            getattr(cls, "restore_public_url", lambda: None)()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.restore_public_url()
        super(BadgesCase, cls).tearDownClass()


class VerifyPageMixin(object):
    """For HTTP cases posting to ``/badges/verify``: the website in French, the page's CSRF
    token, and the post."""

    def open_verify_page(self):
        """Switch the visitor to French and keep the CSRF token of the verification form."""
        self.env.ref("website.default_website").language_ids |= self.env.ref("base.lang_fr")
        self.opener.cookies["frontend_lang"] = "fr_FR"
        page = self.url_open("/badges/verify").text
        self.token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def post_verify(self, data=None, files=None):
        """POST the form (``data`` fields and ``files``) with the token: the response."""
        self._before_request()
        try:
            return self.opener.post(self.base_url() + "/badges/verify",
                                    data=dict(data or {}, csrf_token=self.token),
                                    files=files, timeout=120)
        finally:
            self._after_request()
