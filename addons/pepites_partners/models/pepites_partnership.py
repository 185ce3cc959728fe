from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

#: the method of action 3, in order: each partnership moves along it
PARTNERSHIP_STAGES = [
    ("identify", "1. Identify the actors"),
    ("analyse", "2. Analyse the needs"),
    ("model", "3. Build the cooperation model"),
    ("experiment", "4. Experiment"),
    ("spread", "5. Capitalise and spread"),
]


class PepitesPartnership(models.Model):
    """A sector partnership between SIAE and classic companies, run with the five-stage method.

    Durable exits toward the sector's jobs are its outcome indicator.
    """

    _name = "pepites.partnership"
    _description = "Sector partnership"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(string="Title", required=True, track_visibility="onchange")
    sector_id = fields.Many2one("pepites.sector", string="Sector network", required=True, index=True,
                                track_visibility="onchange")
    department_id = fields.Many2one("pepites.department", string="Département", index=True)
    siae_ids = fields.Many2many(
        "res.partner", "pepites_partnership_siae_rel", "partnership_id", "partner_id",
        string="SIAE", domain=[("is_siae", "=", True)])
    company_ids = fields.Many2many(
        "res.partner", "pepites_partnership_company_rel", "partnership_id", "partner_id",
        string="Companies and partners", domain=[("is_company", "=", True)])
    user_id = fields.Many2one("res.users", string="INAÉ officer",
                              default=lambda self: self.env.user, track_visibility="onchange")
    stage = fields.Selection(PARTNERSHIP_STAGES, string="Method stage", required=True,
                             default="identify", index=True, track_visibility="onchange",
                             group_expand="_expand_stages")
    state = fields.Selection(
        [("draft", "Planned"), ("active", "In progress"), ("done", "Done"),
         ("cancelled", "Cancelled")], string="Status", default="draft", required=True,
        index=True, track_visibility="onchange")
    date_start = fields.Date(string="Start date", default=fields.Date.context_today)
    date_end = fields.Date(string="End date")
    needs = fields.Html(string="Needs identified")
    cooperation_model = fields.Html(string="Cooperation model")
    outcome = fields.Html(string="Outcomes and lessons")
    durable_exit_count = fields.Integer(
        string="Durable exits", track_visibility="onchange",
        help="People in integration paths who left for a durable job in the sector.")
    attachment_count = fields.Integer(compute="_compute_attachment_count", string="Documents")
    color = fields.Integer()

    _sql_constraints = [
        ("durable_exit_count_positive", "CHECK(durable_exit_count >= 0)",
         "The number of durable exits cannot be negative."),
    ]

    @api.model
    def _expand_stages(self, states, domain, order):
        return [key for key, _label in PARTNERSHIP_STAGES]

    def _compute_attachment_count(self):
        counts = self.env["ir.attachment"]._pepites_count_by(
            "res_id", self.ids, [("res_model", "=", self._name)])
        for partnership in self:
            partnership.attachment_count = counts.get(partnership.id, 0)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        """:raises ValidationError: when the partnership ends before it starts."""
        for partnership in self:
            if partnership.date_start and partnership.date_end \
                    and partnership.date_end < partnership.date_start:
                raise ValidationError(
                    _("The partnership \"%s\" cannot end before it starts.")
                    % partnership.name)

    def action_next_stage(self):
        """Move each partnership one stage further along the method."""
        keys = [key for key, _label in PARTNERSHIP_STAGES]
        for partnership in self:
            index = keys.index(partnership.stage)
            if index + 1 < len(keys):
                values = {"stage": keys[index + 1]}
                if partnership.state == "draft":
                    values["state"] = "active"
                partnership.write(values)
        return True

    def action_done(self):
        self.write({"state": "done", "stage": "spread",
                    "date_end": fields.Date.context_today(self)})

    def action_cancel(self):
        self.write({"state": "cancelled"})

    def action_view_attachments(self):
        self.ensure_one()
        action = self.env.ref("base.action_attachment").read()[0]
        action["domain"] = [("res_model", "=", self._name), ("res_id", "=", self.id)]
        action["context"] = {"default_res_model": self._name, "default_res_id": self.id}
        return action
