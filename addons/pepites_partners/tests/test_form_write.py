"""The one way a portal form refuses a write (``controllers/form_write.py``), through `/my/siae`."""
import re

from odoo.tests.common import at_install, post_install

from .common import PepitesHttpCastCase

WEBSITE_FR = "Le site web de « SIAE Test A » doit être une adresse http:// ou https://."


@at_install(False)
@post_install(True)
class TestFormWrite(PepitesHttpCastCase):

    def _post(self, **values):
        page = self.url_open("/my/siae")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.url_open("/my/siae", data=dict(values, csrf_token=token))

    def test_refused_write_shows_the_message_and_writes_nothing(self):
        """A write the model refuses after it began (the website constraint is checked once
        the city is written) re-renders the form with the French message, the city is not
        changed, and the next requests on the same session work and save: the savepoint was
        rolled back, the caches forgotten, and the cursor is healthy."""
        city = self.siae_a.city
        self.authenticate("test_siae_a", "test_siae_a")
        response = self._post(city="Bègles", website="javascript:alert(1)")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.alert(response.text), WEBSITE_FR)
        self.assertEqual(self.siae_a.city, city)
        response = self._post(city="Bègles", website="https://siae-a.example")
        self.assertEqual(response.status_code, 200)
        self.assertIsNone(self.alert(response.text))
        self.assertEqual((self.siae_a.city, self.siae_a.website),
                         ("Bègles", "https://siae-a.example"))

    def test_refused_value_before_write(self):
        """A value refused before any write (a negative number of posts) shows its French
        message, and the next GET of the form answers normally."""
        posts = self.siae_a.insertion_posts
        self.authenticate("test_siae_a", "test_siae_a")
        response = self._post(city="Bègles", insertion_posts="-3")
        self.assertIn("ne peut pas être négatif", self.alert(response.text) or "")
        self.assertEqual(self.siae_a.insertion_posts, posts)
        self.assertNotEqual(self.siae_a.city, "Bègles")
        self.assertEqual(self.url_open("/my/siae").status_code, 200)
