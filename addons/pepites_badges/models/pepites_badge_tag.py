from odoo import fields, models


class PepitesBadgeTag(models.Model):
    """A keyword of badge classes (published as Open Badges ``tags``)."""

    _name = "pepites.badge.tag"
    _description = "Badge tag"
    _order = "name"

    name = fields.Char(required=True)
    color = fields.Integer(string="Color index")

    _sql_constraints = [
        ("name_uniq", "UNIQUE(name)", "This badge tag already exists."),
    ]
