from odoo.tests.common import at_install, post_install

from .browser import BrowserCase, Keys
from .common import badge_class, create_siae, offer_values

#: the contacts that receive a badge in bulk: a name the search of the back office finds
RECIPIENTS = ["Salarié E2E Aurore Lacoste", "Salarié E2E Bastien Roux",
              "Salarié E2E Chloé Faure"]


@at_install(False)
@post_install(True)
class TestJourneyInae(BrowserCase):
    """Journey 4: INAÉ staff moderate a submitted offer and issue badges in bulk, in the back
    office web client."""

    def setUp(self):
        super(TestJourneyInae, self).setUp()
        with self.orm() as env:
            siae1 = env.ref("pepites_partners.user_siae1_demo")
            siae = siae1.pepites_siae_id
            # what siae1 does in journey 3 (the portal calls these very methods, as siae1)
            self.offer = env["hr.job"].sudo(siae1).portal_create_offer({
                "name": "Conseiller en insertion professionnelle E2E",
                "job_family_id": str(env.ref("pepites_partners.job_family_cip").id),
                "contract_type": "cdi", "weekly_hours": "35", "city": siae.city or "Bordeaux",
                "pepites_department_id": str(siae.department_id.id), "no_of_recruitment": "1",
                "description": "Accompagner vingt salariés en parcours vers l'emploi durable.",
            })
            self.offer.sudo(siae1).action_submit()
            self.offer = self.offer.sudo()
            other = create_siae(env, "Atelier du Lot E2E", "pepites_partners.department_47",
                                "Agen")
            self.other_offer = env["hr.job"].create(offer_values(
                env, other, "Encadrant technique menuiserie E2E"))
            self.badge = badge_class(env, "Conduire une AFEST E2E")
            self.recipients = env["res.partner"]
            for index, name in enumerate(RECIPIENTS):
                self.recipients |= env["res.partner"].create({
                    "name": name, "parent_id": siae.id,
                    "email": "salarie.e2e.%d@example.org" % index})
            # what the browser part uses, read now: the test's records are not read while the
            # browser is served (see BrowserCase.orm)
            self.names = {"offer": self.offer.name, "other_offer": self.other_offer.name,
                          "badge": self.badge.name}

    def test_staff_moderate_the_offer_and_issue_badges_in_bulk(self):
        """``staff`` opens "Offres à modérer", opens the offer siae1 submitted and clicks
        "Publier": the offer is published and on the public JobBoard. Then, in the contacts,
        ``staff`` searches three people, selects them all, picks "Délivrer un badge" in the
        Action menu, chooses the badge and issues it: the report counts 3 badges issued and
        each of the three holds exactly one badge."""
        self.login("staff", "staff", "/web")
        self.open_menu("PEPITES", "Offres à modérer")
        self.find_text(".o_list_view tbody tr.o_data_row", self.names["offer"])
        self.assertFalse([row for row in self.driver.find_elements_by_css_selector(
            ".o_list_view tbody tr.o_data_row") if self.names["other_offer"] in row.text],
            "a draft offer is listed to moderate")
        self.find_text(".o_list_view tbody tr.o_data_row td", self.names["offer"]).click()
        self.find_text(".o_form_view .oe_title", self.names["offer"])
        self.find_text(".o_statusbar_status button.btn-primary", "Soumise")
        self.find_text(".o_statusbar_buttons button", "Publier").click()
        self.find_text(".o_statusbar_status button.btn-primary", "Publiée")
        self.wait(lambda d: not [button for button in d.find_elements_by_css_selector(
            ".o_statusbar_buttons button") if button.is_displayed() and button.text == "Publier"],
            "the Publish button is still shown")
        self._check_console()
        with self.orm(commit=False):
            self.assertEqual(self.offer.pepites_state, "published")
            self.assertTrue(self.offer.website_published)
            self.assertTrue(self.offer._is_public())
        self.visit("/jobs")
        self.find_text(".o_pepites_offer h3 a", self.names["offer"])

        self.open_menu("Contacts")
        self.find(".o_cp_switch_buttons .o_cp_switch_list").click()
        self.find(".o_list_view")
        search = self.find(".o_searchview_input")
        search.send_keys("Salarié E2E")
        search.send_keys(Keys.ENTER)
        self.wait(lambda d: self._listed() == RECIPIENTS,
                  "the search does not list the three people")
        self.find(".o_list_view thead .o_list_record_selector input").click()
        self.find_text(".o_cp_sidebar .o_dropdown_toggler_btn", "Action").click()
        self.find_text(".o_cp_sidebar .dropdown-menu a", "Délivrer un badge").click()
        dialog = self.find(".modal-dialog")
        self.find_text(".modal-title", "Délivrer un badge")
        tags = dialog.find_elements_by_css_selector(
            ".o_field_widget[name=partner_ids] .badge, .o_field_widget[name=partner_ids] .o_tag")
        self.assertEqual(len(tags), 3, "the wizard is not prefilled with the selection")
        badge_input = self.find(".modal-dialog .o_field_widget[name=badge_class_id] input")
        badge_input.send_keys(self.names["badge"])
        # the first proposal of the drop-down has the focus: Enter picks it
        self.find_text("ul.ui-autocomplete li a", self.names["badge"])
        badge_input.send_keys(Keys.ENTER)
        self.wait(lambda d: not d.find_element_by_css_selector("ul.ui-autocomplete").is_displayed()
                  and badge_input.get_attribute("value") == self.names["badge"],
                  "the badge was not chosen")
        self.find_text(".modal-footer button", "Délivrer").click()
        self.find_text(".modal-title", "Badges délivrés")
        issued = self.find(".modal-dialog .o_field_widget[name=issued_count]")
        self.assertEqual(issued.text.strip(), "3")
        self.final_page("4-inae-moderates-and-issues")

        with self.orm(commit=False) as env:
            assertions = env["pepites.badge.assertion"].search(
                [("badge_class_id", "=", self.badge.id)])
            self.assertEqual(len(assertions), 3)
            self.assertEqual(assertions.mapped("recipient_partner_id"), self.recipients)
            self.assertEqual(set(assertions.mapped("state")), {"valid"})
            self.assertEqual(assertions.mapped("issued_by_id"),
                             env.ref("pepites_partners.user_staff_demo"))

    def _listed(self):
        """The recipients listed by the list view on screen, in the order of RECIPIENTS."""
        rows = [row.text for row in self.driver.find_elements_by_css_selector(
            ".o_list_view tbody tr.o_data_row")]
        return [name for name in RECIPIENTS if any(name in row for row in rows)] \
            if len(rows) == len(RECIPIENTS) else rows
