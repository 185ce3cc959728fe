"""The 1EdTech validator core (openbadges 1.1.2) accepts every badge we host, sign and bake,
fetching our endpoints from the test server; the Open Badges JSON-LD context is the copy the
validator package ships (nothing is read outside the repository, nothing from the network)."""
import base64
import io
import json

import mock

from odoo.tests import common

from odoo.addons.pepites_partners.tests.common import PepitesHttpCase

from .common import BadgesFixtures


def offline_loader(original):
    """Wrap the validator's document loader: the Open Badges 2.0 context comes from the
    validator package itself (``openbadges.verifier.openbadges_context``); any other document
    of w3id.org (the 1.x context, which our 2.0 badges never name) is refused rather than
    fetched; the rest (our test server's endpoints) is fetched as usual."""
    from openbadges.verifier.openbadges_context import (OPENBADGES_CONTEXT_V2_DICT,
                                                        OPENBADGES_CONTEXT_V2_URI)
    context = json.dumps(OPENBADGES_CONTEXT_V2_DICT)

    def load(self, url, options=None):
        # PyLD 2 calls the loader with its options and reads the document's contentType (a
        # string document is parsed as JSON unless it says HTML); the validator's loader, written
        # for PyLD 0.7, takes the URL alone and names no type: its answers are JSON here.
        if url.rstrip("/") == OPENBADGES_CONTEXT_V2_URI:
            return {"contextUrl": None, "documentUrl": url, "document": json.loads(context),
                    "contentType": "application/ld+json"}
        if url.startswith(("https://w3id.org/", "http://w3id.org/")):
            raise AssertionError("the conformance tests do not fetch %s" % url)
        document = original(self, url)
        document.setdefault("contentType", "application/json")
        return document
    return load


class ValidatorMixin(object):
    """The 1EdTech validator, offline but for our test server (:meth:`validate`), for the
    HTTP tests that check badges stay valid."""

    def setUp(self):
        super(ValidatorMixin, self).setUp()
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


@common.at_install(False)
@common.post_install(True)
class TestConformance(ValidatorMixin, BadgesFixtures, PepitesHttpCase):

    def setUp(self):
        super(TestConformance, self).setUp()
        self.create_fixtures(self, "http://%s:%d" % (common.HOST, common.PORT))

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
