from odoo import models


class PepitesTrainingModule(models.Model):
    """Glue: completing a training module runs the "module completed" award rules."""

    _inherit = "pepites.training.module"

    def _on_module_completed(self, partners):
        res = super(PepitesTrainingModule, self)._on_module_completed(partners)
        self.env["pepites.badge.award.rule"]._award("module_completed", self, partners)
        return res
