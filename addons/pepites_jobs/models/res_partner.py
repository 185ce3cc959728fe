from odoo import _, api, fields, models
from odoo.tools import html_escape

#: the employer fields the feeds send with each offer
FEED_EMPLOYER_FIELDS = frozenset(["name", "siret", "siae_kind"])


class ResPartner(models.Model):
    """A SIAE gains its job offers; a person, their path toward IAE (event attendances,
    orientations, PMSMP immersions, POEI and applications, in time order, on their form)."""

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
    pepites_path_html = fields.Html(compute="_compute_pepites_path_html", string="Path toward IAE",
                                    sanitize=False)

    def _pepites_path(self):
        """The steps of this person's path, oldest first.

        :returns: list of ``(date string, kind label, description, state label)``
        """
        self.ensure_one()
        steps = []

        def label(record, field):
            return dict(record._fields[field]._description_selection(self.env)).get(
                record[field], "")

        domain = [("partner_id", "=", self.id)]
        if self.email:
            domain = ["|", ("email", "=ilike", self.email)] + domain
        registrations = self.env["event.registration"].search(domain)
        for reg in registrations:
            steps.append((reg.event_id.date_begin[:10], _("Event"), reg.event_id.name,
                          label(reg, "state")))
        for orientation in self.orientation_ids:
            steps.append((orientation.date_proposed, _("Orientation"), orientation.name,
                          label(orientation, "state")))
            if orientation.date_interview:
                steps.append((orientation.date_interview, _("Interview"),
                              orientation.siae_id.name or orientation.name, ""))
        for immersion in self.immersion_ids:
            steps.append((immersion.date_start, _("PMSMP immersion"), "%s — %s" % (
                immersion.name, immersion.host_siae_id.name), label(immersion, "state")))
        for poei in self.poei_ids:
            steps.append((poei.date_start, _("POEI"), poei.name, label(poei, "state")))
        domain = [("partner_id", "=", self.id)]
        if self.email:
            domain = ["|", ("email_from", "=ilike", self.email)] + domain
        applicants = self.env["hr.applicant"].with_context(active_test=False).search(domain)
        for applicant in applicants:
            steps.append((applicant.create_date[:10], _("Application"),
                          applicant.job_id.name or applicant.name, applicant.stage_id.name or ""))
        return sorted(steps, key=lambda step: step[0] or "")

    def _compute_pepites_path_html(self):
        for partner in self:
            if not partner.id or not (partner.orientation_ids or partner.immersion_ids
                                      or partner.poei_ids):
                partner.pepites_path_html = False
                continue
            rows = "".join(
                "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>" % tuple(
                    html_escape(value or "") for value in (
                        fields.Date.from_string(date).strftime("%d/%m/%Y") if date else "",
                        kind, text, state))
                for date, kind, text, state in partner._pepites_path())
            partner.pepites_path_html = (
                '<table class="table table-condensed o_pepites_path"><thead><tr><th>%s</th>'
                "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>%s</tbody></table>" % (
                    html_escape(_("Date")), html_escape(_("Step")), html_escape(_("What")),
                    html_escape(_("Status")), rows))
