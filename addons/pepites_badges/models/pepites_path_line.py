from odoo import api, fields, models


class PepitesPathLine(models.Model):
    """The badges a person received, on their path (revoked or expired ones say so)."""

    _inherit = "pepites.path.line"

    kind = fields.Selection(selection_add=[("badge", "Open Badge received")])

    @api.model
    def _path_sources(self):
        return super(PepitesPathLine, self)._path_sources() + [
            {"code": 40, "kind": "badge", "model": "pepites.badge.assertion", "query": (
                "SELECT a.id, a.id, a.recipient_partner_id, "
                "(a.issued_on AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/Paris')::date, c.name, "
                "CASE WHEN a.revoked THEN 'revoked' "
                "WHEN a.expires_on < (now() AT TIME ZONE 'UTC') THEN 'expired' "
                "ELSE 'valid' END FROM pepites_badge_assertion a "
                "JOIN pepites_badge_class c ON c.id = a.badge_class_id")},
        ]
