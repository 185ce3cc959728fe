from odoo.exceptions import ValidationError

from .common import PepitesCase, make_siret


class TestSiret(PepitesCase):
    def test_valid_siret_is_stored_compact(self):
        """A SIRET typed with spaces is checked and stored as 14 digits."""
        siret = make_siret()
        spaced = "%s %s %s %s" % (siret[:3], siret[3:6], siret[6:9], siret[9:])
        partner = self.env["res.partner"].create(
            {"name": "Espaces", "is_company": True, "siret": spaced})
        self.assertEqual(partner.siret, siret)

    def test_wrong_check_key_is_rejected(self):
        """A SIRET whose Luhn key is wrong is refused with a French message; nothing is written."""
        siret = make_siret()
        wrong = siret[:-1] + str((int(siret[-1]) + 1) % 10)
        count = self.env["res.partner"].search_count([])
        with self.assertRaisesRegex(ValidationError, "SIRET .* est invalide"), \
                self.env.cr.savepoint():
            self.env["res.partner"].with_context(lang="fr_FR").create(
                {"name": "Clé fausse", "is_company": True, "siret": wrong})
        self.assertEqual(self.env["res.partner"].search_count([]), count)

    def test_wrong_length_and_letters_are_rejected(self):
        """Too short, too long or non-numeric SIRETs are refused."""
        for bad in ("123", make_siret() + "1", "ABCDEFGHIJKLMN"):
            with self.assertRaises(ValidationError):
                self.env["res.partner"].create({"name": "Mauvais", "is_company": True, "siret": bad})

    def test_duplicate_siret_between_companies(self):
        """Two active organisations cannot share a SIRET, on create or on write."""
        with self.assertRaisesRegex(ValidationError, "SIAE Test A"):
            self.env["res.partner"].with_context(lang="fr_FR").create(
                {"name": "Copie", "is_company": True, "siret": self.siae_a.siret})
        other = self.env["res.partner"].create({"name": "Autre", "is_company": True})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            other.write({"siret": self.siae_b.siret})
        other.invalidate_cache()
        self.assertFalse(other.siret)

    def test_archived_company_frees_its_siret(self):
        """Once a structure is archived (e.g. it closed), its SIRET may be taken again."""
        siret = make_siret()
        closed = self.env["res.partner"].create({"name": "Fermée", "is_company": True,
                                                 "siret": siret})
        closed.active = False
        reborn = self.env["res.partner"].create({"name": "Reprise", "is_company": True,
                                                 "siret": siret})
        self.assertEqual(reborn.siret, siret)

    def test_siret_search(self):
        """Staff find a structure by its SIRET."""
        found = self.env["res.partner"].search([("siret", "=", self.siae_b.siret)])
        self.assertEqual(found, self.siae_b)
