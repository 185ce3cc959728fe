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
the record rules of ``create``; the stored computed fields are filled for the whole batch by
one set-based ``UPDATE`` (:data:`BULK_COMPUTED`: what Odoo's methods give a new partner
without parent, user or activity — computing them through the ORM cost 3.7 s for 2,000
partners, each assignment of a computed value doing per-record work); and each record's
audit-trail entry, with the values auditlog would have logged, in two inserts
(``auditlog.rule._pepites_log_created``).

What it leaves out, on purpose: the default image (a generated copy of Odoo's company
picture; the back office shows that same picture for an organisation without an image, as in
every test database, where Odoo never generates it). What it refuses (the caller then creates
row by row): a model whose ``create`` chain holds an override it does not know
(:data:`KNOWN_CREATES`: a new addon's ``create`` must be read before the bulk path may skip
it), a stored computed field it does not know or whose method an addon overrides (it must be
added to :data:`BULK_COMPUTED` first; a test fails meanwhile), and the values it does not
reproduce (a parent, a person's company name, an image, a field with an inverse, a non-empty
list of related records, a translated field, chatter tracking on).
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
UNSUPPORTED_FIELDS = frozenset(["parent_id", "company_name", "image", "image_medium",
                                "image_small"])

#: the context keys by which res.partner's ``name_get()`` differs from its ``display_name``
NAME_CONTEXT_KEYS = ("show_address", "show_address_only", "show_email", "html_format")

#: where Odoo 11's methods of these fields are defined (those the bulk path reproduces)
BASE_PARTNER = "odoo.addons.base.res.res_partner"

