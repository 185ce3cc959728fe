from odoo import fields, models


class PepitesPartnerRole(models.Model):
    """What an organisation is for the programme (prescriber, OPCO…); one may hold several roles."""

    _name = "pepites.partner.role"
    _description = "Partner role"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "This role code already exists."),
    ]
