from odoo import fields, models


class PepitesBadgeAlignment(models.Model):
    """What a badge class is aligned to: a competence block of a title (ETI, ETAIE), a frame of
    reference of a hybrid job, a ROME code… (Open Badges ``AlignmentObject``)."""

    _name = "pepites.badge.alignment"
    _description = "Badge alignment"
    _order = "badge_class_id, sequence, id"

    badge_class_id = fields.Many2one("pepites.badge.class", string="Badge class", required=True,
                                     ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    target_name = fields.Char(string="Target name", required=True,
                              help="E.g. the name of the competence block.")
    target_url = fields.Char(string="Target URL", required=True,
                             help="Public page describing the target (e.g. the RNCP sheet).")
    target_code = fields.Char(string="Target code", help="E.g. RNCP37274BC01 or a ROME code.")
    target_framework = fields.Char(string="Framework", help="E.g. RNCP, ROME.")
    target_description = fields.Text(string="Target description")

    def _ob_json(self):
        from ..openbadges_engine import jsonld
        return [jsonld.alignment(a.target_name, a.target_url, a.target_code, a.target_framework,
                                 a.target_description) for a in self]
