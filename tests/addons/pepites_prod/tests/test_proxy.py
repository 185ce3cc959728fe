"""Through nginx over HTTPS, as the public and INAÉ staff reach PEPITES in production."""
import re

import requests

from odoo.tests.common import at_install, post_install

from odoo.addons.http_routing.models.ir_http import slug
from odoo.addons.pepites_e2e.tests.common import (
    PDF, badge_class, create_siae, issue, moment, published_offer)

from .common import ProxyCase, prod_render


def pdf_of_size(size):
    """A PDF CV (recognised from its content) of exactly ``size`` bytes."""
    return PDF + b"%" + b"x" * (size - len(PDF) - 2) + b"\n"


@at_install(False)
@post_install(True)
class TestProxyJourney(ProxyCase):
    """The public and staff journeys through the proxy, its headers and its upload limit."""

    def _published_offer(self):
        """A published offer of a SIAE (each test creates what it needs: issuing a badge and
        publishing an offer take seconds on a loaded machine)."""
        staff = self.env.ref("pepites_partners.user_staff_demo")
        siae = create_siae(self.env, "Jardins de Cocagne Proxy",
                           "pepites_partners.department_33", "Bègles")
        return published_offer(self.env, siae, "Encadrant technique Proxy", staff)

    def test_https_headers_and_redirect(self):
        """http:// answers a permanent redirect to the same path on the public https://
        address; every https answer (pages, static files, error pages) carries HSTS, the
        framing, sniffing and referrer rules and the CSP, and nginx does not tell its version;
        static files are compressed and cached a month; the database manager is not served."""
        plain = requests.get("http://127.0.0.1:%d/jobs?page=2" % self.http_port,
                             allow_redirects=False, timeout=30)
        self.assertEqual(plain.status_code, 301)
        self.assertEqual(plain.headers["Location"], self.public_url + "/jobs?page=2")

        offer = self._published_offer()
        page = self.proxy("GET", "/jobs")
        self.assertEqual(page.status_code, 200)
        self.assertSecurityHeaders(page)
        self.assertEqual(page.headers["X-Frame-Options"], "SAMEORIGIN")
        self.assertIn(offer.name, page.text)

        static = self.proxy("GET", "/web/static/src/js/boot.js",
                            headers={"Accept-Encoding": "gzip"})
        self.assertEqual(static.status_code, 200)
        self.assertEqual(static.headers.get("Content-Encoding"), "gzip")
        self.assertEqual(static.headers.get("Cache-Control"), "max-age=2592000")
        self.assertSecurityHeaders(static)
        again = self.proxy("GET", "/web/static/src/js/boot.js")
        self.assertEqual(again.headers.get("X-Cache-Status"), "HIT",
                         "nginx did not keep the static file")

        missing = self.proxy("GET", "/pepites-nowhere")
        self.assertEqual(missing.status_code, 404)
        self.assertSecurityHeaders(missing)

        # the database manager's pages and actions never reach Odoo
        for path in ("/web/database/manager", "/web/database/selector", "/web/database/list",
                     "/web/database/backup"):
            self.assertEqual(self.proxy("GET", path).status_code, 404, path)

    def test_unknown_host_closed(self):
        """A request naming another host (Host header forgery) gets no answer at all."""
        with self.assertRaises(requests.ConnectionError):
            self.proxy("GET", "/web/login", headers={"Host": "evil.example"})

    def test_login_through_proxy(self):
        """admin logs in on the login form over HTTPS: the session cookie is Secure, HttpOnly
        and SameSite, and the back office opens."""
        token = self.csrf_through_proxy("/web/login")
        answer = self.proxy("POST", "/web/login", data={
            "login": "admin", "password": "admin", "csrf_token": token, "redirect": "/web"})
        self.assertEqual(answer.status_code, 200, answer.text[:500])
        self.assertIn("window.location = '/web'", answer.text)  # Odoo 11 keeps the #hash
        cookie = [value for value in answer.raw.headers.getlist("Set-Cookie")
                  if value.startswith("session_id=")][-1].lower()
        for flag in ("secure", "httponly", "samesite=lax"):
            self.assertIn(flag, cookie)
        web = self.proxy("GET", "/web")
        self.assertEqual(web.status_code, 200)
        self.assertIn("odoo.session_info", web.text)
        self.assertSecurityHeaders(web)
        self.assertEqual(web.headers["X-Frame-Options"], "DENY")

    def test_application_with_cv_through_proxy(self):
        """A visitor applies with a CV of the largest size pepites_jobs accepts: nginx lets it
        through, the application and its CV are saved as sent, and the visitor is sent back
        to the offer's page on https://."""
        offer = self._published_offer()
        cv_bytes = self.env["hr.applicant"]._cv_max_size()
        cv = pdf_of_size(cv_bytes)
        path = "/jobs/apply/%s" % slug(offer)
        token = self.csrf_through_proxy("/jobs/detail/%s" % slug(offer))
        answer = self.proxy("POST", path, data={
            "csrf_token": token, "partner_name": "Samir Proxy",
            "email_from": "samir.proxy@example.org", "partner_phone": "05 56 00 00 01",
            "description": "Disponible dès lundi.", "pepites_consent": "1"},
            files={"cv": ("cv.pdf", cv, "application/pdf")})
        self.assertEqual(answer.status_code, 302, answer.text[:500])
        self.assertTrue(answer.headers["Location"].startswith(
            self.public_url + "/jobs/detail/%s?applied=1" % slug(offer)))
        applicant = self.env["hr.applicant"].search([
            ("email_from", "=", "samir.proxy@example.org")])
        self.assertEqual(len(applicant), 1)
        attachment = self.env["ir.attachment"].search([
            ("res_model", "=", "hr.applicant"), ("res_id", "=", applicant.id)])
        self.assertEqual(attachment.file_size, cv_bytes)

    def test_oversize_upload_refused_by_nginx(self):
        """A body larger than the CV limit plus its form is refused by nginx itself (413) with
        the French page, which names the limit; Odoo never sees it, nothing is saved."""
        limit_mb = prod_render.body_limit_mb()
        self.assertEqual(limit_mb, prod_render.cv_max_mb() + prod_render.FORM_OVERHEAD_MB)
        offer = self._published_offer()
        applicants = self.env["hr.applicant"].search_count([])
        token = self.csrf_through_proxy("/jobs/detail/%s" % slug(offer))
        answer = self.proxy("POST", "/jobs/apply/%s" % slug(offer), data={
            "csrf_token": token, "partner_name": "Gros Fichier",
            "email_from": "gros.fichier@example.org"},
            files={"cv": ("cv.pdf", pdf_of_size(limit_mb * 1024 * 1024 + 1), "application/pdf")})
        self.assertEqual(answer.status_code, 413)
        self.assertIn("text/html", answer.headers["Content-Type"])
        self.assertIn("Fichier trop volumineux", answer.text)
        self.assertIn("un CV ne peut pas dépasser %s Mo" % prod_render.cv_max_mb(), answer.text)
        self.assertSecurityHeaders(answer)
        self.assertEqual(self.env["hr.applicant"].search_count([]), applicants)
        self.assertIn("client intended to send too large body", self.nginx_log())

    def test_event_registration_through_proxy(self):
        """A visitor registers for a discovery event through the proxy and is confirmed."""
        siae = create_siae(self.env, "Ressourcerie Proxy", "pepites_partners.department_33",
                           "Bordeaux")
        event = self.env["event.event"].create({
            "name": "RDV Découverte IAE Proxy", "pepites_kind": "rally",
            "pepites_department_id": siae.department_id.id, "host_siae_ids": [(6, 0, siae.ids)],
            "date_begin": moment(days=10), "date_end": moment(days=10, hours=3),
            "seats_availability": "limited", "seats_max": 20, "auto_confirm": True,
            "website_published": True})
        event.button_confirm()
        path = "/event/%s/pepites/register" % slug(event)
        token = self.csrf_through_proxy("/event/%s" % slug(event))
        answer = self.proxy("POST", path, data={
            "csrf_token": token, "name": "Léa Proxy", "email": "lea.proxy@example.org",
            "phone": "05 56 00 00 02", "in_career_change": "1", "current_job": "Vendeuse",
            "pepites_consent": "1"})
        self.assertEqual(answer.status_code, 200)
        self.assertIn("Léa Proxy", answer.text)
        registration = self.env["event.registration"].search([
            ("event_id", "=", event.id), ("email", "=", "lea.proxy@example.org")])
        self.assertEqual(registration.state, "open")

    def test_badge_verification_through_proxy(self):
        """Anyone checks a badge through the proxy: the verification page says it is valid,
        the recipient check by email answers, and the hosted assertion is served as JSON."""
        staff = self.env.ref("pepites_partners.user_staff_demo")
        holder = self.env["res.partner"].create({
            "name": "Nadia Encadrante Proxy", "email": "nadia.proxy@example.org"})
        assertion = issue(self.env, badge_class(self.env, "Accueillir en équipe Proxy"),
                          holder, staff)
        page = self.proxy("GET", "/badges/verify/%s" % assertion.uuid)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Badge valide", page.text)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        checked = self.proxy("POST", "/badges/verify/%s" % assertion.uuid, data={
            "csrf_token": token, "email": "nadia.proxy@example.org"})
        self.assertEqual(checked.status_code, 200)
        self.assertIn("Cette adresse est bien celle du bénéficiaire du badge.", checked.text)
        hosted = self.proxy("GET", "/badges/assertions/%s" % assertion.uuid)
        self.assertEqual(hosted.status_code, 200)
        self.assertEqual(hosted.json()["type"], "Assertion")


