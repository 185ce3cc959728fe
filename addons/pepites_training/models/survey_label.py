from odoo import fields, models


class SurveyLabel(models.Model):
    """A quiz's suggested answers: their marks are the answer key.

    Core leaves ``quizz_mark`` readable by everyone who reads the question (portal and public
    users included): a learner read which answers score before answering. Only survey users
    (who write the quizzes) read it; the marks of an answer are computed on the server
    (``survey.user_input_line``).
    """

    _inherit = "survey.label"

    quizz_mark = fields.Float(groups="survey.group_survey_user")
