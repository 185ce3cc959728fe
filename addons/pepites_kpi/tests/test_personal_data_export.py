"""Subject access (issue 15): INAÉ staff download, from a contact, a ZIP of everything PEPITES
holds about the person (JSON per kind of record, every file, a PDF summary); nobody else can,
over HTTP or XML-RPC, and no copy of it stays on the server."""
import base64
import io
import json
import xmlrpc.client
import zipfile

from odoo.tools import mute_logger

from odoo.addons.pepites_partners.tests.common import (
    PepitesHttpCastCase, PrintAssertions, pdf_text)

#: the kinds of record the demo person has (one JSON file each in the ZIP)
KINDS = ("contact", "applications", "registrations", "orientations", "pmsmp", "poei",
         "training", "attendance", "alternance", "vae", "vae_blocks", "afest", "afest_phases",
         "badges", "messages")


class TestExport(PrintAssertions, PepitesHttpCastCase):

    def setUp(self):
        super(TestExport, self).setUp()
        self.person = self.env.ref("pepites_partners.person_privacy_demo")
        self.url = "/pepites/personal-data/%d/export" % self.person.id

    def download(self, user):
        self.authenticate(user.login, user.login)
        return self.url_open(self.url)

    def test_export_has_every_kind_and_file(self):
        """The demo person's ZIP holds a JSON file for every kind of record she has, her CV,
        her signed convention, her AFEST evidence and her badge image, and a PDF summary in
        French with her name; the download is for its requester only (nothing stored)."""
        Attachment = self.env["ir.attachment"].sudo()
        # what a stored copy would be (the report's compiled stylesheets are attachments too)
        stored = ["|", "|", ("mimetype", "in", ["application/zip", "application/pdf"]),
                  ("res_model", "=", "res.partner"), ("name", "ilike", "donnees-personnelles")]
        attachments_before = Attachment.search_count(stored)
        response = self.download(self.user_staff)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/zip")
        self.assertIn("attachment", response.headers["Content-Disposition"])
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        names = archive.namelist()
        for kind in KINDS:
            self.assertIn("%s.json" % kind, names)
            self.assertTrue(json.loads(archive.read("%s.json" % kind).decode("utf-8")), kind)
        contact = json.loads(archive.read("contact.json").decode("utf-8"))
        self.assertEqual(contact[0]["email"], "amandine.castagne@example.org")
        files = [name for name in names if name.startswith("fichiers/")]
        for expected in ("fichiers/applications/CV Amandine Castagné.pdf",
                         "fichiers/pmsmp/Convention PMSMP signée - Amandine Castagné.pdf",
                         "fichiers/afest_phases/Grille d'observation AFEST - Amandine "
                         "Castagné.pdf"):
            self.assertIn(expected, files)
        self.assertTrue([name for name in files if name.startswith("fichiers/badges/")
                         and name.endswith(".png")], files)
        cv = self.env.ref("pepites_jobs.applicant_privacy_cv_demo")
        self.assertEqual(archive.read("fichiers/applications/CV Amandine Castagné.pdf"),
                         base64.b64decode(cv.sudo().datas))
        text = pdf_text(archive.read("resume.pdf"))
        self.assertIn("Amandine Castagné", text)
        self.assertIn("Données personnelles", text)
        self.assertEqual(Attachment.search_count(stored), attachments_before, "no copy kept")

    def test_managers_export_too(self):
        """INAÉ managers download the export too."""
        self.assertEqual(self.download(self.user_manager).status_code, 200)

    def test_outsiders_cannot_export(self):
        """SIAE, partner API and portal users get a 403, the public the login page."""
        for user in (self.user_siae_a, self.user_partner_api, self.user_portal):
            response = self.download(user)
            self.assertEqual(response.status_code, 403, user.login)
            self.assertNotIn(b"amandine", response.content.lower())
        self.opener.cookies.clear()
        response = self.url_open(self.url)
        self.assertIn("/web/login", response.url)

    def test_buttons_refused_over_xmlrpc(self):
        """The buttons' methods called over XML-RPC by outsiders are refused; INAÉ staff may
        not open the erasure either."""
        for user in (self.user_portal, self.user_siae_a, self.user_partner_api):
            for method in ("action_pepites_export", "action_pepites_erase_wizard"):
                with self.assertRaises(xmlrpc.client.Fault), \
                        mute_logger("odoo.http", "odoo.models"):
                    self.xmlrpc(user, "res.partner", method, [self.person.id])
        with self.assertRaises(xmlrpc.client.Fault), mute_logger("odoo.http"):
            self.xmlrpc(self.user_staff, "res.partner", "action_pepites_erase_wizard",
                        [self.person.id])
        action = self.xmlrpc(self.user_staff, "res.partner", "action_pepites_export",
                             [self.person.id])
        self.assertEqual(action["url"], self.url)