#: the stored computed fields of res.partner, filled for new partners by one ``UPDATE``:
#: ``field: (SQL expression over the new row, methods or related path it reproduces)``, each
#: what Odoo 11's code (odoo/addons/base/res/res_partner.py) computes for a partner that
#: ``_pepites_bulk_create_refusal`` admits: no parent, no company name, no user, no activity
#: (the expressions read the row as inserted: an ``UPDATE`` sees the values before it)
BULK_COMPUTED = collections.OrderedDict([
    # _compute_commercial_partner: "is_company or not parent_id" -> the partner itself
    ("commercial_partner_id", ("id", ("_compute_commercial_partner",))),
    # _compute_commercial_company_name: "p.is_company and p.name or partner.company_name",
    # p being the partner itself
    ("commercial_company_name", ("CASE WHEN is_company AND COALESCE(name, '') != '' "
                                 "THEN name ELSE company_name END",
                                 ("_compute_commercial_company_name",))),
    # _compute_display_name: name_get() without show_address/show_email: without company
    # name nor parent, the name (or '') with its blank lines squeezed twice
    ("display_name", ("replace(replace(COALESCE(name, ''), E'\\n\\n', E'\\n'), "
                      "E'\\n\\n', E'\\n')", ("_compute_display_name", "name_get"))),
    # _compute_partner_share: "not partner.user_ids or ..." -> no user yet
    ("partner_share", ("true", ("_compute_partner_share",))),
    # related commercial_partner_id.country_id, the partner being its own commercial one
    ("commercial_partner_country_id", ("country_id", ("commercial_partner_id", "country_id"))),
    # related activity_ids.date_deadline: no activity yet
    ("activity_date_deadline", ("NULL", ("activity_ids", "date_deadline"))),
])


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
        computed = self._pepites_bulk_computed_refusal()
        if computed:
            return computed
        if any(self.default_get(sorted(UNSUPPORTED_FIELDS)).values()):
            return "defaults of %s" % ", ".join(sorted(UNSUPPORTED_FIELDS))
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
    def _pepites_bulk_computed_refusal(self):
        """Why :data:`BULK_COMPUTED` would not give what the ORM computes (a stored computed
        field it does not know, a method overridden by an addon, another related path), or
        None."""
        for name, field in sorted(self._fields.items()):
            if not (field.store and field.compute):
                continue
            if name not in BULK_COMPUTED:
                return "stored computed field %s" % name
            reproduced = BULK_COMPUTED[name][1]
            if field.related:
                if tuple(field.related) != reproduced:
                    return "related field %s" % name
                continue
            for method in reproduced:
                owner = next(cls for cls in type(self).__mro__ if method in cls.__dict__)
                if owner.__module__ != BASE_PARTNER:
                    return "%s overridden in %s" % (method, owner.__module__)
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
        computed_fields = [self._fields[name] for name in BULK_COMPUTED]
        computed = self._pepites_bulk_compute(ids)
        for record_id, values in zip(ids, stored):
            values.update(computed[record_id])
        names = set().union(*rows, *vals_list, BULK_COMPUTED)
        empty_lists = [name for name, field in self._fields.items()
                       if field.type in ("one2many", "many2many") and field.store
                       and not field.compute]
        for start in range(0, len(ids), ORM_CHUNK):
            chunk = self.browse(ids[start:start + ORM_CHUNK])
            chunk.modified(self._fields)
            for field in computed_fields:  # computed already, by _pepites_bulk_compute
                chunk._recompute_done(field)
            chunk._pepites_bulk_cache(stored[start:start + ORM_CHUNK], empty_lists)
            chunk._validate_fields(names)
            chunk.recompute()  # what else waits (other models'; nothing of the new partners)
            chunk.check_access_rule("create")
            chunk.invalidate_cache(ids=chunk.ids)
        records = self.browse(ids)
        by_keys = collections.defaultdict(list)
        for record_id, vals in zip(records.ids, vals_list):
            by_keys[frozenset(vals)].append(record_id)
        for keys, ids in by_keys.items():
            self.browse(ids)._pepites_stamp_edits(dict.fromkeys(keys))
        self.env["auditlog.rule"]._pepites_log_created(
            records, vals_list, names=self._pepites_bulk_names(records.ids, stored))
        return records.with_env(caller.env)

    @api.model
    def _pepites_bulk_names(self, ids, stored):
        """``{id: name}`` of the new partners as ``name_get()`` gives it in this context: the
        ``display_name`` just stored (its computation is ``name_get()`` without the keys
        below), or None when the context asks for another form (then auditlog's own)."""
        if any(self.env.context.get(key) for key in NAME_CONTEXT_KEYS):
            return None
        return {record_id: values["display_name"] for record_id, values in zip(ids, stored)}

    @api.multi
    def _pepites_bulk_cache(self, stored, empty_lists):
        """Put in cache the columns of these new records (``stored``, one dict per record, in
        their order) as a read would, and their lists of related records, empty: the checks
        then read them from there, not in a query per field.

        Field by field into the environment's cache, not ``record._cache.update``: that one
        goes through the record's cache proxy for each of the hundred fields of each record
        (2.5 s for 2,000 partners)."""
        target = self.browse()
        data = self.env.cache._data
        for name in list(stored[0]) + list(empty_lists) if stored else ():
            field = self._fields[name]
            key = field.cache_key(self)
            by_id = data[field]
            empty = field.convert_to_cache(() if name in empty_lists else None, target,
                                           validate=False)
            for record_id, values in zip(self.ids, stored):
                value = values.get(name)
                by_id[record_id][key] = empty if value is None else field.convert_to_cache(
                    value, target, validate=False)

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
        columns = {field.name: field for field in fields_}
        stored, params = [], []
        for new_id, row in zip(ids, rows):
            values = dict.fromkeys(columns)
            for name, value in row.items():
                if name in columns:
                    values[name] = columns[name].convert_to_column(value, empty, row)
            stored.append(values)
            params.append(new_id)
            params.extend(values.values())
            params.extend([self.env.uid, self.env.uid])
        value = "(%s, (now() at time zone 'UTC'), (now() at time zone 'UTC'))" % ", ".join(
            ["%s"] * (len(fields_) + 3))
        cr.execute('INSERT INTO "%s" (id, %s, create_uid, write_uid, create_date, write_date) '
                   'VALUES %s' % (self._table, ", ".join('"%s"' % f.name for f in fields_),
                                  ", ".join([value] * len(rows))), params)
        return ids, stored

    @api.model
    def _pepites_bulk_compute(self, ids):
        """Fill the stored computed fields of the new partners ``ids`` in one ``UPDATE``
        (:data:`BULK_COMPUTED`), ``write_uid``/``write_date`` set as the ORM's write of a
        recomputation does.

        :returns: ``{id: {field: column value}}`` as the table now holds them
        """
        self.env.cr.execute(
            'UPDATE "%s" SET %s, write_uid = %%s, write_date = (now() at time zone \'UTC\') '
            'WHERE id = ANY(%%s) RETURNING id, %s' % (
                self._table,
                ", ".join('"%s" = %s' % (name, expression)
                          for name, (expression, _reproduced) in BULK_COMPUTED.items()),
                ", ".join('"%s"' % name for name in BULK_COMPUTED)),
            (self.env.uid, list(ids)))
        return {row[0]: dict(zip(BULK_COMPUTED, row[1:])) for row in self.env.cr.fetchall()}
