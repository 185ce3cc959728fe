import logging

from odoo import _, api, fields, models

from .. import personal_data
from .pepites_sql_guard import Range, Unique, sql_constraints

_logger = logging.getLogger(__name__)


class PepitesRetentionRule(models.Model):
    """How long PEPITES keeps one category of personal data (issue 15), set by INAÉ managers.

    The daily cron (:meth:`_cron_apply`) anonymises, category by category, the records whose
    term ended; which records a category covers and from which date its term counts is each
    model's ``_privacy_expired_domain`` (the personal-data map). The defaults are the terms
    stated on the forms and in the privacy policy: change both together.
    """

    _name = "pepites.retention.rule"
    _inherit = ["pepites.sql.guard"]
    _description = "Retention rule"
    _order = "sequence, id"

    code = fields.Char(required=True, readonly=True,
                       help="Category code, used by the models of the personal-data map.")
    name = fields.Char(string="Category", required=True)
    months = fields.Integer(string="Term (months)", required=True)
    basis = fields.Text(string="Counted from", required=True,
                        help="The date the term counts from, in French, as on the notices.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True,
                            help="An archived rule is not applied: its records are kept.")

    # a term under a month would anonymise at once what was just collected
    _sql_guard = [
        Unique("code_uniq", "code", message="A retention category exists once."),
        Range("months_positive", "months", 1,
              message="A retention term is at least one month."),
    ]
    _sql_constraints = sql_constraints(_sql_guard)

    @api.model
    def _months(self, code):
        """The term of category ``code`` (the default when its rule is missing or archived: a
        legal hold cannot be lifted by archiving a rule)."""
        rule = self.sudo().with_context(active_test=False).search([("code", "=", code)], limit=1)
        if rule:
            return rule.months
        return dict((row[0], row[2]) for row in personal_data.DEFAULT_RULES).get(code, 0)

    @api.model
    def _cron_apply(self):
        """Anonymise what passed its term, category by category, and log the run.

        Runs as superuser (the cron's user): the retention applies to every record, whoever
        may read it. One grouped search per category and model; a category that fails is
        rolled back alone and its error logged in the run.
        """
        run_sudo = self.env["pepites.retention.run"].sudo().create({})
        today = self.env["pepites.privacy.mixin"]._privacy_today()
        touched = self.env["res.partner"].sudo()
        lines, errors = [], []
        for rule in self.sudo().search([]):
            cutoff = fields.Date.to_string(personal_data.cutoff(today, rule.months))
            try:
                with self.env.cr.savepoint():
                    count, files, persons = rule._apply(cutoff)
            except Exception as error:  # the run goes on; the error is logged with the run
                _logger.exception("retention rule %s failed", rule.code)
                self.env.clear()
                errors.append("%s: %s" % (rule.code, error))
                continue
            touched |= persons
            lines.append((0, 0, {"code": rule.code, "name": rule.name, "cutoff": cutoff,
                                 "record_count": count, "file_count": files}))
        contacts = touched._pepites_retire()
        lines.append((0, 0, {"code": "contacts", "name": _("Contacts with nothing left"),
                             "record_count": len(contacts), "file_count": 0}))
        run_sudo.write({"line_ids": lines, "errors": "\n".join(errors) or False,
                        "state": "error" if errors else "done"})
        return run_sudo

    def _apply(self, cutoff):
        """Anonymise the records of this category whose term ended on or before ``cutoff``.

        :returns: ``(records anonymised, files removed, people concerned)``
        """
        self.ensure_one()
        count = files = 0
        persons = self.env["res.partner"].sudo()
        Partner = self.env["res.partner"]
        for model in Partner._pepites_privacy_models():
            Model = self.env[model].sudo().with_context(active_test=False)
            domain = Model._privacy_expired_domain(self.code, cutoff)
            if domain is None:
                continue
            files_only = self.code in Model._privacy_files_only
            if not files_only:
                domain = [("pepites_anonymised_on", "=", False)] + domain
            records = Model.search(domain)
            held = {record for record, _until, _reason in records._privacy_holds()}
            records = records.filtered(lambda record: record not in held)
            if files_only:
                files += records._privacy_remove_files()
                continue
            persons |= Partner.sudo()._pepites_persons_of(records)
            files += records._privacy_anonymise()
            count += len(records)
        return count, files, persons
