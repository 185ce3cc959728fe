from odoo import _, api, fields, models
from odoo.tools import html_escape


class PepitesPrivacyEraseWizard(models.TransientModel):
    """Confirms an erasure on request: lists what will be anonymised, or the legal holds that
    refuse it, before the manager confirms (``res.partner._pepites_erase`` does the work)."""

    _name = "pepites.privacy.erase.wizard"
    _description = "Erase a person's personal data"

    partner_id = fields.Many2one("res.partner", string="Person", required=True,
                                 ondelete="cascade", readonly=True)
    summary = fields.Html(compute="_compute_summary", sanitize=False, readonly=True)

    @api.depends("partner_id")
    def _compute_summary(self):
        for wizard in self:
            wizard.summary = wizard._summary_html() if wizard.partner_id else False

    def _summary_html(self):
        """The records of the person, model by model, and the legal holds if any."""
        partner = self.partner_id
        records_by_model = partner._pepites_personal_records()
        rows = "".join(
            "<li>%s : %d</li>" % (html_escape(self.env["ir.model"]._get(model).name),
                                  len(records))
            for model, records in records_by_model.items() if records)
        holds = partner._pepites_legal_holds(records_by_model)
        html = "<p>%s</p><ul>%s</ul>" % (html_escape(_(
            "These records will be anonymised (names replaced, contact details, free text and "
            "files deleted, badges revoked; dates and non-identifying facts kept for the "
            "indicators):")), rows)
        if holds:
            html += '<div class="alert alert-danger">%s</div>' % html_escape(
                partner._pepites_hold_message(holds)).replace("\n", "<br/>")
        return html

    @api.multi
    def action_confirm(self):
        """Anonymise the person (refused as a whole under a legal hold)."""
        self.ensure_one()
        self.partner_id._pepites_erase()
        return {"type": "ir.actions.act_window_close"}
