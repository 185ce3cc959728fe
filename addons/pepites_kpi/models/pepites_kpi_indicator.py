import logging

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.addons.pepites_partners.models.pepites_sql_guard import Unique, sql_constraints

from .. import indicator_values, xlsx_export

_logger = logging.getLogger(__name__)

#: the action sheets of the programme whose "indicateurs de réussite" these are, numbered as the
#: plan (annexes techniques, April 2022): axis 1 (HR and mobility: sheets 1.1–1.3), axis 2
#: (certification and professionalisation: 2.1–2.4), axis 3 (Open Badges, internal training,
#: new jobs: 3.1–3.3); the keys stay those of the databases made before (issue 17)
ACTION_SHEETS = [
    ("hr_support", "1.1 — HR support for SIAE (JobBoard, ambassadors)"),
    ("mobility", "1.2 — Career moves toward IAE (CEP, orientations)"),
    ("sector_partnerships", "1.3 — IAE, HR partner of the territories (sector partnerships)"),
    ("certification", "2.1 — Access to certification (ETI alternance, ETAIE VAE, AFEST)"),
    ("professionalisation", "2.2 — Professionalise and value: training map and Open Badges"),
    ("hybrid_jobs", "2.3 — Hybrid jobs"),
    ("campus", "2.4 — Campus de l'Insertion"),
    ("open_badges", "3.1 — Open Badges for IAE in Nouvelle-Aquitaine"),
    ("afest_vr", "3.2 — Internal training: AFEST and virtual reality"),
    ("new_jobs", "3.3 — New jobs and innovative partnerships"),
]
#: the plan's number of each sheet ("axis.sheet")
SHEET_NUMBERS = {"hr_support": "1.1", "mobility": "1.2", "sector_partnerships": "1.3",
                 "certification": "2.1", "professionalisation": "2.2", "hybrid_jobs": "2.3",
                 "campus": "2.4", "open_badges": "3.1", "afest_vr": "3.2", "new_jobs": "3.3"}
#: the plan's three axes
AXES = [("1", "Axis 1"), ("2", "Axis 2"), ("3", "Axis 3")]
#: how the value of an indicator dated by its records is counted: everything up to now, or this
#: calendar year's records only (a figure the plan gives per year, e.g. 420 offers in 2021)
PERIODS = [("cumulative", "Since the start"), ("year", "This calendar year")]

#: "Job offers published" as shipped before 11.0.1.0.1: every offer ever given a publication
#: date, whatever its employer or last day (issue 14); rewritten by the migration
OFFERS_PUBLISHED_BEFORE_BOARD_RULE = {
    "compute_mode": "domain", "model_name": "hr.job",
    "domain": "[('date_published', '!=', False)]",
}


#: where an indicator is counted: by département (each record has one), or for the region only
#: (what it counts has no département: modules, badge classes, applications); the report
#: prints a regional-only indicator as one regional figure, not as département columns of 0
SCOPES = [
    ("departmental", "By département"),
    ("regional", "Regional only"),
]
#: the shipped indicators counted for the region only (their records have no département);
#: the data files say it, and the 11.0.1.0.3 migration for databases made before
REGIONAL_ONLY = ("applications", "campus_modules", "hybrid_modules", "internal_modules",
                 "dismantling_modules", "reuse_modules", "building_modules",
                 "staff_badge_classes", "salarie_badge_classes")
#: "Applications received through the JobBoard" as shipped before 11.0.1.0.3: the active
#: applications only, so that a refused (archived) one dropped from the figure while the
#: monthly snapshots and the offers' "Applications received" still counted it (issue 16)
APPLICATIONS_BEFORE_ALL_RECEIVED = "[('job_id.siae_id', '!=', False)]"
# ('active', 'in', [True, False]) would not do: Odoo 11 turns the False of an "in" into
# "IS NULL", and an archived record's active is false, not NULL
APPLICATIONS_ALL_RECEIVED = ("['|', ('active', '=', True), ('active', '=', False), "
                             "('job_id.siae_id', '!=', False)]")
