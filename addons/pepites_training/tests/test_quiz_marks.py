"""Quiz marks are the server's: a learner can neither forge them nor read the answer key."""
import json
import re
import xmlrpc.client

from odoo.exceptions import AccessError
from odoo.tests.common import at_install, post_install

from odoo.addons.http_routing.models.ir_http import slug

from .common import TrainingCase, TrainingHttpCase, create_user


def make_quiz(env):
    """A one-page quiz: a single-choice question (10 points for the right answer) and a
    multiple-choice one (5 points per right answer, -5 for the wrong one)."""
    survey = env["survey.survey"].create({"title": "Quiz sécurité", "quizz_mode": True})
    page = env["survey.page"].create({"title": "Questions", "survey_id": survey.id})
    single = env["survey.question"].create({
        "page_id": page.id, "question": "Qui accompagne le salarié ?", "type": "simple_choice",
        "labels_ids": [(0, 0, {"value": "Le CIP", "quizz_mark": 10}),
                       (0, 0, {"value": "Personne", "quizz_mark": 0})]})
    multiple = env["survey.question"].create({
        "page_id": page.id, "question": "Quels équipements ?", "type": "multiple_choice",
        "labels_ids": [(0, 0, {"value": "Gants", "quizz_mark": 5}),
                       (0, 0, {"value": "Casque", "quizz_mark": 5}),
                       (0, 0, {"value": "Tongs", "quizz_mark": -5})]})
    return survey, page, single, multiple


class TestQuizMarks(TrainingCase):
    """``survey.user_input_line.quizz_mark`` is computed from the chosen label on the server,
    and ``survey.label.quizz_mark`` (the answer key) is for survey users only."""

    @classmethod
    def setUpClass(cls):
        super(TestQuizMarks, cls).setUpClass()
        cls.survey, cls.page, cls.single, cls.multiple = make_quiz(cls.env)
        cls.right, cls.wrong = cls.single.labels_ids
        cls.gloves, cls.helmet, cls.flip_flops = cls.multiple.labels_ids
        cls.quiz_module = cls.env["pepites.training.module"].create(
            {"name": "Sécurité sur chantier", "survey_id": cls.survey.id,
             "quiz_passing_score": 20})
        cls.Input = cls.env["survey.user_input"].sudo(cls.user_learner)
        cls.Line = cls.env["survey.user_input_line"].sudo(cls.user_learner)

    def _start(self):
        return self.Input.create({"survey_id": self.survey.id,
                                  "partner_id": self.employee_a2.id})

    def _line(self, answer, question, label=None, **values):
        values.update(user_input_id=answer.id, question_id=question.id)
        if label:
            values.update(answer_type="suggestion", value_suggested=label.id)
        else:
            values.setdefault("answer_type", "text")
            values.setdefault("value_text", "Je ne sais pas")
        return self.Line.create(values)

    def _completion(self):
        return self.env["pepites.module.completion"].search(
            [("module_id", "=", self.quiz_module.id), ("partner_id", "=", self.employee_a2.id)])

    def test_mark_sent_by_the_learner_is_ignored(self):
        """A line created or written over RPC with ``quizz_mark`` 1000 keeps the server's mark
        (its label's, 0 for a text answer), so the quiz is failed and the module, which needs
        20 points, is not completed (core kept 1000 and completed it)."""
        answer = self._start()
        text = self._line(answer, self.single, quizz_mark=1000)
        chosen = self._line(answer, self.multiple, self.gloves, quizz_mark=1000)
        self.assertEqual((text.quizz_mark, chosen.quizz_mark), (0, 5))
        (text | chosen).write({"quizz_mark": 1000})
        self.assertEqual((text.quizz_mark, chosen.quizz_mark), (0, 5))
        answer.write({"state": "done"})
        self.assertEqual(answer.quizz_score, 5)
        self.assertNotEqual(self._completion().state, "completed")

    def test_label_of_another_question_scores_nothing(self):
        """The right answer of one question given to another question is worth 0."""
        answer = self._start()
        line = self._line(answer, self.multiple, self.right)
        self.assertEqual(line.quizz_mark, 0)
        line.write({"value_suggested": self.helmet.id})
        self.assertEqual(line.quizz_mark, 5)
        line.write({"question_id": self.single.id})
        self.assertEqual(line.quizz_mark, 0)

    def test_label_of_another_survey_scores_nothing(self):
        """A question of another quiz, whose right answer is known, adds nothing to this one."""
        other_survey, _page, other_single, _multiple = make_quiz(self.env)
        answer = self._start()
        line = self._line(answer, other_single, other_single.labels_ids[0])
        self.assertEqual(line.quizz_mark, 0)
        self.assertEqual(answer.quizz_score, 0)

    def test_repeated_answers_count_once(self):
        """The right answer sent ten times counts once; two answers to a single-choice question
        count as the lower one; each answer of a multiple-choice question counts."""
        answer = self._start()
        for _i in range(10):
            self._line(answer, self.single, self.right)
        self.assertEqual(answer.quizz_score, 10)
        self._line(answer, self.single, self.wrong)
        self.assertEqual(answer.quizz_score, 0)
        for label in (self.gloves, self.helmet, self.gloves):
            self._line(answer, self.multiple, label)
        self.assertEqual(answer.quizz_score, 10)
        self._line(answer, self.multiple, self.flip_flops)
        self.assertEqual(answer.quizz_score, 5)

    def test_passing_the_quiz_honestly_completes_the_module(self):
        """Right answers, marked by the server, still pass the quiz and complete the module."""
        answer = self._start()
        self._line(answer, self.single, self.right)
        self._line(answer, self.multiple, self.gloves)
        self._line(answer, self.multiple, self.helmet)
        answer.write({"state": "done"})
        self.assertEqual(answer.quizz_score, 20)
        self.assertEqual(self._completion().state, "completed")

    def test_answer_key_hidden_from_learners(self):
        """Learners read the answers but neither their marks nor find them by search or
        grouping; survey users read them."""
        Label = self.env["survey.label"].sudo(self.user_learner)
        self.assertEqual(Label.browse(self.right.id).read(["value"])[0]["value"], "Le CIP")
        for oracle in (lambda: Label.browse(self.right.id).read(["quizz_mark"]),
                       lambda: Label.search([("quizz_mark", ">", 0)]),
                       lambda: Label.read_group([], ["quizz_mark"], ["quizz_mark"])):
            with self.assertRaises(AccessError):
                oracle()
        surveyor = create_user(self.env, "training_surveyor", ["base.group_user",
                                                               "survey.group_survey_user"])
        self.assertEqual(self.right.sudo(surveyor).quizz_mark, 10)

    def test_survey_manager_may_set_a_mark(self):
        """A survey manager correcting an answer by hand keeps the mark given."""
        answer = self._start()
        line = self._line(answer, self.single, None, value_text="Le CIP, bien sûr")
        corrector = create_user(self.env, "training_corrector", ["base.group_user",
                                                                 "survey.group_survey_manager"])
        line.sudo(corrector).write({"quizz_mark": 10})
        self.assertEqual(line.quizz_mark, 10)


