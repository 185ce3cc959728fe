from odoo import api, fields, models


class PepitesJobFrame(models.Model):
    """Reference frame of a job that no certification covers yet (the "hybrid" jobs of IAE:
    agent de mise à disposition en AI, assistant technique d'insertion…)."""

    _name = "pepites.job.frame"
    _inherit = ["mail.thread"]
    _description = "Hybrid-job reference frame"
    _order = "name"

    name = fields.Char(required=True, track_visibility="onchange")
    job_family_id = fields.Many2one("pepites.job.family", string="Job family", ondelete="restrict")
    state = fields.Selection(
        [("draft", "Being characterised"), ("validated", "Validated by the steering committee")],
        default="draft", required=True, track_visibility="onchange")
    description = fields.Text(help="Missions, context and the people in these jobs.")
    partner_ids = fields.Many2many(
        "res.partner", "pepites_job_frame_partner_rel", "frame_id", "partner_id",
        string="Partners", domain=[("is_company", "=", True)],
        help="Networks and training bodies that build the frame (e.g. COORACE Formation).")
    department_ids = fields.Many2many(
        "pepites.department", "pepites_job_frame_department_rel", "frame_id", "department_id",
        string="Experimentation départements")
    activity_ids = fields.One2many("pepites.job.frame.activity", "frame_id", string="Activities")
    block_ids = fields.Many2many(
        "pepites.competence.block", compute="_compute_block_ids", string="Related blocks",
        help="Blocks of existing certifications the activities draw on.")
    module_ids = fields.Many2many(
        "pepites.training.module", "pepites_training_module_job_frame_rel", "frame_id", "module_id",
        string="Professionalisation modules")

    @api.depends("activity_ids.block_ids")
    def _compute_block_ids(self):
        for frame in self:
            frame.block_ids = frame.activity_ids.mapped("block_ids")

    def action_validate(self):
        self.write({"state": "validated"})

    def action_draft(self):
        self.write({"state": "draft"})
