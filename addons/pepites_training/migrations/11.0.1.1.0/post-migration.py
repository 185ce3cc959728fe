"""11.0.1.1.0: the alternance contracts carry the data of the FA13 and EJ20 forms (issue 17).

No field was renamed; the new ones are filled, where empty, from what the contracts already
named: the first two tutors, the title and its RNCP code, the SIRET of the employer and of the
training centre, the session's dates as the training's.
"""
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["pepites.alternance"].with_context(active_test=False).search([])._fill_form_defaults()
