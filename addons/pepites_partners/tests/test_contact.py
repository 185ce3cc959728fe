"""The one contact-form cleaner: ``contact.py`` (plain Python, its doctests) and the
``res.partner`` method that turns its refusals into the forms' translated errors."""

from odoo.exceptions import UserError

from .common import PepitesCase



class TestContactForm(PepitesCase):
    """``res.partner._clean_contact_form``: what the application form and the event
    registration (and any next form) do with an e-mail address and a phone number."""

    def test_phone_written_as_staff_read_it(self):
        """A French number typed any way is kept in the national format; a foreign one keeps
        its country code; no phone stays empty."""
        def clean(email, phone, name=" Léa Petit "):
            return self.env["res.partner"]._clean_contact_form(name, email, phone, "Nom ?")

        self.assertEqual(clean(" lea@example.test ", "+33 6 12 34 56 78"),
                         ("Léa Petit", "lea@example.test", "06 12 34 56 78"))
        self.assertEqual(clean("lea@example.test", "0556000000")[2], "05 56 00 00 00")
        self.assertEqual(clean("lea@example.test", "+32 2 123 45 67")[2], "+32 2 123 45 67")
        self.assertEqual(clean("lea@example.test", "  ")[2], False)
        self.assertEqual(clean("lea@example.test", None)[2], False)

    def test_bad_input_gets_the_translated_error(self):
        """A missing or too long name gets the form's own message; an invalid address or
        phone the forms' French message, showing what was typed (cut to the field's
        length)."""
        Partner = self.env["res.partner"].with_context(lang="fr_FR")

        def clean(email, phone, name="Léa Petit"):
            return Partner._clean_contact_form(name, email, phone, "Donnez votre nom.")

        with self.assertRaisesRegex(UserError, "Donnez votre nom"):
            clean("lea@example.test", "", name="x" * 129)
        with self.assertRaisesRegex(UserError, "Donnez votre nom"):
            clean("lea@example.test", "", name="  ")
        with self.assertRaisesRegex(UserError, "adresse électronique « lea@ » est invalide"):
            clean("lea@", "06 12 34 56 78")
        with self.assertRaisesRegex(UserError, "numéro de téléphone « 123456 » est invalide"):
            clean("lea@example.test", "123456")
        with self.assertRaises(UserError) as caught:
            clean("lea@example.test", "0" * 40)
        self.assertIn("« %s »" % ("0" * 32), caught.exception.name)
