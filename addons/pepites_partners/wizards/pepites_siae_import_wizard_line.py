from odoo import fields, models

#: what became of a row of the file (``res.partner.pepites_import_structures``)
IMPORT_STATUSES = [
    ("created", "Created"),
    ("updated", "Updated"),
    ("unchanged", "Unchanged"),
    ("refused", "Refused"),
]


class PepitesSiaeImportWizardLine(models.TransientModel):
    """One row of an imported file and what became of it, with the reason of a refusal."""

    _name = "pepites.siae.import.wizard.line"
    _description = "Row of a SIAE import"
    _order = "line"

    wizard_id = fields.Many2one("pepites.siae.import.wizard", required=True, ondelete="cascade")
    line = fields.Integer(string="Line", readonly=True)
    siret = fields.Char(string="SIRET", readonly=True)
    name = fields.Char(string="Name", readonly=True)
    status = fields.Selection(IMPORT_STATUSES, string="Result", readonly=True)
    reason = fields.Text(string="Reason", readonly=True)
    partner_id = fields.Many2one("res.partner", string="SIAE", readonly=True)
