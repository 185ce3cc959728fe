from odoo.exceptions import AccessError, UserError, ValidationError

from .common import JobsCase, create_offer, day, offer_values


class TestOfferConstraints(JobsCase):
    """Bad input is refused with a message and nothing is written."""

    def test_expiry_before_publication(self):
        """An offer cannot expire before it is published: said in French before the database's
        check, nothing written."""
        offer = create_offer(self, self.siae1, "published")
        expire = offer.date_expire
        with self.assertRaisesRegex(ValidationError, "Une offre ne peut pas expirer avant"), \
                self.env.cr.savepoint():
            offer.with_context(lang="fr_FR").write({"date_expire": day(-5)})
        offer.invalidate_cache()
        self.assertEqual(offer.date_expire, expire)
        with self.assertRaises(UserError):
            draft = create_offer(self, self.siae1, name="Ancienne", date_expire=day(-2))
            draft.sudo(self.user_staff).action_publish()

    def test_negative_hours_and_positions(self):
        """Negative weekly hours or positions, more than 48 hours or an inverted salary are
        refused in French before the database's checks (no ERROR line), nothing written."""
        Job = self.Job.with_context(lang="fr_FR")
        count = Job.search_count([])
        for values, message in (
                ({"weekly_hours": -1}, "entre 0 et 48 heures"),
                ({"weekly_hours": 60}, "entre 0 et 48 heures"),
                ({"no_of_recruitment": -2}, "Le nombre de postes ne peut pas être négatif"),
                ({"salary_min": 2500, "salary_max": 1800}, "Le salaire ne peut pas être négatif"),
                ({"salary_min": -10}, "Le salaire ne peut pas être négatif")):
            with self.assertRaisesRegex(ValidationError, message), self.env.cr.savepoint():
                Job.create(offer_values(self, self.siae1, **values))
        self.assertEqual(Job.search_count([]), count)
        # an open upper bound (0) is not an inverted salary
        Job.create(offer_values(self, self.siae1, salary_min=2500, salary_max=0))

    def test_write_of_several_offers_checked_at_once(self):
        """Writing a bad salary bound on several offers changes none of them."""
        offers = create_offer(self, self.siae1) | create_offer(self, self.siae1, name="Deux")
        offers.write({"salary_min": 2000, "salary_max": 2400})
        with self.assertRaisesRegex(ValidationError, "Le salaire"), self.env.cr.savepoint():
            offers.with_context(lang="fr_FR").write({"salary_max": 1500})
        offers.invalidate_cache()
        self.assertEqual(offers.mapped("salary_max"), [2400, 2400])

    def test_rome_code_format(self):
        """A ROME code is one letter and four digits; it is stored upper-case."""
        with self.assertRaises(ValidationError):
            self.Job.create(offer_values(self, self.siae1, rome_code="K12"))
        with self.assertRaises(ValidationError):
            self.Job.create(offer_values(self, self.siae1, rome_code="12034"))
        offer = self.Job.create(offer_values(self, self.siae1, rome_code=" k1203 "))
        self.assertEqual(offer.rome_code, "K1203")

    def test_employer_is_a_siae(self):
        """The employer of an offer must be a SIAE of the directory."""
        company = self.env["res.partner"].create({"name": "Entreprise classique",
                                                  "is_company": True})
        with self.assertRaises(ValidationError):
            self.Job.create(offer_values(self, company))

    def test_visible_only_when_published(self):
        """A SIAE offer cannot be put on the website without INAÉ's publication."""
        offer = create_offer(self, self.siae1, "submitted")
        with self.assertRaises(ValidationError):
            offer.sudo(self.user_staff).write({"website_published": True})

    def test_portal_user_cannot_edit_published_or_other_siae(self):
        """A SIAE user edits neither a published offer of its own nor another SIAE's draft,
        nor the workflow fields of its draft."""
        published = create_offer(self, self.siae1, "published")
        with self.assertRaises(AccessError):
            published.sudo(self.user_siae1).write({"name": "Autre titre"})
        other = create_offer(self, self.siae2)
        with self.assertRaises(AccessError):
            other.sudo(self.user_siae1).write({"name": "Piratage"})
        draft = create_offer(self, self.siae1, name="Brouillon")
        for values in ({"pepites_state": "published"}, {"website_published": True},
                       {"date_published": day(0)}, {"siae_id": self.siae2.id}):
            with self.assertRaises(AccessError):
                draft.sudo(self.user_siae1).write(values)
        self.assertEqual(draft.pepites_state, "draft")
        with self.assertRaises(AccessError):
            self.Job.sudo(self.user_siae1).create(offer_values(self, self.siae2))

    def test_portal_form_parsing(self):
        """The portal form refuses words where numbers or dates are expected."""
        Job = self.Job.sudo(self.user_siae1)
        for form in ({"name": "X", "weekly_hours": "beaucoup"},
                     {"name": "X", "date_expire": "31/12"},
                     {"name": "X", "no_of_recruitment": "-1"}, {"name": ""},
                     {"name": "X", "contract_type": "freelance"},
                     {"name": "X", "job_family_id": "999999"},
                     {"name": "X", "date_expire": day(-1)},
                     {"name": "X", "salary_min": "3000", "salary_max": "2000"}):
            with self.assertRaises(UserError):
                Job.portal_create_offer(form)
        offer = Job.portal_create_offer({
            "name": "Accompagnatrice socioprofessionnelle",
            "job_family_id": str(self.family_cip.id), "contract_type": "cdd",
            "weekly_hours": "28,5", "description": "Accompagner 24 salariés.\n\nÀ Pau.",
            "date_expire": day(30), "no_of_recruitment": "2"})
        self.assertEqual(offer.siae_id, self.siae1)
        self.assertEqual(offer.weekly_hours, 28.5)
        self.assertTrue(offer.is_part_time)
        self.assertEqual(offer.rome_code, "K1801")
        self.assertIn("Accompagner 24 salariés.", offer.description_text)
