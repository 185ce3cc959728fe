from odoo import api, fields, models

#: the employer fields the feeds send with each offer
FEED_EMPLOYER_FIELDS = frozenset(["name", "siret", "siae_kind"])


class ResPartner(models.Model):
    """A SIAE gains its job offers; a person, their orientations, PMSMP immersions and POEI
    (their path in time order, across the addons: ``pepites.path.line``)."""

    _inherit = "res.partner"

    job_offer_ids = fields.One2many("hr.job", "siae_id", string="Job offers")
    job_offer_count = fields.Integer(compute="_compute_job_offer_count", string="Offers")

    def _compute_job_offer_count(self):
        """One grouped query for the whole recordset."""
        counts = self.env["hr.job"]._pepites_count_by("siae_id", self.ids)
        for partner in self:
            partner.job_offer_count = counts.get(partner.id, 0)

    @api.multi
    def write(self, vals):
        result = super(ResPartner, self).write(vals)
        if FEED_EMPLOYER_FIELDS.intersection(vals):
            siae = self.filtered("is_siae")
            if siae:
                # the employer shown in the feeds changed: partners must fetch these offers
                # again (a bookkeeping column of hr.job, not a change of the offers themselves)
                self.env.cr.execute(
                    "UPDATE hr_job SET feed_date = %s WHERE siae_id IN %s "
                    "AND pepites_state = 'published'",
                    (fields.Datetime.now(), tuple(siae.ids)))
                self.env["hr.job"].invalidate_cache(["feed_date"])
        return result

    @api.model
    def _pepites_di_services(self, siae_ids):
        """A SIAE that hosted a PMSMP immersion in the last two years (not cancelled) offers
        immersions: one query on the immersions' indexed host column, organisations only."""
        services = super(ResPartner, self)._pepites_di_services(siae_ids)
        self.env.cr.execute(
            "SELECT DISTINCT host_siae_id FROM pepites_immersion WHERE host_siae_id = ANY(%s) "
            "AND state != 'cancelled' AND create_date >= now() - interval '2 years'",
            (list(siae_ids),))
        for (siae_id,) in self.env.cr.fetchall():
            services.setdefault(siae_id, []).append("immersion")
        return services

    @api.model
    def _pepites_path_links(self):
        """Applicants, people oriented, in PMSMP and in POEI are people in an integration path
        (their contact's reads go to the audit trail)."""
        return super(ResPartner, self)._pepites_path_links() + [
            ("hr_applicant", "partner_id"), ("pepites_orientation", "person_id"),
            ("pepites_immersion", "beneficiary_id"), ("pepites_poei", "candidate_id")]
    def _pepites_privacy_models(self):
        """Applications, event registrations and the path toward IAE (issue 15)."""
        return super(ResPartner, self)._pepites_privacy_models() + [
            "hr.applicant", "event.registration", "pepites.orientation", "pepites.immersion",
            "pepites.poei"]

    def action_view_job_offers(self):
        self.ensure_one()
        action = self.env.ref("pepites_jobs.hr_job_pepites_action").read()[0]
        action["domain"] = [("siae_id", "=", self.id)]
        action["context"] = {"default_siae_id": self.id}
        return action

    # ------------------------------------------------- a person's path toward IAE
    orientation_ids = fields.One2many("pepites.orientation", "person_id", string="Orientations")
    immersion_ids = fields.One2many("pepites.immersion", "beneficiary_id", string="Immersions")
    poei_ids = fields.One2many("pepites.poei", "candidate_id", string="POEI")
