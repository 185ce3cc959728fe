import json

from odoo import http
from odoo.http import request

from odoo.addons.survey.controllers.main import WebsiteSurvey


class PepitesSurvey(WebsiteSurvey):
    """The quiz correction (which answers score) only for whoever finished the quiz.

    Core shows the correction of a quiz on ``/survey/print/<survey>/<any token>`` and gives the
    marks of unfinished answers on ``/survey/scores``, so the answer key was open to anyone, and
    a learner could try each answer and read its mark before submitting. Now both need the
    token of a finished answer to that survey; the marks are read as superuser for that
    person only (learners may not read ``survey.label.quizz_mark``).
    """

    @staticmethod
    def _pepites_finished_answer(survey, token):
        """The finished answer to ``survey`` whose token is ``token`` (as superuser), or an
        empty recordset."""
        # searched as superuser: the token, a secret of its holder, is the proof
        answers_sudo = request.env["survey.user_input"].sudo()
        if not token or not isinstance(token, str):
            return answers_sudo
        return answers_sudo.search([("survey_id", "=", survey.id), ("token", "=", token),
                                    ("state", "=", "done")], limit=1)

    @http.route()
    def print_survey(self, survey, token=None, **post):
        response = super(PepitesSurvey, self).print_survey(survey, token=token, **post)
        finished_sudo = survey.quizz_mode and self._pepites_finished_answer(survey, token)
        # the page is rendered lazily: its values can still change
        response.qcontext["quizz_correction"] = bool(finished_sudo)
        if finished_sudo:
            # the correction reads the answer key, for the person who finished this quiz only
            response.qcontext["survey"] = survey.sudo()
        return response

    @http.route()
    def get_scores(self, survey, token, page=None, **post):
        if not self._pepites_finished_answer(survey, token):
            return json.dumps({})
        return super(PepitesSurvey, self).get_scores(survey, token, page=page, **post)
