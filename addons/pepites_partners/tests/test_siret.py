from odoo.exceptions import ValidationError
from odoo.tests.common import SavepointCase


class TestSiret(SavepointCase):
    def test_invalid(self):
        with self.assertRaises(ValidationError):
            self.env["res.partner"].create({"name": "X", "is_company": True, "siret": "12345678901234"})
