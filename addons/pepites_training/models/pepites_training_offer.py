from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.addons.http_routing.models.ir_http import slug, unslug
from odoo.addons.pepites_partners.models.pepites_sql_guard import Range, sql_constraints

#: how a training is delivered; shared by the map of offers and the Campus modules
MODALITIES = [
    ("presentiel", "Classroom"),
    ("distanciel", "Distance learning"),
    ("alternance", "Alternance"),
    ("vae", "VAE"),
    ("afest", "AFEST"),
    ("hybride", "Blended"),
    ("vr", "Virtual reality"),
]

HOME_REGION = "Nouvelle-Aquitaine"


class PepitesTrainingOffer(models.Model):
    """A training of the regional map (cartographie) or of another region (parangonnage)."""

    _name = "pepites.training.offer"
    _inherit = ["mail.thread", "website.seo.metadata", "website.published.mixin", "pepites.sql.guard"]
    _description = "Training offer"
    _order = "region, department_id, name"

    name = fields.Char(required=True, track_visibility="onchange")
    provider_id = fields.Many2one(
        "res.partner", string="Provider", domain=[("is_company", "=", True)], index=True,
        ondelete="restrict")
    # organisations are not readable by the public: the catalogue shows this stored copy
    provider_name = fields.Char(related="provider_id.name", store=True, readonly=True,
                                string="Provider name")
    region = fields.Char(required=True, default=HOME_REGION, index=True)
    is_benchmark = fields.Boolean(
        string="Other region", compute="_compute_is_benchmark", store=True,
        help="A case study from another region, kept for the inter-regional benchmark.")
    department_id = fields.Many2one("pepites.department", string="Département", index=True,
                                    ondelete="restrict")
    modality = fields.Selection(MODALITIES, required=True, default="presentiel", index=True)
    duration_hours = fields.Float(string="Duration (hours)", digits=(6, 1))
    duration_days = fields.Float(string="Duration (days)", digits=(6, 1))
    cost = fields.Float(string="Cost per trainee (€)", digits=(10, 2))
    certification_id = fields.Many2one("pepites.certification", string="Certification",
                                       ondelete="set null", index=True)
    rncp_code = fields.Char(string="RNCP code")
    block_ids = fields.Many2many(
        "pepites.competence.block", "pepites_training_offer_block_rel", "offer_id", "block_id",
        string="Blocks covered")
    job_family_ids = fields.Many2many(
        "pepites.job.family", "pepites_training_offer_job_family_rel", "offer_id", "job_family_id",
        string="Target job families")
    description = fields.Text()
    session_ids = fields.One2many("pepites.training.offer.session", "offer_id",
                                  string="Sessions")
    benchmark_notes = fields.Text(
        string="Case study notes",
        help="What the path built in another region teaches us: organisation, funding, results.")

    _sql_guard = [
        Range("durations_positive", "duration_hours", 0,
              message="A duration cannot be negative."),
        Range("durations_positive", "duration_days", 0),
        Range("cost_positive", "cost", 0, message="The cost cannot be negative."),
    ]
    _sql_constraints = sql_constraints(_sql_guard)

    @api.depends("region")
    def _compute_is_benchmark(self):
        for offer in self:
            offer.is_benchmark = (offer.region or "").strip().lower() != HOME_REGION.lower()

    @api.constrains("region", "department_id")
    def _check_department(self):
        """:raises ValidationError: when an offer of another region names a département of
        Nouvelle-Aquitaine."""
        for offer in self:
            if offer.is_benchmark and offer.department_id:
                raise ValidationError(
                    _("The offer \"%s\" is in another region (%s): it cannot have a département "
                      "of Nouvelle-Aquitaine.") % (offer.name, offer.region))

    @api.constrains("block_ids", "certification_id")
    def _check_blocks(self):
        """:raises ValidationError: when a covered block belongs to another certification."""
        for offer in self.filtered("certification_id"):
            stray = offer.block_ids.filtered(
                lambda block: block.certification_id != offer.certification_id)
            if stray:
                raise ValidationError(
                    _("The block %s does not belong to the certification %s.")
                    % (stray[0].display_name, offer.certification_id.display_name))

    @api.onchange("certification_id")
    def _onchange_certification_id(self):
        if self.certification_id.rncp_code:
            self.rncp_code = self.certification_id.rncp_code

    @api.multi
    def _compute_website_url(self):
        super(PepitesTrainingOffer, self)._compute_website_url()
        for offer in self.filtered("id"):
            offer.website_url = "/training/offer/%s" % slug(offer)

    @api.model
    def modality_options(self):
        """The modalities as ``[(key, label)]`` in the user's language (catalogue filters)."""
        return self._fields["modality"]._description_selection(self.env)

    @api.model
    def catalogue_search(self, department=None, modality=None):
        """Published offers of the regional catalogue, filtered as the visitor asked.

        :param department: a ``pepites.department`` id (string or int) or None
        :param modality: a key of MODALITIES or None
        :return: ``(offers, filters)`` where filters holds the valid, normalised values
        """
        domain = [("website_published", "=", True), ("is_benchmark", "=", False)]
        filters = {"department": None, "modality": None}
        if department and str(department).isdigit():
            filters["department"] = int(department)
            domain.append(("department_id", "=", int(department)))
        if modality in dict(MODALITIES):
            filters["modality"] = modality
            domain.append(("modality", "=", modality))
        return self.search(domain), filters

    @api.model
    def find_published(self, offer_slug):
        """The offer a catalogue URL (``name-id`` or ``id``) points to, if the visitor may see
        it (record rules: published offers only for the public and portal users).

        :return: the offer, or an empty recordset
        """
        _name, offer_id = unslug(offer_slug or "")
        if not offer_id:
            return self.browse()
        return self.search([("id", "=", offer_id), ("website_published", "=", True)], limit=1)

    @api.multi
    def _catalogue_details(self):
        """What the catalogue shows under each of these offers, for the whole page at once:
        its upcoming published sessions (one query for all the offers) and a contact — the
        provider's e-mail and phone when the provider is an organisation, INAÉ's otherwise;
        never a person's.

        :returns: ``{offer id: {"sessions": pepites.training.offer.session, "contact":
            {"name", "email", "phone"}}}``
        """
        Session = self.env["pepites.training.offer.session"]
        sessions = Session.search(Session._catalogue_domain(self), order="date_start, id")
        # INAÉ's contact (the website's company) when the provider gives none
        inae = self.env["website"].get_current_website().company_id.partner_id
        details = {}
        for offer, offer_sudo in zip(self, self.sudo()):
            details[offer.id] = {
                "sessions": sessions.filtered(lambda session: session.offer_id == offer),
                "contact": offer_sudo.provider_id._pepites_public_contact(inae),
            }
        return details