#: the same count on the application's own stored ``siae_id`` (its offer's, since 11.0.1.0.5):
#: ``job_id.siae_id`` made Odoo list every offer of a SIAE in the query (20,000 ids at region
#: scale, a fifth of the KPI dashboard's time; bench/bench_pages.py)
APPLICATIONS_STORED_SIAE = ("['|', ('active', '=', True), ('active', '=', False), "
                            "('siae_id', '!=', False)]")


#: the sectors of sheet 1.3 ("sorties durables vers métiers autonomie et économie circulaire")
DURABLE_EXIT_SECTORS = ("autonomie", "circular", "reuse", "dismantling")
#: the contracts of a hire the DGEFP counts as a "sortie vers l'emploi durable" and that the
#: offers record: a CDI; an alternance contract, a training leading to a qualification. A CDD or
#: an intérim of 6 months or more counts too, but an offer does not record its contract's
#: length: they are left out until it does (pepites_jobs)
DURABLE_EXIT_CONTRACTS = ("cdi", "alternance")


#: the five definitions fixed to the plan's wording (issue 17), for the data files of a new
#: database and the 11.0.1.0.4 migration of an older one: {code: (domain shipped before,
#: new values)}; a definition a manager changed (another domain) is left alone
PLAN_DEFINITIONS = {
    # "Identification et formation de formateurs (10 ETI)": ETI trained as trainers, not every
    # internal trainer
    "trainers_trained": ("[('state', 'in', ['trained', 'active'])]", {
        "domain": "[('state', 'in', ['trained', 'active']), ('job_family_id.code', '=', 'eti')]",
        "description": "Internal trainers whose job is technical integration supervisor (ETI), "
                       "trained or active: \"identification and training of trainers (10 ETI)\"."}),
    # "Nombre de sessions ETI en format AFEST": AFEST of the ETI title's blocks, not every AFEST
    "afest_actions": ("[('state', '!=', 'cancelled')]", {
        "name": "ETI title sessions in AFEST format", "unit": "sessions",
        "domain": "[('state', '!=', 'cancelled'), ('certification_id.code', '=', 'ETI')]",
        "description": "AFEST (not cancelled) on a competence block of the ETI title: each is a "
                       "session of the title in AFEST format."}),
    # counted from the hires (see _kpi_durable_exits), not typed on the partnerships
    "durable_exits": ("[('sector_id.code', 'in', ['autonomie', 'circular', 'reuse', "
                      "'dismantling'])]", {
        "compute_mode": "method", "method_name": "_kpi_durable_exits", "model_name": False,
        "domain": "[]", "aggregate": "count", "measure_field": False,
        "department_field": False, "date_field": False,
        "description": "Hires on a durable contract as the DGEFP defines a durable exit (a CDI, "
                       "or an alternance contract: a training leading to a qualification; a CDD "
                       "or an intérim of 6 months or more once the offers record the contract's "
                       "length) by an employer of a running or finished partnership of the "
                       "autonomy or circular-economy sectors; counted from the applications "
                       "closed by a hire."}),
    # "+ 3000 Open Badges délivrés en fin de programme" is the salariés' sheet (3.1)
    "badges_issued": ("['|', ('revoked', '=', False), ('revoked_by_holder', '=', True)]", {
        "name": "Open Badges issued to salariés en parcours",
        "domain": "[('audience', '=', 'salarie'), '|', ('revoked', '=', False), "
                  "('revoked_by_holder', '=', True)]",
        "description": "Open Badges issued to salariés en parcours and not revoked by their "
                       "issuer (the 3,000 of sheet 3.1); the permanent staff's badges are not "
                       "counted."}),
    # the 2021 baseline is "more than 420 offers a year": the value is this year's
    "offers_published": ("[('date_published', '!=', False), ('siae_id', '!=', False)]", {
        "period": "year",
        "description": "Offers of SIAE published on the JobBoard this calendar year, expired "
                       "or filled ones included: the yearly figure, compared with the 2021 "
                       "baseline (more than 420 a year); past years are in the trend."}),
}


