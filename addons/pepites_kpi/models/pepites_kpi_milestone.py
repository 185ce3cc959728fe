from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

#: what the staff set; "late" is never set by hand (see ``status``)
MILESTONE_STATES = [("planned", "Planned"), ("in_progress", "In progress"), ("done", "Done")]
MILESTONE_STATUSES = MILESTONE_STATES + [("late", "Late")]


class PepitesKpiMilestone(models.Model):
    """A milestone of an action sheet's calendar — or the evidence of a qualitative indicator of
    the plan ("Kit de communication opérationnel", "Méthodologie de partenariat"…).

    ``state`` is what the staff set; ``status`` is stored for grouping and adds *late* (not done
    past its date): it moves with the state and the date, and a daily cron moves it when a
    date passes. A milestone is done only with its evidence (a file or a URL): a funder asks
    for it."""

    _name = "pepites.kpi.milestone"
    _inherit = ["mail.thread"]
    _description = "Milestone"
    _order = "date, id"

    name = fields.Char(required=True, track_visibility="onchange")
    sheet_id = fields.Many2one("pepites.kpi.action.sheet", string="Action sheet", required=True,
                               ondelete="restrict", index=True)
    indicator_id = fields.Many2one(
        "pepites.kpi.indicator", string="Qualitative indicator", ondelete="set null", index=True,
        domain=[("method_name", "=", "_kpi_milestones_done")],
        help="The indicator of the plan this milestone evidences, once done.")
    date = fields.Date(string="Due date", track_visibility="onchange",
                       help="Empty: not scheduled yet (never late).")
    date_done = fields.Date(string="Done on", track_visibility="onchange")
    state = fields.Selection(MILESTONE_STATES, required=True, default="planned",
                             track_visibility="onchange")
    status = fields.Selection(MILESTONE_STATUSES, compute="_compute_status", store=True,
                              index=True)
    evidence_url = fields.Char(string="Evidence (URL)")
    evidence_file = fields.Binary(string="Evidence (file)", attachment=True)
    evidence_filename = fields.Char()
    note = fields.Text()

    @api.depends("state", "date")
    def _compute_status(self):
        today = fields.Date.context_today(self)
        for milestone in self:
            late = milestone.state != "done" and milestone.date and milestone.date < today
            milestone.status = "late" if late else milestone.state

    @api.constrains("state", "evidence_url", "evidence_file")
    def _check_evidence(self):
        """:raises ValidationError: a milestone done without evidence (a file or a URL)."""
        for milestone in self:
            if milestone.state == "done" and not (milestone.evidence_url
                                                  or milestone.evidence_file):
                raise ValidationError(
                    _("The milestone \"%s\" is done only with its evidence: attach a file or "
                      "give a URL.") % milestone.name)
            if milestone.evidence_url and not milestone.evidence_url.startswith(
                    ("http://", "https://")):
                raise ValidationError(_("The evidence URL of \"%s\" must start with http:// "
                                        "or https://.") % milestone.name)

    def action_done(self):
        """Mark done today (the evidence is checked)."""
        self.write({"state": "done", "date_done": fields.Date.context_today(self)})
        return True

    @api.model
    def _cron_refresh_status(self):
        """Move to *late* the milestones whose date passed yesterday (a stored status does not
        move by itself with the calendar), and back when a date was pushed back."""
        milestones = self.search([("state", "!=", "done"), ("date", "!=", False)])
        self.env.add_todo(self._fields["status"], milestones)
        self.recompute()
        return True
