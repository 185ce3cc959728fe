from odoo import api, models


class SurveyUserInput(models.Model):
    """A finished quiz may complete the training module that uses it."""

    _inherit = "survey.user_input"

    @api.multi
    def write(self, vals):
        res = super(SurveyUserInput, self).write(vals)
        if vals.get("state") == "done":
            done = self.filtered(lambda user_input: user_input.partner_id
                                 and not user_input.test_entry)
            for survey in done.mapped("survey_id"):
                self.env["pepites.training.module"]._update_completion_for_surveys(
                    survey, done.filtered(lambda ui: ui.survey_id == survey).mapped("partner_id"))
        return res
