"""The badge pages people see (issue 16): the holder's name as they chose it, a French page
for an unknown badge, a revoked badge shown first and greyed, no sharing of what no longer
proves anything, a card grid without holes."""
import re

from odoo.tests import common

from odoo.addons.pepites_partners.tests.common import PepitesHttpCase

from .common import BadgesFixtures


@common.at_install(False)
@common.post_install(True)
class TestHolderPages(BadgesFixtures, PepitesHttpCase):

    def setUp(self):
        super(TestHolderPages, self).setUp()
        self.create_fixtures(self, "http://%s:%d" % (common.HOST, common.PORT))
        website = self.env.ref("website.default_website")
        website.language_ids |= self.env.ref("base.lang_fr")
        self.alice.write({"name": "Alice Martin", "lang": "fr_FR"})
        self.users["other_holder"].partner_id.write({"lang": "fr_FR"})
        self.badge = self.issue(self.hosted, self.alice)
        self.verify_path = "/badges/verify/%s" % self.badge.uuid
        self.opener.cookies["frontend_lang"] = "fr_FR"

    def csrf_token(self, path):
        match = re.search(r'name="csrf_token" value="([^"]+)"', self.url_open(path).text)
        self.assertTrue(match, "no CSRF token on %s" % path)
        return match.group(1)

    def choose(self, display, token=None, **extra):
        data = dict(extra, name_display=display)
        data["csrf_token"] = token or self.csrf_token("/badges/verify")
        return self.url_open("/my/badges/name", data=data)

    def verify_html(self):
        page = self.url_open(self.verify_path)
        self.assertEqual(page.status_code, 200)
        return page.text

    def holder_shown(self):
        """The holder's name on the verification page (None: no "Décerné à" line); read in its
        own element, as the page's header shows the logged-in user's own name."""
        match = re.search(r'o_pepites_badge_holder">Décerné à <strong>([^<]*)</strong>',
                          self.verify_html())
        return match and match.group(1)

    def test_name_initials_by_default_full_or_none_by_choice(self):
        """The verification page shows "Décerné à A. M." by default; the holder chooses on
        /my/badges their full name or no name; the Open Badges document never holds it."""
        document = self.badge._ob_json()
        html = self.verify_html()
        self.assertEqual(self.holder_shown(), "A. M.")
        self.assertNotIn("Alice Martin", html)
        self.authenticate("bholder", "bholder")
        page = self.url_open("/my/badges")
        self.assertIn("Mon nom sur la page de vérification de mes badges", page.text)
        self.assertRegex(page.text, r'value="initials"\s+checked')
        saved = self.choose("full")
        self.assertEqual(saved.status_code, 200)
        self.assertIn("Votre choix est enregistré.", saved.text)
        self.assertEqual(self.alice.badge_name_display, "full")
        self.assertEqual(self.holder_shown(), "Alice Martin")
        self.choose("none")
        self.assertIsNone(self.holder_shown())
        self.assertNotIn("Décerné à", self.verify_html())
        self.choose("initials")
        self.assertEqual(self.holder_shown(), "A. M.")
        # whatever the choice, the hosted document stays the hashed one
        self.choose("full")
        hosted = self.url_open("/badges/assertions/%s" % self.badge.uuid)
        self.assertEqual(hosted.json(), document)
        self.assertNotIn("Alice", hosted.text)
        self.assertNotIn("Martin", hosted.text)

    def test_name_choice_is_the_holders_own(self):
        """Another person's post changes only their own contact (no id is read from the form);
        a post without the CSRF token, or with an unknown choice, writes nothing (the latter
        says why in French)."""
        self.authenticate("bother", "bother")
        self.choose("full", partner_id=self.alice.id, id=self.alice.id)
        self.assertEqual(self.alice.badge_name_display, "initials")
        self.assertEqual(self.users["other_holder"].partner_id.badge_name_display, "full")
        self.authenticate("bholder", "bholder")
        refused = self.url_open("/my/badges/name", data={"name_display": "full",
                                                         "csrf_token": "forged"})
        self.assertEqual(refused.status_code, 400)
        self.assertEqual(self.alice.badge_name_display, "initials")
        bad = self.choose("everything")
        self.assertIn("Choisissez comment votre nom apparaît", bad.text)
        self.assertEqual(self.alice.badge_name_display, "initials")
        self.opener.cookies.clear()
        self.url_open("/my/badges/name", data={"name_display": "full"})
        self.assertEqual(self.alice.badge_name_display, "initials")

    def test_unknown_badge_french_page(self):
        """An unknown or malformed badge address answers 404 with a French "Badge introuvable"
        page linking to the verification of a badge file; the JSON-LD route keeps a bare 404."""
        for path in ("/badges/verify/00000000-0000-4000-8000-000000000000",
                     "/badges/verify/not-a-uuid", "/badges/verify/x'%20OR%201=1"):
            page = self.url_open(path)
            self.assertEqual(page.status_code, 404, path)
            self.assertIn("Badge introuvable", page.text)
            self.assertIn('href="/badges/verify"', page.text)
            self.assertNotIn("Not Found", page.text)
        self.assertEqual(
            self.url_open("/badges/assertions/00000000-0000-4000-8000-000000000000").status_code,
            404)

    def test_revoked_first_and_greyed(self):
        """A revoked badge's page says so (date, reason) before its image and QR code, and
        greys them; on /my/badges the card is greyed, with no sharing."""
        self.badge.action_revoke("Attribué par erreur")
        html = self.verify_html()
        self.assertIn("o_pepites_badge_revoked", html)
        notice = html.index("Badge révoqué.")
        self.assertLess(notice, html.index("o_pepites_badge_image"))
        self.assertLess(notice, html.index("data:image/png;base64,"))
        self.assertIn("Attribué par erreur", html)
        self.assertIn("Ce badge a été retiré le", html)
        self.authenticate("bholder", "bholder")
        page = self.url_open("/my/badges").text
        self.assertIn("o_pepites_badge_revoked", page)
        self.assertIn("Révoqué", page)
        self.assertNotIn("linkedin.com/profile/add", page)
        self.assertNotIn(self.badge.verify_url, page)

    def test_expired_not_shared(self):
        """An expired badge offers no sharing (LinkedIn, the link) on /my/badges and says
        since when it has expired, there and on the verification page; a valid one does."""
        self.authenticate("bholder", "bholder")
        page = self.url_open("/my/badges").text
        self.assertIn("linkedin.com/profile/add", page)
        # noon: the same day in every time zone the page may be shown in
        self.badge.sudo().write({"expires_on": "2021-01-01 12:00:00"})
        page = self.url_open("/my/badges").text
        self.assertNotIn("linkedin.com/profile/add", page)
        self.assertNotIn(self.badge.verify_url, page)
        self.assertIn("Expiré le", page)
        self.assertIn("01/01/2021", page)
        self.assertIn("Un badge expiré ne peut plus être partagé.", page)
        html = self.verify_html()
        self.assertIn("Badge expiré", html)
        self.assertIn("01/01/2021", html)
        self.assertNotIn("linkedin.com/profile/add", html)

    def test_card_grid_without_holes(self):
        """/my/badges lays its cards in the flex grid of the badges' style sheet, which the
        website serves (cards of unequal heights leave no hole)."""
        self.issue(self.signed, self.alice)
        self.authenticate("bholder", "bholder")
        page = self.url_open("/my/badges").text
        self.assertIn("row pepites-badge-grid", page)
        grid = page.split("row pepites-badge-grid", 1)[1].split("<footer", 1)[0]
        self.assertEqual(grid.count("col-xs-12 col-sm-6 col-md-4"), 2)
        css = self.url_open("/pepites_badges/static/src/css/pepites_badges.css").text
        self.assertIn("flex-wrap: wrap", css)
        self.assertIn("grayscale(100%)", css)
