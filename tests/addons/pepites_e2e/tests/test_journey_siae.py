import json

from odoo.tests.common import at_install, post_install

from odoo.addons.pepites_badges.openbadges_engine import baking

from .browser import BrowserCase
from .common import badge_class, day, issue

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@at_install(False)
@post_install(True)
class TestJourneySiae(BrowserCase):
    """Journey 3: the SIAE portal user ``siae1`` writes and submits an offer, signs a PMSMP
    convention and downloads the baked badge of a member of its staff."""

    def setUp(self):
        super(TestJourneySiae, self).setUp()
        with self.orm() as env:
            staff = env.ref("pepites_partners.user_staff_demo")
            self.siae = env.ref("pepites_partners.user_siae1_demo").pepites_siae_id
            self.assertTrue(self.siae, "the demo user siae1 has no SIAE")
            Partner = env["res.partner"]
            prescriber = Partner.create({
                "name": "Mission locale des Graves E2E", "is_company": True,
                "pepites_role_ids": [(6, 0, env.ref(
                    "pepites_partners.partner_role_prescriber").ids)]})
            tutor = Partner.create({"name": "Thierry Tuteur E2E", "parent_id": self.siae.id})
            beneficiary = Partner.create({"name": "Nadia Reconversion E2E",
                                          "email": "nadia.e2e@example.org"})
            self.immersion = env["pepites.immersion"].sudo(staff).create({
                "beneficiary_id": beneficiary.id, "prescriber_id": prescriber.id,
                "host_siae_id": self.siae.id, "tutor_id": tutor.id, "objective": "discover",
                "rome_code": "K1203", "job_title": "Encadrant technique d'insertion",
                "date_start": day(7), "date_end": day(20), "weekly_hours": 35,
                "daily_schedule": "9h-12h30 / 13h30-17h",
                "activities": "Encadrement d'une équipe en maraîchage",
                "safety_equipment": "Chaussures de sécurité, gants"})
            self.immersion.action_to_sign()
            self.immersion.action_sign_beneficiary()
            self.immersion.action_sign_prescriber()
            self.member = Partner.create({"name": "Sophie Encadrante E2E",
                                          "email": "sophie.e2e@example.org",
                                          "parent_id": self.siae.id})
            self.family_eti = env.ref("pepites_partners.job_family_eti")
            self.badge = badge_class(env, "Accueillir un salarié en parcours E2E")
            self.assertion = issue(env, self.badge, self.member, staff)
            # what the browser part uses, read now: the test's records are not read while the
            # browser is served (see BrowserCase.orm)
            self.immersion_id = self.immersion.id
            self.names = {"siae": self.siae.name, "immersion": self.immersion.name,
                          "member": self.member.name, "badge": self.badge.name}
            self.member_email = self.member.email
            self.badge_uuid, self.assertion_uuid = self.badge.uuid, self.assertion.uuid
            self.family_eti_id = self.family_eti.id

    def test_siae_submits_an_offer_signs_a_convention_downloads_a_badge(self):
        """siae1 logs in; on /my/offers writes a new offer, saves the draft, changes it and saves
        and submits it in one step (INAÉ will review it); on /my/immersions opens the convention it hosts and signs it (the
        last signature: the convention is signed); on /my/badges downloads the badge of a
        member of its staff: a PNG image baked with the Open Badges assertion of that badge."""
        self.login("siae1", "siae1", "/my/offers")
        self.find_text("h3.page-header", "Offres d'emploi de %s" % self.names["siae"])
        self.submit(self.find_text("h3.page-header a", "Nouvelle offre"))
        self.fill({
            "name": "Encadrant technique d'insertion en espaces verts E2E",
            "job_family_id": self.family_eti_id,
            "contract_type": "cdi", "weekly_hours": "35", "salary_min": "1900",
            "salary_max": "2200", "no_of_recruitment": "1",
            "description": "Encadrer une équipe de six salariés en parcours sur les chantiers "
                           "d'entretien des espaces verts de la commune.",
            "profile": "Titre ETI ou expérience d'encadrement, permis B.",
        })
        self.submit(self.find_text("button[type=submit]", "Enregistrer le brouillon"))
        self.find_text(".alert-success", "L'offre a été enregistrée")
        # a change on the draft, saved and submitted in one step (issue 16): nothing typed is lost
        self.fill({"weekly_hours": "30"})
        self.submit(self.find_text("button[type=submit]", "Enregistrer et soumettre"))
        self.find_text(".alert-success", "L'offre a été soumise")
        with self.orm(commit=False) as env:
            offer = env["hr.job"].search([
                ("name", "=", "Encadrant technique d'insertion en espaces verts E2E")])
            self.assertEqual(len(offer), 1)
            self.assertEqual(offer.siae_id, self.siae)
            self.assertEqual(offer.pepites_state, "submitted")
            self.assertEqual(offer.weekly_hours, 30)
            self.assertEqual(offer.job_family_id.rome_code, offer.rome_code)

        self.visit("/my/immersions")
        self.submit(self.find_text("table a", self.names["immersion"]))
        self.find_text("h3.page-header", self.names["immersion"])
        # the convention is readable before the sign button, which says what is signed and
        # asks for a confirmation
        pdf_link = self.find_text("a.o_pepites_convention_pdf", "Lire la convention (PDF)")
        self.assertTrue(pdf_link.get_attribute("href").endswith(
            "/my/immersions/%d/convention.pdf" % self.immersion_id))
        self.find_text(".panel-body", "Ce que vous signez")
        self.find_text("button[data-toggle=modal]", "Signer la convention").click()
        self.find_text("#pepites_sign_modal .modal-body", "Une signature ne peut pas être retirée")
        self.submit(self.find_text("#pepites_sign_modal button[type=submit]",
                                   "Signer la convention en tant que structure d'accueil"))
        self.find_text(".alert-success", "Vous avez signé la convention.")
        self.find_text("h3.page-header small", "Signée")
        self.assertFalse([button for button in self.driver.find_elements_by_css_selector(
            "button[type=submit]") if "Signer la convention" in button.text],
            "the convention can be signed twice")
        with self.orm(commit=False) as env:
            self.assertEqual(self.immersion.host_signed_date, day())
            self.assertEqual(self.immersion.state, "signed")
            # who signed, from where: the browser's address as the server saw it
            self.assertEqual(self.immersion.host_signed_by_id.login, "siae1")
            self.assertTrue(self.immersion.host_signed_at and self.immersion.host_signed_ip)
            self.assertIn("Chrome", self.immersion.host_signed_agent)

        self.visit("/my/badges")
        self.find_text("h3.page-header", "Badges de nos salariés")
        card = self.find_text(".o_pepites_badge", self.names["member"])
        self.assertShows(card, self.names["badge"])
        card.find_element_by_link_text("Télécharger le badge").click()
        name, png = self.wait_download(".png")
        self.final_page("3-siae-badge-downloaded")

        self.assertEqual(name, "badge-%s.png" % self.assertion_uuid)
        self.assertTrue(png.startswith(PNG_SIGNATURE), "the badge file is not a PNG image")
        baked = json.loads(baking.unbake(png))
        self.assertEqual(baked["id"], "%s/badges/assertions/%s"
                         % (self.base_url(), self.assertion_uuid))
        self.assertEqual(baked["type"], "Assertion")
        self.assertEqual(baked["badge"], "%s/badges/classes/%s"
                         % (self.base_url(), self.badge_uuid))
        self.assertNotIn(self.member_email, json.dumps(baked), "the e-mail is not hashed")
