"""The public directory of the SIAE (``/siae``) and each SIAE's page (``/siae/<slug>``), the
SIAE's choice of the contacts it publishes, from the portal (issue 18)."""

import re

from odoo.exceptions import AccessError
from odoo.tests.common import at_install, post_install

from .. import siae_page
from ..controllers.siae_directory import PepitesSiaeDirectory
from .common import PepitesHttpCastCase, make_siret
from .test_portal import csrf_token


@at_install(False)
@post_install(True)
class TestSiaePublicPage(PepitesHttpCastCase):

    def setUp(self):
        super(TestSiaePublicPage, self).setUp()
        Partner = self.env["res.partner"]
        self.siae_a.write({
            "zip": "33130", "city": "Bègles", "phone": "05 56 11 22 33",
            "website": "https://siae-a.example.org",
            "siae_presentation": "Maraîchage biologique et réemploi à Bègles.",
            "sector_ids": [(6, 0, self.sector_reuse.ids)],
            "siae_public_email": True})
        self.siae_b.write({"city": "Périgueux", "phone": "05 53 00 00 00",
                           "email": "contact@siae-b.example.org"})
        self.archived = Partner.create({
            "name": "SIAE Archivée ZQP", "is_company": True, "is_siae": True,
            "siae_kind": "ai", "department_id": self.dep_33.id, "siret": make_siret(),
            "active": False})
        self.private = Partner.create({
            "name": "SIAE Privée ZQP", "is_company": True, "is_siae": True, "type": "private",
            "siae_kind": "ei", "department_id": self.dep_33.id, "siret": make_siret()})
        self.counsellor = Partner.create({
            "name": "Carole Conseillère ZQP", "is_cep_counsellor": True,
            "email": "carole@cep.example.org"})

    def get(self, url, status=200):
        response = self.url_open(url)
        self.assertEqual(response.status_code, status, "%s: %s" % (url, response.text[:200]))
        return response

    def path(self, partner):
        return siae_page.page_path(partner.id, partner.name)

    def test_directory_lists_siae_with_filters(self):
        """``/siae`` lists the active SIAE of the directory with a link to their page, and
        filters them by département and kind; other partners are not listed."""
        text = self.get("/siae").text
        self.assertIn("<title>Annuaire des SIAE", text)
        # reached from the website's top menu, in French
        self.assertRegex(self.get("/").text, r'href="/siae"[^>]*>\s*<span>Annuaire des SIAE')
        for shown in (self.siae_a, self.siae_b):
            self.assertIn('href="%s"' % self.path(shown), self.get(
                "/siae?department=%s" % shown.department_id.code).text)
        gironde = self.get("/siae?department=33&kind=aci").text
        self.assertIn("SIAE Test A", gironde)
        self.assertNotIn("SIAE Test B", gironde)
        self.assertNotIn("SIAE Test A", self.get("/siae?department=24").text)
        self.assertNotIn("SIAE Test A", self.get("/siae?kind=ei").text)
        everything = "".join(self.get(url).text for url in (
            "/siae", "/siae/page/2", "/siae/page/3", "/siae?department=33"))
        for hidden in ("SIAE Archivée ZQP", "SIAE Privée ZQP", "Agence Test",
                       "Alice Encadrante", "Carole Conseillère ZQP"):
            self.assertNotIn(hidden, everything)
        # a tampered filter shows the whole directory (its count), not an error
        total = self.env["res.partner"].search_count(
            self.env["res.partner"]._pepites_public_siae_domain())
        for url in ("/siae", "/siae?kind=zzz&department=<b>"):
            count = re.search(r'o_pepites_siae_count">\s*(\d+) SIAE', self.get(url).text)
            self.assertEqual(int(count.group(1)), total, url)

    def test_page_shows_public_fields_only(self):
        """The page of a SIAE: name, kind, commune and département, presentation, sectors,
        title and meta description; only the contacts it chose to publish; no person."""
        text = self.get(self.path(self.siae_a)).text
        for shown in ("SIAE Test A", "Bègles", "33 - Gironde",
                      self.sector_reuse.with_context(lang="fr_FR").name,
                      "Maraîchage biologique et réemploi à Bègles.",
                      "contact@siae-a.example.org"):
            self.assertIn(shown, text)
        self.assertRegex(text, r"<title>SIAE Test A \|")
        self.assertRegex(text, r'<meta name="description" content="Maraîchage biologique')
        for hidden in ("05 56 11 22 33", 'href="https://siae-a.example.org"', "Alice Encadrante",
                       "alice@siae-a.example.org", self.siae_a.siret):
            self.assertNotIn(hidden, text)
        self.siae_a.write({"siae_public_phone": True, "siae_public_website": True,
                           "siae_public_email": False})
        text = self.get(self.path(self.siae_a)).text
        self.assertIn('href="tel:0556112233"', text)
        self.assertIn('href="https://siae-a.example.org"', text)
        self.assertNotIn("contact@siae-a.example.org", text)
        text_b = self.get(self.path(self.siae_b)).text
        for hidden in ("05 53 00 00 00", "contact@siae-b.example.org", "Bruno Accompagnateur"):
            self.assertNotIn(hidden, text_b)

    def test_public_contact_follows_the_siae_choice(self):
        """The "who to ask" of an event or a training (``_pepites_public_contact``) gives a
        SIAE's e-mail or phone only when the SIAE made it public, else INAÉ's; another
        organisation's contacts are given as they are."""
        inae = self.env.user.company_id.partner_id
        inae_contact = {"name": inae.name, "email": inae.email, "phone": inae.phone}
        self.assertEqual(self.siae_a._pepites_public_contact(inae), {
            "name": "SIAE Test A", "email": "contact@siae-a.example.org", "phone": False})
        self.assertEqual(self.siae_b._pepites_public_contact(inae), inae_contact)
        self.siae_b.siae_public_phone = True
        self.assertEqual(self.siae_b._pepites_public_contact(inae), {
            "name": "SIAE Test B", "email": False, "phone": "05 53 00 00 00"})
        self.prescriber.write({"email": "accueil@agence.example.org", "phone": "05 00 00 00 00"})
        self.assertEqual(self.prescriber._pepites_public_contact(inae), {
            "name": "Agence Test", "email": "accueil@agence.example.org",
            "phone": "05 00 00 00 00"})
        self.assertEqual(self.counsellor._pepites_public_contact(inae), inae_contact)

    def test_not_a_public_siae_is_not_found(self):
        """An attacker walking ids: a person, a counsellor, a partner organisation, INAÉ's
        company, an archived or private SIAE, an unknown or absurd id all answer 404, and say
        nothing of the partner."""
        others = (self.person_a, self.person_b, self.counsellor, self.prescriber,
                  self.api_contact, self.user_staff.partner_id,
                  self.env.user.company_id.partner_id, self.archived, self.private)
        company = self.env.user.company_id.partner_id  # named in every page's footer
        for partner in others:
            # with its own slug for a few (a 404 page takes seconds to render)
            urls = ["/siae/%d" % partner.id] + ([self.path(partner)] if partner in (
                self.person_a, self.archived, self.private) else [])
            for url in urls:
                response = self.get(url, status=404)
                if partner != company:
                    self.assertNotIn(partner.name, response.text, url)
        for url in ("/siae/999999999", "/siae/99999999999999", "/siae/-3", "/siae/page"):
            self.get(url, status=404)

    def test_canonical_address(self):
        """A page has one address: the id alone or an old name redirect to it (301)."""
        for url in ("/siae/%d" % self.siae_a.id, "/siae/ancien-nom-%d" % self.siae_a.id):
            self._before_request()
            try:
                response = self.opener.get(self.base_url() + url, allow_redirects=False)
            finally:
                self._after_request()
            self.assertEqual(response.status_code, 301, url)
            self.assertTrue(response.headers["Location"].endswith(self.path(self.siae_a)))

    def test_sitemap(self):
        """The sitemap lists the directory and the page of every SIAE that has one."""
        public_env = self.env(user=self.env.ref("base.public_user"))
        locs = [entry["loc"] for entry in PepitesSiaeDirectory.sitemap_siae_pages(
            public_env, None, "")]
        self.assertIn(self.path(self.siae_a), locs)
        self.assertNotIn(self.path(self.archived), locs)
        self.assertNotIn(self.path(self.private), locs)
        self.assertEqual(len(locs), self.env["res.partner"].search_count(
            self.env["res.partner"]._pepites_public_siae_domain()))
        self.assertEqual([entry["loc"] for entry in PepitesSiaeDirectory.sitemap_directory(
            public_env, None, "")], ["/siae"])

    def test_portal_choice_of_public_contacts(self):
        """On ``/my/siae`` the SIAE ticks the contacts it publishes; an unticked box turns
        publishing off; a post without the boxes (an older form, XML-RPC) leaves them."""
        self.authenticate("test_siae_a", "test_siae_a")
        page = self.get("/my/siae")
        self.assertIn('name="siae_public_phone"', page.text)
        self.assertIn('href="%s"' % self.path(self.siae_a), page.text)
        token = csrf_token(page.text)
        self.url_open("/my/siae", data={
            "csrf_token": token, "siae_public_flags": "1", "siae_public_phone": "1",
            "siae_public_website": "1", "phone": "05 56 44 44 44"})
        self.siae_a.invalidate_cache()
        self.assertEqual((self.siae_a.siae_public_phone, self.siae_a.siae_public_email,
                          self.siae_a.siae_public_website, self.siae_a.phone),
                         (True, False, True, "05 56 44 44 44"))
        self.url_open("/my/siae", data={"csrf_token": token, "city": "Talence"})
        self.siae_a.invalidate_cache()
        self.assertEqual((self.siae_a.siae_public_phone, self.siae_a.city), (True, "Talence"))
        self.assertIn("05 56 44 44 44", self.get(self.path(self.siae_a)).text)
        self.url_open("/my/siae", data={"csrf_token": token, "siae_public_flags": "1"})
        self.siae_a.invalidate_cache()
        self.assertFalse(self.siae_a.siae_public_phone or self.siae_a.siae_public_website)
        self.assertNotIn("05 56 44 44 44", self.get(self.path(self.siae_a)).text)

    def test_portal_user_sets_only_its_own_flags(self):
        """A SIAE user may set the flags of its own SIAE, never of another one."""
        Partner = self.env["res.partner"].sudo(self.user_siae_a)
        Partner.browse(self.siae_a.id).write({"siae_public_phone": True})
        with self.assertRaises(AccessError):
            with self.env.cr.savepoint():
                Partner.browse(self.siae_b.id).write({"siae_public_phone": True})
        self.assertFalse(self.siae_b.siae_public_phone)
