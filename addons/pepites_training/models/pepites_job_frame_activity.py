from odoo import fields, models


class PepitesJobFrameActivity(models.Model):
    """An activity of a hybrid-job reference frame, with its competences and the blocks of
    existing certifications that cover it."""

    _name = "pepites.job.frame.activity"
    _description = "Reference frame activity"
    _order = "frame_id, sequence, id"

    frame_id = fields.Many2one("pepites.job.frame", string="Reference frame", required=True,
                               ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    description = fields.Text()
    competence_ids = fields.Many2many(
        "pepites.competence", "pepites_job_frame_activity_competence_rel", "activity_id",
        "competence_id", string="Competences")
    block_ids = fields.Many2many(
        "pepites.competence.block", "pepites_job_frame_activity_block_rel", "activity_id",
        "block_id", string="Competence blocks")
