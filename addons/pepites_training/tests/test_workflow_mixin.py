"""The shared layer of pepites_partners as the training records use it: the workflow mixin
(``pepites.workflow.mixin``), the grouped count (``base._pepites_count_by``) and the "person's
SIAE" rule (``res.partner._pepites_siae``)."""
from odoo.exceptions import UserError

from .common import TrainingCase


class TestWorkflowMixin(TrainingCase):
    @classmethod
    def setUpClass(cls):
        super(TestWorkflowMixin, cls).setUpClass()
        cls.vae_session = cls.env["pepites.vae.session"].create({
            "name": "VAE collective ETAIE — Pau", "certification_id": cls.etaie.id,
            "department_id": cls.dep_64.id, "location": "Pau",
            "date_start": "2023-02-01", "date_end": "2023-11-30"})

    def _session(self, name, **values):
        vals = {"name": name, "module_id": self.module_classroom.id,
                "date_start": "2023-05-02", "date_end": "2023-05-04"}
        vals.update(values)
        return self.env["pepites.training.session"].create(vals)

    def _vae(self, **values):
        vals = {"candidate_id": self.employee_a.id, "employer_id": self.siae_a.id,
                "certification_id": self.etaie.id, "session_id": self.vae_session.id}
        vals.update(values)
        return self.env["pepites.vae"].create(vals)

    def test_refused_transition_says_which_and_writes_nothing(self):
        """The guard names the record that cannot move, with its state and the one asked, in
        the model's own words; no record of the batch changes."""
        planned = self._session("Session prévue")
        cancelled = self._session("Session annulée")
        cancelled.action_cancel()
        with self.assertRaises(UserError) as caught:
            (planned | cancelled).with_context(lang="en_US").action_confirm()
        self.assertEqual(caught.exception.name,
                         "The session \"Session annulée\" cannot go from \"Cancelled\" to "
                         "\"Confirmed\".")
        self.assertEqual(planned.state, "draft")
        self.assertEqual(cancelled.state, "cancelled")

    def test_default_refusal_is_translated(self):
        """The mixin's own message (VAE, AFEST, alternance) reaches French users in French,
        with the VAE's reference and its states' labels."""
        vae = self._vae()
        with self.assertRaises(UserError) as caught:
            vae.with_context(lang="fr_FR").action_done()
        self.assertIn("%s ne peut pas passer de « " % vae.name, caught.exception.name)
        self.assertEqual(vae.state, "draft")

    def test_hook_refusal_writes_nothing_on_the_batch(self):
        """A hook that refuses one record (a jury without its date) leaves every record of
        the batch as it was: values are computed for all before the first write."""
        ready = self._vae()
        undated = self._vae(candidate_id=self.employee_a2.id)
        for vae in ready | undated:
            vae.action_admissible(date="2023-02-15")
            vae.action_submit_file(date="2023-06-01")
        ready.jury_date = "2023-10-12"
        with self.assertRaises(UserError) as caught:
            (ready | undated).action_schedule_jury()
        self.assertIn(undated.name, caught.exception.name)
        self.assertEqual((ready | undated).mapped("state"), ["file", "file"])
        self.assertFalse(ready.block_result_ids)

    def test_hook_values_are_written(self):
        """``_<action>_values`` adds its values to the new state: the jury's date and one
        result line per block of the title."""
        vae = self._vae()
        vae.action_admissible(date="2023-02-15")
        self.assertEqual((vae.state, vae.admissibility_date), ("admissible", "2023-02-15"))
        vae.action_submit_file(date="2023-06-01")
        vae.action_schedule_jury(date="2023-10-12")
        self.assertEqual((vae.state, vae.jury_date), ("jury", "2023-10-12"))
        self.assertEqual(vae.block_result_ids.mapped("block_id"), self.etaie.block_ids)

    def test_from_to_hook_is_called(self):
        """A model (or an addon extending it) adds values to one edge of the graph with
        ``_<from>_to_<to>_values``; the other edges are unaffected."""
        model_class = type(self.env["pepites.training.session"])
        model_class._draft_to_confirmed_values = lambda session: {"location": "Confirmé"}
        self.addCleanup(delattr, model_class, "_draft_to_confirmed_values")
        session = self._session("Session à confirmer", location="Angoulême")
        session.action_confirm()
        self.assertEqual((session.state, session.location), ("confirmed", "Confirmé"))
        session.action_cancel()
        self.assertEqual((session.state, session.location), ("cancelled", "Confirmé"))

    def test_count_by(self):
        """One grouped query counts per id, with the extra domain; ids that count none, and
        new records' ids, are left out."""
        sessions = self.vae_session | self.env["pepites.vae.session"].create({
            "name": "VAE collective ETAIE — Dax", "certification_id": self.etaie.id,
            "department_id": self.env.ref("pepites_partners.department_40").id,
            "date_start": "2023-02-01", "date_end": "2023-11-30"})
        first = self._vae()
        self._vae(candidate_id=self.employee_a2.id)
        first.action_not_admissible()
        new_id = self.env["pepites.vae.session"].new({"name": "?"}).id
        Vae = self.env["pepites.vae"]
        self.assertEqual(Vae._pepites_count_by("session_id", sessions.ids + [new_id]),
                         {self.vae_session.id: 2})
        self.assertEqual(Vae._pepites_count_by("session_id", sessions.ids,
                                               [("state", "=", "draft")]),
                         {self.vae_session.id: 1})
        self.assertEqual(self.vae_session.candidate_count, 2)
        self.assertEqual(Vae._pepites_count_by("session_id", []), {})

    def test_person_siae_is_the_employer(self):
        """A person's SIAE is their company when it is a SIAE; the contracts' forms take it
        as the employer unless one is already chosen."""
        self.assertEqual(self.employee_a._pepites_siae(), self.siae_a)
        self.assertEqual(self.siae_a._pepites_siae(), self.siae_a)
        self.assertFalse(self.api_contact._pepites_siae())
        for model, person_field, onchange in (
                ("pepites.alternance", "apprentice_id", "_onchange_apprentice_id"),
                ("pepites.vae", "candidate_id", "_onchange_candidate_id"),
                ("pepites.afest", "learner_id", "_onchange_learner_id")):
            record = self.env[model].new({person_field: self.employee_b.id})
            getattr(record, onchange)()
            self.assertEqual(record.employer_id, self.siae_b, model)
            record = self.env[model].new({person_field: self.employee_b.id,
                                          "employer_id": self.siae_a.id})
            getattr(record, onchange)()
            self.assertEqual(record.employer_id, self.siae_a, model)
            record = self.env[model].new({person_field: self.api_contact.id})
            getattr(record, onchange)()
            self.assertFalse(record.employer_id, model)
