"""A bulk ``res.partner`` create for the SIAE import (issue 18): 2,000 SIAE in seconds, not
minutes.

``res.partner.create`` costs about 100 ms a record on an idle machine (cProfile on 50 SIAE, see
bench/RESULTS.md): the stored computed fields recomputed and written one record at a time, each
reading the record back (35 %); the default image resized and stored as three
``ir.attachment`` (22 %); auditlog's ``full`` create reading every field back and writing its
entry (21 %); the constraints (8 %); some 60 queries a record. :meth:`_pepites_create_bulk`
does the same work for a batch: one ``INSERT`` of the rows (ids taken from the table's sequence
first); then, by chunks of :data:`ORM_CHUNK` records, the ORM's own work on the new records
together — ``modified`` on every field, the inserted columns put in cache as a read would
(so that nothing is read back field by field), the Python constraints (``_validate_fields``),
the stored computed fields computed by their own methods and written in one ``UPDATE``, the
record rules of ``create``; and each record's audit-trail entry, with the values auditlog
would have logged, in two inserts (``auditlog.rule._pepites_log_created``).

What it leaves out, on purpose: the default image (a generated copy of Odoo's company
picture; the back office shows that same picture for an organisation without an image, as in
every test database, where Odoo never generates it). What it refuses (the caller then creates
row by row): a model whose ``create`` chain holds an override it does not know
(:data:`KNOWN_CREATES`: a new addon's ``create`` must be read before the bulk path may skip
it), and the values it does not reproduce (a parent, an image, a field with an inverse, a
non-empty list of related records, a translated field, chatter tracking on).
"""
import collections

from odoo import api, models
from odoo.models import MAGIC_COLUMNS

#: the ``create``/``_create`` overrides of res.partner whose work the bulk path reproduces
#: (module of the class); the registry's own class holds auditlog's wrapper
KNOWN_CREATES = frozenset([
    "odoo.models",  # BaseModel: defaults, INSERT, modified, constraints, recompute, rules
    "odoo.addons.base.res.res_partner",  # website cleaned, image, sync with parent/children
    "odoo.addons.mail.models.mail_thread",  # nothing under tracking_disable
    "odoo.addons.pepites_partners.models.pepites_sql_guard",  # _sql_guard_check
    "odoo.addons.pepites_partners.models.res_partner",  # portal checks, SIRET compacted
    "odoo.addons.pepites_partners.models.res_partner_data_inclusion",  # edit dates
])

#: new records whose constraints and computed fields run together; their cache is dropped
#: after each chunk, so that memory stays bounded whatever the size of the batch
ORM_CHUNK = 200

