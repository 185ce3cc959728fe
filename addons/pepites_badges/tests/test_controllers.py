import base64
import json
import re

from odoo.tests import common

from odoo.addons.pepites_partners.tests.common import PepitesHttpCase

from ..openbadges_engine import baking
from .common import BadgesFixtures


@common.at_install(False)
@common.post_install(True)
class TestPublicEndpoints(BadgesFixtures, PepitesHttpCase):

    def setUp(self):
        super(TestPublicEndpoints, self).setUp()
        self.create_fixtures(self, "http://%s:%d" % (common.HOST, common.PORT))
        self.assertion = self.issue(self.hosted, self.bob, evidence_url="https://preuves.example.org/b")
        website = self.env.ref("website.default_website")
        website.language_ids |= self.env.ref("base.lang_fr")

    def get_json(self, path, status=200):
        response = self.url_open(path)
        self.assertEqual(response.status_code, status, path)
        self.assertTrue(response.headers["Content-Type"].startswith("application/ld+json"), path)
        return response.json()

    def test_json_ld_documents(self):
        """Issuer, badge class, key, assertion and revocation list are served as JSON-LD with
        their ids on the public URL (pepites_public_url)."""
        issuer = self.get_json("/badges/issuers/%d" % self.inae.id)
        self.assertEqual(issuer["id"], "%s/badges/issuers/%d" % (self.ob_base_url, self.inae.id))
        self.assertEqual(issuer["type"], "Issuer")
        badge = self.get_json("/badges/classes/%s" % self.hosted.uuid)
        self.assertEqual(badge["issuer"], issuer["id"])
        self.assertEqual(badge["alignment"][0]["targetCode"], "BC01")
        document = self.get_json("/badges/assertions/%s" % self.assertion.uuid)
        self.assertEqual(document, self.assertion._ob_json())
        self.assertEqual(document["id"], self.assertion.public_url)
        signed = self.issue(self.signed, self.bob)
        self.assertEqual(self.get_json("/badges/assertions/%s" % signed.uuid), signed._ob_json())
        self.assertEqual(document["badge"], badge["id"])
        self.assertNotIn("bob", json.dumps(document).lower())
        key = self.get_json("/badges/keys/%d" % self.inae.active_key_id.id)
        self.assertEqual(key["owner"], issuer["id"])
        self.assertIn("BEGIN PUBLIC KEY", key["publicKeyPem"])
        self.assertNotIn("PRIVATE", json.dumps(key))
        revocations = self.get_json("/badges/issuers/%d/revocations" % self.inae.id)
        self.assertEqual(revocations["type"], "RevocationList")
        self.assertNotIn(self.assertion.public_url,
                         [r["id"] for r in revocations["revokedAssertions"]])
        endorsement = self.get_json("/badges/endorsements/%d" % self.siae_issuer.id)
        self.assertEqual(endorsement["issuer"], issuer["id"])
        image = self.url_open("/badges/assertions/%s/image.png" % self.assertion.uuid)
        self.assertEqual(image.headers["Content-Type"], "image/png")

    def test_revoked_assertion_answers_410(self):
        """A revoked hosted assertion answers 410 with id, revoked and its reason, and appears in
        the revocation list."""
        self.assertion.action_revoke("Fraude constatée")
        body = self.get_json("/badges/assertions/%s" % self.assertion.uuid, status=410)
        self.assertEqual(body["id"], self.assertion.public_url)
        self.assertIs(body["revoked"], True)
        self.assertEqual(body["revocationReason"], "Fraude constatée")
        revocations = self.get_json("/badges/issuers/%d/revocations" % self.inae.id)
        self.assertIn({"id": self.assertion.public_url, "revocationReason": "Fraude constatée"},
                      revocations["revokedAssertions"])

    def test_unknown_ids_answer_404(self):
        """Unknown or malformed uuids and ids answer 404, never 500."""
        for path in ("/badges/assertions/00000000-0000-4000-8000-000000000000",
                     "/badges/assertions/not-a-uuid", "/badges/assertions/x'%20OR%201=1",
                     "/badges/assertions/00000000-0000-4000-8000-000000000000/image.png",
                     "/badges/classes/unknown", "/badges/classes/%s" % ("x" * 300),
                     "/badges/issuers/999999", "/badges/keys/999999",
                     "/badges/issuers/999999/revocations", "/badges/endorsements/%d" % self.inae.id,
                     "/badges/verify/00000000-0000-4000-8000-000000000000"):
            self.assertEqual(self.url_open(path).status_code, 404, path)

    def test_draft_class_is_not_published(self):
        """A draft badge class that was never issued is not public."""
        draft = self.hosted.copy({"name": "Brouillon"})
        self.assertEqual(draft.state, "draft")
        self.assertEqual(self.url_open("/badges/classes/%s" % draft.uuid).status_code, 404)

    def test_verification_page_in_french_without_email(self):
        """The verification page says in French that the badge is valid, shows the issuer,
        criteria, evidence and a QR code, and never the e-mail address."""
        self.bob.lang = "fr_FR"
        page = self.url_open("/fr_FR/badges/verify/%s" % self.assertion.uuid)
        self.assertEqual(page.status_code, 200)
        html = page.text
        self.assertIn("Badge valide", html)
        self.assertIn(self.inae.name.split(" ")[0], html)
        self.assertIn("Bloc 1 du titre ETI validé.", html)
        self.assertIn("https://preuves.example.org/b", html)
        self.assertIn("data:image/png;base64,", html)
        self.assertNotIn("bob.durand@example.org", html)
        self.assertion.action_revoke("Erreur d'attribution")
        html = self.url_open("/fr_FR/badges/verify/%s" % self.assertion.uuid).text
        self.assertIn("Badge révoqué", html)
        self.assertIn("Erreur d'attribution", html)

    def test_verification_page_expired(self):
        """An expired badge is shown as expired."""
        self.assertion.sudo().write({"expires_on": "2021-01-01 00:00:00"})
        html = self.url_open("/fr_FR/badges/verify/%s" % self.assertion.uuid).text
        self.assertIn("Badge expiré", html)

    def csrf_token(self, path):
        match = re.search(r'name="csrf_token" value="([^"]+)"', self.url_open(path).text)
        self.assertTrue(match, "no CSRF token on %s" % path)
        return match.group(1)

    def test_recipient_check_on_verification_page(self):
        """A visitor checks an address against the hashed recipient (any case); the page
        answers yes or no and never shows the address it holds."""
        self.opener.cookies["frontend_lang"] = "fr_FR"
        path = "/badges/verify/%s" % self.assertion.uuid
        token = self.csrf_token(path)
        page = self.url_open(path, data={"csrf_token": token, "email": "BOB.Durand@example.org"})
        self.assertIn("Cette adresse est bien celle du bénéficiaire du badge.", page.text)
        page = self.url_open(path, data={"csrf_token": token, "email": "carla@example.org"})
        self.assertIn("Cette adresse n'est pas celle du bénéficiaire du badge.", page.text)
        self.assertNotIn("bob.durand", page.text.lower())

    def test_verify_a_badge_file(self):
        """/badges/verify checks an uploaded baked PNG: valid, then revoked; a tampered or
        foreign file is reported invalid (never a server error)."""
        self.opener.cookies["frontend_lang"] = "fr_FR"
        token = self.csrf_token("/badges/verify")
        png = base64.b64decode(self.assertion.baked_image)

        def upload(data, name="badge.png"):
            self._before_request()
            try:
                return self.opener.post(self.base_url() + "/badges/verify",
                                        data={"csrf_token": token},
                                        files={"badge_file": (name, data)}, timeout=120)
            finally:
                self._after_request()

        response = upload(png)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Badge valide", response.text)
        forged = baking.bake(png, json.dumps(dict(self.assertion._ob_json(), expires="2099-01-01T00:00:00+00:00")))
        self.assertIn("Badge non valide", upload(forged).text)
        self.assertIn("Badge non valide", upload(b"GIF89a nothing", "x.gif").text)
        self.assertion.action_revoke("Erreur")
        self.assertIn("Badge révoqué", upload(png).text)