@at_install(False)
@post_install(True)
class TestQuizWebsite(TrainingHttpCase):
    """The survey pages still take, grade and correct a learner's quiz."""

    def setUp(self):
        super(TestQuizWebsite, self).setUp()
        self.survey, self.page, self.single, self.multiple = make_quiz(self.env)
        self.quiz_module = self.env["pepites.training.module"].create(
            {"name": "Sécurité sur chantier", "survey_id": self.survey.id,
             "quiz_passing_score": 20})
        self.right, self.wrong = self.single.labels_ids
        self.gloves, self.helmet, self.flip_flops = self.multiple.labels_ids

    def _start(self):
        self.authenticate("training_learner", "training_learner")
        self.assertEqual(self.url_open("/survey/start/%s" % slug(self.survey)).status_code, 200)
        answer = self.env["survey.user_input"].search(
            [("survey_id", "=", self.survey.id), ("partner_id", "=", self.employee_a2.id)])
        self.assertEqual(len(answer), 1)
        return answer

    def _submit(self, answer, choices):
        fill = self.url_open("/survey/fill/%s/%s" % (slug(self.survey), answer.token))
        self.assertEqual(fill.status_code, 200)
        token = re.search(r'name="csrf_token" value="([^"]+)"', fill.text).group(1)
        prefix = "%s_%s_" % (self.survey.id, self.page.id)
        data = {"csrf_token": token, "page_id": self.page.id, "token": answer.token,
                "button_submit": "finish",
                prefix + str(self.single.id): str(choices[0].id)}
        for label in choices[1:]:
            data["%s%s_%s" % (prefix, self.multiple.id, label.id)] = str(label.id)
        response = self.url_open("/survey/submit/%s" % slug(self.survey), data=data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("redirect", response.json())

    def test_learner_takes_the_quiz_and_sees_the_correction(self):
        """Submitted from the website, the answers get the labels' marks and complete the
        module; the finished page shows the score; the correction is shown to the holder of the
        finished answer only."""
        answer = self._start()
        scores_url = "/survey/scores/%s/%s" % (slug(self.survey), answer.token)
        self._submit(answer, [self.right, self.gloves, self.helmet])
        self.assertEqual(answer.state, "done")
        self.assertEqual(sorted(answer.user_input_line_ids.mapped("quizz_mark")), [5, 5, 10])
        self.assertEqual(answer.quizz_score, 20)
        completion = self.env["pepites.module.completion"].search(
            [("module_id", "=", self.quiz_module.id), ("partner_id", "=", self.employee_a2.id)])
        self.assertEqual(completion.state, "completed")
        finished = self.url_open("/survey/fill/%s/%s" % (slug(self.survey), answer.token))
        self.assertEqual(finished.status_code, 200)
        self.assertIn("20.0", finished.text)
        correction = self.url_open("/survey/print/%s/%s" % (slug(self.survey), answer.token))
        self.assertEqual(correction.status_code, 200)
        self.assertIn("bg-success", correction.text)
        self.assertEqual(json.loads(self.url_open(scores_url).text),
                         {str(self.single.id): 10.0, str(self.multiple.id): 10.0})

    def test_no_correction_without_a_finished_answer(self):
        """Any token used to show the answer key (core's correction mode), and the marks of an
        unfinished answer told which answer scores before submitting it: now a made-up or
        unfinished token shows the questions without the key, to the public too, and no marks."""
        answer = self._start()
        self.env["survey.user_input_line"].create({
            "user_input_id": answer.id, "question_id": self.single.id,
            "answer_type": "suggestion", "value_suggested": self.right.id})
        scores_url = "/survey/scores/%s/%s" % (slug(self.survey), answer.token)
        self.assertEqual(json.loads(self.url_open(scores_url).text), {})
        for token in ("made-up", answer.token):
            page = self.url_open("/survey/print/%s/%s" % (slug(self.survey), token))
            self.assertEqual(page.status_code, 200)
            self.assertIn("Qui accompagne le salarié", page.text)
            self.assertNotIn("bg-success", page.text)
        self.authenticate(None, None)
        self.opener.cookies.clear()
        page = self.url_open("/survey/print/%s/made-up" % slug(self.survey))
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("bg-success", page.text)

    def test_forged_mark_over_xmlrpc_is_refused(self):
        """Over XML-RPC, a learner may neither begin an answer nor write a mark on the answer
        begun on the website (answers are not on the outsiders' RPC list): nothing is written,
        the module is not completed, and the answer key cannot be read."""
        answer = self._start()
        self.authenticate(None, None)
        refused = "pas sur la liste"
        with self.assertRaisesRegex(xmlrpc.client.Fault, refused):
            self.xmlrpc(self.user_learner, "survey.user_input", "create",
                        {"survey_id": self.survey.id, "partner_id": self.employee_a2.id})
        with self.assertRaisesRegex(xmlrpc.client.Fault, refused):
            self.xmlrpc(self.user_learner, "survey.user_input_line", "create",
                        {"user_input_id": answer.id, "question_id": self.single.id,
                         "answer_type": "suggestion", "value_suggested": self.wrong.id,
                         "quizz_mark": 1000})
        with self.assertRaisesRegex(xmlrpc.client.Fault, refused):
            self.xmlrpc(self.user_learner, "survey.user_input", "write", [answer.id],
                        {"state": "done"})
        answer.invalidate_cache()
        self.assertEqual((answer.state, answer.user_input_line_ids.ids, answer.quizz_score),
                         ("new", [], 0))
        self.assertEqual(self.env["survey.user_input"].search_count(
            [("survey_id", "=", self.survey.id)]), 1)
        self.assertFalse(self.env["pepites.module.completion"].search(
            [("module_id", "=", self.quiz_module.id), ("state", "=", "completed")]))
        with self.assertRaisesRegex(xmlrpc.client.Fault, "AccessError|sécurité|security"):
            self.xmlrpc(self.user_learner, "survey.label", "read", [self.right.id],
                        ["quizz_mark"])
