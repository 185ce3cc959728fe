from odoo import api, fields, models

CERTIFICATION_KINDS = [
    ("title", "RNCP title"),
    ("cqp", "CQP"),
    ("rs", "Specific directory (RS)"),
    ("frame", "Reference frame (not certifying)"),
]

#: the public page of an RNCP title on the France compétences website (its number follows)
RNCP_PAGE = "https://www.francecompetences.fr/recherche/rncp/%s/"


class PepitesCertification(models.Model):
    """A certification staff can prepare (ETI, ETAIE…) and the competence blocks it is made of."""

    _name = "pepites.certification"
    _inherit = ["mail.thread", "pepites.coded.mixin"]
    _description = "Certification"
    _order = "sequence, name"
    _code_separator = " — "

    name = fields.Char(required=True, track_visibility="onchange")
    code = fields.Char(required=True, help="Short name used everywhere, e.g. ETI or ETAIE.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    kind = fields.Selection(CERTIFICATION_KINDS, required=True, default="title")
    rncp_code = fields.Char(string="RNCP code", help="e.g. RNCP39794")
    rncp_url = fields.Char(string="RNCP page", compute="_compute_rncp_url",
                           help="The page of the title on the France compétences website.")
    level = fields.Selection(
        [("3", "Level 3 (CAP)"), ("4", "Level 4 (bac)"), ("5", "Level 5 (bac+2)"),
         ("6", "Level 6 (bac+3/4)"), ("7", "Level 7 (bac+5)")], string="Level")
    certifier_id = fields.Many2one(
        "res.partner", string="Certifier", domain=[("is_company", "=", True)],
        help="Body that holds the certification (ministry, federation…).")
    training_body_ids = fields.Many2many(
        "res.partner", "pepites_certification_training_body_rel", "certification_id", "partner_id",
        string="Training bodies", domain=[("is_company", "=", True)],
        help="Bodies that prepare candidates in Nouvelle-Aquitaine (AFPA Pau and Châtellerault, "
             "FAS in Talence…).")
    job_family_ids = fields.Many2many(
        "pepites.job.family", "pepites_certification_job_family_rel", "certification_id",
        "job_family_id", string="Job families")
    description = fields.Text()
    block_ids = fields.One2many("pepites.competence.block", "certification_id",
                                string="Competence blocks")
    block_count = fields.Integer(compute="_compute_block_count", string="Number of blocks")
    alternance_session_ids = fields.One2many(
        "pepites.alternance.session", "certification_id", string="Alternance sessions")
    # counts are programme indicators that partners may read (see _compute_counts)
    alternance_session_count = fields.Integer(compute="_compute_counts",
                                              string="Alternance sessions (count)")
    alternance_count = fields.Integer(compute="_compute_counts", string="Alternances")
    vae_session_count = fields.Integer(compute="_compute_counts", string="VAE sessions")
    vae_count = fields.Integer(compute="_compute_counts", string="VAE candidates")
    afest_count = fields.Integer(compute="_compute_counts", string="AFEST actions")

    _sql_constraints = [
        ("code_unique", "unique(code)", "This certification code already exists."),
    ]

    @api.depends("rncp_code")
    def _compute_rncp_url(self):
        for certification in self:
            number = (certification.rncp_code or "").upper().replace("RNCP", "").strip()
            certification.rncp_url = number.isdigit() and RNCP_PAGE % number or False

    @api.depends("block_ids")
    def _compute_block_count(self):
        for certification in self:
            certification.block_count = len(certification.block_ids)

    def _count_by_certification(self, model, domain=None):
        """One grouped query: ``{certification_id: count}`` of ``model`` records.

        Counted as superuser: a number per title is an indicator, it names nobody, and partners
        who may not read the records themselves are entitled to it.
        """
        records_sudo = self.env[model].sudo()
        return records_sudo._pepites_count_by("certification_id", self.ids, domain)

    def _compute_counts(self):
        sessions = self._count_by_certification("pepites.alternance.session")
        alternances = self._count_by_certification("pepites.alternance")
        vae_sessions = self._count_by_certification("pepites.vae.session")
        vaes = self._count_by_certification("pepites.vae")
        afest_sudo = self.env["pepites.afest"].sudo()  # a count, as above
        rows = afest_sudo.read_group(
            [("block_id.certification_id", "in", self.ids)], ["block_id"], ["block_id"])
        blocks_sudo = self.env["pepites.competence.block"].sudo().browse(
            [row["block_id"][0] for row in rows])
        afest_by_block = {row["block_id"][0]: row["block_id_count"] for row in rows}
        afests = {}
        for block in blocks_sudo:
            afests[block.certification_id.id] = afests.get(block.certification_id.id, 0) \
                + afest_by_block[block.id]
        for certification in self:
            certification.alternance_session_count = sessions.get(certification.id, 0)
            certification.alternance_count = alternances.get(certification.id, 0)
            certification.vae_session_count = vae_sessions.get(certification.id, 0)
            certification.vae_count = vaes.get(certification.id, 0)
            certification.afest_count = afests.get(certification.id, 0)

    def _action_related(self, xmlid):
        self.ensure_one()
        action = self.env.ref(xmlid).read()[0]
        action["domain"] = [("certification_id", "=", self.id)]
        action["context"] = {"default_certification_id": self.id}
        return action

    def action_view_alternance_sessions(self):
        return self._action_related("pepites_training.pepites_alternance_session_action")

    def action_view_alternances(self):
        return self._action_related("pepites_training.pepites_alternance_action")

    def action_view_vae_sessions(self):
        return self._action_related("pepites_training.pepites_vae_session_action")

    def action_view_vaes(self):
        return self._action_related("pepites_training.pepites_vae_action")
