from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PepitesVaeSession(models.Model):
    """A collective, itinerant VAE session: a group of candidates accompanied together in one
    département, so that distance is no obstacle to the title."""

    _name = "pepites.vae.session"
    _inherit = ["mail.thread"]
    _description = "Collective VAE session"
    _order = "date_start desc, name"

    name = fields.Char(required=True, track_visibility="onchange")
    certification_id = fields.Many2one("pepites.certification", string="Certification",
                                       required=True, ondelete="restrict", index=True)
    department_id = fields.Many2one("pepites.department", string="Département", required=True,
                                    index=True, ondelete="restrict")
    location = fields.Char(help="Town and place of the meetings.")
    date_start = fields.Date(string="Start", required=True)
    date_end = fields.Date(string="End", required=True)
    accompanier_ids = fields.Many2many(
        "res.partner", "pepites_vae_session_accompanier_rel", "session_id", "partner_id",
        string="VAE accompaniers",
        groups="pepites_partners.group_pepites_user,pepites_partners.group_pepites_siae")
    vae_ids = fields.One2many(
        "pepites.vae", "session_id", string="Candidates",
        groups="pepites_partners.group_pepites_user,pepites_partners.group_pepites_siae")
    # the size of a session is an indicator partners may read; computed as superuser, no names
    candidate_count = fields.Integer(compute="_compute_candidate_count", compute_sudo=True,
                                     store=True, string="Candidates (count)")
    note = fields.Text()

    _sql_constraints = [
        ("dates_order", "CHECK(date_end >= date_start)",
         "The end of the session cannot be before its start."),
    ]

    @api.depends("vae_ids")
    def _compute_candidate_count(self):
        counts = self.env["pepites.vae"]._pepites_count_by("session_id", self.ids)
        for session in self:
            session.candidate_count = counts.get(session.id, 0)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        """:raises ValidationError: when the session ends before it starts."""
        for session in self:
            if session.date_end < session.date_start:
                raise ValidationError(
                    _("The VAE session \"%s\" ends before it starts.") % session.name)
