"""The 1EdTech validator core (openbadges 1.1.2) accepts every badge we host, sign and bake,
fetching our endpoints from the test server; the JSON-LD context is served from shared/."""
import base64
import io
import json
import os

import mock

from odoo.tests import common

from odoo.addons.pepites_partners.tests.common import PepitesHttpCase

from .common import BadgesFixtures, shared_dir

CONTEXT_URLS = {
    "https://w3id.org/openbadges/v2": "context-v2.json",
    "https://w3id.org/openbadges/v1": "context-v1.json",
}


def offline_loader(original):
    """Wrap the validator's document loader: the Open Badges contexts come from shared/."""
    folder = os.path.join(shared_dir(), "openbadges")

    def load(self, url):
        name = CONTEXT_URLS.get(url.rstrip("/"))
        if name:
            with open(os.path.join(folder, name), encoding="utf-8") as handle:
                return {"contextUrl": None, "documentUrl": url, "document": handle.read()}
        return original(self, url)
    return load


@common.at_install(False)
@common.post_install(True)
class TestConformance(BadgesFixtures, PepitesHttpCase):

    def setUp(self):
        super(TestConformance, self).setUp()
        self.create_fixtures(self, "http://%s:%d" % (common.HOST, common.PORT))
        from openbadges.verifier import utils
        patcher = mock.patch.object(utils.CachableDocumentLoader, "__call__",
                                    offline_loader(utils.CachableDocumentLoader.__call__))
        patcher.start()
        self.addCleanup(patcher.stop)

    def validate(self, badge_input, email=None):
        from openbadges import verify
        self._before_request()
        try:
            report = verify(badge_input, recipient_profile={"email": email} if email else None,
                            use_cache=False, cache_backend=None)
        finally:
            self._after_request()
        errors = [m for m in report["report"]["messages"] if m["messageLevel"] == "ERROR"]
        self.assertEqual(errors, [], json.dumps(report["report"], indent=1)[:3000])
        self.assertTrue(report["report"]["valid"])
        return report

    def test_hosted_assertion_is_valid(self):
        """A hosted assertion validates by its URL and matches the earner's (lower-cased)
        e-mail; the validator hashes the address as given, we lower-case it before hashing."""
        assertion = self.issue(self.hosted, self.bob, evidence_url="https://preuves.example.org/1",
                               narrative="Tutorat")
        report = self.validate(assertion.public_url, email="bob.durand@example.org")
        self.assertEqual(report["report"]["openBadgesVersion"], "2.0")
        self.assertTrue(report["report"]["recipientProfile"])

    def test_signed_assertion_is_valid(self):
        """A signed assertion (JWS) validates, its key fetched from our key URL."""
        assertion = self.issue(self.signed, self.alice)
        self.validate(assertion.signed_jws, email="alice.martin@example.org")

    def test_signed_after_key_rotation_is_valid(self):
        """After a rotation the signed badges we host (signed again) and the new ones
        validate."""
        assertion = self.issue(self.signed, self.carla)
        self.inae.action_rotate_key()
        self.validate(assertion.signed_jws)
        self.validate(io.BytesIO(base64.b64decode(assertion.baked_image)))
        self.validate(self.issue(self.signed, self.bob).signed_jws)

    def test_baked_pngs_are_valid_and_unbaked_by_the_bakery(self):
        """Baked hosted and signed PNGs validate, and openbadges-bakery unbakes them."""
        from openbadges_bakery import unbake
        hosted = self.issue(self.hosted, self.carla)
        signed = self.issue(self.signed, self.bob)
        endorsed = self.issue(self.siae_class, self.bob)
        for assertion in (hosted, signed, endorsed):
            png = base64.b64decode(assertion.baked_image)
            baked = unbake(io.BytesIO(png))
            self.assertIn(assertion.uuid, baked if assertion.signed_jws is False
                          else json.dumps(assertion._ob_json()))
            self.validate(io.BytesIO(png))

    def test_validator_misses_revocation_but_we_do_not(self):
        """Revoked and expired badges are reported as such by our own verification (the
        validator does not look at a hosted 410)."""
        revoked = self.issue(self.hosted, self.bob)
        revoked.action_revoke("Erreur")
        expired = self.issue(self.repeatable, self.bob)
        expired.sudo().write({"expires_on": "2020-01-01 00:00:00"})
        Assertion = self.env["pepites.badge.assertion"]
        self.assertEqual(Assertion._verify_badge(base64.b64decode(revoked.baked_image))["status"],
                         "revoked")
        self.assertEqual(Assertion._verify_badge(json.dumps(expired._ob_json()))["status"],
                         "expired")
