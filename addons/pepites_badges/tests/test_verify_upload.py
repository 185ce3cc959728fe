"""/badges/verify against hostile files and texts: bounded work, and the page's French "invalid
badge" answer (HTTP 200), never an HTTP 500 (issue 12, items 7 and 11)."""
import base64
import io
import json
import zlib

import png

from odoo.tests import common

from odoo.addons.pepites_partners.tests.common import PepitesHttpCase

from .common import BadgesFixtures, VerifyPageMixin

INVALID = "Badge non valide"
NOT_A_BADGE = "Ce n'est pas un Open Badge"
TOO_LARGE = "Ce fichier est trop volumineux pour être un badge"
MAX_FILE_BYTES, MAX_TEXT_BYTES = 2 * 2 ** 20, 256 * 1024  # verification's documented bounds


def with_chunk(png_bytes, chunk_type, data, count=1):
    """``png_bytes`` with ``count`` chunks ``(chunk_type, data)`` after its header."""
    chunks = list(png.Reader(bytes=png_bytes).chunks())
    out = io.BytesIO()
    png.write_chunks(out, chunks[:1] + [(chunk_type, data)] * count + chunks[1:])
    return out.getvalue()


def itxt(text, compressed=True):
    """The data of an ``openbadges`` iTXt chunk holding ``text`` (bytes), compressed or not."""
    return b"openbadges\x00" + (b"\x01\x00\x00\x00" + zlib.compress(text) if compressed
                                else b"\x00\x00\x00\x00" + text)


def jws(header, payload):
    """A compact JWS of any JSON values, with a dummy signature."""
    def part(value):
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()
    return "%s.%s.c2ln" % (part(header), part(payload))


@common.at_install(False)
@common.post_install(True)
class TestVerifyUpload(VerifyPageMixin, BadgesFixtures, PepitesHttpCase):

    def setUp(self):
        super(TestVerifyUpload, self).setUp()
        self.create_fixtures(self, "http://%s:%d" % (common.HOST, common.PORT))
        self.hosted_badge = self.issue(self.hosted, self.bob)
        self.signed_badge = self.issue(self.signed, self.bob)
        self.png = base64.b64decode(self.hosted_badge.baked_image)
        self.open_verify_page()

    def assert_invalid(self, response, label, message=None):
        self.assertEqual(response.status_code, 200, "%s: HTTP %s" % (label, response.status_code))
        self.assertIn(INVALID, response.text, label)
        if message:
            self.assertIn(message, response.text.replace("&#39;", "'"), label)

    def test_compressed_png_chunk_is_not_inflated_beyond_the_limit(self):
        """A baked PNG whose compressed iTXt chunk inflates to 64 MiB (65 KB sent) is refused as
        too large after inflating at most 256 KB; so are an upload over 2 MB and an image of
        thousands of chunks (protects the verification page from memory and CPU exhaustion)."""
        chunk = itxt(b"\x00" * 64 * 2 ** 20)
        self.assertLess(len(chunk), 70 * 1024)
        bomb = with_chunk(self.png, b"iTXt", chunk)
        self.assert_invalid(self.post_verify(files={"badge_file": ("badge.png", bomb)}), "bomb",
                            TOO_LARGE)
        oversize = b"\x89PNG\r\n\x1a\n" + b"\x00" * MAX_FILE_BYTES
        self.assert_invalid(self.post_verify(files={"badge_file": ("badge.png", oversize)}),
                            "oversize", TOO_LARGE)
        many = with_chunk(self.png, b"tEXt", b"x\x00y", 5000)
        self.assert_invalid(self.post_verify(files={"badge_file": ("badge.png", many)}), "chunks",
                            TOO_LARGE)
        self.assert_invalid(self.post_verify({"badge_text": "{" * (MAX_TEXT_BYTES + 1)}),
                            "text", TOO_LARGE)
        # a well-formed compressed badge under the limit still verifies
        text = json.dumps(self.hosted_badge._ob_json()).encode()
        compressed = with_chunk(self.png, b"iTXt", itxt(text))
        response = self.post_verify(files={"badge_file": ("badge.png", compressed)})
        self.assertIn("Badge valide", response.text)

    def test_malformed_badges_answer_invalid_not_500(self):
        """JSON whose id is a number or a list, 50,000 nested brackets, a JWS whose verification
        is a string, whose header or payload is not an object, a huge key id or number, a
        corrupt compressed chunk: each gets the French "invalid badge" page, as a pasted text
        and as an uploaded file."""
        payload = self.signed_badge._ob_json()
        creator = payload["verification"]["creator"]
        texts = {
            "id-number": '{"id": 5}',
            "id-list": '{"id": ["x"]}',
            "id-object": '{"id": {"a": 1}}',
            "nested-brackets": "[" * 50000,
            "nested-in-object": '{"id": ' + "[" * 50000,
            "nested-in-jws": jws({"alg": "RS256"}, json.loads("[" * 900 + "]" * 900)),
            "jws-verification-string": jws({"alg": "RS256"}, dict(payload, verification="x")),
            "jws-creator-list": jws({"alg": "RS256"},
                                    dict(payload, verification={"creator": [creator]})),
            "jws-creator-huge-id": jws({"alg": "RS256"}, dict(payload, verification={
                "creator": creator.rsplit("/", 1)[0] + "/" + "9" * 30})),
            "jws-header-list": jws(["RS256"], payload),
            "jws-payload-list": jws({"alg": "RS256"}, [payload]),
            "huge-number": '{"id": %s}' % ("9" * 100000),
        }
        for label, text in texts.items():
            with self.subTest(label=label):
                self.assert_invalid(self.post_verify({"badge_text": text}), label)
                self.assert_invalid(
                    self.post_verify(files={"badge_file": ("badge.json", text.encode())}),
                    label + " (file)")
        corrupt = with_chunk(self.png, b"iTXt", b"openbadges\x00\x01\x00\x00\x00not zlib")
        not_utf8 = with_chunk(self.png, b"iTXt", itxt(b"\xff\xfe", compressed=False))
        truncated = with_chunk(self.png, b"iTXt", b"openbadges\x00")
        for label, data in (("corrupt-zlib", corrupt), ("not-utf8", not_utf8),
                            ("truncated-itxt", truncated)):
            with self.subTest(label=label):
                self.assert_invalid(self.post_verify(files={"badge_file": ("badge.png", data)}),
                                    label, NOT_A_BADGE)

    def test_email_sent_as_a_file_and_empty_file_input(self):
        """An e-mail field sent as a file part is ignored (no HTTP 500); an empty file input
        does not hide the pasted badge."""
        text = json.dumps(self.hosted_badge._ob_json())
        response = self.post_verify({"badge_text": text},
                             files={"badge_file": ("", b""), "email": ("e.txt", b"x@y.org")})
        self.assertEqual(response.status_code, 200)
        self.assertIn("Badge valide", response.text)
        self._before_request()
        try:
            response = self.opener.post(
                self.base_url() + "/badges/verify/%s" % self.hosted_badge.uuid,
                data={"csrf_token": self.token}, files={"email": ("e.txt", b"x@y.org")},
                timeout=120)
        finally:
            self._after_request()
        self.assertEqual(response.status_code, 200)
