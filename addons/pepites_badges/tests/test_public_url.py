"""A badge's Open Badges ids are fixed when it is issued (issue 13): an admin's login through
another host name, or staff editing web.base.url, changes nothing of what was issued, and the
badges issued before the ids were stored get them back from their baked PNG."""
import base64
import io

from odoo.tests import common

from odoo.addons.pepites_partners.tests.common import PepitesHttpCase, set_public_url

from ..openbadges_engine import verification
from .common import BadgesCase, BadgesFixtures
from .test_conformance import ValidatorMixin


@common.at_install(False)
@common.post_install(True)
class TestIdsSurviveTheHost(ValidatorMixin, BadgesFixtures, PepitesHttpCase):

    def setUp(self):
        super(TestIdsSurviveTheHost, self).setUp()
        self.origin = "http://%s:%d" % (common.HOST, common.PORT)
        self.create_fixtures(self, self.origin)
        self.params = self.env["ir.config_parameter"]
        # as main left a database: nothing frozen; then the start of the server freezes it
        self.params.set_param("web.base.url.freeze", False)
        self.params._register_hook()
        self.hosted_badge = self.issue(self.hosted, self.bob,
                                       evidence_url="https://preuves.example.org/1")
        self.signed_badge = self.issue(self.signed, self.alice)
        self.revoked_badge = self.issue(self.repeatable, self.carla)
        self.revoked_badge.action_revoke("Erreur de saisie")
        self.badges = self.hosted_badge | self.signed_badge | self.revoked_badge

    def served(self):
        """What a verifier gets of every badge, and of the documents they name."""
        served = {}
        for badge in self.badges:
            served[badge.uuid] = (
                self.url_open("/badges/assertions/%s" % badge.uuid).content,
                badge.signed_jws,
                self.url_open("/badges/assertions/%s/image.png" % badge.uuid).content,
                base64.b64decode(badge.baked_image))
        for path in ("/badges/classes/%s" % self.hosted.uuid,
                     "/badges/classes/%s" % self.signed.uuid, "/badges/issuers/%d" % self.inae.id,
                     "/badges/issuers/%d/revocations" % self.inae.id,
                     "/badges/keys/%d" % self.inae.active_key_id.id):
            served[path] = self.url_open(path).content
        return served

    def assert_valid(self):
        self.validate(self.hosted_badge.public_url, email="bob.durand@example.org")
        self.validate(self.signed_badge.signed_jws, email="alice.martin@example.org")
        for badge in self.hosted_badge | self.signed_badge:
            self.validate(io.BytesIO(base64.b64decode(badge.baked_image)))
            self.assertEqual(
                self.env["pepites.badge.assertion"]._verify_badge(
                    base64.b64decode(badge.baked_image))["status"], "valid")

    def test_admin_login_through_another_host_changes_no_badge(self):
        """The admin logs in through ``localhost`` instead of the public URL: web.base.url stays,
        and every badge's JSON, JWS and baked PNG (and the class, issuer, key and revocation
        documents) are served byte for byte as before, and still validate."""
        self.assert_valid()
        before = self.served()
        self.assertEqual(self.login_through("localhost:%d" % common.PORT, "admin", "admin"), 1)
        self.assertEqual(self.params.get_param("web.base.url"), self.origin)
        self.assertEqual(self.served(), before)
        self.assert_valid()

    def test_hand_edit_of_web_base_url_changes_no_badge(self):
        """Staff setting web.base.url by hand (another name of the server) change nothing of
        the issued badges, nor of the documents served; the next badges are issued on the
        public URL of the configuration."""
        before = self.served()
        self.params.set_param("web.base.url", "http://localhost:%d" % common.PORT)
        self.assertEqual(self.served(), before)
        self.assert_valid()
        later = self.issue(self.hosted, self.carla)
        self.assertEqual(later.public_url, "%s/badges/assertions/%s" % (self.origin, later.uuid))

    def test_change_of_public_url_changes_no_issued_badge(self):
        """Even a new public URL in the configuration leaves the badges issued before with the
        ids their holders' files name: only the documents of today move."""
        before = self.served()
        self.addCleanup(set_public_url("http://localhost:%d" % common.PORT))
        self.env["pepites.badge.assertion"].clear_caches()  # no hosted document kept
        for badge in self.badges:
            self.assertEqual(self.url_open("/badges/assertions/%s" % badge.uuid).content,
                             before[badge.uuid][0])
            self.assertEqual(badge._ob_json()["id"],
                             "%s/badges/assertions/%s" % (self.origin, badge.uuid))


class TestIdsOfBadgesIssuedBefore(BadgesCase):
    """The upgrade to 11.0.1.1.0 (``migrations/``) stores the ids of the badges issued before."""

    def forget_ids(self, badges):
        """Put ``badges`` back in the state of an older version: no ids stored."""
        self.env.cr.execute(
            "UPDATE pepites_badge_assertion SET ob_id = NULL, ob_badge_url = NULL "
            "WHERE id IN %s", (tuple(badges.ids),))
        badges.invalidate_cache()

    def test_ids_read_back_from_the_baked_png(self):
        """A badge baked on ``localhost`` (an admin's login had moved web.base.url) gets the ids
        of its PNG, not those of today's public URL: what is served matches the PNG again."""
        restore = set_public_url("http://localhost:8069")
        try:
            hosted = self.issue(self.hosted, self.bob)
            signed = self.issue(self.signed, self.alice)
        finally:
            restore()
        self.forget_ids(hosted | signed)
        counts = self.env["pepites.badge.assertion"]._fill_issued_ids()
        self.assertEqual(counts, {"png": 2, "jws": 0, "url": 0})
        for badge in (hosted, signed):
            baked = verification.read_badge(base64.b64decode(badge.baked_image))[1]
            self.assertEqual(badge.ob_id,
                             "http://localhost:8069/badges/assertions/%s" % badge.uuid)
            self.assertEqual(badge._ob_json(), baked)
            self.assertEqual(self.env["pepites.badge.assertion"]._verify_badge(
                base64.b64decode(badge.baked_image))["status"], "valid")
        self.assertEqual(self.env["pepites.badge.assertion"]._public_document(hosted.uuid),
                         (200, verification.read_badge(base64.b64decode(hosted.baked_image))[1]))
        self.assertEqual(self.env["pepites.badge.assertion"]._fill_issued_ids(),
                         {"png": 0, "jws": 0, "url": 0}, "a second run changes nothing")

    def test_ids_without_png(self):
        """Without a baked PNG, a signed badge's ids come from its signature, a hosted badge's
        from today's public URL."""
        restore = set_public_url("http://localhost:8069")
        try:
            hosted = self.issue(self.hosted, self.bob)
            signed = self.issue(self.signed, self.alice)
        finally:
            restore()
        self.env["ir.attachment"].search([
            ("res_model", "=", "pepites.badge.assertion"), ("res_field", "=", "baked_image"),
            ("res_id", "in", (hosted | signed).ids)]).unlink()
        self.forget_ids(hosted | signed)
        counts = self.env["pepites.badge.assertion"]._fill_issued_ids()
        self.assertEqual(counts, {"png": 0, "jws": 1, "url": 1})
        self.assertEqual(signed.ob_id,
                         "http://localhost:8069/badges/assertions/%s" % signed.uuid)
        self.assertEqual(hosted.ob_id,
                         "%s/badges/assertions/%s" % (self.ob_base_url, hosted.uuid))
        self.assertEqual(hosted.ob_badge_url,
                         "%s/badges/classes/%s" % (self.ob_base_url, self.hosted.uuid))
