from odoo import api, models
from odoo.tools.misc import format_date

#: what the portal shows of each kind of training record (no free-text notes)
PORTAL_FIELDS = {
    "pepites.training.registration": ["partner_id", "session_id", "module_id", "date_start",
                                      "date_end", "present_days", "attended_hours", "state"],
    "pepites.alternance": ["name", "apprentice_id", "certification_id", "training_centre_id",
                           "contract_type", "date_start", "date_end", "state"],
    "pepites.vae": ["name", "candidate_id", "certification_id", "session_id", "jury_date",
                    "validated_block_count", "outcome", "state"],
    "pepites.afest": ["name", "learner_id", "trainer_id", "block_id", "date_start", "date_end",
                      "result", "state"],
    "pepites.module.completion": ["module_id", "slide_done_count", "slide_total", "quiz_passed",
                                  "state", "date_completed"],
}


class PepitesTrainingPortal(models.AbstractModel):
    """What the portal page ``/my/trainings`` shows to the current user.

    Everything is read as the user: record rules decide (a SIAE sees its own employees'
    records; a learner their own eLearning progress). Models the user may not read at all are
    left out rather than raising.
    """

    _name = "pepites.training.portal"
    _description = "Training records on the portal"

    @api.model
    def get_overview(self):
        """:return: ``{model name: list of dicts as read()}`` for the models the user may read,
        ``"count"``, the number of records shown, and ``"labels"``, the labels of their
        selection values: ``{model: {field: {value: label}}}``. Dates come formatted in the
        user's language."""
        overview = {"count": 0, "labels": {}}
        for model, field_names in PORTAL_FIELDS.items():
            records = self.env[model]
            if not records.check_access_rights("read", raise_exception=False):
                overview[model] = []
                continue
            rows = records.search(self._portal_domain(model)).read(field_names)
            date_fields = [name for name in field_names
                           if records._fields[name].type in ("date", "datetime")]
            for row in rows:
                for name in date_fields:
                    row[name] = format_date(self.env, row[name]) if row[name] else ""
            overview[model] = rows
            overview["labels"][model] = {
                name: dict(records._fields[name]._description_selection(self.env))
                for name in field_names if records._fields[name].type == "selection"}
            overview["count"] += len(rows)
        return overview

    @api.model
    def _portal_domain(self, model):
        """The portal shows one's own progress and one's own SIAE's employees, also to INAÉ
        staff (who read everything in the back office); record rules enforce it for SIAE."""
        if model == "pepites.module.completion":
            return [("partner_id", "=", self.env.user.partner_id.id)]
        return [("employer_id", "=", self.env.user.commercial_partner_id.id)]

    @api.model
    def get_count(self):
        """Number of training records the portal home shows for the current user."""
        count = 0
        for model in PORTAL_FIELDS:
            records = self.env[model]
            if records.check_access_rights("read", raise_exception=False):
                count += records.search_count(self._portal_domain(model))
        return count
