from odoo import SUPERUSER_ID, api, models
from odoo.models import fix_import_export_id_paths

from .auditlog_rule import refresh_patched_origins


def _field_name(spec):
    """The field named by a ``read_group`` or ``order`` spec: ``"date:month"``,
    ``"amount:sum"``, ``"name desc"`` and ``'"name" asc'`` all name one field."""
    return spec.strip().split(" ")[0].split(":")[0].strip('"')


class Base(models.AbstractModel):
    """Fields' ``groups=`` hold on every path that reads a value, not only on ``read``.

    Odoo 11 checks ``groups=`` in ``read`` (``check_field_access_rights``) but not in
    ``read_group``, ``export_data``, search domains or ``order``: a portal user grouped badge
    assertions by ``recipient_email`` and read the holders' addresses, and a domain (or an
    ordering) on ``res.partner.signup_token`` guesses a signup token one character at a time.
    Odoo 13+ close some of these paths; here all of them go through
    :meth:`_pepites_check_field_paths`, which walks each field path through the related models
    and refuses a field whose ``groups`` the user lacks (as ``read`` does). Only fields with
    ``groups`` cost a check (cached by ``res.users.has_group``); the superuser (``sudo()``) is
    exempt, as in ``read``.
    """

    _inherit = "base"

    @api.model
    def _pepites_check_field_paths(self, paths):
        """Refuse when a path of fields crosses a field the user may not read.

        :param paths: iterables of field names, from this model (``["parent_id",
            "signup_token"]``); a name that is not a field (``id``, ``.id``, ``__count``, a
            number of a domain's ``(1, '=', 1)``) ends the walk
        :raises AccessError: on a field whose ``groups`` the user is not in, as ``read`` does
        """
        if self.env.uid == SUPERUSER_ID:
            return
        for path in paths:
            model = self
            for name in path:
                field = model._fields.get(name) if isinstance(name, str) else None
                if field is None:
                    break
                if field.groups:
                    model.check_field_access_rights("read", [name])
                if not field.relational:
                    break
                model = self.env[field.comodel_name]

    @api.model
    def _pepites_check_domain(self, domain):
        """Refuse a search domain on a field the user may not read: the count or the ids found
        answer "does this hidden value match?" (an oracle)."""
        if self.env.uid == SUPERUSER_ID or not domain:
            return
        self._pepites_check_field_paths(
            leaf[0].split(".") for leaf in domain
            if isinstance(leaf, (list, tuple)) and len(leaf) == 3 and isinstance(leaf[0], str))

    @api.model
    def _pepites_check_order(self, order):
        """Refuse an ordering on a field the user may not read (sorting reveals the values)."""
        if self.env.uid == SUPERUSER_ID or not order:
            return
        if isinstance(order, bytes):
            order = order.decode()
        if isinstance(order, str):
            self._pepites_check_field_paths(
                [_field_name(spec)] for spec in order.split(",") if spec.strip())

    @api.model
    def _pepites_count_by(self, field, ids, domain=None):
        """How many records of this model point to each of ``ids`` through ``field``, in one
        grouped query: the counters of smart buttons and statistics (``x_count``) of a whole
        recordset, as core's ``event._compute_seats`` does.

        Runs with this model's rights: a caller that counts on behalf of anyone passes a
        ``sudo()`` model on a variable named ``*_sudo``.

        :param str field: a many2one (or an integer column like ``res_id``) of this model
        :param ids: the ids counted for; new records' ids (``NewId``) are skipped
        :param list domain: further conditions on the records counted
        :returns: ``{id: count}``, without the ids that count none
        """
        ids = [record_id for record_id in ids if isinstance(record_id, int)]
        if not ids:
            return {}
        rows = self.read_group([(field, "in", ids)] + list(domain or []), [field], [field])
        counts = {}
        for row in rows:
            key = row[field][0] if isinstance(row[field], (list, tuple)) else row[field]
            counts[key] = row["%s_count" % field]
        return counts

    def _where_calc(self, domain, active_test=True):
        # every search (search, search_count, name_search, read_group's domain) goes through it
        self._pepites_check_domain(domain)
        return super(Base, self)._where_calc(domain, active_test=active_test)

    def _generate_order_by(self, order_spec, query):
        self._pepites_check_order(order_spec)
        return super(Base, self)._generate_order_by(order_spec, query)

    @api.model
    def _read_group_raw(self, domain, fields, groupby, offset=0, limit=None, orderby=False,
                        lazy=True):
        if self.env.uid != SUPERUSER_ID:
            if not fields:
                # core would aggregate every stored field: only those the user may read
                fields = [name for name, field in self._fields.items() if field.store
                          and (not field.groups or self.user_has_groups(field.groups))]
            groupbys = [groupby] if isinstance(groupby, str) else list(groupby or [])
            self._pepites_check_field_paths(
                [_field_name(spec)] for spec in list(fields) + groupbys if isinstance(spec, str))
            self._pepites_check_order(orderby)
        return super(Base, self)._read_group_raw(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)

    @api.multi
    def export_data(self, fields_to_export, raw_data=False):
        self._pepites_check_field_paths(
            fix_import_export_id_paths(path) for path in fields_to_export)
        return super(Base, self).export_data(fields_to_export, raw_data=raw_data)

    @api.multi
    def _pepites_audited_read_ids(self):
        """The ids of these records whose read the audit trail records (when their model's
        audit rule logs reads): all of them, unless the model narrows them (contacts: only
        people in an integration path, see ``res.partner``)."""
        return self.ids

    @api.model
    def _setup_complete(self):
        super(Base, self)._setup_complete()
        # the audit trail's patched methods follow the overrides of modules loaded after them
        refresh_patched_origins(type(self))
