from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.pepites_partners.personal_data import CLEAR
from odoo.addons.pepites_partners.models.pepites_sql_guard import Ordered, sql_constraints
from odoo.addons.pepites_partners.models.pepites_workflow_mixin import workflow_action
from odoo.addons.pepites_partners.models.res_partner import (
    check_siae_employers, siae_employer_onchange)

#: the four phases of an AFEST, in order
AFEST_PHASES = [
    ("analysis", "Analysis of the work"),
    ("situation", "Work-situation sequences"),
    ("reflexive", "Reflexive sequences"),
    ("evaluation", "Evaluation"),
]

AFEST_STATES = [
    ("draft", "Being prepared"),
    ("in_progress", "In progress"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]

AFEST_RESULTS = [
    ("acquired", "Acquired"),
    ("partly_acquired", "Partly acquired"),
    ("not_acquired", "Not acquired"),
]


class PepitesAfest(models.Model):
    """An AFEST (action de formation en situation de travail): a learner trained at work by an
    internal trainer of their SIAE on a competence block, in four phases."""

    _name = "pepites.afest"
    _inherit = ["mail.thread", "mail.activity.mixin", "pepites.sql.guard", "pepites.workflow.mixin", "pepites.privacy.mixin"]
    _description = "AFEST action"
    _order = "date_start desc, id desc"

    # personal-data map (issue 15), category "training": 5 years after its end
    _privacy_kind = "afest"
    _privacy_person_fields = ("learner_id",)
    _privacy_blank = {"note": CLEAR}
    _privacy_kept = ("employer_id", "department_id", "trainer_id", "block_id", "certification_id", "module_id", "date_start", "date_end", "state", "result")
    _privacy_retention = {"training": ("date_end", "write_date")}


    name = fields.Char(string="Reference", required=True, copy=False, readonly=True,
                       default=lambda self: _("New"))
    employer_id = fields.Many2one("res.partner", string="SIAE", required=True, ondelete="restrict",
                                  index=True, domain=[("is_siae", "=", True)],
                                  track_visibility="onchange")
    department_id = fields.Many2one(related="employer_id.department_id", store=True,
                                    readonly=True, string="Département")
    trainer_id = fields.Many2one("pepites.internal.trainer", string="Internal trainer",
                                 ondelete="restrict", index=True)
    learner_id = fields.Many2one("res.partner", string="Learner", required=True,
                                 ondelete="restrict", index=True)
    block_id = fields.Many2one("pepites.competence.block", string="Competence block",
                               ondelete="restrict", index=True)
    certification_id = fields.Many2one(related="block_id.certification_id", store=True,
                                       readonly=True, string="Certification")
    module_id = fields.Many2one("pepites.training.module", string="Training module",
                                ondelete="set null")
    date_start = fields.Date(string="Start")
    date_end = fields.Date(string="End")
    phase_ids = fields.One2many("pepites.afest.phase", "afest_id", string="Phases", copy=True,
                                default=lambda self: self._default_phase_ids())
    state = fields.Selection(AFEST_STATES, required=True, default="draft", index=True,
                             copy=False, track_visibility="onchange")
    result = fields.Selection(AFEST_RESULTS, copy=False, track_visibility="onchange")
    evidence_count = fields.Integer(compute="_compute_evidence_count", string="Evidence")
    note = fields.Text()

    _sql_guard = [
        Ordered("dates_order", "date_start", "date_end",
                message="The AFEST cannot end before it starts."),
    ]
    _sql_constraints = sql_constraints(_sql_guard)

    @api.model
    def _default_phase_ids(self):
        return [(0, 0, {"phase": key, "sequence": index})
                for index, (key, _label) in enumerate(AFEST_PHASES, start=1)]

    @api.model
    def create(self, vals):
        if vals.get("name", _("New")) == _("New"):
            vals["name"] = self.env["ir.sequence"].next_by_code("pepites.afest") or "/"
        return super(PepitesAfest, self).create(vals)

    def _compute_evidence_count(self):
        for afest in self:
            afest.evidence_count = len(afest.phase_ids.mapped("attachment_ids"))

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        """:raises ValidationError: when the AFEST ends before it starts."""
        for afest in self:
            if afest.date_start and afest.date_end and afest.date_end < afest.date_start:
                raise ValidationError(_("The AFEST %s ends before it starts.") % afest.name)
        # the phases must still fit in the (new) dates of their AFEST
        self.mapped("phase_ids")._check_dates()

    @api.constrains("trainer_id", "employer_id", "learner_id")
    def _check_trainer(self):
        """:raises ValidationError: when the trainer is the learner, or works in another SIAE."""
        for afest in self.filtered("trainer_id"):
            if afest.trainer_id.partner_id == afest.learner_id:
                raise ValidationError(
                    _("In %s the internal trainer cannot be the learner.") % afest.name)
            if afest.trainer_id.employer_id != afest.employer_id:
                raise ValidationError(
                    _("The internal trainer of %s works for %s, not for %s.")
                    % (afest.name, afest.trainer_id.employer_id.name, afest.employer_id.name))

    @api.constrains("employer_id")
    def _check_employer(self):
        """:raises ValidationError: when the SIAE is not a SIAE."""
        check_siae_employers(self, _("An AFEST takes place in a SIAE (\"%s\" is not one)."))

    _onchange_learner_id = siae_employer_onchange("learner_id")

    _workflow_transitions = {
        "start": (("draft",), "in_progress"),
        "done": (("in_progress",), "done"),
        "cancel": (("draft", "in_progress"), "cancelled"),
        "draft": (("cancelled",), "draft"),
    }

    def _start_values(self):
        """:raises UserError: without the internal trainer or the start date."""
        self._workflow_require(["trainer_id", "date_start"], _(
            "Set the internal trainer and the start date of %s first."))
        return {}

    def _done_values(self, result=None):
        """:raises UserError: without a result, or before the evaluation phase is dated."""
        final = result or self.result
        if final not in dict(AFEST_RESULTS):
            raise UserError(_("Enter the result of the evaluation of %s.") % self.name)
        evaluation = self.phase_ids.filtered(lambda phase: phase.phase == "evaluation")
        if not evaluation.filtered("date_start"):
            raise UserError(_("Date the evaluation phase of %s first.") % self.name)
        return {"result": final, "date_end": self.date_end or max(evaluation.mapped(
            lambda phase: phase.date_end or phase.date_start))}

    action_start = workflow_action("start", "The work analysis begins.")
    action_cancel = workflow_action("cancel")
    action_draft = workflow_action("draft")

    def action_done(self, result=None):
        """Close the AFEST with its evaluation's result.

        :param result: a key of AFEST_RESULTS; defaults to the one already entered
        :raises UserError: without a result, or before the evaluation phase is dated
        """
        return self._workflow_run("done", result=result)
