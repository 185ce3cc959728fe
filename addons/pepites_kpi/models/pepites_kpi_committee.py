from odoo import api, fields, models

#: the governance bodies the plan names
COMMITTEE_KINDS = [
    ("steering", "Steering committee"),
    ("hybrid_jobs", "Hybrid-jobs follow-up committee"),
    ("partners_network", "Partners' network"),
    ("other", "Other"),
]


class PepitesKpiCommittee(models.Model):
    """A governance body of the programme: the steering committee, the follow-up committee of
    the hybrid jobs (sheet 2.3: IAE networks, employers, people hired on these jobs), a network
    of partners; its members, its meetings and what they decided."""

    _name = "pepites.kpi.committee"
    _inherit = ["mail.thread"]
    _description = "Committee"
    _order = "kind, name"

    name = fields.Char(required=True, track_visibility="onchange")
    kind = fields.Selection(COMMITTEE_KINDS, required=True, default="steering")
    active = fields.Boolean(default=True)
    sheet_ids = fields.Many2many("pepites.kpi.action.sheet", "pepites_kpi_committee_sheet_rel",
                                 "committee_id", "sheet_id", string="Action sheets followed")
    member_ids = fields.Many2many("res.partner", "pepites_kpi_committee_member_rel",
                                  "committee_id", "partner_id", string="Members")
    meeting_ids = fields.One2many("pepites.kpi.meeting", "committee_id", string="Meetings")
    meeting_count = fields.Integer(compute="_compute_counts", string="Meetings (count)")
    open_action_count = fields.Integer(compute="_compute_counts", string="Open actions")
    overdue_action_count = fields.Integer(compute="_compute_counts", string="Overdue actions")
    note = fields.Text()

    @api.depends("meeting_ids")
    def _compute_counts(self):
        Action = self.env["pepites.kpi.follow.up"]
        for committee in self:
            committee.meeting_count = len(committee.meeting_ids)
            domain = [("committee_id", "=", committee.id), ("state", "=", "todo")]
            committee.open_action_count = Action.search_count(domain)
            committee.overdue_action_count = Action.search_count(domain + [("overdue", "=", True)])

    def action_view_follow_ups(self):
        self.ensure_one()
        action = self.env.ref("pepites_kpi.pepites_kpi_follow_up_action").read()[0]
        action["domain"] = [("committee_id", "=", self.id)]
        action["context"] = {"search_default_todo": 1}
        return action
