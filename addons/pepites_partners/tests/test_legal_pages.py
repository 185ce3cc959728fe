"""Issue 15: INAÉ's legal pages (OCA website_legal_page) in French, linked from every footer,
editable in the website and kept on update; the privacy policy lists the register."""
import html

from odoo.tests.common import at_install, post_install
from odoo.tools import mute_logger

from .common import PepitesHttpCase


@at_install(False)
@post_install(True)
class TestLegalPages(PepitesHttpCase):

    def test_legal_advice(self):
        """/legal/advice answers the "Mentions légales" of INAÉ, in French."""
        response = self.url_open("/legal/advice")
        self.assertEqual(response.status_code, 200)
        self.assertIn("<title>Mentions légales", response.text)
        for text in ("Mentions légales", "Éditeur du site", "Directeur ou directrice de la "
                     "publication", "Hébergement", self.env.ref("base.main_company").name):
            self.assertIn(text, response.text)
        self.assertNotIn("The owner of this website", response.text)

    def test_privacy_policy(self):
        """/legal/privacy-policy answers the "Politique de confidentialité": each activity of
        the register with its legal basis and retention, the rights and the CNIL."""
        response = self.url_open("/legal/privacy-policy")
        self.assertEqual(response.status_code, 200)
        html = response.text.replace("&#39;", "'")
        self.assertIn("<title>Politique de confidentialité", html)
        for activity in self.env["privacy.activity"].search([("pepites_purpose", "!=", False)]):
            self.assertIn(activity.name, html)
            self.assertIn(activity.pepites_retention, html)
        for text in ("Consentement", "Obligation légale", "Vos droits", "CNIL",
                     "3 place de Fontenoy"):
            self.assertIn(text, html)
        self.assertNotIn("Personal Information", html)

    @mute_logger("odoo.addons.website.models.ir_ui_view")
    def test_footer_links(self):
        """Every page's footer links the two pages, in French; no terms of use."""
        for url in ("/", "/jobs", "/web/login", "/legal/advice"):
            html = self.url_open(url).text
            footer = html[html.index("<footer"):]
            self.assertIn('href="/legal/advice">Mentions légales</a>', footer, url)
            self.assertIn('href="/legal/privacy-policy">Politique de confidentialité</a>',
                          footer, url)
            self.assertNotIn("/legal/terms-of-use", footer, url)
        self.assertEqual(self.url_open("/legal/terms-of-use").status_code, 404)

    def test_editable_and_kept(self):
        """The pages' text lives in views of ours that the website editor saves into and that
        an update never overwrites (noupdate)."""
        for xmlid, url in (("pepites_partners.legal_advice_page", "/legal/advice"),
                           ("pepites_partners.privacy_policy_page", "/legal/privacy-policy")):
            view = self.env.ref(xmlid)
            data = self.env["ir.model.data"].search([
                ("module", "=", "pepites_partners"), ("name", "=", xmlid.split(".")[1])])
            self.assertTrue(data.noupdate, xmlid)
            page = self.env["website.page"].search([("url", "=", url)])
            self.assertEqual(view.inherit_id, page.view_id)
            # what the editor does when INAÉ changes a paragraph: the view's arch is saved
            view.write({"arch": view.arch.replace("Mentions légales</h1>",
                                                  "Mentions légales d'INAÉ</h1>").replace(
                "Politique de confidentialité</h1>", "Politique de confidentialité d'INAÉ</h1>")})
            self.assertIn("d'INAÉ</h1>", html.unescape(self.url_open(url).text))
