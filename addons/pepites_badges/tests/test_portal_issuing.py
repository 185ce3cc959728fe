"""A SIAE whose issuer INAÉ endorsed issues its badge classes to its own people from
/my/badges/issue, and revokes them with a reason (issue 17); another SIAE's people, a badge
class not its own, an unendorsed structure are refused in French and nothing is written. A
holder imports a badge earned elsewhere from /my/badges."""
import json
import re

from odoo.tests import common

from odoo.addons.pepites_partners.tests.common import PepitesHttpCase

from .common import BadgesFixtures
from .test_external import assertion


@common.at_install(False)
@common.post_install(True)
class TestPortalIssuing(BadgesFixtures, PepitesHttpCase):

    def setUp(self):
        super(TestPortalIssuing, self).setUp()
        self.create_fixtures(self, "http://%s:%d" % (common.HOST, common.PORT))
        self.env.ref("website.default_website").language_ids |= self.env.ref("base.lang_fr")
        self.opener.cookies["frontend_lang"] = "fr_FR"
        self.Assertion = self.env["pepites.badge.assertion"]

    def login(self, login):
        self.authenticate(login, login)
        self.opener.cookies["frontend_lang"] = "fr_FR"
        page = self.url_open("/my/badges").text
        self.token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def post(self, url, **data):
        return self.url_open(url, data=dict(data, csrf_token=self.token))

    def text(self, response):
        return response.text.replace("&#39;", "'")

    def test_endorsed_siae_issues_to_its_people_only(self):
        """The SIAE lists its badge classes and its people, awards a badge to one of them (the
        badge is its issuer's, issued by its user); a person of another structure, a class of
        INAÉ, a SIAE without an endorsed issuer are refused and nothing is written."""
        self.login("bsiae")
        page = self.url_open("/my/badges/issue")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Délivrer nos badges", page.text)
        self.assertIn("Tri des textiles", page.text)
        self.assertIn("Bob Durand", page.text)
        self.assertNotIn("Carla Nunes", page.text)
        self.assertNotIn(self.hosted.name, page.text)
        self.assertIn("pepites-cards", page.text)
        issued = self.post("/my/badges/issue/%d" % self.siae_class.id,
                           partner_id=self.bob.id, narrative="Tri observé sur le chantier")
        self.assertEqual(issued.status_code, 200)
        badge = self.Assertion.search([("recipient_partner_id", "=", self.bob.id)])
        self.assertEqual((badge.badge_class_id, badge.issuer_id, badge.issued_by_id),
                         (self.siae_class, self.siae_issuer, self.users["siae"]))
        self.assertEqual(badge.evidence_narrative, "Tri observé sur le chantier")
        self.assertIn("Le badge a été délivré.", issued.text)
        self.assertIn(badge.uuid, issued.text)  # its revocation window
        before = self.Assertion.search_count([])
        refused = self.post("/my/badges/issue/%d" % self.siae_class.id,
                            partner_id=self.carla.id)
        self.assertEqual(refused.status_code, 400)
        self.assertIn("Choisissez une des personnes de votre structure.", self.text(refused))
        again = self.post("/my/badges/issue/%d" % self.siae_class.id, partner_id=self.bob.id)
        self.assertIn("Détient déjà ce badge.", self.text(again))
        self.assertEqual(self.post("/my/badges/issue/%d" % self.hosted.id,
                                   partner_id=self.bob.id).status_code, 404)
        self.assertEqual(self.Assertion.search_count([]), before)

    def test_other_and_unendorsed_siae_refused(self):
        """A SIAE without an endorsed issuer gets a French refusal (403) and cannot issue
        another SIAE's class; withdrawing INAÉ's endorsement closes the page."""
        before = self.Assertion.search_count([])
        self.login("bsiae2")
        page = self.url_open("/my/badges/issue")
        self.assertEqual(page.status_code, 403)
        self.assertIn("Votre structure ne délivre pas encore de badges", self.text(page))
        posted = self.post("/my/badges/issue/%d" % self.siae_class.id, partner_id=self.bob.id)
        self.assertEqual(posted.status_code, 403)
        self.siae_issuer.endorsed_by_id = False
        self.login("bsiae")
        self.assertEqual(self.url_open("/my/badges/issue").status_code, 403)
        self.assertEqual(self.post("/my/badges/issue/%d" % self.siae_class.id,
                                   partner_id=self.bob.id).status_code, 403)
        self.assertEqual(self.Assertion.search_count([]), before)

    def test_siae_revokes_what_it_issued_with_a_reason(self):
        """The SIAE revokes a badge it issued, with a reason (none: refused in French); a badge
        INAÉ issued to its people answers 404 and stays valid."""
        mine = self.siae_class._issue_batch([{"partner_id": self.bob.id,
                                              "email": self.bob.email}])
        badge = self.Assertion.browse(mine[0]["assertion_id"])
        inae_badge = self.issue(self.hosted, self.alice)
        self.login("bsiae")
        url = "/my/badges/issued/%s/revoke" % badge.uuid
        empty = self.post(url, reason="  ")
        self.assertIn("Indiquez le motif de la révocation.", self.text(empty))
        badge.invalidate_cache()
        self.assertFalse(badge.revoked)
        self.post(url, reason="Attribué par erreur")
        badge.invalidate_cache()
        self.assertEqual((badge.revoked, badge.revocation_reason), (True, "Attribué par erreur"))
        self.assertEqual(self.post("/my/badges/issued/%s/revoke" % inae_badge.uuid,
                                   reason="x").status_code, 404)
        inae_badge.invalidate_cache()
        self.assertFalse(inae_badge.revoked)
        self.login("bsiae2")
        other = self.siae_class._issue_batch([{"partner_id": self.alice.id,
                                               "email": self.alice.email}])
        self.assertEqual(self.post("/my/badges/issued/%s/revoke" % self.Assertion.browse(
            other[0]["assertion_id"]).uuid, reason="x").status_code, 404)

    def test_holder_imports_a_badge_from_my_badges(self):
        """The holder uploads a badge of theirs from /my/badges: it is listed beside the PEPITES
        ones; another person's badge is refused in French and nothing is written."""
        self.login("bholder")
        mine = json.dumps(assertion("alice.martin@example.org")).encode()
        page = self.url_open("/my/badges/import", data={"csrf_token": self.token},
                             files={"badge_file": ("badge.json", mine, "application/json")})
        self.assertEqual(page.status_code, 200)
        self.assertIn("Soudure à l'arc", self.text(page))
        self.assertIn("Non vérifié", page.text)
        self.assertEqual(self.alice.badge_external_ids.name, "Soudure à l'arc")
        theirs = json.dumps(assertion("bob.durand@example.org", key="b2")).encode()
        refused = self.url_open("/my/badges/import", data={"csrf_token": self.token},
                                files={"badge_file": ("badge.json", theirs, "application/json")})
        self.assertIn("Ce badge n'a pas été délivré à l'adresse e-mail de cette personne.",
                      self.text(refused))
        self.assertEqual(len(self.env["pepites.badge.external"].search([])), 1)
