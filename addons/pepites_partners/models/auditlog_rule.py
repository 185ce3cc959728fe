"""PEPITES' audit trail on OCA ``auditlog``: who read and who changed people's records.

The rules themselves are data of the addon that owns each model (``data/auditlog_rule_data.xml``
here for contacts, in pepites_jobs for applications, PMSMP, orientations and POEI). This
extension decides what a *read* is for INAÉ, keeps secrets and files out of the trail, and
writes the entries in grouped inserts (``auditlog.log._pepites_log_bulk``).
"""
import collections
import re
import threading

from odoo import SUPERUSER_ID, api, models

from odoo.addons.auditlog.models.rule import FIELDS_BLACKLIST

#: how deep this thread is in audited reads: the reads made inside a read are the server's
_READING = threading.local()

#: what auditlog's line builders read of an entry (``_prepare_log_line_vals_on_create``), for
#: the entries written in bulk, which are no records yet
AuditlogEntry = collections.namedtuple("AuditlogEntry", "id res_id log_type")

#: fields never copied into the trail: credentials and tokens (their names say so)
SECRET_FIELD = re.compile(r"password|token|secret|private_key")


def refresh_patched_origins(cls):
    """Point the methods auditlog patched on the registry class ``cls`` at the current chain of
    overrides.

    auditlog patches ``create``/``read``/``write``/``unlink`` on the registry class with the
    chain of overrides *as it is then* (``method.origin``). A rule created by module data is
    patched at once; when a later module of the same load extends the model, Odoo reuses the
    registry class with new bases, and the patched method, still first in the MRO, skipped the
    new overrides (pepites_jobs' ``res.partner.write`` never ran) until the server restarted.
    Called after every setup of the models (``base._setup_complete``).
    """
    for name in ("create", "read", "write", "unlink"):
        method = cls.__dict__.get(name)
        if method is not None and getattr(cls, "auditlog_ruled_%s" % name, False) \
                and hasattr(method, "origin"):
            method.origin = getattr(super(cls, cls), name)


