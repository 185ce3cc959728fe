"""Issue 16: a visitor and a SIAE manager see INAÉ's site everywhere — no Odoo placeholder,
French titles and error pages, INAÉ's logo and favicon, a home page with the programme's entry points,
menus named for them, Odoo's demo content off the website.

Here (pepites_kpi depends on every PEPITES addon) because it reads pages of all of them."""
import base64
import html as html_module
import io
import re

from PIL import Image

from odoo.modules.module import get_module_resource
from odoo.tests.common import at_install, post_install
from odoo.tools import mute_logger

from odoo.addons.pepites_partners.tests.common import PepitesHttpCase

PUBLIC_PAGES = ("/", "/jobs", "/event", "/training/catalogue", "/slides", "/indicateurs",
                "/legal/advice", "/legal/privacy-policy", "/web/login", "/contactus",
                "/badges/verify")
PORTAL_PAGES = ("/my", "/my/account", "/my/siae", "/my/offers", "/my/trainings", "/my/badges")
# anywhere in the page, attributes included
PLACEHOLDERS = ("Your logo", "YourCompany", "yourcompany", "+1 555", "555-", "Try the open source",
                "Powered by", "Lorem ipsum", "info@yourcompany", "Logo of YourCompany")
# words of Odoo's English pages that must not be a page's title
ENGLISH_TITLES = ("Events", "My Portal", "Jobs", "Home", "Login", "Contact Us", "Channels",
                  "404", "403", "Page not found", "Presentations", "Odoo")
CORE_DEMO_EVENTS = ("Los Angeles", "Functional Webinar", "Conference on Business Apps",
                    "Technical Training")


def visible_text(html):
    """The text a visitor reads: no <head>, scripts, styles, tags or attributes (asset URLs
    such as /web/… are not brand text)."""
    body = html[html.find("<body"):]
    body = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", body)
    body = re.sub(r"(?s)<[^>]*>", " ", body)
    return re.sub(r"\s+", " ", body)


def title(html):
    match = re.search(r"(?s)<title>(.*?)</title>", html)
    return match.group(1).strip() if match else ""


