from odoo.tests.common import TransactionCase

from ..openbadges_engine import baking, signing


class TestTampering(TransactionCase):
    """Our verification refuses forged or altered badges."""

    def setUp(self):
        super(TestTampering, self).setUp()
        from .common import BadgesFixtures
        BadgesFixtures.create_fixtures(self)
        self.Assertion = self.env["pepites.badge.assertion"]

    def test_tampered_json_png_and_jws_are_invalid(self):
        """A changed assertion, a PNG re-baked with a changed assertion, a JWS with a forged
        payload or signed by another key, and garbage are all reported invalid."""
        import base64
        import json
        hosted = BadgesFixtures_issue(self, self.hosted, self.bob)
        signed = BadgesFixtures_issue(self, self.signed, self.bob)
        self.assertEqual(self.Assertion._verify_badge(json.dumps(hosted._ob_json()))["status"], "valid")
        forged = dict(hosted._ob_json(), expires="2099-01-01T00:00:00+00:00")
        self.assertEqual(self.Assertion._verify_badge(json.dumps(forged))["status"], "invalid")
        png = baking.bake(base64.b64decode(hosted.baked_image), json.dumps(forged))
        self.assertEqual(self.Assertion._verify_badge(png)["status"], "invalid")
        header, payload, signature = signed.signed_jws.split(".")
        other = signing._b64encode(json.dumps(dict(signed._ob_json(), evidence=[{"id": "https://x.org"}])).encode())
        self.assertEqual(self.Assertion._verify_badge("%s.%s.%s" % (header, other, signature))["status"], "invalid")
        rogue_private, _rogue_public = signing.generate_rsa_key()
        rogue = signing.sign(signed._ob_json(), rogue_private)
        self.assertEqual(self.Assertion._verify_badge(rogue)["status"], "invalid")
        unknown = dict(hosted._ob_json(), id=hosted._ob_json()["id"][:-4] + "0000")
        self.assertEqual(self.Assertion._verify_badge(json.dumps(unknown))["status"], "invalid")
        for garbage in (b"GIF89a", b"\x89PNG\r\n\x1a\nbroken", "not a badge", b"\xff\xfe"):
            self.assertEqual(self.Assertion._verify_badge(garbage)["status"], "invalid")


def BadgesFixtures_issue(case, badge, partners):
    ids = case.env["pepites.badge.class"].issue_to(badge.ids, partners.ids)
    return case.env["pepites.badge.assertion"].browse(ids)