@at_install(False)
@post_install(True)
class TestProxyRateLimit(ProxyCase):
    """The rate limits, on an nginx of their own (fresh counters)."""

    def test_login_rate_limited(self):
        """Password guessing on the login form: after the burst nginx allows, the next POST
        is refused with 429 and the French page, before Odoo; the login page itself (GET)
        still opens."""
        rate, burst = prod_render.RATE_LIMITS["pepites_login"]
        token = self.csrf_through_proxy("/web/login")
        statuses = []
        for attempt in range(burst + 3):
            answer = self.proxy("POST", "/web/login", data={
                "login": "admin", "password": "wrong-%d" % attempt, "csrf_token": token})
            statuses.append(answer.status_code)
            if answer.status_code == 429:
                break
        self.assertEqual(statuses[:burst + 1], [200] * (burst + 1),
                         "refused before the burst (%s, burst %s)" % (rate, burst))
        self.assertEqual(statuses[-1], 429, "no 429 after %d attempts" % len(statuses))
        self.assertIn("Trop de demandes", answer.text)
        self.assertIn("Patientez une minute", answer.text)
        self.assertSecurityHeaders(answer)
        self.assertEqual(self.proxy("GET", "/web/login").status_code, 200)
        self.assertIn("limiting requests", self.nginx_log())
