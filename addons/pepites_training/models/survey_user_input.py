from collections import defaultdict

from odoo import api, models


class SurveyUserInput(models.Model):
    """A finished quiz may complete the training module that uses it."""

    _name = "survey.user_input"
    _inherit = ["survey.user_input", "pepites.privacy.mixin"]

    # personal-data map (issue 15), category "training": a learner's quiz answers, 5 years
    # after they were given; the score and state stay (module completion)
    _privacy_kind = "survey_answers"
    _privacy_person_fields = ("partner_id",)
    _privacy_email_field = "email"
    _privacy_blank = {"email": "clear"}
    _privacy_kept = ("survey_id", "state", "quizz_score", "date_create", "test_entry")
    _privacy_retention = {"training": ("create_date",)}


    def _privacy_anonymise(self):
        """The free answers typed by the person go too (the marks stay)."""
        lines_sudo = self.sudo().mapped("user_input_line_ids")
        lines_sudo.write({"value_text": False, "value_free_text": False})
        return super(SurveyUserInput, self)._privacy_anonymise()

    @api.depends("user_input_line_ids.quizz_mark")
    def _compute_quizz_score(self):
        """The score counts each chosen answer once, and one answer where the question takes one.

        Core sums every line: a learner who creates answer lines over XML-RPC would add the
        right answer of a question ten times, or every answer of a single-choice question.
        The marks themselves are the server's (``survey.user_input_line``); the lines are read
        as superuser, the score being the system's judgement, not the learner's records.
        """
        for user_input in self:
            lines_sudo = user_input.sudo().user_input_line_ids
            score = sum(lines_sudo.filtered(lambda line: not line.value_suggested)
                        .mapped("quizz_mark"))
            picks = defaultdict(dict)  # (question, row): {label id: mark}
            for line in lines_sudo.filtered("value_suggested"):
                picks[line.question_id, line.value_suggested_row.id][line.value_suggested.id] = \
                    line.quizz_mark
            for (question, _row), marks in picks.items():
                one_answer = question.type == "simple_choice" or (
                    question.type == "matrix" and question.matrix_subtype == "simple")
                score += min(marks.values()) if one_answer else sum(marks.values())
            user_input.quizz_score = score

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
