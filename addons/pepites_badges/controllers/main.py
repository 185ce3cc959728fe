import base64
import json

from odoo import http
from odoo.http import Response, request

from ..models.pepites_badge_assertion import cached_hosted, cached_ob3
from ..openbadges_engine import baking, urls, vcjwt, verification

JSONLD = "application/ld+json"
#: the media type of a JWK Set (RFC 7517 §8.5)
JWK_SET = "application/jwk-set+json"


def _json_response(document, status=200, content_type=JSONLD):
    body = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
    return Response(
        body, status=status,
        headers=[("Content-Type", content_type + "; charset=utf-8"),
                 ("Access-Control-Allow-Origin", "*"),
                 ("Cache-Control", "no-cache")])


def _text(value):
    """A form field as text (a field sent as a file part is no text)."""
    return value if isinstance(value, str) else ""


def _png_response(data):
    return request.make_response(data, headers=[
        ("Content-Type", "image/png"), ("Access-Control-Allow-Origin", "*")])


def _attachment(kw, filename):
    """The header making the answer a download (``?download=1``, the /my/badges buttons)."""
    if not kw.get("download"):
        return []
    return [("Content-Disposition", 'attachment; filename="%s"' % filename)]


def _document_response(record_sudo, build):
    """The JSON-LD document ``build(record_sudo)``; 404 without record or document."""
    document = record_sudo and build(record_sudo)
    return _json_response(document) if document else request.not_found()


def _render(template, values, status=200):
    """Render a public badges page; its templates write their links with ``badge_path``."""
    return request.render(template, dict(values, badge_path=urls.path), status=status)