class PepitesKpiIndicator(models.Model):
    """A success indicator of the programme, computed live from the records of the other addons.

    The definition is data (a model, a domain, an aggregate, the field that gives the département,
    the date that dates each record) or, for what a domain cannot say, the name of a ``_kpi_*``
    method. Values come from one grouped SQL query per indicator, breakdown included.
    """

    _name = "pepites.kpi.indicator"
    _inherit = ["pepites.sql.guard"]
    _description = "Indicator"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Stable identifier, used by reports and the API.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    action_sheet = fields.Selection(ACTION_SHEETS, required=True, index=True)
    axis = fields.Selection(AXES, compute="_compute_numbering", store=True,
                            help="The plan's axis of the action sheet.")
    sheet_number = fields.Char(string="Sheet", compute="_compute_numbering", store=True,
                               help="The plan's number of the action sheet (axis.sheet).")
    period = fields.Selection(
        PERIODS, string="Value counted", required=True, default="cumulative",
        help="This calendar year: only the records dated this year count (by the date field), "
             "to compare with a yearly baseline; since the start: every record.")
    milestone_ids = fields.One2many("pepites.kpi.milestone", "indicator_id", string="Milestones",
                                    help="Qualitative indicator: the milestones that evidence it.")
    description = fields.Text(translate=True)
    unit = fields.Char(translate=True, help="What is counted, e.g. offers, badges, people.")
    target = fields.Float(help="Value to reach by the end of the programme (empty: no target).")
    baseline = fields.Float(help="Reference value before the programme (e.g. 420 offers in 2021).")
    scope = fields.Selection(
        SCOPES, required=True, default="departmental",
        help="Regional only: what the indicator counts has no département; the funder report "
             "shows its regional figure instead of a column of zeros per département.")
    is_public = fields.Boolean(string="On the public page",
                               help="Shown with its headline figure on the public indicators page.")
    compute_mode = fields.Selection(
        [("domain", "Domain and aggregate"), ("method", "Python method")],
        required=True, default="domain")
    model_name = fields.Char(string="Model", help="Technical name, e.g. hr.job.")
    domain = fields.Char(default="[]", help="Records counted, as an Odoo domain.")
    aggregate = fields.Selection(indicator_values.AGGREGATES, default="count")
    measure_field = fields.Char(help="Field summed or counted distinctly.")
    department_field = fields.Char(
        help="Stored many2one to pepites.department on the model, for the breakdown.")
    date_field = fields.Char(help="Stored date or datetime of each record, for the backfill.")
    method_name = fields.Char(help="Method of this model named _kpi_..., returning "
                                   "{département id: value}, the region being their sum unless "
                                   "the method gives it under None.")
    value = fields.Float(compute="_compute_value", digits=(16, 1))
    progress = fields.Float(compute="_compute_value", help="Percentage of the target reached.")
    snapshot_ids = fields.One2many("pepites.kpi.snapshot", "indicator_id", string="Snapshots")

    _sql_guard = [Unique("code_unique", "code",
                         message="An indicator with this code already exists.")]
    _sql_constraints = sql_constraints(_sql_guard)

    @api.depends("action_sheet")
    def _compute_numbering(self):
        for indicator in self:
            number = SHEET_NUMBERS.get(indicator.action_sheet)
            indicator.sheet_number = number
            indicator.axis = number and number.split(".")[0]

    def _compute_value(self):
        values = self._values_by_department()
        for indicator in self:
            indicator.value = values.get(indicator.id, {}).get(None, 0)
            indicator.progress = indicator_values.progress(indicator.value, indicator.target) or 0

    # ------------------------------------------------------------------ checks
    @api.constrains("compute_mode", "model_name", "domain", "aggregate", "measure_field",
                    "department_field", "date_field", "method_name", "target", "period")
    def _check_definition(self):
        """:raises ValidationError: on an unknown model or field, a domain that does not parse
        or names unknown fields, a sum over a non-numeric field, or a missing ``_kpi_`` method."""
        for indicator in self:
            if indicator.target and indicator.target < 0:
                raise ValidationError(_("The target of \"%s\" cannot be negative.") % indicator.name)
            if indicator.period == "year" and (indicator.compute_mode != "domain"
                                               or not indicator.date_field):
                raise ValidationError(
                    _("Indicator \"%s\": a value of this calendar year needs a domain and the "
                      "date field that dates each record.") % indicator.name)
            if indicator.compute_mode == "method":
                name = indicator.method_name or ""
                if not name.startswith("_kpi_") or not callable(getattr(self, name, None)):
                    raise ValidationError(
                        _("Indicator \"%s\": the method \"%s\" does not exist (methods are named "
                          "_kpi_... on pepites.kpi.indicator).") % (indicator.name, name))
                continue
            if not indicator.model_name or indicator.model_name not in self.env:
                raise ValidationError(_("Indicator \"%s\": unknown model \"%s\".")
                                      % (indicator.name, indicator.model_name or ""))
            model = self.env[indicator.model_name]
            try:
                domain = indicator_values.parse_domain(indicator.domain)
            except indicator_values.EngineError as error:
                raise ValidationError(_("Indicator \"%s\": invalid domain (%s).")
                                      % (indicator.name, error))
            for name in indicator_values.domain_fields(domain):
                if name not in model._fields:
                    raise ValidationError(_("Indicator \"%s\": the domain names the unknown field "
                                            "\"%s\".") % (indicator.name, name))
            try:
                model.sudo()._where_calc(domain)
            except Exception as error:  # the ORM's own reasons, in its own words
                raise ValidationError(_("Indicator \"%s\": invalid domain (%s).")
                                      % (indicator.name, error))
            indicator._check_field(model, indicator.department_field, ("many2one",),
                                   comodel="pepites.department")
            indicator._check_field(model, indicator.date_field, ("date", "datetime"))
            if indicator.aggregate in ("sum", "count_distinct"):
                types = ("integer", "float", "monetary") if indicator.aggregate == "sum" else None
                if not indicator.measure_field:
                    raise ValidationError(_("Indicator \"%s\": choose the field to aggregate.")
                                          % indicator.name)
                indicator._check_field(model, indicator.measure_field, types)

    def _check_field(self, model, name, types=None, comodel=None):
        if not name:
            return
        field = model._fields.get(name)
        if field is None or not field.store or (types and field.type not in types) \
                or (comodel and field.comodel_name != comodel):
            raise ValidationError(
                _("Indicator \"%s\": \"%s\" is not a stored field of the right kind on %s.")
                % (self.name, name, model._name))

    # ------------------------------------------------------------- computation
    def _values_by_department(self):
        """{indicator id: {département id or None (region): value}} — one query per indicator."""
        result = {}
        for indicator in self:
            try:
                if indicator.compute_mode == "method":
                    rows = getattr(indicator, indicator.method_name)()
                    if isinstance(rows, dict) and None in rows:
                        # the method gives the regional value itself (not a sum)
                        result[indicator.id] = dict(rows)
                    else:
                        result[indicator.id] = indicator_values.by_department(
                            rows.items() if isinstance(rows, dict) else rows)
                else:
                    result[indicator.id] = indicator_values.by_department(indicator._grouped_rows())
            except indicator_values.EngineError as error:
                _logger.warning("indicator %s: %s", indicator.code, error)
                result[indicator.id] = {None: 0}
        return result

    def _query(self, select, extra_where="", group_by=""):
        """Run ``SELECT <select> FROM <model> WHERE <domain> [extra] [GROUP BY ...]`` as superuser.

        Indicators are aggregates without personal data, so they count every record whatever the
        reader's rights; the identifiers put in SQL are field names checked by _check_definition,
        the domain's values travel as parameters.
        """
        model = self.env[self.model_name].sudo()
        query = model._where_calc(indicator_values.parse_domain(self.domain))
        from_clause, where_clause, params = query.get_sql()
        sql = "SELECT %s FROM %s WHERE %s %s %s" % (
            select, from_clause, where_clause or "TRUE", extra_where, group_by)
        self.env.cr.execute(sql, params)
        return self.env.cr.fetchall()

    def _column(self, name):
        return '"%s"."%s"' % (self.env[self.model_name]._table, name)

    def _aggregate_sql(self):
        if self.aggregate == "sum":
            return "COALESCE(SUM(%s), 0)" % self._column(self.measure_field)
        if self.aggregate == "count_distinct":
            return "COUNT(DISTINCT %s)" % self._column(self.measure_field)
        return "COUNT(DISTINCT %s)" % self._column("id")

    def _period_where(self):
        """The SQL condition of a yearly indicator (its records dated this calendar year), with
        the year's first day written from the server's date, not from any input."""
        if self.period != "year":
            return ""
        today = fields.Date.from_string(fields.Date.context_today(self))
        return "AND %s >= '%s'" % (self._column(self.date_field),
                                   today.replace(month=1, day=1).isoformat())

    def _grouped_rows(self):
        """(département id, value) rows of a domain indicator: one query."""
        where = self._period_where()
        if not self.department_field:
            return [(None, self._query(self._aggregate_sql(), extra_where=where)[0][0])]
        column = self._column(self.department_field)
        return self._query("%s, %s" % (column, self._aggregate_sql()), extra_where=where,
                           group_by="GROUP BY %s" % column)

    def _monthly_rows(self):
        """(département id, month start, value) rows, by the month of each record's date."""
        department = self._column(self.department_field) if self.department_field \
            else "NULL::integer"
        date = self._column(self.date_field)
        rows = self._query(
            "%s, date_trunc('month', %s)::date, %s" % (department, date, self._aggregate_sql()),
            extra_where="AND %s IS NOT NULL" % date, group_by="GROUP BY 1, 2")
        # Odoo's cursor hands dates over as strings
        return [(dep, fields.Date.from_string(month), value) for dep, month, value in rows]

    # --------------------------------------------------------------- snapshots
    def action_snapshot(self, month=None):
        """Store this month's values (region and each département) of these indicators.

        The current month's snapshot is replaced each time (the cron refreshes it daily); past
        months are only written by the backfill, so corrections never rewrite history.
        """
        month = indicator_values.month_start(fields.Date.from_string(month) if month
                                   else fields.Date.from_string(fields.Date.context_today(self)))
        indicators = self or self.search([])
        values = indicators._values_by_department()
        indicators.env["pepites.kpi.snapshot"]._store(month, values)
        return True

    def action_backfill(self):
        """Rebuild the monthly series of dated indicators from the dates of their records."""
        Snapshot = self.env["pepites.kpi.snapshot"]
        today = fields.Date.from_string(fields.Date.context_today(self))
        for indicator in (self or self.search([])).filtered(
                lambda i: i.compute_mode == "domain" and i.date_field):
            rows = indicator._monthly_rows()
            rows = [row for row in rows if row[1] is not None]
            if not rows:
                continue
            months = indicator_values.months_between(min(row[1] for row in rows), today)
            series = indicator_values.cumulate(rows, months,
                                               yearly=indicator.period == "year")
            for month, values in series.items():
                Snapshot._store(month, {indicator.id: values})
        return True

    @api.model
    def _cron_snapshot(self):
        self.search([]).action_snapshot()

    def action_view_snapshots(self):
        self.ensure_one()
        # one indicator per chart: its own scale, its own months (issue 16)
        action = self.env.ref("pepites_kpi.pepites_kpi_snapshot_action_indicator").read()[0]
        action["domain"] = [("indicator_id", "=", self.id)]
        action["name"] = self.name
        action["context"] = {"search_default_regional": 1}
        return action

    # --------------------------------------------------- indicators by method
    def _kpi_departments_with_ambassador(self):
        """Départements with at least one active ambassador (target: all 12)."""
        rows = self.env["pepites.ambassador"].sudo().read_group(
            [("active", "=", True)], ["department_id"], ["department_id"])
        return {row["department_id"][0]: 1 for row in rows if row["department_id"]}

    def _kpi_durable_exits(self):
        """Durable exits toward the jobs of the autonomy and circular-economy sectors (sheet
        1.3), counted from the hires, not typed by hand: applications closed by a hire
        (``date_closed``, set by a hiring stage; archived ones left out) on an offer of an
        employer taking part in a running or finished partnership of those sectors, on a
        contract the DGEFP counts as a durable exit (see DURABLE_EXIT_CONTRACTS); by the
        offer's département."""
        employer_ids = self._durable_exit_employer_ids()
        if not employer_ids:
            return []
        # the offer's contract joined in the query: the domain ("job_id.contract_type") put
        # the ids of every such offer in it (10,000 at region scale)
        Applicant = self.env["hr.applicant"].sudo()
        query = Applicant._where_calc([("date_closed", "!=", False),
                                       ("siae_id", "in", employer_ids)])
        from_clause, where_clause, params = query.get_sql()
        self.env.cr.execute(
            'SELECT "hr_applicant"."pepites_department_id", COUNT(DISTINCT "hr_applicant".id) '
            'FROM %s JOIN hr_job pepites_job ON pepites_job.id = "hr_applicant"."job_id" '
            'WHERE %s AND pepites_job.contract_type IN %%s GROUP BY 1' % (
                from_clause, where_clause or "TRUE"),
            params + [tuple(DURABLE_EXIT_CONTRACTS)])
        return [(department_id or None, count)
                for department_id, count in self.env.cr.fetchall()]

    def _durable_exit_employer_ids(self):
        """The SIAE and companies of the running or finished partnerships of the durable-exit
        sectors, in one query over the partnerships' two relations: reading them through the
        recordsets (``mapped``) took 36 queries and 1.5 s over the 35,000 partnerships of a
        region (bench/bench_pages.py)."""
        Partnership = self.env["pepites.partnership"].sudo()
        query = Partnership._where_calc([
            ("sector_id.code", "in", list(DURABLE_EXIT_SECTORS)),
            ("state", "in", ["active", "done"])])
        from_clause, where_clause, params = query.get_sql()
        # identifiers from the field definitions, values as parameters
        selects = []
        for name in ("siae_ids", "company_ids"):
            field = Partnership._fields[name]
            selects.append('SELECT rel."%s" FROM "%s" rel WHERE rel."%s" IN '
                           '(SELECT "%s".id FROM %s WHERE %s)' % (
                               field.column2, field.relation, field.column1,
                               Partnership._table, from_clause, where_clause or "TRUE"))
        self.env.cr.execute(" UNION ".join(selects), params * len(selects))
        return [row[0] for row in self.env.cr.fetchall()]

    def _kpi_sheet_partners(self):
        """The partners engaged in this indicator's action sheet (the sheet's "Partenaires
        engagés dans l'action"), by their département: one grouped query (reading the partners
        to learn their département read every column of each contact)."""
        Partner = self.env["res.partner"].sudo()
        field = self.env["pepites.kpi.action.sheet"]._fields["partner_ids"]
        # the active partners, as the sheet's field reads them
        query = Partner._where_calc([])
        from_clause, where_clause, params = query.get_sql()
        # identifiers from the field's definition, values as parameters
        self.env.cr.execute(
            'SELECT "res_partner"."department_id", COUNT(DISTINCT "res_partner".id) FROM %s '
            'WHERE %s AND "res_partner".id IN (SELECT rel."%s" FROM "%s" rel '
            'JOIN pepites_kpi_action_sheet sheet ON sheet.id = rel."%s" WHERE sheet.key = %%s) '
            'GROUP BY 1' % (from_clause, where_clause or "TRUE", field.column2, field.relation,
                            field.column1),
            params + [self.action_sheet])
        return [(department_id or None, count)
                for department_id, count in self.env.cr.fetchall()]

    def _kpi_milestones_done(self):
        """A qualitative indicator of the plan ("Kit de communication opérationnel"…): the
        number of its milestones done, each with its evidence; regional."""
        return {None: self.env["pepites.kpi.milestone"].sudo().search_count(
            [("indicator_id", "=", self.id), ("state", "=", "done")])}

    # ------------------------------------------------------------------ report
    def _report_data(self, month_from, month_to):
        """What the funder report shows, for the PDF and the XLSX alike.

        :param month_from: first month (date) of the trend
        :param month_to: last month (date) of the trend
        :returns: dict with ``months`` (dates), ``departments`` and ``rows``, one per indicator:
            ``indicator``, ``value``, ``progress``, ``by_department`` ({département id: value}),
            ``regional_only`` (counted for the region only: no département figures to show)
            and ``trend`` (regional snapshot value per month, None where none was taken: a gap,
            never 0)
        """
        indicators = self or self.search([])
        months = indicator_values.months_between(indicator_values.month_start(month_from), month_to)
        values = indicators._values_by_department()
        trend = {}
        if months:
            snapshots = self.env["pepites.kpi.snapshot"].sudo().search_read(
                [("indicator_id", "in", indicators.ids), ("is_regional", "=", True),
                 ("month", ">=", fields.Date.to_string(months[0])),
                 ("month", "<=", fields.Date.to_string(months[-1]))],
                ["indicator_id", "month", "value"])
            for row in snapshots:
                trend[(row["indicator_id"][0], row["month"])] = row["value"]
        sheets = dict(self._fields["action_sheet"]._description_selection(self.env))
        rows = []
        # grouped as the plan: by sheet (axis.sheet), then in each sheet's order
        for indicator in indicators.sorted(lambda i: (i.sheet_number or "", i.sequence, i.id)):
            value = values[indicator.id].get(None, 0)
            rows.append({
                "indicator": indicator,
                "action_sheet_label": sheets.get(indicator.action_sheet),
                "value": value,
                "progress": indicator_values.progress(value, indicator.target),
                "by_department": values[indicator.id],
                "regional_only": indicator.scope == "regional",
                "trend": [trend.get((indicator.id, fields.Date.to_string(month)))
                          for month in months],
            })
        return dict(self._steering_data(), months=months, rows=rows,
                    departments=self.env["pepites.department"].sudo().search([]))

    @api.model
    def _steering_data(self):
        """The steering part of the funder report: each action sheet's budget (planned,
        committed, spent; totals per sheet and per funder) and milestones, and the
        committees with their follow-up actions. Read as superuser: the report is printed
        by INAÉ staff for the funders, aggregates and the programme's own records only."""
        sheets = self.env["pepites.kpi.action.sheet"].sudo().search([])
        statuses = dict(self.env["pepites.kpi.milestone"]._fields["status"]
                        ._description_selection(self.env))
        milestones = [{"milestone": milestone, "status_label": statuses.get(milestone.status)}
                      for milestone in self.env["pepites.kpi.milestone"].sudo().search(
                          [], order="sheet_id, date, id")]
        committees = self.env["pepites.kpi.committee"].sudo().search([])
        return {"sheets": sheets, "budget": sheets._budget_summary(),
                "milestones": milestones, "committees": committees}

    def _funder_xlsx(self, month_from, month_to):
        """The funder report as XLSX bytes (see xlsx_export.funder_workbook)."""
        today = fields.Date.from_string(fields.Date.context_today(self))
        labels = {"indicators": _("Indicators"), "departments": _("By département"),
                  "trend": _("Trend"), "code": _("Code"), "name": _("Indicator"),
                  "action_sheet": _("Action sheet"), "unit": _("Unit"),
                  "baseline": _("Baseline"), "target": _("Target"),
                  "value": _("Value today"), "progress": _("Progress"),
                  "region": _("Nouvelle-Aquitaine"), "scope": _("Counted"),
                  "regional": _("regional"), "departmental": _("by département"),
                  "computed_on": _("Values of the Indicators sheet computed on"),
                  "no_value": _("no value recorded that month"),
                  "sheet_number": _("Sheet number"), "budget": _("Budget"),
                  "sheet": _("Action sheet"), "funder": _("Funder"), "planned": _("Planned"),
                  "committed": _("Committed"), "spent": _("Spent"), "total": _("Total"),
                  "overspent": _("Spent beyond the commitment"),
                  "milestones": _("Milestones"), "milestone": _("Milestone"),
                  "due_date": _("Due date"), "status": _("Status"),
                  "evidence": _("Evidence")}
        return xlsx_export.funder_workbook(self._report_data(month_from, month_to), labels,
                                           today=today)

    def _public_figures(self):
        """Headline figures for the public page: name, unit, value, target, progress only."""
        values = self._values_by_department()
        return [{"name": indicator.name, "unit": indicator.unit, "target": indicator.target,
                 "value": values[indicator.id].get(None, 0),
                 "progress": indicator_values.progress(values[indicator.id].get(None, 0),
                                                       indicator.target),
                 "code": indicator.code}
                for indicator in self]

    def _board_offers_by_department(self):
        """(département id or None, number of offers) rows of the offers on the public board
        now: the board's one rule (pepites_jobs, ``hr.job._board_domain``), the domain ``/jobs``
        searches, in one grouped query. As superuser: a count, whoever reads it."""
        Job = self.env["hr.job"].sudo()
        rows = Job.read_group(Job._board_domain(), ["pepites_department_id"],
                              ["pepites_department_id"])
        return [(row["pepites_department_id"] and row["pepites_department_id"][0],
                 row["pepites_department_id_count"]) for row in rows]

    def _kpi_offers_online(self):
        """Offers on the public board now (what ``/jobs`` lists), by département."""
        return self._board_offers_by_department()

    def _kpi_jobboard_live(self):
        """1 per département whose offers are on the public board now; the region's value is 1
        when any is (not the sum)."""
        rows = self._board_offers_by_department()
        values = {department_id: 1 for department_id, _count in rows if department_id}
        values[None] = 1 if rows else 0
        return values

    @api.model
    def _migrate_regional_scope_and_applications(self):
        """Databases made before 11.0.1.0.3 (issue 16): mark the shipped regional-only
        indicators as such (they are ``noupdate`` data), and make "Applications received
        through the JobBoard" count every application received, refused (archived) ones
        included, unless a manager changed its domain.

        :returns: the indicators marked regional
        """
        ids = [self.env.ref("pepites_kpi.indicator_%s" % code, raise_if_not_found=False)
               for code in REGIONAL_ONLY]
        regional = self.browse([record.id for record in ids if record])
        regional.write({"scope": "regional"})
        applications = self.env.ref("pepites_kpi.indicator_applications",
                                    raise_if_not_found=False)
        if applications and applications.domain == APPLICATIONS_BEFORE_ALL_RECEIVED:
            applications.write({"domain": APPLICATIONS_ALL_RECEIVED})
        return regional

    @api.model
    def _migrate_applications_stored_siae(self):
        """Databases made before 11.0.1.0.5 (issue 20): "Applications received through the
        JobBoard" reads the application's stored SIAE rather than its offer's (the same
        applications, one query without the list of every offer), unless a manager changed
        its domain.

        :returns: the indicator rewritten, or an empty recordset
        """
        applications = self.env.ref("pepites_kpi.indicator_applications",
                                    raise_if_not_found=False)
        if not applications or applications.domain != APPLICATIONS_ALL_RECEIVED:
            return self.browse()
        applications.write({"domain": APPLICATIONS_STORED_SIAE})
        return applications

    @api.model
    def _migrate_plan_definitions(self):
        """Databases made before 11.0.1.0.4 (issue 17): the five definitions fixed to the plan
        (PLAN_DEFINITIONS), for the shipped indicators whose domain is still the one shipped;
        their old translations go (the addon's fr.po, loaded after the migrations, gives the
        new ones).

        :returns: the indicators rewritten
        """
        rewritten = self.browse()
        for code, (old_domain, values) in PLAN_DEFINITIONS.items():
            indicator = self.env.ref("pepites_kpi.indicator_%s" % code, raise_if_not_found=False)
            if not indicator or indicator.domain != old_domain:
                continue
            indicator.write(values)
            rewritten |= indicator
        self.env["ir.translation"].search([
            ("type", "=", "model"), ("res_id", "in", rewritten.ids),
            ("name", "in", ["pepites.kpi.indicator,%s" % name
                            for name in ("name", "description", "unit")])]).unlink()
        return rewritten

    @api.model
    def _migrate_offers_published_to_siae_offers(self):
        """Make the shipped "Job offers published" of a database made before 11.0.1.0.1 count
        the offers of a SIAE only (a position of INAÉ itself, never on the board, was counted);
        it stays dated by publication, the programme's yearly figure. A definition a manager
        changed is left alone. (The live count, what ``/jobs`` lists, is the new indicator
        "Job offers online now", created by the data file.)

        :returns: the indicator rewritten, or an empty recordset
        """
        indicator = self.env.ref("pepites_kpi.indicator_offers_published",
                                 raise_if_not_found=False)
        if not indicator or any(indicator[name] != value for name, value
                                in OFFERS_PUBLISHED_BEFORE_BOARD_RULE.items()):
            return self.browse()
        indicator.write({
            "domain": "[('date_published', '!=', False), ('siae_id', '!=', False)]",
            "description": "Offers of SIAE published on the JobBoard, dated by their "
                           "publication: a year's figure is that year's publications, expired "
                           "or filled ones included (2021 baseline: more than 420 a year).",
        })
        # the translations of the old description go: the addon's fr.po, loaded after the
        # migrations of an update, gives the new one
        self.env["ir.translation"].search([
            ("type", "=", "model"), ("name", "=", "pepites.kpi.indicator,description"),
            ("res_id", "=", indicator.id)]).unlink()
        return indicator