#: fields whose value the bulk path does not reproduce (the ORM's create must write them)
UNSUPPORTED_FIELDS = frozenset(["parent_id", "image", "image_medium", "image_small"])


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _pepites_bulk_create_refusal(self, vals_list):
        """Why these values cannot take the bulk path (a short English reason for the logs
        and tests), or None when they can."""
        unknown = sorted(
            cls.__module__ for cls in type(self).__mro__[1:]
            if ("create" in cls.__dict__ or "_create" in cls.__dict__)
            and cls.__module__ not in KNOWN_CREATES)
        if unknown:
            return "unknown create overrides: %s" % ", ".join(unknown)
        if self._inherits or self._parent_store or not self._log_access:
            return "model shape"
        if not self.env.context.get("tracking_disable"):
            return "chatter tracking on"
        for vals in vals_list:
            for name, value in vals.items():
                field = self._fields.get(name)
                if field is None or name in UNSUPPORTED_FIELDS or field.inverse \
                        or (field.store and field.translate is True) \
                        or (field.type in ("one2many", "many2many") and value
                            and value != [(6, 0, [])]) \
                        or (not field.store and not field.inverse):
                    return "field %s" % name
        return None

    @api.model
    def _pepites_create_bulk(self, vals_list):
        """Create one partner per ``vals`` as ``create`` would, in a few statements for all.

        The caller runs it in a savepoint and, on any error, creates the rows one by one to
        give each its own verdict (a batch is refused as a whole by a constraint).

        :returns: the new partners, in the order of ``vals_list``
        :raises ValueError: when :meth:`_pepites_bulk_create_refusal` refuses the values
        """
        if not vals_list:
            return self.browse()
        refusal = self._pepites_bulk_create_refusal(vals_list)
        if refusal:
            raise ValueError(refusal)
        caller = self
        # each field read for all new records at once, not every field at each first read (a
        # thousand records times a hundred fields, again in each environment that reads them)
        self = self.with_context(prefetch_fields=False)
        self.check_access_rights("create")
        rows = self._pepites_bulk_rows(vals_list)
        ids, stored = self._pepites_bulk_insert(rows)
        names = set().union(*rows, *vals_list)
        empty_lists = [name for name, field in self._fields.items()
                       if field.type in ("one2many", "many2many") and field.store
                       and not field.compute]
        for start in range(0, len(ids), ORM_CHUNK):
            chunk = self.browse(ids[start:start + ORM_CHUNK])
            chunk.modified(self._fields)
            # the columns in cache as a read would put them (but the computed ones, which
            # are to compute), and the lists of related records, empty for a new record: the
            # checks and computations below read them from there, not in a query per field
            for record, values in zip(chunk, stored[start:start + ORM_CHUNK]):
                values = {name: value for name, value in values.items()
                          if not self._fields[name].compute}
                values.update(dict.fromkeys(empty_lists, ()))
                record._cache.update(record._convert_to_cache(values, validate=False))
            chunk._validate_fields(names)
            chunk._pepites_bulk_recompute()
            chunk.check_access_rule("create")
            chunk.invalidate_cache(ids=chunk.ids)
        records = self.browse(ids)
        by_keys = collections.defaultdict(list)
        for record_id, vals in zip(records.ids, vals_list):
            by_keys[frozenset(vals)].append(record_id)
        for keys, ids in by_keys.items():
            self.browse(ids)._pepites_stamp_edits(dict.fromkeys(keys))
        self.env["auditlog.rule"]._pepites_log_created(records, vals_list)
        return records.with_env(caller.env)

    @api.model
    def _pepites_bulk_rows(self, vals_list):
        """The column values of each row, after what the ``create`` overrides do to ``vals``
        (portal checks, SIRET compacted, website cleaned, SQL guard) and the defaults (computed
        once: they do not depend on the values given)."""
        defaults = self._add_missing_default_values({})
        for name in list(defaults):
            if name in MAGIC_COLUMNS or name in ("parent_left", "parent_right") \
                    or not self._fields[name].column_type:
                del defaults[name]
        booleans = {name: False for name, field in self._fields.items()
                    if field.type == "boolean" and field.store}
        rows, checked = [], set()
        for vals in vals_list:
            vals = dict(vals)
            self._check_portal_fields(vals)
            self._check_portal_email(vals)
            self._normalize_siret(vals)
            if vals.get("website"):
                vals["website"] = self._clean_website(vals["website"])
            self._sql_guard_check(vals)
            row = dict(booleans, **defaults)
            row.update((name, value) for name, value in vals.items()
                       if self._fields[name].column_type)
            for name, value in row.items():
                if value and hasattr(self._fields[name], "selection") \
                        and (name, value) not in checked:
                    self._check_selection_field_value(name, value)
                    checked.add((name, value))
            rows.append(row)
        return rows

    @api.model
    def _pepites_bulk_insert(self, rows):
        """One ``INSERT`` of ``rows`` (``{field: value}``, converted to columns as the ORM does).

        :returns: the new ids in the order of ``rows``, and each row as the table now holds
            it (``{field: column value}`` for every column, ``None`` where none was given), as
            a read would fetch it
        """
        cr = self.env.cr
        cr.execute("SELECT nextval(%s) FROM generate_series(1, %s)", (self._sequence, len(rows)))
        ids = [row[0] for row in cr.fetchall()]
        fields_ = [field for name, field in sorted(self._fields.items())
                   if field.store and field.column_type and name not in MAGIC_COLUMNS]
        empty = self.browse()
        stored, params = [], []
        for new_id, row in zip(ids, rows):
            stored.append({field.name: field.convert_to_column(row[field.name], empty, row)
                           if field.name in row else None for field in fields_})
            params.append(new_id)
            params.extend(stored[-1][field.name] for field in fields_)
            params.extend([self.env.uid, self.env.uid])
        value = "(%s, (now() at time zone 'UTC'), (now() at time zone 'UTC'))" % ", ".join(
            ["%s"] * (len(fields_) + 3))
        cr.execute('INSERT INTO "%s" (id, %s, create_uid, write_uid, create_date, write_date) '
                   'VALUES %s' % (self._table, ", ".join('"%s"' % f.name for f in fields_),
                                  ", ".join([value] * len(rows))), params)
        return ids, stored

    @api.multi
    def _pepites_bulk_recompute(self):
        """Compute the stored computed fields of these new records with their own methods
        (in cache, for all records at once, as ``recompute`` does) and write them in one
        ``UPDATE``; whatever else waits for recomputation goes to ``recompute``.

        Not ``recompute`` itself: it writes one ``UPDATE`` per field and distinct value (per
        record for a name), and each write marks the fields depending on it to be computed
        again.
        """
        computed = collections.OrderedDict()  # (ids, uid) -> {field: [value per id]}
        while True:
            pending = {}
            for field, recs_list in self.env.all.todo.items():
                for recs in recs_list if field.model_name == self._name else ():
                    if recs & self and field not in pending:
                        pending[field] = recs & self
            if not pending:
                break
            # first the fields none of whose dependencies waits (as ``recompute`` does)
            field = min(pending, key=self.env.registry.field_sequence)
            recs = pending[field]
            group = computed.setdefault((tuple(recs.ids), recs.env.uid), {})
            for f in self._field_computed[field]:
                if f.store and f.column_type:
                    group[f] = [f.convert_to_column(f.convert_to_write(rec[f.name], rec), rec)
                                for rec in recs]
                recs._recompute_done(f)
        for (ids, uid), values in computed.items():
            self._pepites_bulk_update(list(values), [
                [record_id] + [values[f][index] for f in values]
                for index, record_id in enumerate(ids)], uid)
        self.recompute()

    @api.model
    def _pepites_bulk_update(self, fields_, values, uid):
        """``UPDATE`` the columns of ``fields_`` from ``values`` (``[id, value…]`` rows), and
        ``write_uid``/``write_date`` as the ORM's write of a recomputation does."""
        columns = ["c%d" % index for index in range(len(fields_))]
        row = "(%s)" % ", ".join(["%s"] * (len(fields_) + 1))
        self.env.cr.execute(
            'UPDATE "%s" AS t SET %s, write_uid = %%s, '
            "write_date = (now() at time zone 'UTC') FROM (VALUES %s) AS v(id, %s) "
            "WHERE t.id = v.id" % (
                self._table,
                ", ".join('"%s" = v.%s::%s' % (field.name, column, field.column_type[1])
                          for field, column in zip(fields_, columns)),
                ", ".join([row] * len(values)), ", ".join(columns)),
            [uid] + [value for row_values in values for value in row_values])
