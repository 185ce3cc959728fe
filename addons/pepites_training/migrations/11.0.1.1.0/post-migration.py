"""11.0.1.1.0 (issue 17), after the data files loaded:

- the alternance contracts carry the data of the FA13 and EJ20 forms. No field was renamed; the
  new ones are filled, where empty, from what the contracts already named: the first two
  tutors, the title and its RNCP code, the SIRET of the employer and of the training centre, the
  session's dates as the training's;
- the competence blocks of the two titles get their RNCP block codes. The blocks are reference
  data loaded once (noupdate): an upgraded database gets the codes of the blocks it still has,
  where INAÉ left the code empty. The same codes as ``data/pepites_certification_data.xml``
  (France compétences, RNCP39794 and RNCP41402).

(The Campus's ids are renamed before the data loads: ``pre-migration.py``.)
"""
from odoo import SUPERUSER_ID, api

CODES = {
    "block_eti_1": "RNCP39794BC01", "block_eti_2": "RNCP39794BC02",
    "block_eti_3": "RNCP39794BC03", "block_etaie_1": "RNCP41402BC01",
    "block_etaie_2": "RNCP41402BC02", "block_etaie_3": "RNCP41402BC03",
    "block_etaie_4": "RNCP41402BC04",
}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["pepites.alternance"].with_context(active_test=False).search([])._fill_form_defaults()
    for xmlid, code in CODES.items():
        block = env.ref("pepites_training." + xmlid, raise_if_not_found=False)
        if block and not block.rncp_code \
                and not block.search_count([("rncp_code", "=", code)]):
            block.rncp_code = code
