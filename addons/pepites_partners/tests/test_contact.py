"""The one contact-form cleaner: ``contact.py`` (plain Python, its doctests) and the
``res.partner`` method that turns its refusals into the forms' translated errors."""
import doctest

from odoo.exceptions import UserError

from .. import contact
from .common import PepitesCase


def load_tests(loader, tests, ignore):
    tests.addTests(doctest.DocTestSuite(contact))
    return tests


class TestContactForm(PepitesCase):
    """``res.partner._clean_contact_form``: what the application form and the event
    registration (and any next form) do with an e-mail address and a phone number."""

    def test_phone_written_as_staff_read_it(self):
        """A French number typed any way is kept in the national format; a foreign one keeps
        its country code; no phone stays empty."""
        Partner = self.env["res.partner"]
        self.assertEqual(Partner._clean_contact_form(" lea@example.test ", "+33 6 12 34 56 78"),
                         ("lea@example.test", "06 12 34 56 78"))
        self.assertEqual(Partner._clean_contact_form("lea@example.test", "0556000000")[1],
                         "05 56 00 00 00")
        self.assertEqual(Partner._clean_contact_form("lea@example.test", "+32 2 123 45 67")[1],
                         "+32 2 123 45 67")
        self.assertEqual(Partner._clean_contact_form("lea@example.test", "  ")[1], False)

    def test_bad_input_gets_the_translated_error(self):
        """An invalid address or phone is refused with the forms' French message, showing
        what was typed (cut to the field's length)."""
        Partner = self.env["res.partner"].with_context(lang="fr_FR")
        with self.assertRaisesRegex(UserError, "adresse électronique « lea@ » est invalide"):
            Partner._clean_contact_form("lea@", "06 12 34 56 78")
        with self.assertRaisesRegex(UserError, "numéro de téléphone « 123456 » est invalide"):
            Partner._clean_contact_form("lea@example.test", "123456")
        with self.assertRaises(UserError) as caught:
            Partner._clean_contact_form("lea@example.test", "0" * 40)
        self.assertIn("« %s »" % ("0" * 32), caught.exception.name)
