from contextlib import contextmanager

from odoo.exceptions import AccessError

from .common import TrainingCase


@contextmanager
def spy_module_completed(env):
    """Record the calls of pepites.training.module._on_module_completed (and still run it)."""
    calls = []
    Module = type(env["pepites.training.module"])
    original = Module._on_module_completed
    # the registry class usually inherits the method: put back exactly what was there, so that
    # the overrides of other addons (badges) are not shadowed after the test
    own = "_on_module_completed" in vars(Module)

    def spy(module, partners):
        calls.append((module.id, sorted(partners.ids)))
        return original(module, partners)

    Module._on_module_completed = spy
    try:
        yield calls
    finally:
        if own:
            Module._on_module_completed = original
        else:
            del Module._on_module_completed


class TestCompletion(TrainingCase):
    def _completion(self, module=None, partner=None):
        return self.env["pepites.module.completion"].search([
            ("module_id", "=", (module or self.module).id),
            ("partner_id", "=", (partner or self.employee_a2).id)])

    def test_slides_complete_the_module_once(self):
        """Completing every published slide completes the module; the event fires once."""
        slides_as_learner = (self.slide_1 | self.slide_2).sudo(self.user_learner)
        with spy_module_completed(self.env) as calls:
            result = slides_as_learner[0].pepites_mark_completed()
            self.assertEqual(result["completed"], [self.slide_1.id])
            completion = self._completion()
            self.assertEqual((completion.state, completion.slide_done_count,
                              completion.slide_total), ("in_progress", 1, 2))
            self.assertEqual(completion.progress, 50.0)
            result = slides_as_learner[1].pepites_mark_completed()
            self.assertEqual(result["modules"], [self.module.name])
            self.assertEqual(completion.state, "completed")
            self.assertTrue(completion.date_completed)
            slides_as_learner.pepites_mark_completed()
            self.module._update_completion(self.employee_a2)
        self.assertEqual(calls, [(self.module.id, [self.employee_a2.id])])
        self.assertEqual(self.env["pepites.slide.completion"].search_count(
            [("partner_id", "=", self.employee_a2.id)]), 2, "idempotent")
        self.assertEqual(self.module.completed_count, 1)

    def test_new_content_does_not_take_completion_back(self):
        """A slide published after a learner completed the module leaves it completed."""
        (self.slide_1 | self.slide_2).sudo(self.user_learner).pepites_mark_completed()
        self.slide_draft.website_published = True
        self.module._update_completion(self.employee_a2)
        completion = self._completion()
        self.assertEqual((completion.state, completion.slide_total), ("completed", 3))

    def test_unpublished_or_public(self):
        """A draft slide cannot be completed; the public user cannot record progress."""
        with self.assertRaises(AccessError):
            self.slide_draft.sudo(self.user_learner).pepites_mark_completed()
        public = self.env.ref("base.public_user")
        with self.assertRaises(AccessError):
            self.slide_1.sudo(public).pepites_mark_completed()
        self.assertFalse(self.env["pepites.slide.completion"].search(
            [("slide_id", "=", self.slide_draft.id)]))

    def test_learner_cannot_write_completions(self):
        """Learners read their own progress but cannot forge it."""
        self.slide_1.sudo(self.user_learner).pepites_mark_completed()
        Completion = self.env["pepites.module.completion"].sudo(self.user_learner)
        self.assertEqual(Completion.search([]).mapped("partner_id"), self.employee_a2)
        with self.assertRaises(AccessError):
            Completion.create({"module_id": self.module.id, "partner_id": self.employee_a2.id,
                               "state": "completed"})
        with self.assertRaises(AccessError):
            Completion.search([]).write({"state": "completed"})
        with self.assertRaises(AccessError):
            self.env["pepites.slide.completion"].sudo(self.user_learner).create(
                {"partner_id": self.employee_a2.id, "slide_id": self.slide_2.id})
        other = self.env["pepites.module.completion"].create(
            {"module_id": self.module.id, "partner_id": self.employee_b.id})
        self.assertNotIn(other, Completion.search([]))

    def _quiz(self):
        survey = self.env["survey.survey"].create({"title": "Quiz accueil", "quizz_mode": True})
        page = self.env["survey.page"].create({"title": "Questions", "survey_id": survey.id})
        question = self.env["survey.question"].create({
            "page_id": page.id, "question": "Qui accompagne le salarié ?",
            "type": "simple_choice", "labels_ids": [
                (0, 0, {"value": "Le CIP", "quizz_mark": 10}),
                (0, 0, {"value": "Personne", "quizz_mark": 0})]})
        return survey, question

    def _answer(self, survey, question, label, partner):
        user_input = self.env["survey.user_input"].create(
            {"survey_id": survey.id, "partner_id": partner.id})
        self.env["survey.user_input_line"].create({
            "user_input_id": user_input.id, "question_id": question.id,
            "answer_type": "suggestion", "value_suggested": label.id})
        return user_input

    def test_quiz_must_be_passed(self):
        """With a quiz, the module is completed once the slides are done and the quiz passed
        (a finished answer scoring at least the passing score)."""
        survey, question = self._quiz()
        self.module.write({"survey_id": survey.id, "quiz_passing_score": 5})
        (self.slide_1 | self.slide_2).sudo(self.user_learner).pepites_mark_completed()
        self.assertEqual(self._completion().state, "in_progress")
        wrong, right = question.labels_ids.sorted(lambda label: label.quizz_mark)
        failed = self._answer(survey, question, wrong, self.employee_a2)
        failed.write({"state": "done"})
        self.assertEqual(self._completion().state, "in_progress")
        with spy_module_completed(self.env) as calls:
            passed = self._answer(survey, question, right, self.employee_a2)
            passed.write({"state": "done"})
        self.assertEqual(self._completion().state, "completed")
        self.assertTrue(self._completion().quiz_passed)
        self.assertEqual(calls, [(self.module.id, [self.employee_a2.id])])

    def test_quiz_only_module(self):
        """A module whose only requirement is its quiz is completed by passing it."""
        survey, question = self._quiz()
        module = self.env["pepites.training.module"].create(
            {"name": "Quiz sécurité", "survey_id": survey.id})
        right = question.labels_ids.filtered(lambda label: label.quizz_mark)
        self._answer(survey, question, right, self.employee_b).write({"state": "done"})
        self.assertEqual(self._completion(module, self.employee_b).state, "completed")

    def test_quiz_answers_belong_to_their_person(self):
        """A learner fills the quiz INAÉ invited them to (an answer created by staff in their
        name) but can neither change another person's answer nor its marks, which make the
        score that completes a module and awards badges."""
        survey, question = self._quiz()
        wrong, right = question.labels_ids.sorted(lambda label: label.quizz_mark)
        own = self._answer(survey, question, wrong, self.employee_a2)
        other = self._answer(survey, question, wrong, self.employee_b)
        Input = self.env["survey.user_input"].sudo(self.user_learner)
        Line = self.env["survey.user_input_line"].sudo(self.user_learner)
        Input.browse(own.id).write({"state": "skip"})
        Line.browse(own.user_input_line_ids.id).write({"value_suggested": right.id})
        self.assertEqual(own.user_input_line_ids.value_suggested, right)
        for model, record, values in (
                (Input, other, {"state": "done"}),
                (Line, other.user_input_line_ids, {"value_suggested": right.id})):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                model.browse(record.id).write(values)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            Line.create({"user_input_id": other.id, "question_id": question.id,
                         "answer_type": "suggestion", "value_suggested": right.id})
        self.assertEqual(other.state, "new")
        self.assertEqual(other.user_input_line_ids.value_suggested, wrong)
