from odoo.addons.pepites_partners.tests.common import PepitesCase


class KpiCase(PepitesCase):
    @classmethod
    def setUpClass(cls):
        super(KpiCase, cls).setUpClass()
        cls.Indicator = cls.env["pepites.kpi.indicator"]

    def value(self, code, department=None):
        """Live value of the indicator ``code`` (region, or one département)."""
        indicator = self.env.ref("pepites_kpi.indicator_%s" % code)
        values = indicator._values_by_department()[indicator.id]
        return values.get(department.id if department else None, 0)
