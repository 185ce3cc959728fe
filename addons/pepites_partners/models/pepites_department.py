from odoo import _, api, fields, models


class PepitesDepartment(models.Model):
    """A département of Nouvelle-Aquitaine: the territorial key of every indicator."""

    _name = "pepites.department"
    _description = "Département"
    _order = "code"

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

    def name_get(self):
        return [(dep.id, "%s - %s" % (dep.code, dep.name)) for dep in self]

    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        args = list(args or [])
        if name:
            args = ["|", ("code", "=ilike", name + "%"), ("name", operator, name)] + args
        return self.search(args, limit=limit).name_get()

    def action_view_siae(self):
        self.ensure_one()
        action = self.env.ref("pepites_partners.res_partner_siae_action").read()[0]
        action["domain"] = [("is_siae", "=", True), ("department_id", "=", self.id)]
        action["context"] = {"default_department_id": self.id, "default_is_siae": True,
                             "default_is_company": True}
        action["name"] = _("SIAE — %s") % self.name
        return action
