"""The offer form of the SIAE portal described once (``portal_offer_form.py``), both ways."""

from odoo.exceptions import UserError

from .. import portal_offer_form
from .common import JobsCase, create_offer, day



class TestPortalOfferForm(JobsCase):

    def test_message_in_french_with_its_label(self):
        """The form's refusal is translated with the label it names (the engine returns
        English templates; the model translates them in the user's language)."""
        Job = self.Job.sudo(self.user_siae1).with_context(lang="fr_FR")
        with self.assertRaises(UserError) as refusal:
            Job.portal_create_offer({"name": "ETI", "weekly_hours": "60"})
        self.assertEqual(refusal.exception.name,
                         "Le champ « heures hebdomadaires » ne peut pas dépasser 48.")
        with self.assertRaises(UserError) as refusal:
            Job.portal_create_offer({"name": "ETI", "job_family_id": "999999",
                                     "weekly_hours": "beaucoup"})
        self.assertEqual(refusal.exception.name, "Famille de métiers ou département inconnu.",
                         "the first error in the order of the form is the one told")

    def test_form_of_an_offer_saves_it_unchanged(self):
        """An offer formatted for the form and posted back as is gives its own values: the
        form reads what it shows."""
        offer = create_offer(self, self.siae1, salary_min=1950.5, salary_max=2300,
                             date_start=day(20), profile="<p>Titre ETI</p>")
        values = self.Job.sudo(self.user_siae1)._portal_form_values(
            portal_offer_form.format_offer(offer))
        for field in ("name", "job_family_id", "rome_code", "contract_type", "weekly_hours",
                      "salary_min", "salary_max", "city", "pepites_department_id",
                      "date_start", "date_expire", "no_of_recruitment"):
            expected = offer[field].id if field.endswith("_id") else offer[field]
            self.assertEqual(values[field], expected, field)
        self.assertEqual(values["profile"], "<p>Titre ETI</p>")