class AuditlogRule(models.Model):
    _inherit = "auditlog.rule"

    # ------------------------------------------------------------------------------ reads
    @api.multi
    def _make_read(self):
        """The read wrapper of a rule that logs reads: one entry per record *a person* read
        (:meth:`_pepites_reader`), without the values read.

        OCA's wrapper logs every ``read()`` of every caller — the public website's renders, the
        KPI computation and every ``sudo()`` — and copies each value read into a line per
        field: a second copy of the personal data, one insert per field, on every page view.
        INAÉ must answer "who looked at this person", so this one logs the people (staff,
        managers, SIAE portal users, API users, the administrator at the keyboard), one row per
        record, written by :meth:`_pepites_log_read` in one insert per call. Only the read the
        person asked for: the reads the server makes to answer it (a computed field, a name,
        the prefetch of a field — Odoo 11 fetches a field through ``read()``) run inside it and
        are not logged again. It does not trust the caller's context (``auditlog_disabled``
        comes over RPC as easily as from auditlog): auditlog's own reads run as superuser and
        are skipped for that reason.
        """
        self.ensure_one()

        def read(self, fields=None, load="_classic_read", **kwargs):
            depth = getattr(_READING, "depth", 0)
            _READING.depth = depth + 1
            try:
                result = read.origin(self, fields, load, **kwargs)
            finally:
                _READING.depth = depth
            if not depth:
                self.env["auditlog.rule"]._pepites_log_read(self)
            return result
        return read

    @api.model
    def _pepites_reader(self):
        """The user whose read deserves an entry, or None.

        - a user acting as themselves (staff, manager, portal, API; over the back office, the
          portal or XML-RPC): themselves;
        - the public user (website pages): nobody, the page shows what is public;
        - the superuser: ``sudo()`` code, crons and the server's computations, none of which is
          a person looking — except Odoo 11's administrator, who *is* the superuser: his own
          requests (the thread's user, set by Odoo's HTTP and RPC dispatch) are logged.
        """
        if self.env.uid == SUPERUSER_ID:
            actor = getattr(threading.current_thread(), "uid", None)
            return SUPERUSER_ID if actor == SUPERUSER_ID else None
        if self.env.user._is_public():
            return None
        return self.env.uid

    @api.model
    def _pepites_log_read(self, records):
        """Log that the reader (:meth:`_pepites_reader`) read ``records``, if their model's rule
        logs reads; the model narrows which of them count (``_pepites_audited_read_ids``: for
        contacts, only people in an integration path).

        Also called by the portal pages that show these records (rendered through ``browse``,
        which ``read()`` never sees).
        """
        if not records.ids or not getattr(type(records), "auditlog_ruled_read", False):
            return
        reader = self._pepites_reader()
        if reader is None:
            return
        res_ids = records._pepites_audited_read_ids()
        if res_ids:
            self.env["auditlog.log"]._pepites_log_bulk(records._name, res_ids, "read", reader)

    # ----------------------------------------------------------------- creates, writes, deletes
    @api.model
    def _pepites_hidden_fields(self, model):
        """Fields whose values stay out of the trail: files (a CV, a photo: the trail would hold
        a copy of each version) and credentials (passwords, tokens)."""
        return {name for name, field in model._fields.items()
                if field.type == "binary" or SECRET_FIELD.search(name)}

    @api.model
    def get_auditlog_fields(self, model):
        """Auditlog's fields minus :meth:`_pepites_hidden_fields` (not even read), minus the
        one2many fields (the lists of other records — messages, followers, children — whose
        own trail tells their changes; reading each of them before and after every write cost
        a query apiece), and minus the fields reserved to groups the user is not in:
        auditlog's create wrapper reads the new record *as the user*, so a staff member
        creating a contact failed on ``signup_token`` (reserved to "Access rights")."""
        hidden = self._pepites_hidden_fields(model)
        return [name for name in super(AuditlogRule, self).get_auditlog_fields(model)
                if name not in hidden and model._fields[name].type != "one2many" and not (
                    model._fields[name].groups
                    and not model.user_has_groups(model._fields[name].groups))]

    def create_logs(self, uid, res_model, res_ids, method, old_values=None, new_values=None,
                    additional_log_values=None):
        """Auditlog's entries, minus the records that module data files create or update while
        the registry loads (demo data, reference data: the code's, in git), and minus hidden
        fields (also those of "fast" rules, which log the values as given)."""
        if not self.pool.ready and self.env.context.get("install_mode_data"):
            return
        hidden = self._pepites_hidden_fields(self.env[res_model])
        old_values, new_values = (
            values and {res_id: {name: value for name, value in fields.items()
                                 if name not in hidden}
                        for res_id, fields in values.items()}
            for values in (old_values, new_values))
        return super(AuditlogRule, self).create_logs(
            uid, res_model, res_ids, method, old_values=old_values, new_values=new_values,
            additional_log_values=additional_log_values)

    def _create_log_line_on_create(self, log, fields_list, new_values):
        """A line per field given a value at creation (an empty field says nothing), all of the
        record's lines in one insert."""
        values = new_values[log.res_id]
        fields_list = [name for name in fields_list if values.get(name) not in (False, None, "", [])]
        self._pepites_insert_lines(log, fields_list, self._prepare_log_line_vals_on_create,
                                   new_values)

    def _create_log_line_on_write(self, log, fields_list, old_values, new_values):
        """Auditlog's lines of a write, all of the record's lines in one insert."""
        self._pepites_insert_lines(log, fields_list, self._prepare_log_line_vals_on_write,
                                   old_values, new_values)

    @api.model
    def _pepites_log_created(self, records, vals_list, names=None):
        """The trail of records created together by a bulk path (``res.partner``'s
        ``_pepites_create_bulk``): what auditlog's ``create`` wrapper writes for each record —
        an entry by the current user with, for a ``full`` rule, a line per field the new
        record holds (read as that user: :meth:`get_auditlog_fields`), for a ``fast`` rule the
        values given — in two inserts for all of them.

        :param vals_list: the values each record was created with, in the order of ``records``
        :param names: ``{id: display name}`` of the records when the caller knows them (what
            ``name_get()`` gives in this context), not to compute them again
        """
        model_cls = type(records)
        if not records or not getattr(model_cls, "auditlog_ruled_create", False):
            return
        rule_sudo = self.sudo().search([("model_id.model", "=", records._name),
                                        ("state", "=", "subscribed"), ("log_create", "=", True)],
                                       limit=1)
        if not rule_sudo:
            return
        if rule_sudo.log_type == "full":
            new_values = self._pepites_created_values(records)
        else:
            new_values = dict(zip(records.ids, vals_list))
        log_ids = self.env["auditlog.log"].sudo()._pepites_log_bulk(
            records._name, records.ids, "create", uid=self.env.uid, log_type=rule_sudo.log_type,
            names=names)
        model_sudo = self.env["ir.model"].sudo()._get(records._name)
        hidden = self._pepites_hidden_fields(records)
        fields_data = {name: name not in hidden and name not in FIELDS_BLACKLIST
                       and rule_sudo._get_field(model_sudo, name)
                       for name in set().union(*new_values.values())}
        rows = []
        for res_id, log_id in sorted(log_ids.items()):
            values = new_values[res_id]
            log = AuditlogEntry(log_id, res_id, rule_sudo.log_type)
            for name in sorted(values):
                field = values[name] not in (False, None, "", []) and fields_data[name]
                if field:
                    vals = rule_sudo._prepare_log_line_vals_on_create(log, field, new_values)
                    rows.append((vals["field_id"], log_id, vals["old_value"], vals["new_value"],
                                 vals["old_value_text"], vals["new_value_text"]))
        self.env["auditlog.log"]._pepites_insert_line_rows(rows)

    @api.model
    def _pepites_created_values(self, new_records):
        """``{id: {field: value}}``: what auditlog's ``full`` create wrapper takes of each new
        record (the fields of :meth:`get_auditlog_fields`, in ``read()``'s form: a many2one as
        ``(id, name)``), read in one query from the table for them all; only the fields that
        hold a value (an empty one — NULL, an empty list — writes no line).

        Not ``read()``: for a thousand records it fills the cache with every field of each, then
        converts them one by one, several seconds. New records of a bulk path have no related
        records yet (their one2many and many2many are empty: ``_pepites_create_bulk`` refuses
        values for them) and no values outside their columns."""
        names = self.get_auditlog_fields(new_records)
        columns = [new_records._fields[name] for name in names
                   if new_records._fields[name].column_type and name != "id"]
        self.env.cr.execute('SELECT id, %s FROM "%s" WHERE id = ANY(%%s)' % (
            ", ".join('"%s"' % field.name for field in columns), new_records._table),
            [new_records.ids])
        rows = self.env.cr.fetchall()
        # many2one: (id, display name read as superuser, in the records' language), as
        # Many2one.convert_to_read gives it
        targets = collections.defaultdict(set)
        for row in rows:
            for field, value in zip(columns, row[1:]):
                if field.type == "many2one" and value:
                    targets[field.comodel_name].add(value)
        labels = {model: {record.id: record.display_name
                          for record in new_records.env[model].sudo().browse(ids)}
                  for model, ids in targets.items()}
        empty = new_records.browse()
        result = {}
        for row in rows:
            values = {}
            for field, value in zip(columns, row[1:]):
                if value is None:
                    continue
                if field.type == "many2one":
                    values[field.name] = (value, labels[field.comodel_name][value])
                else:
                    values[field.name] = field.convert_to_read(
                        field.convert_to_cache(value, empty, validate=False), empty)
            result[row[0]] = values
        return result

    def _pepites_insert_lines(self, log, fields_list, prepare, *values):
        """Auditlog's line values (``prepare``: its ``_prepare_log_line_vals_on_*``, which
        names the records of relational fields), inserted together."""
        rows = []
        for name in sorted(fields_list):
            field = name not in FIELDS_BLACKLIST and self._get_field(log.model_id, name)
            if field:
                vals = prepare(log, field, *values)
                rows.append((vals["field_id"], vals["log_id"], vals["old_value"],
                             vals["new_value"], vals["old_value_text"], vals["new_value_text"]))
        self.env["auditlog.log"]._pepites_insert_line_rows(rows)
