import base64

from odoo import api, fields, models


class PepitesSiaeImportWizard(models.TransientModel):
    """INAÉ staff import a data·inclusion ``structures`` file (or an export of SIAE in the same
    columns) into the SIAE directory, then read what became of each row.

    A transient model is open to every user in Odoo 11: the import's own check
    (:meth:`res.partner.pepites_import_structures`, INAÉ staff only) guards it.
    """

    _name = "pepites.siae.import.wizard"
    _description = "Import SIAE from data·inclusion"

    data_file = fields.Binary(string="File", required=True,
                              help="A data·inclusion structures file: JSON array, or CSV "
                                   "(UTF-8, separated by ; or ,).")
    data_filename = fields.Char()
    state = fields.Selection([("upload", "Upload"), ("done", "Report")], default="upload",
                             required=True)
    line_ids = fields.One2many("pepites.siae.import.wizard.line", "wizard_id", string="Rows",
                               readonly=True)
    created_count = fields.Integer(string="Created", readonly=True)
    updated_count = fields.Integer(string="Updated", readonly=True)
    unchanged_count = fields.Integer(string="Unchanged", readonly=True)
    refused_count = fields.Integer(string="Refused", readonly=True)

    @api.multi
    def action_import(self):
        """Import the file and show the per-row report in the same window.

        :raises UserError: when the file cannot be read (nothing written)
        """
        self.ensure_one()
        report = self.env["res.partner"].pepites_import_structures(
            base64.b64decode(self.data_file or b""))
        self.write({
            "state": "done",
            "created_count": report["created"], "updated_count": report["updated"],
            "unchanged_count": report["unchanged"], "refused_count": report["refused"],
            "line_ids": [(0, 0, {
                "line": line["line"], "siret": line["siret"], "name": line["name"],
                "status": line["status"], "reason": line["reason"],
                "partner_id": line["partner_id"]}) for line in report["lines"]],
        })
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
                "view_mode": "form", "target": "new", "name": self._description}
