from odoo import fields, models


class PepitesKpiDecision(models.Model):
    """A decision of a committee meeting, and the follow-up actions it calls for."""

    _name = "pepites.kpi.decision"
    _description = "Committee decision"
    _order = "meeting_id, sequence, id"

    meeting_id = fields.Many2one("pepites.kpi.meeting", string="Meeting", required=True,
                                 ondelete="cascade", index=True)
    committee_id = fields.Many2one(related="meeting_id.committee_id", store=True, readonly=True)
    date = fields.Date(related="meeting_id.date", store=True, readonly=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Decision", required=True)
    sheet_id = fields.Many2one("pepites.kpi.action.sheet", string="Action sheet",
                               ondelete="set null")
    description = fields.Text()
    follow_up_ids = fields.One2many("pepites.kpi.follow.up", "decision_id",
                                    string="Follow-up actions")
