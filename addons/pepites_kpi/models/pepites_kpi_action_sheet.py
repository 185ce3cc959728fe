from odoo import api, fields, models
from .pepites_kpi_indicator import ACTION_SHEETS, AXES, SHEET_NUMBERS


class PepitesKpiActionSheet(models.Model):
    """An action sheet of the plan (fiche action, numbered axis.sheet): the steering view of it —
    its indicators, its milestones, its funders and budget, the partners engaged in it.

    The ten sheets are production data (``noupdate``: INAÉ completes the partners and the
    territory); the indicators keep their ``action_sheet`` key, the link to this record. A key
    is not unique: a sheet of several sub-actions (3.3: Essaimons, Tiers-Lieux, Bâti) may be
    followed as several records sharing its indicators."""

    _name = "pepites.kpi.action.sheet"
    _description = "Action sheet"
    _order = "number, id"
    _rec_name = "name"

    key = fields.Selection(ACTION_SHEETS, required=True, string="Sheet of the indicators")
    number = fields.Char(compute="_compute_number", store=True, help="Axis.sheet, as the plan.")
    axis = fields.Selection(AXES, compute="_compute_number", store=True)
    name = fields.Char(string="Title", required=True)
    display_title = fields.Char(compute="_compute_display_title")
    territory = fields.Char(string="Territory of experimentation")
    description = fields.Text()
    partner_ids = fields.Many2many("res.partner", "pepites_kpi_action_sheet_partner_rel",
                                   "sheet_id", "partner_id", string="Partners engaged")
    indicator_ids = fields.Many2many("pepites.kpi.indicator", compute="_compute_indicators",
                                     string="Indicators")
    milestone_ids = fields.One2many("pepites.kpi.milestone", "sheet_id", string="Milestones")
    budget_line_ids = fields.One2many("pepites.kpi.budget.line", "sheet_id",
                                      string="Budget lines")
    funder_ids = fields.Many2many("res.partner", compute="_compute_budget", string="Funders")
    currency_id = fields.Many2one("res.currency", compute="_compute_budget")
    amount_planned = fields.Monetary(string="Planned", compute="_compute_budget")
    amount_committed = fields.Monetary(string="Committed", compute="_compute_budget")
    amount_spent = fields.Monetary(string="Spent", compute="_compute_budget")
    milestone_count = fields.Integer(compute="_compute_milestones", string="Milestones (count)")
    milestone_done_count = fields.Integer(compute="_compute_milestones", string="Done")
    milestone_late_count = fields.Integer(compute="_compute_milestones", string="Late")

    @api.depends("key")
    def _compute_number(self):
        for sheet in self:
            sheet.number = SHEET_NUMBERS.get(sheet.key)
            sheet.axis = sheet.number and sheet.number.split(".")[0]

    @api.depends("number", "name")
    def _compute_display_title(self):
        for sheet in self:
            sheet.display_title = "%s — %s" % (sheet.number or "", sheet.name or "")

    def _compute_indicators(self):
        """One search for every sheet of the recordset, split by sheet key."""
        indicators = self.env["pepites.kpi.indicator"].search(
            [("action_sheet", "in", list(set(self.mapped("key"))))])
        for sheet in self:
            sheet.indicator_ids = indicators.filtered(
                lambda indicator: indicator.action_sheet == sheet.key)

    @api.depends("budget_line_ids.amount_planned", "budget_line_ids.amount_committed",
                 "budget_line_ids.amount_spent", "budget_line_ids.funder_id")
    def _compute_budget(self):
        currency = self.env.user.company_id.currency_id
        for sheet in self:
            lines = sheet.budget_line_ids
            sheet.currency_id = currency
            sheet.funder_ids = lines.mapped("funder_id")
            sheet.amount_planned = sum(lines.mapped("amount_planned"))
            sheet.amount_committed = sum(lines.mapped("amount_committed"))
            sheet.amount_spent = sum(lines.mapped("amount_spent"))

    @api.depends("milestone_ids.status")
    def _compute_milestones(self):
        for sheet in self:
            statuses = sheet.milestone_ids.mapped("status")
            sheet.milestone_count = len(statuses)
            sheet.milestone_done_count = statuses.count("done")
            sheet.milestone_late_count = statuses.count("late")

    def action_view_indicators(self):
        self.ensure_one()
        action = self.env.ref("pepites_kpi.pepites_kpi_indicator_action").read()[0]
        action.update(domain=[("action_sheet", "=", self.key)], name=self.display_title,
                      view_mode="tree,form,kanban")
        action["views"] = [(False, "tree"), (False, "form")]
        return action

    def _budget_summary(self):
        """Planned, committed and spent per sheet and per funder, for the funder report:
        ``{"sheets": [{sheet, planned, committed, spent, overspent}], "funders": [{funder,
        planned, committed, spent}], "total": {planned, committed, spent}}``."""
        lines = self.env["pepites.kpi.budget.line"].sudo().search([("sheet_id", "in", self.ids)])
        sheets = [{"sheet": sheet, "planned": sheet.amount_planned,
                   "committed": sheet.amount_committed, "spent": sheet.amount_spent,
                   "overspent": sheet.amount_spent > sheet.amount_committed}
                  for sheet in self]
        funders = []
        for funder in lines.mapped("funder_id").sorted("name"):
            mine = lines.filtered(lambda line: line.funder_id == funder)
            funders.append({"funder": funder,
                            "planned": sum(mine.mapped("amount_planned")),
                            "committed": sum(mine.mapped("amount_committed")),
                            "spent": sum(mine.mapped("amount_spent"))})
        total = {key: sum(row[key] for row in sheets)
                 for key in ("planned", "committed", "spent")}
        return {"sheets": sheets, "funders": funders, "total": total}

    def name_get(self):
        return [(sheet.id, sheet.display_title) for sheet in self]
