from odoo import api, fields, models

from odoo.addons.pepites_partners.models.pepites_sql_guard import Ordered, sql_constraints


class PepitesTrainingOfferSession(models.Model):
    """A dated run of a training of the catalogue, as its provider announces it: when, where
    (or at a distance). The public catalogue shows the upcoming published ones under their
    offer; it holds no participant (the provider registers people, not PEPITES)."""

    _name = "pepites.training.offer.session"
    _inherit = ["pepites.sql.guard"]
    _description = "Training offer session"
    _order = "date_start, id"

    offer_id = fields.Many2one("pepites.training.offer", string="Training", required=True,
                               ondelete="cascade", index=True)
    date_start = fields.Date(string="Start", required=True, index=True)
    date_end = fields.Date(string="End", required=True, index=True)
    location = fields.Char(string="Place", help="Town and place of the session.")
    is_remote = fields.Boolean(string="At a distance")
    website_published = fields.Boolean(string="Published", default=True, index=True,
                                       help="Shown in the public catalogue (while upcoming).")

    _sql_guard = [
        Ordered("dates_order", "date_start", "date_end", null_test=False,
                message="The session cannot end before it starts."),
    ]
    _sql_constraints = sql_constraints(_sql_guard)

    @api.model
    def _catalogue_domain(self, offers):
        """The sessions the public catalogue shows for ``offers``: published and not over."""
        return [("offer_id", "in", offers.ids), ("website_published", "=", True),
                ("date_end", ">=", fields.Date.context_today(self))]
