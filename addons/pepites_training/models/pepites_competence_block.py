from odoo import fields, models


class PepitesCompetenceBlock(models.Model):
    """A competence block of a certification: validated on its own by a jury (VAE, AFEST…)."""

    _name = "pepites.competence.block"
    _inherit = ["pepites.coded.mixin"]
    _description = "Competence block"
    _order = "certification_id, sequence, code"

    certification_id = fields.Many2one(
        "pepites.certification", string="Certification", required=True, ondelete="cascade",
        index=True)
    code = fields.Char(required=True, help="e.g. ETAIE-B1 or the RNCP block code.")
    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    description = fields.Text()
    competence_ids = fields.One2many("pepites.competence", "block_id", string="Competences")
    module_ids = fields.Many2many(
        "pepites.training.module", "pepites_training_module_block_rel", "block_id", "module_id",
        string="Training modules")

    _sql_constraints = [
        ("code_unique", "unique(certification_id, code)",
         "This block code already exists in the certification."),
    ]
