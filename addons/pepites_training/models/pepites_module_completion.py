from odoo import fields, models

COMPLETION_STATES = [
    ("in_progress", "In progress"),
    ("completed", "Completed"),
]


class PepitesModuleCompletion(models.Model):
    """Where a learner stands on a training module (eLearning slides, quiz, attendance).

    Written only by :meth:`pepites.training.module._update_completion`.
    """

    _name = "pepites.module.completion"
    _inherit = ["pepites.privacy.mixin"]
    _description = "Module completion"
    _order = "date_completed desc, id desc"

    # personal-data map (issue 15), category "training": 5 years after completion (or the last progress)
    _privacy_kind = "module_completions"
    _privacy_person_fields = ("partner_id",)
    _privacy_blank = {}
    _privacy_kept = ("module_id", "state", "slide_done_count", "slide_total", "quiz_passed", "date_completed")
    _privacy_retention = {"training": ("date_completed", "write_date")}


    module_id = fields.Many2one("pepites.training.module", string="Module", required=True,
                                ondelete="cascade", index=True)
    partner_id = fields.Many2one("res.partner", string="Learner", required=True,
                                 ondelete="cascade", index=True)
    state = fields.Selection(COMPLETION_STATES, required=True, default="in_progress", index=True)
    slide_done_count = fields.Integer(string="Contents completed")
    slide_total = fields.Integer(string="Contents")
    quiz_passed = fields.Boolean()
    date_completed = fields.Datetime(string="Completed on")
    progress = fields.Float(compute="_compute_progress", string="Progress (%)")

    _sql_constraints = [
        ("module_partner_unique", "unique(module_id, partner_id)",
         "The completion of this module by this learner already exists."),
    ]

    def _compute_progress(self):
        for completion in self:
            if completion.state == "completed":
                completion.progress = 100.0
            elif completion.slide_total:
                completion.progress = 100.0 * completion.slide_done_count / completion.slide_total
            else:
                completion.progress = 0.0
