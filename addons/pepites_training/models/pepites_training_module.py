from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..training_rules import module_completed
from .pepites_training_offer import MODALITIES

#: trades and themes of the Campus modules
SPECIALTIES = [
    ("insertion", "Insertion (supervision and support)"),
    ("maraichage", "Market gardening"),
    ("autonomie", "Autonomy and medico-social"),
    ("batiment", "Building second œuvre"),
    ("reemploi", "Reuse and repair"),
    ("economie_circulaire", "Circular economy"),
    ("demantelement", "Dismantling"),
    ("plasturgie", "Plastics recovery"),
    ("numerique", "Digital and fablab"),
    ("securite", "Safety at work"),
    ("management", "Management and coordination"),
]


class PepitesTrainingModule(models.Model):
    """A training module of the Campus de l'Insertion or of a partner (Essaimons, Coopérative
    Tiers-Lieux, Bâti…): duration, trade, the blocks it covers, its eLearning channel and quiz,
    its sessions, and who completed it."""

    _name = "pepites.training.module"
    _inherit = ["mail.thread"]
    _description = "Training module"
    _order = "sequence, name"

    name = fields.Char(required=True, track_visibility="onchange")
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    specialty = fields.Selection(SPECIALTIES, required=True, default="insertion", index=True)
    modality = fields.Selection(MODALITIES, required=True, default="presentiel", index=True)
    duration_hours = fields.Float(string="Hours", digits=(6, 1))
    duration_days = fields.Float(string="Days", digits=(6, 1))
    provider_id = fields.Many2one("res.partner", string="Designed by", ondelete="restrict",
                                  domain=[("is_company", "=", True)])
    sector_id = fields.Many2one("pepites.sector", string="Sector network", ondelete="set null")
    channel_id = fields.Many2one(
        "slide.channel", string="eLearning channel", ondelete="set null",
        help="The Slides channel holding the module's eLearning content: a learner completes the "
             "module by completing every published slide of it.")
    survey_id = fields.Many2one(
        "survey.survey", string="Quiz", ondelete="set null",
        help="Optional quiz: a learner must pass it to complete the module.")
    quiz_passing_score = fields.Float(
        string="Passing score", default=0.0,
        help="Minimum score of the quiz (sum of the marks of the chosen answers).")
    block_ids = fields.Many2many(
        "pepites.competence.block", "pepites_training_module_block_rel", "module_id", "block_id",
        string="Blocks covered")
    job_family_ids = fields.Many2many(
        "pepites.job.family", "pepites_training_module_job_family_rel", "module_id",
        "job_family_id", string="Target job families")
    job_frame_ids = fields.Many2many(
        "pepites.job.frame", "pepites_training_module_job_frame_rel", "module_id", "frame_id",
        string="Hybrid-job frames")
    path_ids = fields.Many2many(
        "pepites.learning.path", "pepites_learning_path_module_rel", "module_id", "path_id",
        string="Learning paths")
    description = fields.Text()
    objectives = fields.Text()
    session_ids = fields.One2many("pepites.training.session", "module_id", string="Sessions")
    session_count = fields.Integer(compute="_compute_counts", string="Sessions (count)")
    completion_ids = fields.One2many("pepites.module.completion", "module_id",
                                     string="Completions")
    completed_count = fields.Integer(compute="_compute_counts",
                                     string="Learners who completed it")

    _sql_constraints = [
        ("durations_positive",
         "CHECK((duration_hours IS NULL OR duration_hours >= 0) AND "
         "(duration_days IS NULL OR duration_days >= 0))",
         "A duration cannot be negative."),
    ]

    def _compute_counts(self):
        # counted as superuser: indicators that name nobody, shown to partners as well
        sessions_sudo = self.env["pepites.training.session"].sudo()
        completions_sudo = self.env["pepites.module.completion"].sudo()
        session_map = sessions_sudo._pepites_count_by("module_id", self.ids)
        done_map = completions_sudo._pepites_count_by(
            "module_id", self.ids, [("state", "=", "completed")])
        for module in self:
            module.session_count = session_map.get(module.id, 0)
            module.completed_count = done_map.get(module.id, 0)

    @api.constrains("quiz_passing_score")
    def _check_quiz_passing_score(self):
        """:raises ValidationError: on a negative passing score."""
        for module in self:
            if module.quiz_passing_score < 0:
                raise ValidationError(
                    _("The passing score of the quiz of \"%s\" cannot be negative.") % module.name)

    # ---------------------------------------------------------------- completion
    def _required_slides(self):
        """Published slides of the module's channel: what a learner must complete."""
        self.ensure_one()
        if not self.channel_id:
            return self.env["slide.slide"]
        # the learner may not see every slide's content; the requirement is the same for all
        channel_sudo = self.channel_id.sudo()
        return channel_sudo.slide_ids.filtered("website_published")

    def _completion_facts(self, partners):
        """What each partner did on this module, read in a few grouped queries.

        :return: ``{partner_id: {"slides": set of slide ids, "quiz": bool, "attended": bool}}``
        """
        self.ensure_one()
        facts = {partner.id: {"slides": set(), "quiz": False, "attended": False}
                 for partner in partners}
        # derived facts are read as superuser: they are the system's records, not the user's
        if self.channel_id:
            completions_sudo = self.env["pepites.slide.completion"].sudo().search_read(
                [("channel_id", "=", self.channel_id.id), ("partner_id", "in", partners.ids)],
                ["partner_id", "slide_id"])
            for row in completions_sudo:
                facts[row["partner_id"][0]]["slides"].add(row["slide_id"][0])
        if self.survey_id:
            inputs_sudo = self.env["survey.user_input"].sudo().search(
                [("survey_id", "=", self.survey_id.id), ("partner_id", "in", partners.ids),
                 ("state", "=", "done"), ("test_entry", "=", False)])
            for user_input in inputs_sudo:
                if user_input.quizz_score >= self.quiz_passing_score:
                    facts[user_input.partner_id.id]["quiz"] = True
        attended_sudo = self.env["pepites.training.registration"].sudo().read_group(
            [("module_id", "=", self.id), ("partner_id", "in", partners.ids),
             ("state", "=", "attended")], ["partner_id"], ["partner_id"])
        for row in attended_sudo:
            facts[row["partner_id"][0]]["attended"] = True
        return facts

    def _update_completion(self, partners):
        """Recompute the completion of these modules for these partners.

        Writes one ``pepites.module.completion`` per (module, partner) and calls
        :meth:`_on_module_completed` once per module with the partners who just completed it.
        Runs as superuser: completion is derived by the system from facts the learner cannot
        forge (slides completed, quiz answers, attendance).

        :param partners: ``res.partner`` recordset
        :return: ``{module: partners who newly completed it}``
        """
        newly = {}
        if not partners:
            return newly
        completion_sudo = self.env["pepites.module.completion"].sudo()
        modules_sudo = self.sudo()
        partners_sudo = partners.sudo()
        now = fields.Datetime.now()
        for module in modules_sudo:
            required = module._required_slides()
            facts = module._completion_facts(partners)
            existing = {completion.partner_id.id: completion for completion in
                        completion_sudo.search([("module_id", "=", module.id),
                                                ("partner_id", "in", partners.ids)])}
            done_partners = partners_sudo.browse()
            for partner in partners_sudo:
                fact = facts[partner.id]
                completed = module_completed(required.ids, fact["slides"], bool(module.survey_id),
                                             fact["quiz"], fact["attended"])
                values = {
                    "slide_done_count": len(fact["slides"] & set(required.ids)),
                    "slide_total": len(required),
                    "quiz_passed": fact["quiz"],
                    "state": "completed" if completed else "in_progress",
                }
                completion = existing.get(partner.id)
                if completion is None:
                    values.update(module_id=module.id, partner_id=partner.id)
                    if completed:
                        values["date_completed"] = now
                    completion_sudo.create(values)
                    if completed:
                        done_partners |= partner
                    continue
                # a completion stays completed: content added later does not take it back
                if completion.state == "completed":
                    values["state"] = "completed"
                elif completed:
                    values["date_completed"] = now
                    done_partners |= partner
                completion.write(values)
            if done_partners:
                module._on_module_completed(done_partners)
                newly[module] = done_partners
        return newly

    def _on_module_completed(self, partners):
        """Called once per module and per batch of learners who have just completed it.

        Override it to react to a completion (the badges addon awards the module's badge):
        ``self`` is one ``pepites.training.module`` (as superuser, completion being a system
        event), ``partners`` the ``res.partner`` recordset of the learners; call ``super()``.
        The completion records (``pepites.module.completion``) are already written.
        """
        self.ensure_one()
        return True

    @api.model
    def _update_completion_for_channels(self, channels, partners):
        """Recompute the modules using these channels, after slides were completed."""
        # every module using the channel, whether or not the learner may read it
        modules_sudo = self.sudo().search([("channel_id", "in", channels.ids)])
        return modules_sudo._update_completion(partners)

    @api.model
    def _update_completion_for_surveys(self, surveys, partners):
        """Recompute the modules whose quiz is one of these surveys, after answers were done."""
        # every module using the quiz, whether or not the learner may read it
        modules_sudo = self.sudo().search([("survey_id", "in", surveys.ids)])
        return modules_sudo._update_completion(partners)

    def action_recompute_completion(self):
        """Back office: recompute the completion of everyone who started the module."""
        for module in self:
            partners = module.completion_ids.mapped("partner_id")
            if module.channel_id:
                partners |= self.env["pepites.slide.completion"].search(
                    [("channel_id", "=", module.channel_id.id)]).mapped("partner_id")
            partners |= self.env["pepites.training.registration"].search(
                [("module_id", "=", module.id)]).mapped("partner_id")
            module._update_completion(partners)
        return True
