from odoo import api, fields, models

#: a person's registrations to training sessions (completed by the sessions they are on)
REGISTRATIONS = (
    "SELECT r.id, r.id, r.partner_id, s.date_start, s.name, r.state "
    "FROM pepites_training_registration r "
    "JOIN pepites_training_session s ON s.id = r.session_id ")


class PepitesPathLine(models.Model):
    """The training side of a person's path: training and Campus sessions, alternance
    contracts, VAE and its validated blocks, AFEST actions and eLearning modules completed."""

    _inherit = "pepites.path.line"

    kind = fields.Selection(selection_add=[
        ("training", "Training session"), ("campus", "Campus de l'Insertion session"),
        ("alternance", "Alternance contract"), ("vae", "VAE"),
        ("vae_block", "VAE block validated"), ("afest", "AFEST"),
        ("elearning", "eLearning module completed")])

    @api.model
    def _path_sources(self):
        return super(PepitesPathLine, self)._path_sources() + [
            {"code": 20, "kind": "training", "model": "pepites.training.registration",
             "query": REGISTRATIONS + "WHERE s.path_id IS NULL"},
            # a session of a Campus path (new ETI, train-the-trainers, experimental session)
            {"code": 21, "kind": "campus", "model": "pepites.training.registration",
             "query": REGISTRATIONS + "WHERE s.path_id IS NOT NULL"},
            {"code": 22, "kind": "alternance", "model": "pepites.alternance", "query": (
                "SELECT a.id, a.id, a.apprentice_id, "
                "COALESCE(a.date_start, a.conclusion_date, a.create_date::date), "
                "a.name || COALESCE(' — ' || c.name, '') || COALESCE(' — ' || e.name, ''), "
                "a.state FROM pepites_alternance a "
                "LEFT JOIN pepites_certification c ON c.id = a.certification_id "
                "LEFT JOIN res_partner e ON e.id = a.employer_id")},
            {"code": 23, "kind": "vae", "model": "pepites.vae", "query": (
                "SELECT v.id, v.id, v.candidate_id, "
                "COALESCE(v.admissibility_date, v.file_date, v.jury_date, v.create_date::date), "
                "v.name || COALESCE(' — ' || c.name, ''), v.state FROM pepites_vae v "
                "LEFT JOIN pepites_certification c ON c.id = v.certification_id")},
            # the line opens the VAE (the blocks are its lines); its key is the block result
            {"code": 24, "kind": "vae_block", "model": "pepites.vae",
             "state_model": "pepites.vae.block.result", "state_field": "result", "query": (
                 "SELECT br.id, v.id, v.candidate_id, COALESCE(br.result_date, v.jury_date), "
                 "b.code || ' — ' || b.name, br.result FROM pepites_vae_block_result br "
                 "JOIN pepites_vae v ON v.id = br.vae_id "
                 "JOIN pepites_competence_block b ON b.id = br.block_id "
                 "WHERE br.result = 'validated'")},
            {"code": 25, "kind": "afest", "model": "pepites.afest", "query": (
                "SELECT a.id, a.id, a.learner_id, COALESCE(a.date_start, a.create_date::date), "
                "a.name || COALESCE(' — ' || b.code, ''), a.state FROM pepites_afest a "
                "LEFT JOIN pepites_competence_block b ON b.id = a.block_id")},
            {"code": 26, "kind": "elearning", "model": "pepites.module.completion", "query": (
                "SELECT mc.id, mc.id, mc.partner_id, "
                "(mc.date_completed AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/Paris')::date, "
                "m.name, mc.state FROM pepites_module_completion mc "
                "JOIN pepites_training_module m ON m.id = mc.module_id "
                "WHERE mc.state = 'completed'")},
        ]
