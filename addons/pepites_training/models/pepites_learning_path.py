from odoo import api, fields, models

#: the rungs of the Campus de l'Insertion ladder
PATH_LEVELS = [
    ("salarie_parcours", "Employee on an integration path"),
    ("chef_equipe", "Team leader"),
    ("encadrant_technique", "Technical supervisor (ETI)"),
    ("coordinateur", "Coordinator"),
    ("formateur", "Trainer"),
]


class PepitesLearningPath(models.Model):
    """A learning path of the Campus de l'Insertion: modules that take a learner from one rung of
    the ladder to the next (salarié en parcours → chef d'équipe → encadrant technique →
    coordinateur), or train trainers."""

    _name = "pepites.learning.path"
    _inherit = ["mail.thread"]
    _description = "Learning path"
    _order = "sequence, name"

    name = fields.Char(required=True, track_visibility="onchange")
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    level_from = fields.Selection(PATH_LEVELS, string="From")
    level_to = fields.Selection(PATH_LEVELS, string="To")
    department_id = fields.Many2one("pepites.department", string="Département",
                                    ondelete="restrict")
    certification_id = fields.Many2one(
        "pepites.certification", string="Leads to", ondelete="set null",
        help="The title the path prepares, through VAE or further training.")
    description = fields.Text()
    module_ids = fields.Many2many(
        "pepites.training.module", "pepites_learning_path_module_rel", "path_id", "module_id",
        string="Modules")
    module_count = fields.Integer(compute="_compute_totals", string="Number of modules")
    total_days = fields.Float(compute="_compute_totals", string="Days", digits=(6, 1))
    total_hours = fields.Float(compute="_compute_totals", string="Hours", digits=(6, 1))
    target_count = fields.Integer(
        string="Target (people)",
        help="How many people the plan means this path to train (the experimental session: 20 "
             "employees on an integration path; train-the-trainers: 10 ETI); 0 for no target.")
    trained_count = fields.Integer(
        compute="_compute_trained_count", string="People trained",
        help="Distinct people marked trained in a session of this path.")

    @api.depends("module_ids.duration_days", "module_ids.duration_hours")
    def _compute_totals(self):
        for path in self:
            path.module_count = len(path.module_ids)
            path.total_days = sum(path.module_ids.mapped("duration_days"))
            path.total_hours = sum(path.module_ids.mapped("duration_hours"))

    @api.multi
    def _compute_trained_count(self):
        """One grouped read for every path of the recordset: the distinct participants marked
        trained in the path's sessions (a person trained twice counts once)."""
        trained = {}
        if self.ids:
            rows = self.env["pepites.training.registration"].search_read(
                [("session_id.path_id", "in", self.ids), ("state", "=", "attended")],
                ["session_id", "partner_id"])
            path_of = {session.id: session.path_id.id for session in self.env[
                "pepites.training.session"].browse({row["session_id"][0] for row in rows})}
            for row in rows:
                trained.setdefault(path_of[row["session_id"][0]], set()).add(row["partner_id"][0])
        for path in self:
            path.trained_count = len(trained.get(path.id, ()))
