from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PepitesKpiBudgetLine(models.Model):
    """What a funder finances on an action sheet: planned, committed, spent.

    The plan sets no rule that spending beyond the commitment is impossible (an advance, an
    invoice before the agreement's amendment): it is shown (``overspent``, in red, a warning
    while typing, a line of the funder report), not refused. Negative amounts are refused."""

    _name = "pepites.kpi.budget.line"
    _description = "Budget line"
    _order = "sheet_id, funder_id, id"

    name = fields.Char(string="Label", required=True)
    sheet_id = fields.Many2one("pepites.kpi.action.sheet", string="Action sheet", required=True,
                               ondelete="restrict", index=True)
    funder_id = fields.Many2one("res.partner", string="Funder", required=True,
                                ondelete="restrict", index=True,
                                domain=[("is_company", "=", True)])
    year = fields.Integer(help="Year of the budget (empty: the whole programme).")
    currency_id = fields.Many2one("res.currency", required=True,
                                  default=lambda self: self.env.user.company_id.currency_id)
    amount_planned = fields.Monetary(string="Planned")
    amount_committed = fields.Monetary(string="Committed")
    amount_spent = fields.Monetary(string="Spent")
    overspent = fields.Boolean(compute="_compute_overspent", store=True,
                               string="Spent beyond the commitment")
    note = fields.Text()

    @api.depends("amount_committed", "amount_spent")
    def _compute_overspent(self):
        for line in self:
            line.overspent = line.amount_spent > line.amount_committed

    @api.constrains("amount_planned", "amount_committed", "amount_spent")
    def _check_amounts(self):
        """:raises ValidationError: on a negative amount."""
        for line in self:
            if min(line.amount_planned, line.amount_committed, line.amount_spent) < 0:
                raise ValidationError(_("The amounts of the budget line \"%s\" cannot be "
                                        "negative.") % line.name)

    @api.onchange("amount_committed", "amount_spent", "amount_planned")
    def _onchange_amounts(self):
        if self.amount_spent > self.amount_committed:
            return {"warning": {"title": _("Spent beyond the commitment"), "message": _(
                "The amount spent is above the amount committed: check the funder's "
                "agreement.")}}
        if self.amount_committed > self.amount_planned:
            return {"warning": {"title": _("Committed beyond the plan"), "message": _(
                "The amount committed is above the amount planned.")}}
