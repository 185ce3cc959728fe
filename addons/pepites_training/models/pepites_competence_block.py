import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

#: an RNCP block code as France compétences writes it: the title's number, "BC", two digits
RNCP_BLOCK_RE = re.compile(r"^RNCP[0-9]{4,6}BC[0-9]{2}$")


class PepitesCompetenceBlock(models.Model):
    """A competence block of a certification: validated on its own by a jury (VAE, AFEST…).

    Its RNCP block code (``RNCP39794BC01``) is programme reference data: the Open Badges aligned
    to the block publish it as their ``targetCode`` (pepites_badges), with the France compétences
    page of the title as ``targetUrl``."""

    _name = "pepites.competence.block"
    _inherit = ["pepites.coded.mixin"]
    _description = "Competence block"
    _order = "certification_id, sequence, code"

    certification_id = fields.Many2one(
        "pepites.certification", string="Certification", required=True, ondelete="cascade",
        index=True)
    code = fields.Char(required=True, help="e.g. ETAIE-B1 or the RNCP block code.")
    rncp_code = fields.Char(string="RNCP block code", index=True,
                            help="The block's code in the RNCP, e.g. RNCP39794BC01: the title's "
                                 "RNCP code, BC and the block's number.")
    rncp_url = fields.Char(string="RNCP page", related="certification_id.rncp_url",
                           readonly=True)
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
        ("rncp_code_unique", "unique(rncp_code)", "This RNCP block code is already used."),
    ]

    @api.constrains("rncp_code", "certification_id")
    def _check_rncp_code(self):
        """:raises ValidationError: on an RNCP block code that is not RNCPnnnnnBCnn, or that is
        not a block of the certification's RNCP code (when the certification has one)."""
        for block in self.filtered("rncp_code"):
            if not RNCP_BLOCK_RE.match(block.rncp_code):
                raise ValidationError(
                    _("The RNCP block code \"%s\" must read like RNCP39794BC01 (the title's "
                      "RNCP code, BC and two digits).") % block.rncp_code)
            title = block.certification_id.rncp_code
            if title and not block.rncp_code.startswith(title + "BC"):
                raise ValidationError(
                    _("The RNCP block code %s is not a block of %s (%s).")
                    % (block.rncp_code, block.certification_id.name, title))
