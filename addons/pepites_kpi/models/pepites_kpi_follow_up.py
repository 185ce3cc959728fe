from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

FOLLOW_UP_STATES = [("todo", "To do"), ("done", "Done"), ("cancelled", "Cancelled")]


class PepitesKpiFollowUp(models.Model):
    """A follow-up action of a committee's decision: who does it, by when, whether it is done.
    Overdue (not done past its due date) is computed against today, so never stale; lists show
    it in red and filter on it."""

    _name = "pepites.kpi.follow.up"
    _inherit = ["mail.thread"]
    _description = "Follow-up action"
    _order = "state desc, date_due, id"

    name = fields.Char(string="Action", required=True, track_visibility="onchange")
    decision_id = fields.Many2one("pepites.kpi.decision", string="Decision", required=True,
                                  ondelete="cascade", index=True)
    committee_id = fields.Many2one(related="decision_id.committee_id", store=True,
                                   readonly=True)
    owner_id = fields.Many2one("res.partner", string="Owner", required=True,
                               ondelete="restrict", track_visibility="onchange")
    date_due = fields.Date(string="Due date", required=True, track_visibility="onchange")
    date_done = fields.Date(string="Done on", readonly=True)
    state = fields.Selection(FOLLOW_UP_STATES, required=True, default="todo",
                             track_visibility="onchange")
    overdue = fields.Boolean(compute="_compute_overdue", search="_search_overdue")
    note = fields.Text()

    @api.depends("state", "date_due")
    def _compute_overdue(self):
        today = fields.Date.context_today(self)
        for action in self:
            action.overdue = action.state == "todo" and action.date_due < today

    def _search_overdue(self, operator, value):
        if operator not in ("=", "!="):
            raise ValidationError(_("Unsupported search on the overdue actions."))
        today = fields.Date.context_today(self)
        if (operator == "=") == bool(value):
            return ["&", ("state", "=", "todo"), ("date_due", "<", today)]
        return ["|", ("state", "!=", "todo"), ("date_due", ">=", today)]

    def action_done(self):
        self.write({"state": "done", "date_done": fields.Date.context_today(self)})
        return True

    def action_cancel(self):
        self.write({"state": "cancelled"})
        return True
