import datetime

from odoo import api, fields, models

from .. import personal_data


class PepitesPrivacyMixin(models.AbstractModel):
    """The personal-data contract of a model that holds data about a person (issue 15).

    A model joins the personal-data map by inheriting this mixin, setting the ``_privacy_*``
    attributes below, and being listed by ``res.partner._pepites_privacy_models`` (each addon
    extends that list through ``super()``). The erasure on request, the subject-access export
    and the retention cron all go through these methods: one routine per model, whoever calls.

    - ``_privacy_kind``: the export's kind of record (file ``<kind>.json`` in the ZIP)
    - ``_privacy_person_fields``: the many2one fields to ``res.partner`` naming the person
    - ``_privacy_email_field``: a field holding the person's e-mail on records without a
      partner (applications, event registrations)
    - ``_privacy_blank``: ``{field: personal_data.NAME or CLEAR}``, what anonymising writes
    - ``_privacy_kept``: the facts kept for the indicators (documentation, shown to managers)
    - ``_privacy_retention``: ``{rule code: date fields}``, the retention rules this model
      answers to and the date their term counts from (the first field set, see
      :func:`personal_data.expired_domain`); a rule that needs more overrides
      :meth:`_privacy_expired_domain`. ``_privacy_files_only``: the rules that remove the
      files only (a CV at 2 years while the rest of the record stays)
    """

    _name = "pepites.privacy.mixin"
    _description = "Personal data of a person (mixin)"

    _privacy_kind = None
    _privacy_person_fields = ()
    _privacy_email_field = None
    _privacy_blank = {}
    _privacy_kept = ()
    _privacy_retention = {}
    _privacy_files_only = ()

    pepites_anonymised_on = fields.Datetime(
        string="Anonymised on", readonly=True, copy=False, index=True,
        help="Set when the personal data of the record was anonymised (erasure on request or "
             "end of its retention term); the retention cron skips it from then on.")

    @api.model
    def _privacy_domain(self, partners):
        """The records about ``partners``: one domain, hence one grouped search per model."""
        leaves = [[(field, "in", partners.ids)] for field in self._privacy_person_fields]
        emails = [email.strip() for email in partners.mapped("email") if email and email.strip()]
        if self._privacy_email_field and emails:
            leaves.append([(self._privacy_email_field, "in", emails)])
        if not leaves:
            return [("id", "=", 0)]
        return ["|"] * (len(leaves) - 1) + [leaf for group in leaves for leaf in group]

    @api.model
    def _privacy_search(self, partners):
        """The records about ``partners`` (archived ones too), with the caller's rights."""
        return self.with_context(active_test=False).search(self._privacy_domain(partners))

    def _privacy_holds(self):
        """The legal holds among these records: ``[(record, until date, reason)]``; a model
        that the law requires to keep overrides it (a signed PMSMP convention, a POEI)."""
        return []

    @api.model
    def _privacy_expired_domain(self, code, cutoff):
        """The domain of the records whose retention term of rule ``code`` ended on or before
        ``cutoff`` (a date string), or None when the rule is not about this model."""
        date_fields = self._privacy_retention.get(code)
        return personal_data.expired_domain(date_fields, cutoff) if date_fields else None

    def _privacy_attachments(self):
        """Every file attached to these records, binary fields stored as attachments included
        (Odoo hides those from a search without ``res_field``): one search."""
        if not self:
            return self.env["ir.attachment"]
        return self.env["ir.attachment"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "in", self.ids),
            "|", ("res_field", "=", False), ("res_field", "!=", False)])

    def _privacy_messages(self):
        """The messages posted on these records (notes, e-mails, tracking)."""
        if not self or "message_ids" not in self._fields:
            return self.env["mail.message"]
        return self.env["mail.message"].sudo().search([
            ("model", "=", self._name), ("res_id", "in", self.ids)])

    def _privacy_anonymise_values(self):
        values = personal_data.blank_values(self._privacy_blank)
        values["pepites_anonymised_on"] = fields.Datetime.now()
        return values

    def _privacy_anonymise(self):
        """Anonymise these records in one batched write (the audit trail sees it), remove
        their files and blank their messages.

        :returns: the number of files removed
        """
        records = self.filtered(lambda record: not record.pepites_anonymised_on)
        if not records:
            return 0
        records.with_context(tracking_disable=True, mail_notrack=True).write(
            records._privacy_anonymise_values())
        # the audit trail keeps who read and changed these records and when, not the values
        # it copied (the anonymising write's old values are the person's name and address)
        self.env["auditlog.log"].sudo()._pepites_forget(records._name, records.ids)
        self.env["res.partner"]._pepites_blank_messages(records._privacy_messages())
        # the staff's to-dos about the person (their summary and the record's name they keep)
        self.env["mail.activity"].sudo().search([
            ("res_model", "=", records._name), ("res_id", "in", records.ids)]).unlink()
        return records._privacy_remove_files()

    def _privacy_remove_files(self):
        """Unlink the files attached to these records and erase their bytes from the filestore.

        :returns: the number of files removed
        """
        attachments = self._privacy_attachments()
        count = len(attachments)
        self.env["res.partner"]._pepites_unlink_files(attachments)
        return count

    def _privacy_export_rows(self):
        """The records as dicts for the export: every stored field but files and technical
        ones, many2one as their display name."""
        skip = {"create_uid", "write_uid", "__last_update", "message_last_post"}
        # secrets are not the person's data (a sign-up or survey token opens an account)
        names = [name for name, field in self._fields.items()
                 if field.store and name not in skip and field.type not in (
                     "binary", "one2many", "many2many")
                 and not name.startswith(("message_", "signup_", "password"))
                 and "token" not in name]
        rows = []
        for values in self.sudo().with_context(active_test=False).read(names):
            rows.append({name: (value[1] if isinstance(value, tuple) else value)
                         for name, value in values.items()})
        return rows

    @api.model
    def _privacy_today(self):
        return fields.Date.from_string(fields.Date.context_today(self)) or datetime.date.today()
