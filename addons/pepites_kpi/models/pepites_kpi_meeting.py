from odoo import api, fields, models


class PepitesKpiMeeting(models.Model):
    """A meeting of a committee: its date, who attended, the minutes, the decisions taken."""

    _name = "pepites.kpi.meeting"
    _inherit = ["mail.thread"]
    _description = "Committee meeting"
    _order = "date desc, id desc"

    committee_id = fields.Many2one("pepites.kpi.committee", string="Committee", required=True,
                                   ondelete="cascade", index=True)
    name = fields.Char(compute="_compute_name", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today,
                       track_visibility="onchange")
    location = fields.Char()
    attendee_ids = fields.Many2many("res.partner", "pepites_kpi_meeting_attendee_rel",
                                    "meeting_id", "partner_id", string="Attendees")
    minutes = fields.Html()
    decision_ids = fields.One2many("pepites.kpi.decision", "meeting_id", string="Decisions")

    @api.depends("committee_id.name", "date")
    def _compute_name(self):
        for meeting in self:
            day = fields.Date.from_string(meeting.date)
            meeting.name = "%s — %s" % (meeting.committee_id.name or "",
                                        day.strftime("%d/%m/%Y") if day else "")

    @api.onchange("committee_id")
    def _onchange_committee(self):
        """The members are the expected attendees; the staff remove the absent."""
        if self.committee_id and not self.attendee_ids:
            self.attendee_ids = self.committee_id.member_ids