class BadgesPublic(http.Controller):
    """Public Open Badges 2.0 endpoints (JSON-LD) and the human verification page.

    The trust boundary of the platform: anyone may fetch what is public in a badge. Each route
    reads through a ``*_sudo`` recordset and returns only the public Open Badges document (the
    recipient appears hashed, never the e-mail address)."""

    # ----------------------------------------------------------------- JSON-LD documents
    @http.route(urls.route("issuer", "<int:issuer_id>"), type="http", auth="public",
                methods=["GET"])
    def issuer(self, issuer_id, **kw):
        # the public Issuer profile, of an active issuer
        # sudo: Open Badges hosted verification fetches it anonymously; public document only
        issuer_sudo = request.env["pepites.badge.issuer"].sudo().browse(issuer_id).exists()
        return _document_response(issuer_sudo, lambda issuer: issuer.active and issuer._ob_json())

    @http.route(urls.route("issuer_image", "<int:issuer_id>"), type="http", auth="public",
                methods=["GET"])
    def issuer_image(self, issuer_id, **kw):
        # sudo: the public logo of an issuer
        data = request.env["pepites.badge.issuer"].sudo()._public_image(issuer_id)
        return _png_response(data) if data else request.not_found()

    @http.route(urls.route("revocations", "<int:issuer_id>"), type="http", auth="public",
                methods=["GET"])
    def revocations(self, issuer_id, **kw):
        # the public RevocationList (assertion ids and reasons only)
        # sudo: verifiers fetch it anonymously; ids and reasons only
        issuer_sudo = request.env["pepites.badge.issuer"].sudo().browse(issuer_id).exists()
        return _document_response(issuer_sudo, lambda issuer: issuer._ob_revocation_list_json())

    @http.route(urls.route("endorsement", "<int:issuer_id>"), type="http", auth="public",
                methods=["GET"])
    def endorsement(self, issuer_id, **kw):
        # the public endorsement of an issuer by INAÉ
        # sudo: verifiers fetch it anonymously; the published endorsement only
        issuer_sudo = request.env["pepites.badge.issuer"].sudo().browse(issuer_id).exists()
        return _document_response(issuer_sudo, lambda issuer: issuer._ob_endorsement_json())

    @http.route(urls.route("key", "<int:key_id>"), type="http", auth="public", methods=["GET"])
    def key(self, key_id, **kw):
        # the public half of a signing key (retired keys stay published)
        # sudo: verifiers fetch it anonymously; the public half only
        key_sudo = request.env["pepites.badge.key"].sudo().browse(key_id).exists()
        return _document_response(key_sudo, lambda key: key._ob_json())

    @http.route(urls.route("class", "<string:uuid>"), type="http", auth="public",
                methods=["GET"])
    def badge_class(self, uuid, **kw):
        return _document_response(self._badge_class_sudo(uuid), lambda b: b._ob_json())

    @http.route(urls.route("class_image", "<string:uuid>"), type="http", auth="public",
                methods=["GET"])
    def badge_class_image(self, uuid, **kw):
        badge_sudo = self._badge_class_sudo(uuid)
        if not badge_sudo or not badge_sudo.image:
            return request.not_found()
        return _png_response(base64.b64decode(badge_sudo.image))

    def _badge_class_sudo(self, uuid):
        # sudo: badge classes are public once published or used; drafts stay private
        BadgeClass_sudo = request.env["pepites.badge.class"].sudo().with_context(active_test=False)
        badge_sudo = BadgeClass_sudo.search([("uuid", "=", uuid)], limit=1) if len(uuid) < 64 \
            else BadgeClass_sudo
        if badge_sudo and badge_sudo.state == "draft" and not badge_sudo.assertion_count:
            return BadgeClass_sudo
        return badge_sudo

    @http.route(urls.route("assertion", "<string:uuid>"), type="http", auth="none",
                methods=["GET"])
    def assertion(self, uuid, **kw):
        # The hottest public route (every verifier and backpack polls it): auth "none" (no
        # session nor public user), and the serialized document is kept in the registry's
        # cache, which a change of that badge drops - a hit needs no database cursor. The
        # document holds the ids stored when the badge was issued: neither the request's host
        # nor web.base.url changes it.
        # sudo: hosted verification is public; the recipient is a salted hash
        status, body = cached_hosted(request.registry, uuid) \
            or request.env["pepites.badge.assertion"].sudo()._hosted_response(uuid)
        return _json_response(body, status=status) if status else request.not_found()

    @http.route(urls.route("assertion_image", "<string:uuid>"), type="http", auth="public",
                methods=["GET"])
    def assertion_image(self, uuid, **kw):
        # sudo: the baked badge holds the same public document as the hosted assertion
        assertion_sudo = request.env["pepites.badge.assertion"].sudo()._get_by_uuid(uuid)
        if not assertion_sudo or not assertion_sudo.baked_image:
            return request.not_found()
        if assertion_sudo.revoked:
            return _json_response(assertion_sudo._ob_revoked_json(), status=410)
        response = _png_response(base64.b64decode(assertion_sudo.baked_image))
        if kw.get("download"):
            response.headers["Content-Disposition"] = \
                'attachment; filename="badge-%s.png"' % assertion_sudo.uuid
        return response

    # ----------------------------------------------------------------- Open Badges 3.0
    @http.route(urls.route("credential", "<string:value>"), type="http", auth="none",
                methods=["GET"])
    def credential(self, value, **kw):
        """The OpenBadgeCredential of a badge: ``<uuid>`` its JSON, ``<uuid>.jwt`` its VC-JWT,
        ``<uuid>.png`` the badge image with the VC-JWT baked in. A revoked badge is still
        served (its status list says revoked); an unknown or malformed id is a 404.

        Polled by wallets and verifiers like the hosted 2.0 assertion, hence the same design:
        auth "none", and the JSON (with its Data Integrity proof, 0.06–0.1 s to make) and the
        VC-JWT kept in the registry's cache, which a change of that badge drops."""
        uuid, _dot, suffix = value.partition(".")
        if suffix not in ("", "jwt", "png") or (_dot and not suffix):
            return request.not_found()
        # sudo: a credential is public like the hosted assertion (a hashed recipient only)
        served = cached_ob3(request.registry, uuid) \
            or request.env["pepites.badge.assertion"].sudo()._ob3_served(uuid)
        if not served:
            return request.not_found()
        document, token = served
        if suffix == "jwt":
            return Response(token, headers=[
                ("Content-Type", vcjwt.MEDIA_TYPE), ("Access-Control-Allow-Origin", "*"),
                ("Cache-Control", "no-cache")] + _attachment(kw, "badge-%s.jwt" % uuid))
        if suffix == "png":
            # sudo: the badge class image, public like the credential
            assertion_sudo = request.env["pepites.badge.assertion"].sudo()._get_by_uuid(uuid)
            response = _png_response(baking.bake(
                base64.b64decode(assertion_sudo.badge_class_id.image), token,
                baking.KEYWORD_OB3))
            response.headers.extend(_attachment(kw, "badge-%s-ob3.png" % uuid))
            return response
        response = _json_response(document)
        response.headers.extend(_attachment(kw, "badge-%s.json" % uuid))
        return response

    @http.route(urls.route("issuer_v3", "<int:issuer_id>"), type="http", auth="public",
                methods=["GET"])
    def issuer_v3(self, issuer_id, **kw):
        # the issuer's Open Badges 3.0 Profile, of an active issuer
        # sudo: verifiers fetch it anonymously; the public profile only
        issuer_sudo = request.env["pepites.badge.issuer"].sudo().browse(issuer_id).exists()
        return _document_response(issuer_sudo,
                                  lambda issuer: issuer.active and issuer._ob3_profile_json())

    @http.route(urls.route("jwks", "<int:issuer_id>"), type="http", auth="public",
                methods=["GET"])
    def jwks(self, issuer_id, **kw):
        # the issuer's JWK Set, current and retired keys (also of an archived issuer: what it
        # signed keeps verifying)
        # sudo: verifiers fetch it anonymously; the public halves of the keys only
        issuer_sudo = request.env["pepites.badge.issuer"].sudo().browse(issuer_id).exists()
        if not issuer_sudo:
            return request.not_found()
        return _json_response(issuer_sudo._ob3_jwk_set(), content_type=JWK_SET)

    @http.route(urls.route("status_list", "<int:issuer_id>"), type="http", auth="public",
                methods=["GET"])
    def status_list(self, issuer_id, **kw):
        # the issuer's Bitstring status list (one bit a badge: revoked or not)
        # sudo: verifiers fetch it anonymously; no badge is named in it
        issuer_sudo = request.env["pepites.badge.issuer"].sudo().browse(issuer_id).exists()
        return _document_response(issuer_sudo, lambda issuer: issuer._ob3_status_list())

    # ----------------------------------------------------------------- human pages
    @http.route(urls.route("verify", "<string:uuid>"), type="http", auth="public",
                website=True, methods=["GET", "POST"])
    def verify_page(self, uuid, **post):
        # sudo: the public verification page; the template shows of the holder only the name
        # as they chose to show it (holder_name), never their e-mail address
        assertion_sudo = request.env["pepites.badge.assertion"].sudo()._get_by_uuid(uuid)
        if not assertion_sudo:
            # a person followed a link or typed an address: a French page saying so, with the
            # way to verify a badge file, rather than the raw "Not Found" (the JSON-LD routes
            # keep their plain 404: verifiers read only the status)
            return _render("pepites_badges.badge_not_found_page", {}, status=404)
        email = _text(post.get("email")) if request.httprequest.method == "POST" else ""
        return _render("pepites_badges.badge_verify_page",
                       assertion_sudo._verify_page_values(email or None))

    @http.route(urls.route("verify_upload"), type="http", auth="public", website=True,
                methods=["GET", "POST"])
    def verify_upload(self, **post):
        """Verify a badge file (baked PNG, JSON or signed JWS) someone received.

        At most ``MAX_FILE_BYTES`` + 1 bytes of the upload are read (what is beyond is refused
        as too large by the verification, with its message); an empty file input falls back on
        the pasted text."""
        values = {"result": None}
        upload = post.get("badge_file")
        if request.httprequest.method == "POST":
            data = upload.read(verification.MAX_FILE_BYTES + 1) if hasattr(upload, "read") \
                else None
            data = data or _text(post.get("badge_text"))
            values["result"] = request.env["pepites.badge.assertion"]._verify_badge(
                data, email=_text(post.get("email")) or None)
        return _render("pepites_badges.badge_verify_upload_page", values)
