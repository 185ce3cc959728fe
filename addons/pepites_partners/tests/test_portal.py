import re

from odoo.tests.common import at_install, post_install

from .common import PepitesHttpCastCase


def csrf_token(html):
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


@at_install(False)
@post_install(True)
class TestPortalSiae(PepitesHttpCastCase):
    """`/my/siae`: a SIAE keeps its own profile up to date from the portal."""

    def test_anonymous_is_sent_to_login(self):
        response = self.url_open("/my/siae")
        self.assertIn("/web/login", response.url)

    def test_siae_user_updates_own_profile(self):
        """The page shows the user's SIAE, in French, and saving writes its fields."""
        self.authenticate("test_siae_a", "test_siae_a")
        page = self.url_open("/my/siae")
        self.assertEqual(page.status_code, 200)
        self.assertIn("SIAE Test A", page.text)
        self.assertIn("Pour modifier le SIRET", page.text)
        self.assertNotIn("SIAE Test B", page.text)
        response = self.url_open("/my/siae", data={
            "csrf_token": csrf_token(page.text), "fte": "15,5", "insertion_posts": "40",
            "city": "Bègles", "sector_ids": [str(self.sector_reuse.id)]})
        self.assertEqual(response.status_code, 200)
        self.assertIn("Votre structure a été mise à jour", response.text)
        self.siae_a.invalidate_cache()
        self.assertEqual((self.siae_a.fte, self.siae_a.insertion_posts, self.siae_a.city),
                         (15.5, 40, "Bègles"))
        self.assertEqual(self.siae_a.sector_ids, self.sector_reuse)

    def test_bad_input_writes_nothing(self):
        """A non-numeric or negative value is explained in French; nothing is saved."""
        self.authenticate("test_siae_a", "test_siae_a")
        token = csrf_token(self.url_open("/my/siae").text)
        for data, message in (({"fte": "douze", "city": "Ailleurs"}, "doivent être des nombres"),
                              ({"insertion_posts": "-3", "city": "Ailleurs"}, "ne peut pas être négatif"),
                              ({"email": "pas-un-courriel", "city": "Ailleurs"}, "est invalide"),
                              ({"sector_ids": ["999999"], "city": "Ailleurs"}, "Filière inconnue")):
            data["csrf_token"] = token
            response = self.url_open("/my/siae", data=data)
            self.assertEqual(response.status_code, 200)
            self.assertIn(message, response.text)
            self.siae_a.invalidate_cache()
            self.assertNotEqual(self.siae_a.city, "Ailleurs")
        self.assertEqual(self.siae_a.insertion_posts, 30)

    def test_portal_user_without_siae_is_redirected(self):
        self.authenticate("test_portal", "test_portal")
        response = self.url_open("/my/siae")
        self.assertTrue(response.url.endswith("/my"), response.url)

    def test_portal_home_links_to_structure(self):
        self.authenticate("test_siae_b", "test_siae_b")
        response = self.url_open("/my/home")
        self.assertIn('href="/my/siae"', response.text)
        self.assertIn("SIAE Test B", response.text)
