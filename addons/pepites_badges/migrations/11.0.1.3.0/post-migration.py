"""11.0.1.3.0: badge alignments link the competence blocks (issue 17).

The free-text alignments whose code is a block's (its RNCP block code, or its own code such as
``ETI-CCP1``) are linked to that block, and take its name, RNCP block code and page; the others
(ROME codes, hybrid jobs' frames) stay free text.
"""
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["pepites.badge.alignment"]._link_blocks()
