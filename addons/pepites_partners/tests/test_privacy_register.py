"""Issue 15: the register of processing activities (OCA privacy.activity) holds one activity per
purpose of PEPITES with what article 30 of the GDPR asks; INAÉ managers keep it, staff read it,
outsiders get nothing; the consent a form stores is the register's version of its notice."""
from odoo.exceptions import AccessError, UserError

from .common import PepitesCase

PURPOSES = {"recruitment": "consent", "events": "consent", "pmsmp": "public_interest",
            "poei": "legal_obligation", "training": "contract",
            "badges": "legitimate_interest", "indicators": "public_interest"}


class TestPrivacyRegister(PepitesCase):

    def test_seven_activities(self):
        """One activity per purpose, each with its legal basis, categories of data and people,
        recipients and retention, INAÉ (the company) as controller."""
        activities = self.env["privacy.activity"].search([("pepites_purpose", "!=", False)])
        self.assertEqual({a.pepites_purpose: a.pepites_legal_basis for a in activities},
                         PURPOSES)
        company_partner = self.env.ref("base.main_company").partner_id
        for activity in activities:
            self.assertEqual(activity.controller_id, company_partner)
            for field in ("pepites_purpose_text", "pepites_data_categories",
                          "pepites_subject_categories", "pepites_recipients",
                          "pepites_retention", "pepites_notice_version"):
                self.assertTrue(activity[field], "%s: %s" % (activity.pepites_purpose, field))

    def test_retention_terms_of_the_shared_decisions(self):
        """The retention told to people is the one the retention rules apply."""
        retention = {a.pepites_purpose: a.pepites_retention for a in self.env[
            "privacy.activity"].search([("pepites_purpose", "!=", False)])}
        self.assertIn("2 ans après le dernier contact", retention["recruitment"])
        self.assertIn("5 ans après l'embauche", retention["recruitment"])
        self.assertIn("1 an après la fin de l'événement", retention["events"])
        self.assertIn("5 ans après la fin de l'immersion", retention["pmsmp"])
        self.assertIn("5 ans après la fin de la POEI", retention["poei"])
        self.assertIn("5 ans après la fin de l'action", retention["training"])
        self.assertIn("révoqués", retention["badges"])

    def test_data_noupdate(self):
        """INAÉ's changes to the register survive an update (noupdate data)."""
        data = self.env["ir.model.data"].search([("module", "=", "pepites_partners"),
                                                 ("model", "=", "privacy.activity")])
        self.assertEqual(len(data), 7)
        self.assertTrue(all(data.mapped("noupdate")))

    def test_one_activity_per_purpose(self):
        """A second activity for the same purpose is refused (the notice must know which)."""
        with self.assertRaises(Exception), self.env.cr.savepoint():
            self.env["privacy.activity"].create({"name": "Doublon",
                                                 "pepites_purpose": "events"})

    def test_access(self):
        """Managers write the register, staff read it, SIAE, partner-API, portal and public
        users get nothing."""
        activity = self.env.ref("pepites_partners.privacy_activity_events")
        self.assertTrue(activity.sudo(self.user_staff).read(["name", "pepites_retention"]))
        with self.assertRaises(AccessError):
            activity.sudo(self.user_staff).write({"pepites_notice_version": "2"})
        activity.sudo(self.user_manager).write({"pepites_notice_version": "2"})
        self.assertEqual(activity.pepites_notice_version, "2")
        public = self.env.ref("base.public_user")
        for user in (self.user_siae_a, self.user_partner_api, self.user_portal, public):
            with self.assertRaises(AccessError):
                activity.sudo(user).read(["name"])
            with self.assertRaises(AccessError):
                activity.sudo(user).write({"name": "x"})

    def test_consent_values(self):
        """A form's consent: refused (French message) without the box, else the register's
        version of the notice and the date."""
        Activity = self.env["privacy.activity"].with_context(lang="fr_FR")
        for given in (None, "", "0", "off"):
            with self.assertRaises(UserError) as refusal:
                Activity._pepites_consent("events", given)
            self.assertIn("Cochez la case", refusal.exception.name)
        self.env.ref("pepites_partners.privacy_activity_events").pepites_notice_version = "3"
        values = Activity._pepites_consent("events", "1")
        self.assertEqual(values["pepites_consent_version"], "3")
        self.assertTrue(values["pepites_consent_date"])

    def test_notice_values(self):
        """The notice says who (INAÉ and its address), why, how long, the contact for one's
        rights (the parameter, else the company's email) and the CNIL."""
        notice = self.env["privacy.activity"]._pepites_notice("recruitment")
        activity = self.env.ref("pepites_partners.privacy_activity_recruitment")
        self.assertEqual(notice["purpose"], activity.pepites_purpose_text)
        self.assertEqual(notice["retention"], activity.pepites_retention)
        self.assertEqual(notice["controller"], self.env.ref("base.main_company").name)
        self.assertEqual(notice["contact"], self.env.ref("base.main_company").email or "")
        self.env["ir.config_parameter"].set_param("pepites_partners.privacy_contact",
                                                  "dpo@example.org")
        self.assertEqual(self.env["privacy.activity"]._pepites_notice("events")["contact"],
                         "dpo@example.org")
        self.assertIn("cnil.fr", notice["cnil_url"])
