from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.pepites_partners.personal_data import CLEAR
from odoo.addons.pepites_partners.models.pepites_sql_guard import Unique, sql_constraints
from odoo.addons.pepites_partners.models.pepites_workflow_mixin import workflow_action
from odoo.addons.pepites_partners.models.res_partner import (
    check_siae_employers, siae_employer_onchange)

from ..training_rules import VAE_OUTCOMES, vae_outcome

VAE_STATES = [
    ("draft", "Information"),
    ("admissible", "Admissible"),
    ("file", "File submitted"),
    ("jury", "Jury scheduled"),
    ("done", "Result known"),
    ("not_admissible", "Not admissible"),
    ("abandoned", "Abandoned"),
]


class PepitesVae(models.Model):
    """A VAE of a SIAE staff member towards a title, block by block (ETAIE by the FAS).

    Milestones: admissibility (recevabilité) → file (livret 2) → jury → result per block; the
    overall outcome is derived from the blocks' results.
    """

    _name = "pepites.vae"
    _inherit = ["mail.thread", "mail.activity.mixin", "pepites.sql.guard", "pepites.workflow.mixin", "pepites.privacy.mixin"]
    _description = "VAE"
    _order = "id desc"

    # personal-data map (issue 15), category "training": 5 years after the jury (or the last change without one)
    _privacy_kind = "vae"
    _privacy_person_fields = ("candidate_id",)
    _privacy_blank = {"note": CLEAR}
    _privacy_kept = ("employer_id", "department_id", "certification_id", "session_id", "mode", "state", "admissibility_date", "file_date", "jury_date", "outcome", "validated_block_count")
    _privacy_retention = {"training": ("jury_date", "write_date")}


    name = fields.Char(string="Reference", required=True, copy=False, readonly=True,
                       default=lambda self: _("New"))
    candidate_id = fields.Many2one("res.partner", string="Candidate", required=True,
                                   ondelete="restrict", index=True, track_visibility="onchange")
    employer_id = fields.Many2one(
        "res.partner", string="Employer SIAE", ondelete="restrict", index=True,
        domain=[("is_siae", "=", True)], track_visibility="onchange")
    department_id = fields.Many2one(related="employer_id.department_id", store=True,
                                    readonly=True, string="Département")
    certification_id = fields.Many2one("pepites.certification", string="Certification",
                                       required=True, ondelete="restrict", index=True)
    accompanier_id = fields.Many2one("res.partner", string="VAE accompanier", ondelete="restrict")
    session_id = fields.Many2one(
        "pepites.vae.session", string="Collective session", ondelete="restrict", index=True,
        domain="[('certification_id', '=', certification_id)]")
    mode = fields.Selection([("collective", "Collective"), ("individual", "Individual")],
                            compute="_compute_mode", store=True)
    state = fields.Selection(VAE_STATES, required=True, default="draft", index=True, copy=False,
                             track_visibility="onchange")
    admissibility_date = fields.Date(string="Admissibility", copy=False,
                                     help="Date of the admissibility decision (recevabilité).")
    file_date = fields.Date(string="File submitted", copy=False,
                            help="Date the experience file (livret 2) was submitted.")
    jury_date = fields.Date(string="Jury", copy=False, track_visibility="onchange")
    block_result_ids = fields.One2many("pepites.vae.block.result", "vae_id",
                                       string="Results per block", copy=False)
    outcome = fields.Selection(VAE_OUTCOMES, compute="_compute_outcome", store=True, index=True,
                               track_visibility="onchange")
    validated_block_count = fields.Integer(compute="_compute_outcome", store=True,
                                           string="Validated blocks")
    note = fields.Text()

    _sql_guard = [
        Unique("candidate_certification_session_unique", "candidate_id", "certification_id",
               "session_id", message="This candidate is already enrolled in this VAE session."),
    ]
    _sql_constraints = sql_constraints(_sql_guard)

    @api.model
    def create(self, vals):
        if vals.get("name", _("New")) == _("New"):
            vals["name"] = self.env["ir.sequence"].next_by_code("pepites.vae") or "/"
        return super(PepitesVae, self).create(vals)

    @api.depends("session_id")
    def _compute_mode(self):
        for vae in self:
            vae.mode = "collective" if vae.session_id else "individual"

    @api.depends("block_result_ids.result", "block_result_ids.block_id",
                 "certification_id.block_ids")
    def _compute_outcome(self):
        for vae in self:
            results = {line.block_id.id: line.result for line in vae.block_result_ids}
            vae.outcome = vae_outcome(results, vae.certification_id.block_ids.ids)
            vae.validated_block_count = len(
                vae.block_result_ids.filtered(lambda line: line.result == "validated"))

    # ---------------------------------------------------------------- constraints
    @api.constrains("admissibility_date", "file_date", "jury_date")
    def _check_milestones(self):
        """:raises ValidationError: when the milestones are not in order (admissibility, then
        file, then jury)."""
        for vae in self:
            dates = [(vae.admissibility_date, _("admissibility")), (vae.file_date, _("file")),
                     (vae.jury_date, _("jury"))]
            dates = [(date, label) for date, label in dates if date]
            for (before, label_before), (after, label_after) in zip(dates, dates[1:]):
                if after < before:
                    raise ValidationError(
                        _("%s: the %s date (%s) cannot be before the %s date (%s).")
                        % (vae.name, label_after, after, label_before, before))

    @api.constrains("session_id", "certification_id")
    def _check_session(self):
        """:raises ValidationError: when the collective session prepares another title."""
        for vae in self.filtered("session_id"):
            if vae.session_id.certification_id != vae.certification_id:
                raise ValidationError(
                    _("The VAE session %s prepares %s, not %s.")
                    % (vae.session_id.name, vae.session_id.certification_id.code,
                       vae.certification_id.code))

    @api.constrains("employer_id")
    def _check_employer(self):
        """:raises ValidationError: when the employer is not a SIAE."""
        check_siae_employers(self, _("The employer of %s must be a SIAE (\"%s\" is not)."),
                             with_record_name=True)

    _onchange_candidate_id = siae_employer_onchange("candidate_id")

    # ---------------------------------------------------------------- workflow
    _workflow_transitions = {
        "admissible": (("draft",), "admissible"),
        "not_admissible": (("draft",), "not_admissible"),
        "submit_file": (("admissible",), "file"),
        "schedule_jury": (("file",), "jury"),
        "done": (("jury",), "done"),
        "abandon": (("draft", "admissible", "file", "jury"), "abandoned"),
        "reset": (("abandoned", "not_admissible"), "draft"),
    }

    def _admissible_values(self, date=None):
        return {"admissibility_date": date or self.admissibility_date
                or fields.Date.context_today(self)}

    def _submit_file_values(self, date=None):
        return {"file_date": date or self.file_date or fields.Date.context_today(self)}

    def _schedule_jury_values(self, date=None):
        """:raises UserError: without a jury date."""
        jury_date = date or self.jury_date
        if not jury_date:
            raise UserError(_("Set the jury date of %s.") % self.name)
        values = {"jury_date": jury_date}
        if not self.block_result_ids:
            values["block_result_ids"] = [
                (0, 0, {"block_id": block.id}) for block in self.certification_id.block_ids]
        return values

    def _done_values(self):
        """:raises UserError: while a block presented has no result."""
        pending = self.block_result_ids.filtered(lambda line: not line.result)
        if not self.block_result_ids or pending:
            raise UserError(
                _("Enter the jury's result for every block of %s first.") % self.name)
        return {}

    def action_admissible(self, date=None):
        """The candidate's request is admissible (recevable)."""
        return self._workflow_run("admissible", date=date)

    action_not_admissible = workflow_action("not_admissible")
    action_done = workflow_action("done", "The jury has ruled on every block presented.")
    action_abandon = workflow_action("abandon")
    action_reset = workflow_action("reset")

    def action_submit_file(self, date=None):
        """The experience file is submitted to the certifier."""
        return self._workflow_run("submit_file", date=date)

    def action_schedule_jury(self, date=None):
        """A jury date is set; one result line per targeted block is prepared if none exists."""
        return self._workflow_run("schedule_jury", date=date)
