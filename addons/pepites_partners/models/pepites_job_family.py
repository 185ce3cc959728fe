import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

#: a ROME code is one letter and four digits (K1203 = encadrement technique en insertion)
ROME_CODE = re.compile(r"^[A-N][0-9]{4}$")


def check_rome_codes(records, message):
    """The ROME code rule (``ROME_CODE``: one letter A–N, four digits) on the ``rome_code`` of
    job families, offers and PMSMP conventions; each model keeps its own sentence, translated by
    the caller (``_()`` needs the model's frame).

    :param str message: formatted with the refused code
    :raises ValidationError: for the first record whose ROME code breaks the rule
    """
    for record in records:
        if record.rome_code and not ROME_CODE.match(record.rome_code):
            raise ValidationError(message % record.rome_code)


class PepitesJobFamily(models.Model):
    """A family of IAE permanent-staff jobs (ETI, CIP/ASP, direction…), configurable by INAÉ.

    It lives in the directory addon because ambassadors, offers, orientations and trainings all
    refer to it.
    """

    _name = "pepites.job.family"
    _description = "Job family"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    rome_code = fields.Char(string="ROME code", size=5)
    is_hybrid = fields.Boolean(string="Hybrid job",
                               help="New hybrid jobs (agent de mise à disposition en AI, "
                                    "assistant technique d'insertion).")
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "This job family code already exists."),
    ]

    @api.constrains("rome_code")
    def _check_rome_code(self):
        """:raises ValidationError: when the ROME code is not a letter and four digits."""
        check_rome_codes(self, _("The ROME code \"%s\" is invalid: one letter followed by four "
                                 "digits is expected (e.g. K1203)."))
