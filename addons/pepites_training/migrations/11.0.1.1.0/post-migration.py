"""11.0.1.1.0: the competence blocks of the two titles get their RNCP block codes (issue 17).

The blocks are reference data loaded once (noupdate): an upgraded database gets the codes of
the blocks it still has, where INAÉ left the code empty. The same codes as
``data/pepites_certification_data.xml`` (France compétences, RNCP39794 and RNCP41402).
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
    for xmlid, code in CODES.items():
        block = env.ref("pepites_training." + xmlid, raise_if_not_found=False)
        if block and not block.rncp_code \
                and not block.search_count([("rncp_code", "=", code)]):
            block.rncp_code = code
