"""The public catalogue's entries: upcoming sessions and a contact, for the whole page at once."""
from odoo.tests.common import at_install, post_install

from odoo.addons.pepites_partners.tests.common import create_user

from .common import TrainingCase, TrainingHttpCase, today_plus


def add_offers(case, env):
    """Two published offers with sessions (past, upcoming, unpublished), a draft offer with a
    session, and a provider that is a person (whose private data must not show)."""
    Offer = env["pepites.training.offer"]
    case.afpa.write({"email": "formation@afpa-test.example.org", "phone": "05 56 11 22 33"})
    case.freelance = env["res.partner"].create({
        "name": "Fabienne Formatrice", "email": "fabienne.privee@example.org",
        "phone": "06 12 34 56 78"})
    case.offer_afpa = Offer.create({"name": "Encadrant technique — AFPA",
                                    "website_published": True, "provider_id": case.afpa.id,
                                    "department_id": case.dep_64.id})
    case.offer_person = Offer.create({"name": "Atelier posture — indépendante",
                                      "website_published": True,
                                      "provider_id": case.freelance.id})
    case.offer_draft = Offer.create({"name": "Formation brouillon"})
    Session = env["pepites.training.offer.session"]
    case.upcoming = Session.create({
        "offer_id": case.offer_afpa.id, "date_start": today_plus(env, 20),
        "date_end": today_plus(env, 22), "location": "Pau, centre AFPA"})
    case.remote = Session.create({
        "offer_id": case.offer_person.id, "date_start": today_plus(env, 40),
        "date_end": today_plus(env, 40), "location": "Lieu-du-distanciel", "is_remote": True})
    case.past = Session.create({
        "offer_id": case.offer_afpa.id, "date_start": today_plus(env, -30),
        "date_end": today_plus(env, -28), "location": "Lieu-passé"})
    case.hidden = Session.create({
        "offer_id": case.offer_afpa.id, "date_start": today_plus(env, 50),
        "date_end": today_plus(env, 51), "location": "Lieu-non-publié",
        "website_published": False})
    case.draft_session = Session.create({
        "offer_id": case.offer_draft.id, "date_start": today_plus(env, 10),
        "date_end": today_plus(env, 11), "location": "Lieu-du-brouillon"})


class TestCatalogueDetails(TrainingCase):
    """What the catalogue reads under its entries, as the public sees it."""

    @classmethod
    def setUpClass(cls):
        super(TestCatalogueDetails, cls).setUpClass()
        add_offers(cls, cls.env)

    def test_sessions_and_contacts(self):
        """Upcoming published sessions only, soonest first; the provider's contact when it is
        an organisation, INAÉ's instead of a person's; as the public user."""
        public = self.env.ref("base.public_user")
        offers = self.env["pepites.training.offer"].sudo(public).catalogue_search()[0]
        self.assertNotIn(self.offer_draft, offers)
        details = offers._catalogue_details()
        self.assertEqual(details[self.offer_afpa.id]["sessions"], self.upcoming)
        self.assertEqual(details[self.offer_person.id]["sessions"], self.remote)
        self.assertEqual(details[self.offer_afpa.id]["contact"]["email"],
                         "formation@afpa-test.example.org")
        contact = details[self.offer_person.id]["contact"]
        self.assertNotIn("fabienne", str(contact).lower())
        inae = self.env.ref("base.main_company").partner_id
        self.assertEqual(contact["name"], inae.name)
        # the public cannot read the sessions of a draft offer, nor unpublished ones
        Session = self.env["pepites.training.offer.session"].sudo(public)
        self.assertFalse(Session.search([("id", "in", (self.draft_session | self.hidden).ids)]))

    def test_one_query_for_the_page(self):
        """The sessions of the whole page are read at once: twice as many offers (of the same
        kinds: an organisation's, a person's) take no more queries (no search per entry)."""
        Offer = self.env["pepites.training.offer"]
        more = Offer
        for provider in (self.env["res.partner"].create({
                "name": "Organisme Test", "is_company": True, "email": "org@example.org"}),
                         self.env["res.partner"].create({"name": "Pierre Formateur"})):
            offer = Offer.create({"name": "Formation %s" % provider.name,
                                  "website_published": True, "provider_id": provider.id})
            self.env["pepites.training.offer.session"].create({
                "offer_id": offer.id, "date_start": today_plus(self.env, 5),
                "date_end": today_plus(self.env, 6), "location": "Limoges"})
            more |= offer
        page = self.offer_afpa | self.offer_person
        (page | more)._catalogue_details()  # warm the caches that do not depend on the offers
        counts = []
        for ids in (page.ids, (page | more).ids):
            Offer.invalidate_cache()  # the whole cache (Odoo 11: no env.invalidate_all)
            before = self.env.cr.sql_log_count
            details = Offer.browse(ids)._catalogue_details()
            counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual(len(details), len(ids))
        self.assertEqual(counts[0], counts[1])


@at_install(False)
@post_install(True)
class TestCatalogueEntriesHttp(TrainingHttpCase):
    """The catalogue page: cards with their sessions and a contact, in French."""

    def setUp(self):
        super(TestCatalogueEntriesHttp, self).setUp()
        add_offers(self, self.env)
        create_user(self.env, "catalogue_visitor", ["base.group_portal"])  # French

    def test_catalogue_entries(self):
        """Each entry shows its upcoming published sessions and its contact, never a person's
        private data, past or unpublished sessions or a draft offer's; cards, no table; a
        French title."""
        self.authenticate("catalogue_visitor", "catalogue_visitor")
        # the first website page of the run compiles the assets: slow on a busy machine
        html = self.url_open("/training/catalogue", timeout=120).text
        self.assertIn("o_pepites_catalogue_entry", html)
        self.assertNotIn("<table", html[html.index("o_pepites_training_catalogue"):])
        self.assertIn("Pau, centre AFPA", html)
        self.assertIn("Lieu-du-distanciel", html)
        self.assertIn("formation@afpa-test.example.org", html)
        for hidden in ("Lieu-passé", "Lieu-non-publié", "Lieu-du-brouillon",
                       "Formation brouillon", "fabienne.privee", "06 12 34 56 78"):
            self.assertNotIn(hidden, html)
        title = html[html.index("<title"):html.index("</title>")]
        self.assertIn("Catalogue des formations", title)
        self.assertIn("Prochaines sessions", html)
