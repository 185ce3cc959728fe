from odoo import fields, models


class ResCompany(models.Model):
    """Who signs the attestations INAÉ issues (PMSMP, training): named once on the company,
    printed in the signature block of every attestation
    (``pepites_partners.report_signature_block``)."""

    _inherit = "res.company"

    pepites_signatory_name = fields.Char(
        string="Signatory of the attestations",
        help="The person who signs the attestations (PMSMP, training). Empty: the company's "
             "name is printed.")
    pepites_signatory_function = fields.Char(
        string="Signatory's function", default="Direction",
        help="Printed under the signatory's name, e.g. Directrice.")
