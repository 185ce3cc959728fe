"""The HTML a SIAE writes in its offers (offer_html.py): what reaches `/jobs/detail` from a
SIAE is text and plain structure, whatever path it was written through."""
import unittest

from lxml import html as lxml_html

from odoo.tests import common

from .. import offer_html
from .common import JobsHttpCase, create_offer, offer_values

#: a full-page overlay with the website editor's markers, as a SIAE wrote it over XML-RPC
OVERLAY = (
    '<div style="position:fixed;top:0;left:0;width:100%;height:100%;z-index:99999;'
    'background:#fff" class="modal-backdrop in" id="wrapwrap" data-oe-model="res.users" '
    'data-oe-id="1" data-oe-field="login" data-oe-type="char" onmouseover="alert(1)">'
    'Site fermé, postulez sur https://arnaque.example</div>'
    '<p data-oe-expression="1" class="lead">Encadrer une équipe de <b style="color:red">huit'
    '</b> salariés.</p><img src="https://pisteur.example/pixel.png">'
    '<a href="javascript:alert(1)" target="_blank">lien</a>'
)


class TestCleanOfferHtml(unittest.TestCase):
    """The cleaner alone, without a database."""

    def test_overlay_reduced_to_text(self):
        """Styles, classes, ids, data-oe-* and event attributes, images and javascript: links
        are gone; the text and its structure stay."""
        cleaned = offer_html.clean_offer_html(OVERLAY)
        for forbidden in ("style", "class=", "id=", "data-", "onmouseover", "<img",
                          "javascript", "target"):
            self.assertNotIn(forbidden, cleaned)
        self.assertIn("Site fermé", cleaned)
        self.assertIn("<p>Encadrer une équipe de <b>huit</b> salariés.</p>", cleaned)

    def test_portal_form_output_kept(self):
        """What the portal form makes of plain text (paragraphs, line breaks, links) goes
        through unchanged but for the links' target."""
        html = ('<p>Coordonner trois chantiers.<br>Voir <a href="https://inae.example" '
                'target="_blank">https://inae.example</a></p><p>&lt;b&gt;tel quel&lt;/b&gt;</p>')
        self.assertEqual(offer_html.clean_offer_html(html), html.replace(' target="_blank"', ""))

    def test_nothing_left(self):
        """Markup without text is no description at all."""
        for html in (False, "", "   ", "<p></p>", "<script>alert(1)</script>",
                     '<img src="x.png">'):
            self.assertIs(offer_html.clean_offer_html(html), False, html)


@common.at_install(False)
@common.post_install(True)
class TestOfferHtmlOverRpc(JobsHttpCase):
    """A SIAE writes its offer over XML-RPC; once INAÉ publishes it, the public page shows its
    text without its looks."""

    def description_elements(self, offer):
        page = self.url_open("/jobs/detail/%d" % offer.id)
        self.assertEqual(page.status_code, 200)
        root = lxml_html.fromstring(page.text)
        blocks = root.xpath("//div[contains(@class, 'o_pepites_offer_description')]")
        self.assertEqual(len(blocks), 1)
        return blocks[0], page.text

    def assert_plain(self, element, label):
        for child in element.iterdescendants():
            attributes = set(child.attrib) - {"href"}
            self.assertFalse(attributes, "%s: <%s %s> on /jobs/detail" % (
                label, child.tag, sorted(attributes)))

    def test_rpc_create_and_write_sanitised(self):
        """siae1 creates, then rewrites, over XML-RPC a description and a profile holding a
        fixed full-page overlay with data-oe-* attributes; after INAÉ publishes the offer,
        /jobs/detail shows their text with no style, class, id or data-* attribute (it used to
        show the overlay over the whole page)."""
        values = offer_values(self, self.siae1, name="ETI sur tout l'écran",
                              website_description=OVERLAY, profile=OVERLAY)
        del values["siae_id"]  # the SIAE user's own, by default
        offer_id = self.rpc(self.user_siae1, "hr.job", "create", values)
        offer = self.Job.browse(offer_id)
        for name in ("website_description", "profile"):
            for forbidden in ("position:fixed", "data-oe-", "modal-backdrop", "wrapwrap",
                              "style=", "<img"):
                self.assertNotIn(forbidden, offer[name] or "", name)
        self.assertIn("Site fermé", offer.website_description)
        self.rpc(self.user_siae1, "hr.job", "write", [offer_id],
                 {"website_description": OVERLAY + "<p>Deuxième version</p>",
                  "profile": '<ul><li style="position:fixed">Permis B</li></ul>'})
        self.rpc(self.user_siae1, "hr.job", "action_submit", [offer_id])
        offer.sudo(self.user_staff).action_publish()
        offer.invalidate_cache()
        self.assertEqual(offer.profile, "<ul><li>Permis B</li></ul>")
        description, page = self.description_elements(offer)
        self.assert_plain(description, "description")
        self.assertIn("Deuxième version", description.text_content())
        self.assertIn("Permis B", page)
        for forbidden in ("position:fixed", "modal-backdrop", 'data-oe-model="res.users"',
                          "pisteur.example", "onmouseover"):
            self.assertNotIn(forbidden, page)

    def test_portal_form_same_cleaner(self):
        """The portal form's plain text reaches the same cleaner: typed HTML stays text, the
        paragraphs stay paragraphs."""
        self.authenticate("pj_siae1", "Pepites-Jobs-2026")
        offer = create_offer(self, self.siae1)
        url = "/my/offers/%d" % offer.id
        self.url_open(url, data={
            "csrf_token": self.csrf_token(url), "name": offer.name,
            "job_family_id": str(self.family_eti.id), "contract_type": "cdi",
            "weekly_hours": "35", "city": "Pau",
            "pepites_department_id": str(self.department_64.id), "no_of_recruitment": "1",
            "description": 'Premier paragraphe\n\n<div style="position:fixed">Texte</div>',
            "profile": "Permis B"})
        offer.invalidate_cache()
        self.assertEqual(offer.website_description,
                         "<p>Premier paragraphe</p><p>&lt;div style=\"position:fixed\"&gt;"
                         "Texte&lt;/div&gt;</p>")
        self.assertEqual(offer.profile, "<p>Permis B</p>")

    def test_staff_keeps_formatting(self):
        """INAÉ staff, who moderate the board, keep the back office editor's formatting (a
        colour, an alignment): the strict cleaner applies to SIAE writers only."""
        offer = create_offer(self, self.siae1)
        html = '<p style="text-align: center">Centré</p>'
        offer.sudo(self.user_staff).write({"website_description": html})
        self.assertIn('style="text-align: center"', offer.website_description)
