"""The open offers of a SIAE on its public page (``/siae/<slug>``, pepites_partners, issue 18):
pepites_jobs adds them through the page's controller hook and template, so that the directory
does not depend on the job board."""
from odoo.http import request

from odoo.addons.pepites_partners.controllers.siae_directory import PepitesSiaeDirectory


class PepitesSiaeDirectoryOffers(PepitesSiaeDirectory):

    def _siae_page_values(self, siae):
        values = super(PepitesSiaeDirectoryOffers, self)._siae_page_values(siae)
        Job = request.env["hr.job"]
        # searched as the visitor (record rules): the offers on the board, as on /jobs
        offers = Job.search(Job._board_domain() + [("siae_id", "=", siae["id"])],
                            order="date_published desc, id desc")
        # trust boundary: their title, town, contract and dates are public on the board
        values["siae_offers"] = offers.sudo()
        return values
