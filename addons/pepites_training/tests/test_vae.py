from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from .common import TrainingCase


class TestVae(TrainingCase):
    @classmethod
    def setUpClass(cls):
        super(TestVae, cls).setUpClass()
        cls.vae_session = cls.env["pepites.vae.session"].create({
            "name": "VAE collective ETAIE — Agen", "certification_id": cls.etaie.id,
            "department_id": cls.env.ref("pepites_partners.department_47").id,
            "location": "Agen", "date_start": "2023-02-01", "date_end": "2023-11-30"})

    def _vae(self, **values):
        vals = {"candidate_id": self.employee_a.id, "employer_id": self.siae_a.id,
                "certification_id": self.etaie.id, "session_id": self.vae_session.id}
        vals.update(values)
        return self.env["pepites.vae"].create(vals)

    def _to_jury(self, vae):
        vae.action_admissible(date="2023-02-15")
        vae.action_submit_file(date="2023-06-01")
        vae.action_schedule_jury(date="2023-10-12")

    def _results(self, vae, results):
        for line, result in zip(vae.block_result_ids.sorted("sequence"), results):
            line.result = result

    def test_milestones_and_one_line_per_block(self):
        """Admissibility → file → jury prepares one result line per block of ETAIE."""
        vae = self._vae()
        self.assertTrue(vae.name.startswith("VAE/"))
        self.assertEqual(vae.mode, "collective")
        self._to_jury(vae)
        self.assertEqual(vae.state, "jury")
        self.assertEqual(vae.block_result_ids.mapped("block_id"), self.etaie_blocks)
        self.assertEqual(vae.outcome, "pending")
        with self.assertRaises(UserError):
            vae.action_done()

    def test_outcome_title_when_every_block_validated(self):
        """All four blocks validated: the full title is obtained."""
        vae = self._vae()
        self._to_jury(vae)
        self._results(vae, ["validated"] * 4)
        vae.action_done()
        self.assertEqual(vae.outcome, "title")
        self.assertEqual(vae.validated_block_count, 4)

    def test_outcome_partial(self):
        """Some blocks validated, one partly, one not: a partial validation."""
        vae = self._vae()
        self._to_jury(vae)
        self._results(vae, ["validated", "validated", "partial", "not_validated"])
        self.assertEqual(vae.outcome, "partial")
        self.assertEqual(vae.validated_block_count, 2)

    def test_outcome_nothing_validated(self):
        """No block validated: nothing is validated."""
        vae = self._vae()
        self._to_jury(vae)
        self._results(vae, ["not_validated"] * 4)
        self.assertEqual(vae.outcome, "none")

    def test_targeting_some_blocks(self):
        """A candidate may present only some blocks: both validated is a partial title."""
        vae = self._vae(session_id=False)
        self.assertEqual(vae.mode, "individual")
        vae.action_admissible()
        vae.action_submit_file()
        vae.write({"jury_date": vae.file_date, "block_result_ids": [
            (0, 0, {"block_id": block.id}) for block in self.etaie_blocks[:2]]})
        vae.action_schedule_jury()
        self.assertEqual(len(vae.block_result_ids), 2)
        self._results(vae, ["validated", "validated"])
        self.assertEqual(vae.outcome, "partial")

    def test_block_of_another_certification(self):
        """A result for a block that is not in the VAE's certification is refused."""
        vae = self._vae()
        self._to_jury(vae)
        with self.assertRaises(ValidationError):
            self.env["pepites.vae.block.result"].create(
                {"vae_id": vae.id, "block_id": self.eti_blocks[0].id, "result": "validated"})

    def test_duplicate_block_line(self):
        """A block appears once in a VAE."""
        vae = self._vae()
        self._to_jury(vae)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.cr.savepoint():
                self.env["pepites.vae.block.result"].create(
                    {"vae_id": vae.id, "block_id": self.etaie_blocks[0].id})

    def test_result_needs_a_jury_date(self):
        """No block result before the jury is dated."""
        vae = self._vae()
        with self.assertRaises(ValidationError):
            vae.write({"block_result_ids": [(0, 0, {"block_id": self.etaie_blocks[0].id,
                                                    "result": "validated"})]})

    def test_milestones_in_order(self):
        """The jury cannot come before the file, nor the file before admissibility."""
        vae = self._vae()
        with self.assertRaises(ValidationError):
            vae.write({"admissibility_date": "2023-05-01", "file_date": "2023-04-01"})
        with self.assertRaises(ValidationError):
            vae.write({"file_date": "2023-05-01", "jury_date": "2023-04-01"})

    def test_session_of_another_title(self):
        """An ETI VAE cannot join an ETAIE collective session."""
        with self.assertRaises(ValidationError):
            self._vae(certification_id=self.eti.id)

    def test_collective_session_lists_candidates(self):
        """The collective session lists and counts its candidates."""
        first = self._vae()
        second = self._vae(candidate_id=self.employee_b.id, employer_id=self.siae_b.id)
        self.assertEqual(self.vae_session.vae_ids, first | second)
        self.assertEqual(self.vae_session.candidate_count, 2)
        self.assertEqual(self.etaie.vae_session_count,
                         self.env["pepites.vae.session"].search_count(
                             [("certification_id", "=", self.etaie.id)]))

    def test_duplicate_candidate_in_session(self):
        """A candidate is enrolled once in a collective session."""
        self._vae()
        with self.assertRaises(ValidationError):
            with self.cr.savepoint():
                self._vae()

    def test_block_validated_hook_called_once_per_line(self):
        """_on_block_validated runs on the lines that just became validated, once each."""
        vae = self._vae()
        self._to_jury(vae)
        calls = []
        Result = type(self.env["pepites.vae.block.result"])
        original = Result._on_block_validated
        own = "_on_block_validated" in vars(Result)  # see test_completion.spy_module_completed

        def spy(lines):
            calls.append(lines.ids)
            return original(lines)

        Result._on_block_validated = spy
        try:
            first, second = vae.block_result_ids.sorted("sequence")[:2]
            (first | second).write({"result": "partial"})
            self.assertEqual(calls, [])
            (first | second).write({"result": "validated"})
            first.write({"result": "validated", "comment": "confirmé"})
            created = self.env["pepites.vae.block.result"].search(
                [("vae_id", "=", vae.id), ("block_id", "=", self.etaie_blocks[3].id)])
            created.unlink()
            new_line = self.env["pepites.vae.block.result"].create(
                {"vae_id": vae.id, "block_id": self.etaie_blocks[3].id, "result": "validated"})
        finally:
            if own:
                Result._on_block_validated = original
            else:
                del Result._on_block_validated
        self.assertEqual(calls, [sorted((first | second).ids), [new_line.id]])

    def test_default_hook_posts_on_the_vae(self):
        """By default a validated block is noted on the VAE's chatter."""
        vae = self._vae()
        self._to_jury(vae)
        before = len(vae.message_ids)
        vae.block_result_ids[0].result = "validated"
        self.assertEqual(len(vae.message_ids), before + 1)
        self.assertIn(self.etaie_blocks[0].code, vae.message_ids[0].body)
