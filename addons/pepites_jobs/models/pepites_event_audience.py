from odoo import fields, models


class PepitesEventAudience(models.Model):
    """Who a discovery event is meant for (people in career change, CEP counsellors…)."""

    _name = "pepites.event.audience"
    _description = "Event target audience"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_uniq", "unique(name)", "An audience with this name already exists."),
    ]