@at_install(False)
@post_install(True)
class TestPublicFace(PepitesHttpCase):

    def assert_no_placeholder(self, url, html):
        for text in PLACEHOLDERS:
            self.assertNotIn(text, html, "%s shows Odoo's placeholder %r" % (url, text))
        self.assertNotRegex(visible_text(html), r"\bOdoo\b", "%s names Odoo" % url)
        page_title = title(html)
        self.assertTrue(page_title, url)
        self.assertNotIn(page_title.split(" | ")[0], ENGLISH_TITLES,
                         "%s has an English title: %s" % (url, page_title))

    def get(self, url, status=200):
        # the first request of a test builds the assets bundle (rolled back after each test):
        # slow on a busy machine
        response = self.url_open(url, timeout=180)
        self.assertEqual(response.status_code, status, url)
        return response.text

    @mute_logger("odoo.addons.website.models.ir_ui_view", "werkzeug", "odoo.http")
    def test_public_and_portal_pages(self):
        """Every public page and the SIAE's portal pages: no Odoo placeholder or brand text, a
        French title, INAÉ's footer (the company's contact, the legal links once); the home
        page links the entry points;
        the top menu is named for these users; Odoo's demo content is not shown; an unknown
        address answers a French 404 page with ways back; the favicon and the logo are ours.
        (One test: each test builds the assets bundle again.)"""
        company = self.env.ref("base.main_company")
        pages = {}
        for url in PUBLIC_PAGES:
            html = pages[url] = self.get(url)
            self.assert_no_placeholder(url, html)
            footer = html[html.index("<footer"):]
            self.assertIn(company.name, footer, url)
            self.assertIn(company.email, footer, url)
            self.assertEqual(footer.count('href="/legal/advice"'), 1, url)
            self.assertEqual(footer.count('href="/legal/privacy-policy"'), 1, url)
        # French titles of core pages
        for url, expected in (("/", "Accueil"), ("/event", "Événements et rallyes"),
                              ("/slides", "Formations en ligne"), ("/web/login", "Connexion"),
                              ("/contactus", "Nous contacter")):
            self.assertTrue(title(pages[url]).startswith(expected), (url, title(pages[url])))
        # the home page and the top menu
        home = html_module.unescape(pages["/"])
        wrap = home[home.index('id="wrap"'):home.index("<footer")]
        for href in ("/jobs", "/event", "/training/catalogue", "/slides", "/badges/verify",
                     "/indicateurs"):
            self.assertIn('href="%s"' % href, wrap, href)
        self.assertIn("Parcours Engageant Pour l'Inclusion", wrap)
        menu = home[home.index('id="top_menu"'):home.index("</header>")]
        for name in ("Offres d'emploi", "Événements", "Formations en ligne",
                     "Vérifier un badge", "Indicateurs"):
            self.assertIn(name, menu)
        for name in ("Postes", "Presentations", ">Jobs<", ">Events<"):
            self.assertNotIn(name, menu)
        # Odoo's demo content
        for name in CORE_DEMO_EVENTS:
            self.assertNotIn(name, pages["/event"])
        for name in ("Public Channel", "Partner Channel"):
            self.assertNotIn(name, pages["/slides"])
        self.assertEqual(self.url_open("/aboutus").status_code, 404)
        # an unknown address
        html = self.get("/pepites-page-qui-n-existe-pas", status=404)
        self.assertIn("<title>Page introuvable", html)
        self.assertIn("Page introuvable</h1>", html)
        self.assertIn('href="/jobs"', html)
        self.assert_no_placeholder("404", html)
        self.assertNotIn("Page not found", html)
        self.assertNotIn("popular pages", html)
        # our favicon and the company's logo in the page
        with open(get_module_resource("pepites_partners", "static/src/img", "favicon.ico"),
                  "rb") as ico:
            favicon = ico.read()
        href = re.search(r'rel="shortcut icon" href="([^"]+)"', pages["/"]).group(1)
        self.assertEqual(self.url_open(href).content, favicon)
        self.assertIn('<img src="/web/binary/company_logo"', pages["/"])
        self.assertEqual(self.url_open("/web/binary/company_logo").content[:8],
                         b"\x89PNG\r\n\x1a\n")
        # the SIAE manager's portal pages; "Modifier" (core's French says "Change")
        self.authenticate("siae1", "siae1")
        for url in PORTAL_PAGES:
            html = self.get(url)
            self.assert_no_placeholder(url, html)
            if url == "/my":
                self.assertIn("<title>Mon espace", html)
                self.assertIn(">Modifier</a>", html)

    def test_identity(self):
        """The company and its logo are INAÉ's, the back office uses our favicon; the 403 and
        500 pages speak French."""
        company = self.env.ref("base.main_company")
        self.assertEqual(company.name, "INAÉ")
        # Odoo re-encodes an image on write: compare the pixels
        ours = Image.open(get_module_resource("pepites_partners", "static/src/img",
                                              "pepites_logo.png")).convert("RGBA")
        stored = Image.open(io.BytesIO(base64.b64decode(company.logo))).convert("RGBA")
        self.assertEqual(stored.size, ours.size)
        self.assertEqual(stored.tobytes(), ours.tobytes())
        # the back office (its page is too slow to build in a test: read the templates)
        self.assertIn("/pepites_partners/static/src/img/favicon.ico",
                      self.env.ref("web.layout").read_combined(["arch"])["arch"])
        self.assertNotIn("Powered by",
                         self.env.ref("web.menu_secondary").read_combined(["arch"])["arch"])
        # the error pages a visitor may meet, in French
        fr = self.env(context=dict(self.env.context, lang="fr_FR"))
        self.assertIn("Accès refusé", fr.ref("pepites_partners.error_403").arch)
        self.assertIn("Erreur du serveur", fr.ref("pepites_partners.error_500").arch)
        for xmlid in ("website.403", "website.500"):
            arch = self.env.ref(xmlid).read_combined(["arch"])["arch"]
            self.assertNotIn("403: Forbidden", arch, xmlid)
            self.assertNotIn("could not be authorized", arch, xmlid)
            self.assertNotIn('<title t-esc="status_message"', arch, xmlid)
