"""The contact details a person types in a form (an e-mail address, a phone number): one check
of each, used by every form of PEPITES and by the Open Badges recipients.

Plain Python, tested without a database (the doctests below, run by
``tests/test_contact.py``); the models turn a refusal into their translated error.

An e-mail address is checked as Odoo's website forms check one (``single_email_re``: one
address, no display name), 128 characters at most: the application form, the event
registration, the SIAE's profile and the badge recipients accept and refuse the same addresses.

>>> is_email("lea.petit@example.test"), is_email("lea@"), is_email("lea petit@example.test")
(True, False, False)
>>> is_email("lea@petit@example.test"), is_email("a" * 200 + "@example.test"), is_email(None)
(False, False, False)

A phone number is read by ``phonenumbers`` (libphonenumber), France by default, and written
the way staff read and dial it: a French number in the national format, any other in the
international format so that its country code is kept. Only digits, spaces and ``+ ( ) . / -``
are accepted (32 characters at most), as the forms always did, and the number must have a
possible length for its country.

>>> format_phone("0612345678"), format_phone("+33 6 12 34 56 78"), format_phone("06.12.34.56.78")
('06 12 34 56 78', '06 12 34 56 78', '06 12 34 56 78')
>>> format_phone("0033 (0)5 56 00 00 00"), format_phone("+32 2 123 45 67")
('05 56 00 00 00', '+32 2 123 45 67')
>>> format_phone("+262 692 12 34 56"), format_phone("+33 6 90 12 17 23")
('+262 692 12 34 56', '06 90 12 17 23')
>>> [format_phone(text) for text in ("appelez-moi", "123456", "0" * 40, "<b>0612345678</b>")]
[None, None, None, None]
"""
import re

import phonenumbers
from odoo.tools.mail import single_email_re

#: the longest name of a person a form accepts
NAME_MAX_LENGTH = 128
#: the longest e-mail address a form accepts (and shows back in its error)
EMAIL_MAX_LENGTH = 128
#: the longest phone number a form accepts (and shows back in its error)
PHONE_MAX_LENGTH = 32
#: the characters a phone number may be typed with
_PHONE_CHARACTERS = re.compile(r"^[0-9+()./ \-]{6,%d}$" % PHONE_MAX_LENGTH)
#: the country of a number typed without its international prefix
DEFAULT_REGION = "FR"


def is_email(value):
    """Tell whether ``value`` is one e-mail address a form accepts."""
    return isinstance(value, str) and len(value) <= EMAIL_MAX_LENGTH \
        and bool(single_email_re.match(value))


def format_phone(value, region=DEFAULT_REGION):
    """``value`` as staff read it (national format in ``region``, international elsewhere),
    or None when it is not a possible phone number."""
    if not isinstance(value, str) or not _PHONE_CHARACTERS.match(value):
        return None
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    local = number.country_code == phonenumbers.country_code_for_region(region)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL if local
                                      else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
