from odoo import _, fields, models


class PepitesDepartment(models.Model):
    """A département of Nouvelle-Aquitaine: the territorial key of every indicator."""

    _name = "pepites.department"
    _inherit = ["pepites.coded.mixin"]
    _description = "Département"
    _order = "code"
    _code_separator = " - "

    code = fields.Char(required=True, size=3, help="INSEE code of the département, e.g. 33.")
    name = fields.Char(required=True, translate=False)
    region = fields.Char(default="Nouvelle-Aquitaine", required=True)
    active = fields.Boolean(default=True)
    siae_count = fields.Integer(compute="_compute_counts", string="SIAE")
    ambassador_count = fields.Integer(compute="_compute_counts", string="Active ambassadors")

    _sql_constraints = [
        ("code_unique", "unique(code)", "This département code already exists."),
    ]

    def _compute_counts(self):
        """One grouped query per count for the whole recordset."""
        siae_map = self.env["res.partner"]._pepites_count_by(
            "department_id", self.ids, [("is_siae", "=", True)])
        amb_map = self.env["pepites.ambassador"]._pepites_count_by("department_id", self.ids)
        for department in self:
            department.siae_count = siae_map.get(department.id, 0)
            department.ambassador_count = amb_map.get(department.id, 0)

    def action_view_siae(self):
        self.ensure_one()
        action = self.env.ref("pepites_partners.res_partner_siae_action").read()[0]
        action["domain"] = [("is_siae", "=", True), ("department_id", "=", self.id)]
        action["context"] = {"default_department_id": self.id, "default_is_siae": True,
                             "default_is_company": True}
        action["name"] = _("SIAE — %s") % self.name
        return action
