import werkzeug

from odoo import http
from odoo.http import request

from odoo.addons.pepites_partners.controllers.report import portal_report_pdf
from odoo.addons.portal.controllers.portal import CustomerPortal


class PepitesTrainingPortal(CustomerPortal):
    """`/my/trainings`: a SIAE sees the trainings, alternances, VAE and AFEST of its employees;
    a learner their own eLearning progress. Read-only, through record rules."""

    def _prepare_portal_layout_values(self):
        values = super(PepitesTrainingPortal, self)._prepare_portal_layout_values()
        values["pepites_training_count"] = request.env["pepites.training.portal"].get_count()
        return values

    @http.route(["/my/trainings"], type="http", auth="user", website=True)
    def portal_my_trainings(self, **kwargs):
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "my_trainings",
            "overview": request.env["pepites.training.portal"].get_overview(),
        })
        return request.render("pepites_training.portal_my_trainings", values)

    @http.route(["/my/trainings/alternance/<int:alternance_id>/summary.pdf"], type="http",
                auth="user", website=True)
    def portal_alternance_summary(self, alternance_id, **kwargs):
        """A SIAE's copy of the summary of one of its contracts for the OPCO (without the NIR,
        which is INAÉ's alone); another SIAE's contract, or an unknown one, looks non-existent."""
        # as the user: the record rule (the SIAE's own contracts) decides
        Alternance = request.env["pepites.alternance"]
        if not Alternance.check_access_rights("read", raise_exception=False):
            raise werkzeug.exceptions.NotFound()
        alternance = Alternance.search([("id", "=", alternance_id)])
        if not alternance:
            raise werkzeug.exceptions.NotFound()
        # access checked above; the report also reads the centre, the tutors and the country
        return portal_report_pdf("pepites_training.report_alternance_opco_portal", alternance,
                                 "alternance-%s.pdf" % alternance.id)

    @http.route(["/my/trainings/attestation/<int:registration_id>"], type="http", auth="user",
                website=True)
    def portal_attestation(self, registration_id, **kwargs):
        # as the user: the record rules decide whether this enrolment is theirs to see; another
        # person's, or an unknown one, looks non-existent
        registration = request.env["pepites.training.registration"].browse(registration_id)
        if not registration._may_print_attestation():
            raise werkzeug.exceptions.NotFound()
        # access checked above; the report also reads the session's trainers and blocks
        return portal_report_pdf("pepites_training.report_training_attestation", registration,
                                 "attestation-%s.pdf" % registration.id)
