import hashlib

from psycopg2 import sql

from odoo import _, api, fields, models, tools

#: ``id`` of a line = key of its source row × ID_FACTOR + the source's code: stable from one
#: request to the next (a list loaded, then a line opened), unique while codes stay below it
ID_FACTOR = 64

#: the columns every source's query gives, in this order
SOURCE_COLUMNS = ("key", "res_id", "partner_id", "date", "description", "state")


class PepitesPathLine(models.Model):
    """One step of a person's path toward and within IAE, whatever addon records it: a read-only
    SQL view, one ``UNION ALL`` branch per source (event registration, orientation, PMSMP, POEI,
    application, hire, training, alternance, VAE, AFEST, eLearning, badge…), so that a person's
    whole path is one query, and a list of people's paths one query too.

    Each addon adds its sources by extending :meth:`_path_sources` (``_inherit`` + ``super``) and
    their kinds by ``selection_add`` on :attr:`kind`. The view is rebuilt by ``init`` when an
    addon installing or updating extends this model, and at the end of the registry's loading
    when the sources changed (:meth:`_register_hook`): an addon updated alone is loaded before
    the addons that come after it, whose sources its ``init`` cannot see yet.

    Personal data: INAÉ staff read every person's path; SIAE and partner-API users nothing
    (no ACL, a rule that matches nothing, and the outsiders' allow-list).
    """

    _name = "pepites.path.line"
    _description = "Step of a person's path"
    _auto = False
    _order = "date, sequence, id"
    _rec_name = "description"

    partner_id = fields.Many2one("res.partner", string="Person", readonly=True)
    date = fields.Date(readonly=True)
    kind = fields.Selection([], string="Step", readonly=True)
    sequence = fields.Integer(readonly=True)
    description = fields.Char(string="What", readonly=True)
    state = fields.Char(string="State code", readonly=True)
    state_label = fields.Char(compute="_compute_state_label", string="Status")
    res_model = fields.Char(string="Record's model", readonly=True)
    res_id = fields.Integer(string="Record", readonly=True)

    @api.model
    def _path_sources(self):
        """The sources of the view; each addon appends its own (``super() + [...]``).

        :returns: list of dicts ``{"code", "kind", "model", "query"}`` and optionally
            ``"state_model"`` and ``"state_field"``:

            - ``code``: a number unique among the sources, below :data:`ID_FACTOR`; also the
              order of two steps of the same day (smaller first);
            - ``kind``: a value of :attr:`kind` (added with ``selection_add``);
            - ``model``: the model of the record a line opens;
            - ``query``: a ``SELECT`` giving :data:`SOURCE_COLUMNS` in this order (``key``: the
              source row's id, unique in this source; ``res_id``: the id of the record opened;
              ``state``: the raw value of the record's state, or ``NULL``);
            - ``state_model``, ``state_field``: where :attr:`state_label` finds the state's
              label (by default ``model`` and ``"state"``; a many2one field gives the name of
              the record whose id is the state).
        """
        return []

    def _path_sources_by_kind(self):
        return {source["kind"]: source for source in self._path_sources()}

    @api.model
    def _path_query(self):
        """The ``SELECT`` of the view: one branch per source, in the order of their codes."""
        branches = []
        for source in sorted(self._path_sources(), key=lambda source: source["code"]):
            branches.append(sql.SQL(
                "SELECT (src.key::bigint * {factor} + {code}) AS id, {kind}::varchar AS kind, "
                "{model}::varchar AS res_model, {code} AS sequence, src.res_id::integer AS res_id,"
                " src.partner_id::integer AS partner_id, src.date::date AS date, "
                "src.description::varchar AS description, src.state::varchar AS state "
                "FROM ({query}) AS src (key, res_id, partner_id, date, description, state) "
                "WHERE src.partner_id IS NOT NULL").format(
                    factor=sql.Literal(ID_FACTOR), code=sql.Literal(source["code"]),
                    kind=sql.Literal(source["kind"]), model=sql.Literal(source["model"]),
                    query=sql.SQL(source["query"])))
        if not branches:
            branches.append(sql.SQL(
                "SELECT NULL::bigint AS id, NULL::varchar AS kind, NULL::varchar AS res_model, "
                "0 AS sequence, NULL::integer AS res_id, NULL::integer AS partner_id, "
                "NULL::date AS date, NULL::varchar AS description, NULL::varchar AS state "
                "WHERE FALSE"))
        return sql.SQL(" UNION ALL ").join(branches).as_string(self.env.cr._obj)

    @api.model
    def _path_build_view(self, replace=True):
        """(Re)create the view when its query changed (its digest is the view's comment).

        :param bool replace: ``CREATE OR REPLACE`` (same columns, no lock on readers' plans);
            ``False`` drops it first (``init``: the columns may have changed)
        """
        query = self._path_query()
        digest = hashlib.sha1(query.encode("utf-8")).hexdigest()
        cr = self.env.cr
        cr.execute("SELECT obj_description(to_regclass(%s), 'pg_class')", (self._table,))
        row = cr.fetchone()
        if row and row[0] == digest:
            return False
        if not replace:
            tools.drop_view_if_exists(cr, self._table)
        table = sql.Identifier(self._table)
        cr.execute(sql.SQL("CREATE OR REPLACE VIEW {} AS ({})").format(table, sql.SQL(query)))
        cr.execute(sql.SQL("COMMENT ON VIEW {} IS %s").format(table), (digest,))
        return True

    @api.model_cr
    def init(self):
        self._path_build_view(replace=False)

    def _register_hook(self):
        """Rebuild the view if an addon loaded after the last ``init`` added sources."""
        super(PepitesPathLine, self)._register_hook()
        self._path_build_view()

    def _compute_state_label(self):
        """The state as its record's form shows it, translated: one lookup per kind."""
        sources = self._path_sources_by_kind()
        names = {}
        for kind in set(self.mapped("kind")):
            source = sources.get(kind)
            if not source:
                continue
            model = self.env[source.get("state_model", source["model"])]
            field = model._fields.get(source.get("state_field", "state"))
            lines = self.filtered(lambda line: line.kind == kind and line.state)
            if field is None or not lines:
                continue
            if field.type == "many2one":
                records = self.env[field.comodel_name].browse(
                    {int(line.state) for line in lines}).exists()
                labels = {str(record.id): record.display_name for record in records}
            else:
                labels = dict(field._description_selection(self.env))
            for line in lines:
                names[line.id] = labels.get(line.state, line.state)
        for line in self:
            line.state_label = names.get(line.id, "")

    @api.multi
    def action_open_record(self):
        """Open the record this step comes from, in its own form (its own access rules)."""
        self.ensure_one()
        record = self.env[self.res_model].browse(self.res_id)
        record.check_access_rights("read")
        record.check_access_rule("read")
        return {
            "type": "ir.actions.act_window",
            "name": record.display_name or _("Step of the path"),
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
