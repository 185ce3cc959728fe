from odoo import api, models


class SurveyUserInputLine(models.Model):
    """An answer to a quiz question: its mark is the server's, whatever the client sends.

    Learners create and write their own answer lines (the survey pages do it as them, and so can
    XML-RPC): core keeps the ``quizz_mark`` they send (1000 against a passing score of 20
    completed a module and earned its badge) and takes the mark of any label, even one of
    another question. Here the mark is always that of the chosen label when the label belongs to
    the line's question of the answer's survey (read as superuser: learners may not read the
    answer key), else 0; only survey managers may set a mark by hand.
    """

    _inherit = "survey.user_input_line"

    def _get_mark(self, value_suggested):
        # core reads the label as the user, who may not read the answer key: the final mark
        # is set by _pepites_set_server_marks anyway
        label_sudo = self.env["survey.label"].sudo().browse(int(value_suggested))
        return label_sudo.quizz_mark if label_sudo.exists() else 0.0

    @api.model
    def _pepites_may_set_marks(self):
        return self.user_has_groups("survey.group_survey_manager")

    @api.model
    def _pepites_client_marks(self, vals):
        """``(vals, manual)``: the values without the client's ``quizz_mark`` unless a survey
        manager sets it by hand (``manual``), in which case they are kept as sent."""
        if "quizz_mark" in vals and self._pepites_may_set_marks():
            return vals, True
        return {key: value for key, value in vals.items() if key != "quizz_mark"}, False

    @api.multi
    def _pepites_server_mark(self):
        """The mark of this line (as superuser): its label's, when the label answers its
        question, itself in the answer's survey; 0 otherwise."""
        self.ensure_one()
        line_sudo = self.sudo()
        label, question = line_sudo.value_suggested, line_sudo.question_id
        if not label or line_sudo.answer_type != "suggestion" \
                or label.question_id != question \
                or question.survey_id != line_sudo.user_input_id.survey_id:
            return 0.0
        return label.quizz_mark

    @api.multi
    def _pepites_set_server_marks(self):
        for line_sudo in self.sudo():
            mark = line_sudo._pepites_server_mark()
            if line_sudo.quizz_mark != mark:
                # the parent's write: this class's write would check the marks again
                super(SurveyUserInputLine, line_sudo).write({"quizz_mark": mark})

    @api.model
    def create(self, vals):
        if vals.get("user_input_id"):
            # an answer line belongs to an answer the caller may change (their own), checked
            # before the insert: core's constraints would otherwise read the new line as the
            # caller and fail on the read rule with a confusing error instead of this refusal
            self.env["survey.user_input"].browse(vals["user_input_id"]).check_access_rule("write")
        vals, manual = self._pepites_client_marks(vals)
        line = super(SurveyUserInputLine, self).create(vals)
        if not manual:
            line._pepites_set_server_marks()
        return line

    @api.multi
    def write(self, vals):
        vals, manual = self._pepites_client_marks(vals)
        res = super(SurveyUserInputLine, self).write(vals)
        if not manual:
            self._pepites_set_server_marks()
        return res
