from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.pepites_partners.personal_data import CLEAR

from .pepites_afest import AFEST_PHASES


class PepitesAfestPhase(models.Model):
    """One of the four phases of an AFEST, with its dates and the evidence gathered."""

    _name = "pepites.afest.phase"
    _inherit = ["pepites.privacy.mixin"]
    _description = "AFEST phase"
    _order = "afest_id, sequence, id"

    # personal-data map (issue 15), category "training": with its AFEST; its evidence files go with it
    _privacy_kind = "afest_phases"
    _privacy_person_fields = ("learner_id",)
    _privacy_blank = {"description": CLEAR}
    _privacy_kept = ("afest_id", "phase", "date_start", "date_end", "employer_id")
    _privacy_retention = {"training": ("afest_id.date_end", "afest_id.write_date")}


    def _privacy_attachments(self):
        """The evidence files too (linked through ``attachment_ids``, whatever their
        ``res_model``)."""
        return super(PepitesAfestPhase, self)._privacy_attachments() | \
            self.sudo().mapped("attachment_ids")

    afest_id = fields.Many2one("pepites.afest", string="AFEST", required=True, ondelete="cascade",
                               index=True)
    phase = fields.Selection(AFEST_PHASES, required=True)
    sequence = fields.Integer(default=10)
    date_start = fields.Date(string="Start")
    date_end = fields.Date(string="End")
    description = fields.Text(help="What was done: situations, reflexive exchanges, criteria…")
    attachment_ids = fields.Many2many(
        "ir.attachment", "pepites_afest_phase_attachment_rel", "phase_id", "attachment_id",
        string="Evidence")
    employer_id = fields.Many2one(related="afest_id.employer_id", store=True, readonly=True,
                                  string="SIAE")
    learner_id = fields.Many2one(related="afest_id.learner_id", store=True, readonly=True,
                                 string="Learner")

    _sql_constraints = [
        ("phase_unique", "unique(afest_id, phase)", "Each phase appears once in an AFEST."),
        ("dates_order", "CHECK(date_start IS NULL OR date_end IS NULL OR date_end >= date_start)",
         "A phase cannot end before it starts."),
    ]

    @api.constrains("date_start", "date_end", "afest_id")
    def _check_dates(self):
        """:raises ValidationError: when a phase ends before it starts or lies outside the AFEST's
        dates."""
        labels = dict(self._fields["phase"]._description_selection(self.env))
        for phase in self:
            afest = phase.afest_id
            if phase.date_start and phase.date_end and phase.date_end < phase.date_start:
                raise ValidationError(_("The phase \"%s\" of %s ends before it starts.")
                                      % (labels[phase.phase], afest.name))
            for date in (phase.date_start, phase.date_end):
                if date and ((afest.date_start and date < afest.date_start)
                             or (afest.date_end and date > afest.date_end)):
                    raise ValidationError(
                        _("The phase \"%s\" of %s must lie within the AFEST (%s – %s).")
                        % (labels[phase.phase], afest.name, afest.date_start,
                           afest.date_end or "…"))
