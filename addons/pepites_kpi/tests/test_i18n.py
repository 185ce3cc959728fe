from odoo.tests.common import TransactionCase

from odoo.addons.pepites_partners.tests.i18n_check import assert_french_complete


class TestFrench(TransactionCase):
    def test_french_complete(self):
        """Every user-facing term of the addon has its French translation in i18n/fr.po."""
        assert_french_complete(self, "pepites_kpi")
