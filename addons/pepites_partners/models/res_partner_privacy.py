import base64
import collections
import logging
import mimetypes
import os

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .. import personal_data
from ..personal_data import CLEAR, NAME

_logger = logging.getLogger(__name__)

#: the message fields that may quote a person, emptied with them
MESSAGE_BLANK = {"body": CLEAR, "subject": CLEAR, "email_from": CLEAR, "reply_to": CLEAR,
                 "record_name": NAME}
TRACKING_BLANK = {"old_value_char": CLEAR, "new_value_char": CLEAR, "old_value_text": CLEAR,
                  "new_value_text": CLEAR}


class ResPartnerPrivacy(models.Model):
    """The person's side of the personal-data map (issue 15): which models hold data about a
    person (:meth:`_pepites_privacy_models`, extended by each addon through ``super()``), the
    erasure on request, the subject-access export, and what anonymising a contact writes.

    Who may: erasure INAÉ managers only, export INAÉ staff and managers; both check the group
    first, then read and write as superuser where the caller's rights stop (survey answers,
    outgoing e-mails, files), since a partial erasure or export would break the law it serves.
    """

    _name = "res.partner"
    _inherit = ["res.partner", "pepites.privacy.mixin"]

    _privacy_kind = "contact"
    _privacy_person_fields = ("id",)
    _privacy_blank = {
        "name": NAME, "email": CLEAR, "phone": CLEAR, "mobile": CLEAR, "street": CLEAR,
        "street2": CLEAR, "zip": CLEAR, "city": CLEAR, "function": CLEAR, "comment": CLEAR,
        "website": CLEAR, "image": CLEAR, "vat": CLEAR, "ref": CLEAR, "title": CLEAR,
    }
    _privacy_kept = ("department_id", "is_cep_counsellor", "cep_acculturation_state",
                     "sector_ids", "country_id", "create_date")

    # ------------------------------------------------------------------ the map
    @api.model
    def _pepites_privacy_models(self):
        """The models holding data about a person, in export order; each addon adds its own
        through ``super()``."""
        return ["res.partner", "pepites.ambassador"]

    @api.model
    def _pepites_persons_of(self, records):
        """The people ``records`` are about (their person fields, and the contacts whose
        e-mail they hold)."""
        persons = self.browse()
        for field in records._privacy_person_fields:
            persons |= records.mapped(field) if field != "id" else records
        email_field = records._privacy_email_field
        emails = [email for email in records.mapped(email_field) if email] if email_field else []
        if emails:
            persons |= self.with_context(active_test=False).search([("email", "in", emails)])
        return persons

    def _pepites_retire(self):
        """Anonymise the contacts among these people who have no record left in any model of
        the map (the retention cron, once their last record passed its term). Organisations,
        INAÉ accounts and people with a record still kept are left alone, and so are the
        contacts of an organisation (``parent_id``: a SIAE's staff, a trainer, a counsellor are
        part of the directory, which has no term; their records are anonymised all the same,
        and an erasure on request removes the contact).

        :returns: the contacts anonymised
        """
        people = self.filtered(lambda partner: not partner.pepites_anonymised_on
                               and not partner.is_company and not partner.parent_id
                               and not partner.is_cep_counsellor
                               and not partner.user_ids.filtered(lambda user: not user.share))
        if not people:
            return people
        for model in self._pepites_privacy_models():
            if model == "res.partner":
                continue
            Model = self.env[model].sudo().with_context(active_test=False)
            kept = Model.search([("pepites_anonymised_on", "=", False)]
                                + Model._privacy_domain(people))
            people -= self._pepites_persons_of(kept)
        identities = people._pepites_identities()
        people._privacy_anonymise()
        people._pepites_anonymise_around(identities)
        return people

    def _pepites_personal_records(self):
        """``{model: records}`` about these people, one grouped search per model, as
        superuser (called after the group check of the action: a partial map is a partial
        erasure)."""
        result = collections.OrderedDict()
        for model in self._pepites_privacy_models():
            result[model] = self.env[model].sudo()._privacy_search(self)
        return result

    def _pepites_legal_holds(self, records_by_model):
        """``[(record, until date, reason)]``: what the law requires to keep, in any model."""
        holds = []
        for records in records_by_model.values():
            holds.extend(records._privacy_holds())
        return holds

    # ------------------------------------------------------------------ rights
    def _pepites_check_group(self, group, message):
        """:raises AccessError: when the user is not in ``group``."""
        if not self.env.user.has_group(group):
            raise AccessError(message)

    def _pepites_check_erasable(self):
        """:raises UserError: on an organisation or an INAÉ account (not a person in a path)."""
        for partner in self:
            if partner.is_company:
                raise UserError(_("%s is an organisation, not a person: there is nothing to "
                                  "erase on request.") % partner.name)
            if partner.sudo().user_ids.filtered(lambda user: not user.share):
                raise UserError(_("%s has an INAÉ account: archive the account before erasing "
                                  "the person's data.") % partner.name)

    # ------------------------------------------------------------------ erasure
    @api.multi
    def action_pepites_erase_wizard(self):
        """The confirmation wizard listing what will be anonymised (INAÉ managers)."""
        self.ensure_one()
        self._pepites_check_group("pepites_partners.group_pepites_manager", _(
            "Only INAÉ managers may erase a person's data."))
        wizard = self.env["pepites.privacy.erase.wizard"].create({"partner_id": self.id})
        return {"type": "ir.actions.act_window", "res_model": wizard._name,
                "res_id": wizard.id, "view_mode": "form", "target": "new",
                "name": _("Erase the personal data")}

    def _pepites_hold_message(self, holds):
        lines = [_("%s: %s, kept until %s.") % (
            self.env["ir.model"]._get(record._name).name, record.display_name,
            fields.Date.from_string(until).strftime("%d/%m/%Y")
            if isinstance(until, str) else until.strftime("%d/%m/%Y")) + " " + reason
            for record, until, reason in holds]
        return _("Erasure refused: the law requires keeping these records.") + "\n" + \
            "\n".join(lines)

    @api.multi
    def _pepites_erase(self):
        """Anonymise these people across every model of the map, in the caller's transaction.

        Refused as a whole, before any write, when a record is under a legal hold. A person
        already anonymised is skipped (a second request changes nothing).

        :returns: ``{model: number of records anonymised}``, ``"files"``: files removed
        :raises AccessError: for anyone but an INAÉ manager
        :raises UserError: under a legal hold, naming the record and until when
        """
        self._pepites_check_group("pepites_partners.group_pepites_manager", _(
            "Only INAÉ managers may erase a person's data."))
        partners = self.filtered(lambda partner: not partner.pepites_anonymised_on)
        partners._pepites_check_erasable()
        counts = collections.OrderedDict(files=0)
        if not partners:
            return counts
        records_by_model = partners._pepites_personal_records()
        holds = partners._pepites_legal_holds(records_by_model)
        if holds:
            raise UserError(self._pepites_hold_message(holds))
        identities = partners._pepites_identities()
        for model, records in reversed(list(records_by_model.items())):
            todo = records.filtered(lambda record: not record.pepites_anonymised_on)
            counts[model] = len(todo)
            counts["files"] += self._pepites_as_caller(todo)._privacy_anonymise()
        partners._pepites_anonymise_around(identities)
        _logger.info("personal data of partners %s erased by user %s", partners.ids,
                     self.env.uid)
        return counts

    def _pepites_as_caller(self, records):
        """The records as the caller when its rights let it write them (the audit trail names
        who erased), else as superuser (models staff only read, e.g. survey answers)."""
        caller = records.sudo(self.env.uid)
        if caller.check_access_rights("write", raise_exception=False):
            return caller
        return records.sudo()

    def _pepites_identities(self):
        """The names and e-mail addresses of these people, read before they are anonymised
        (to find what quotes them outside their records)."""
        return [value for partner in self for value in (partner.name, partner.email)
                if value and len(value.strip()) > 5]

    def _pepites_anonymise_around(self, identities=None):
        """What surrounds anonymised people: messages they wrote, e-mails queued to them or
        to their address, the live notifications quoting them (``identities``, from
        :meth:`_pepites_identities`), their portal account (archived, login replaced)."""
        self._pepites_blank_messages(self.env["mail.message"].sudo().search(
            [("author_id", "in", self.ids)]), on_their_records=False)
        domain = [("recipient_ids", "in", self.ids)]
        emails = [partner.email for partner in self if partner.email]
        identities = identities or []
        if identities:
            # one search for every quoted identity (not one per name or address)
            self.env["bus.bus"].sudo().search(
                ["|"] * (len(identities) - 1)
                + [("message", "ilike", value) for value in identities]).unlink()
        emails += [value for value in identities if "@" in value]
        for email in emails:
            domain = ["|", ("email_to", "ilike", email)] + domain
        self.env["mail.mail"].sudo().search(domain).unlink()
        # sudo: a portal login is the person's e-mail; only the superuser rewrites accounts
        users_sudo = self.env["res.users"].sudo().with_context(active_test=False).search(
            [("partner_id", "in", self.ids), ("share", "=", True)])
        # the login attempts name the login (a portal login is the person's e-mail)
        self.env["res.authentication.attempt"].sudo().search(
            [("login", "in", users_sudo.mapped("login") + emails)]).unlink()
        for user_sudo in users_sudo:
            user_sudo.write({"login": "anonymise-%d" % user_sudo.id, "active": False})

    @api.model
    def _pepites_blank_messages(self, messages, on_their_records=True):
        """Empty what messages may quote of a person (body, subject, sender, tracked values),
        and drop the outgoing e-mails built from them. ``messages`` comes as superuser; the
        record's name they carry is blanked too when the record is the person's (not for
        what they wrote on someone else's record)."""
        if not messages:
            return
        values = personal_data.blank_values(MESSAGE_BLANK)
        if not on_their_records:
            del values["record_name"]
        messages.write(values)
        messages.mapped("tracking_value_ids").write(personal_data.blank_values(TRACKING_BLANK))
        self.env["mail.mail"].sudo().search([("mail_message_id", "in", messages.ids)]).unlink()

    @api.model
    def _pepites_unlink_files(self, attachments):
        """Unlink ``attachments`` (superuser) and erase their bytes from the filestore now,
        rather than at the next garbage collection (a day later): a file no other attachment
        shares is removed at once, and written back if the transaction rolls back, so a
        refused or failed erasure leaves every file in place."""
        if not attachments:
            return
        attachments_sudo = attachments.sudo()
        stored = {att.store_fname for att in attachments_sudo if att.store_fname}
        attachments_sudo.unlink()
        if not stored:
            return
        self.env.cr.execute("SELECT store_fname FROM ir_attachment WHERE store_fname IN %s",
                            (tuple(stored),))
        stored -= {row[0] for row in self.env.cr.fetchall()}
        Attachment = self.env["ir.attachment"]
        removed = {}
        for fname in stored:
            path = Attachment._full_path(fname)
            try:
                with open(path, "rb") as handle:
                    removed[path] = handle.read()
                os.unlink(path)
            except (IOError, OSError):
                _logger.info("personal file %s already gone", fname)
        if removed:
            self.env.cr.after("rollback", lambda: _restore_files(removed))

    # ------------------------------------------------------------------ export
    @api.multi
    def action_pepites_export(self):
        """Download the subject-access ZIP (INAÉ staff and managers)."""
        self.ensure_one()
        self._pepites_check_group("pepites_partners.group_pepites_user", _(
            "Only INAÉ staff may export a person's data."))
        return {"type": "ir.actions.act_url", "target": "self",
                "url": "/pepites/personal-data/%d/export" % self.id}

    def _pepites_export_documents(self):
        """``(documents, files)`` of the export: the records of each kind and their files."""
        documents, files = collections.OrderedDict(), []
        records_by_model = self._pepites_personal_records()
        messages = self.env["mail.message"]
        for model, records in records_by_model.items():
            if not records:
                continue
            kind = records._privacy_kind
            documents.setdefault(kind, []).extend(records._privacy_export_rows())
            for attachment in records._privacy_attachments():
                files.append((kind, _file_name(attachment),
                              base64.b64decode(attachment.datas or b"")))
            messages |= records._privacy_messages()
        messages |= self.env["mail.message"].sudo().search([("author_id", "in", self.ids)])
        documents["messages"] = [{
            "date": message.date, "model": message.model, "record": message.record_name,
            "subject": message.subject, "body": message.body, "author": message.author_id.name,
            "type": message.message_type} for message in messages.sorted("date")]
        return documents, files, records_by_model

    @api.multi
    def _pepites_export_zip(self):
        """The subject-access export of one person: ZIP bytes (JSON per kind, files, PDF).

        :raises AccessError: for anyone but INAÉ staff and managers
        """
        self.ensure_one()
        self._pepites_check_group("pepites_partners.group_pepites_user", _(
            "Only INAÉ staff may export a person's data."))
        documents, files, records_by_model = self.sudo()._pepites_export_documents()
        sections = [(self.env["ir.model"]._get(model).name,
                     [record.display_name for record in records])
                    for model, records in records_by_model.items() if records]
        pdf = self.env.ref("pepites_partners.report_pepites_personal_data").sudo() \
            .render_qweb_pdf(self.ids, data={
                "sections": sections, "message_count": len(documents["messages"]),
                "file_names": [name for _kind, name, _content in files]})[0]
        return personal_data.build_zip(documents, files, summary_pdf=pdf)


def _file_name(attachment):
    """The name of a file in the export: its own, or for a binary field (a badge image) the
    field, the record and an extension from its type."""
    if attachment.res_field:
        return "%s-%d%s" % (attachment.res_field, attachment.res_id,
                            mimetypes.guess_extension(attachment.mimetype or "") or "")
    return attachment.datas_fname or attachment.name


def _restore_files(removed):
    """Write back files erased in a transaction that rolled back (their rows came back)."""
    for path, content in removed.items():
        try:
            with open(path, "wb") as handle:
                handle.write(content)
        except (IOError, OSError):
            _logger.exception("could not restore the file %s", path)
