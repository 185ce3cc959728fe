#!/usr/bin/env python
"""Benchmark of PEPITES' pages at region scale (issue #20, "Pages at region scale"): on the
generated database (bench/generate.py: 20,000 offers, 100,000 KPI source records), each page
against a baseline measured in the same run, and the SQL queries each request makes:

1. public and portal pages versus ``GET /web/login`` (goal <= 3x): ``/jobs`` (first page), a
   filtered ``/jobs`` page (département + SIAE kind + contract type + a text search), an offer
   page, ``/my/offers`` of a SIAE user whose SIAE has 500 offers;
2. the back-office offer list versus a stock ``hr.job`` list (goal <= 2x): 80 rows of
   ``/web/dataset/search_read`` as the web client calls it for the "Job offers" action's tree
   view (its fields, its domain, its default filter), logged in as INAÉ staff, and the same list
   searched (an offer name and the "Published" filter); each baseline is the same call with
   the stock tree view's fields (hr.view_hr_job_tree);
3. the KPI dashboard (the "Indicators" action: a kanban grouped by action sheet, every
   indicator over the 100,000 source records) as the web client loads it — the ``read_group``
   of its columns, then one ``search_read`` per column — as INAÉ staff (goal <= 1 s).

Every measure is the median of ``--rounds`` interleaved rounds (each round calls every page once,
in turn), so that the load of the shared machine weighs on all alike; the first round warms the
caches and is not counted. SQL queries are counted per request with Odoo's connection-level
counter (``odoo.sql_db.sql_counter``, summed when a cursor closes): they say what to fix.

Odoo serves from a threaded server in this process (``workers = 0``, like bench_proxy.py).

Usage (from the repository root, after `make test` built the test template once):

    .venv/bin/python bench/bench_pages.py [--db GENERATED_DB] [--rounds 15] [--keep]

With ``--db`` (``make bench``) it measures a database populated by the generator; otherwise it
copies the test template into a scratch database, installs the five addons, generates one
region (PEPITES_BENCH_SCALE), measures and drops it. It commits two users (a SIAE user, an
INAÉ staff member, kept for the next run) and grows one SIAE to 500 offers (the added offers
are deleted at the end).
"""
import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import generate  # noqa: E402

ROOT = benchlib.ROOT
os.environ.setdefault("NODE_PATH", "/usr/share/nodejs")

PASSWORD = "Bench-Pages-2026!"
SIAE_LOGIN = "bench.pages.siae@example.org"
STAFF_LOGIN = "bench.pages.staff@example.org"
SIAE_OFFERS = 500
#: the fields of the stock job positions' list (hr.view_hr_job_tree)
STOCK_TREE_FIELDS = ["name", "department_id", "no_of_employee", "no_of_recruitment",
                     "expected_employees", "no_of_hired_employee", "state",
                     "message_needaction"]
#: the kanban fields of the KPI dashboard (pepites_kpi.pepites_kpi_indicator_view_kanban)
DASHBOARD_FIELDS = ["name", "value", "target", "progress", "unit", "scope", "sheet_number"]
#: the goals of the issue, per group of pages
GOALS = {"public": 3.0, "backoffice": 2.0, "dashboard": 1.0}


class Client(object):
    """A browser's session on the in-process server: GETs pages, calls JSON-RPC like the web
    client."""

    def __init__(self, base, db):
        import requests
        self.base, self.db = base, db
        self.http = requests.Session()

    def get(self, path):
        response = self.http.get(self.base + path, timeout=300)
        assert response.status_code == 200, (path, response.status_code, response.text[:300])
        return response

    def rpc(self, path, params):
        response = self.http.post(self.base + path, timeout=300, json={
            "jsonrpc": "2.0", "method": "call", "id": 1, "params": params})
        assert response.status_code == 200, (path, response.status_code)
        data = response.json()
        assert "error" not in data, (path, data.get("error"))
        return data["result"]

    def login(self, login, uid):
        """Log in through the login form, as a person does (the JSON ``authenticate`` answers
        with the web client's session info, which portal users may not read)."""
        import re
        page = self.get("/web/login").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        response = self.http.post(self.base + "/web/login", timeout=300, data={
            "login": login, "password": PASSWORD, "csrf_token": token, "db": self.db})
        # a logged-in user is sent on by a script (redirect_with_hash), a refusal shows the form
        assert response.status_code == 200 and "window.location" in response.text, (
            login, response.status_code, response.text[:300])
        self.context = {"lang": "fr_FR", "tz": "Europe/Paris", "uid": uid}
        return self


def action_view(env, xmlid, view_type):
    """(domain, context, fields) of the ``view_type`` view of the window action ``xmlid``, as the
    web client reads them (the fields of the view's arch)."""
    from odoo.tools.safe_eval import safe_eval
    action = env.ref(xmlid)
    view = dict((mode, view_id) for view_id, mode in action.views)[view_type]
    result = env[action.res_model].fields_view_get(view_id=view, view_type=view_type)
    from lxml import etree
    arch = etree.fromstring(result["arch"])
    fields = []
    for node in arch.iter("field"):
        if node.get("name") not in fields and node.getparent().tag != "templates" \
                and not any(a.tag == "templates" for a in node.iterancestors()):
            fields.append(node.get("name"))
    return safe_eval(action.domain or "[]"), safe_eval(action.context or "{}"), fields


def search_filter_domain(env, search_xmlid, name):
    """The domain of the filter ``name`` of the search view ``search_xmlid``."""
    from lxml import etree
    from odoo.tools.safe_eval import safe_eval
    import datetime
    view = env.ref(search_xmlid)
    arch = etree.fromstring(view.read_combined(["arch"])["arch"])
    node = arch.xpath("//filter[@name='%s']" % name)[0]
    return safe_eval(node.get("domain"), {"context_today": datetime.date.today,
                                          "datetime": datetime})


def ensure_users(env):
    """The SIAE user (of the SIAE with the most offers) and the INAÉ staff user; return
    ``(SIAE partner, SIAE user id, staff user)``."""
    Users = env["res.users"].with_context(no_reset_password=True, mail_create_nolog=True,
                                          tracking_disable=True)
    siae_user = Users.search([("login", "=", SIAE_LOGIN)])
    if siae_user:
        siae = siae_user.partner_id.commercial_partner_id
    else:
        env.cr.execute("""SELECT siae_id FROM hr_job WHERE siae_id IS NOT NULL
                           GROUP BY siae_id ORDER BY count(*) DESC, siae_id LIMIT 1""")
        siae = env["res.partner"].browse(env.cr.fetchone()[0])
        person = env["res.partner"].create({"name": "Claire Banc (SIAE)", "parent_id": siae.id,
                                            "email": SIAE_LOGIN})
        siae_user = Users.create({
            "login": SIAE_LOGIN, "password": PASSWORD, "partner_id": person.id, "lang": "fr_FR",
            "groups_id": [(6, 0, [env.ref("base.group_portal").id,
                                  env.ref("pepites_partners.group_pepites_siae").id])]})
    staff = Users.search([("login", "=", STAFF_LOGIN)])
    if not staff:
        staff = Users.create({
            "login": STAFF_LOGIN, "password": PASSWORD, "name": "Inès Banc (INAÉ)",
            "email": STAFF_LOGIN, "lang": "fr_FR",
            "groups_id": [(6, 0, [env.ref("pepites_partners.group_pepites_user").id])]})
    return siae, siae_user.id, staff


def grow_siae(cr, siae_id, total):
    """Give the SIAE ``total`` offers (the generator's, as the portal creates them); return the
    ids of the offers added."""
    cr.execute("SELECT count(*) FROM hr_job WHERE siae_id = %s", (siae_id,))
    missing = total - cr.fetchone()[0]
    if missing <= 0:
        return []
    return generate.offers(cr, generate.Refs(cr), missing, [siae_id])


def remove_offers(cr, job_ids):
    """Delete the offers :func:`grow_siae` added (with their alias and translation)."""
    if not job_ids:
        return
    cr.execute("SELECT alias_id FROM hr_job WHERE id = ANY(%s)", (job_ids,))
    alias_ids = [row[0] for row in cr.fetchall()]
    cr.execute("DELETE FROM ir_translation WHERE type = 'model' AND name = 'hr.job,name' "
               "AND res_id = ANY(%s)", (job_ids,))
    cr.execute("DELETE FROM hr_job WHERE id = ANY(%s)", (job_ids,))
    cr.execute("DELETE FROM mail_alias WHERE id = ANY(%s)", (alias_ids,))


def measure(calls, rounds):
    """Interleaved rounds of ``calls`` ({label: function}); return {label: (median seconds,
    median SQL queries)} over the rounds after the first."""
    import odoo
    times = {label: [] for label in calls}
    queries = {label: [] for label in calls}
    for _ in range(rounds + 1):
        for label, call in calls.items():
            before = odoo.sql_db.sql_counter
            start = time.perf_counter()
            call()
            times[label].append(time.perf_counter() - start)
            queries[label].append(odoo.sql_db.sql_counter - before)
    return {label: (statistics.median(times[label][1:]), statistics.median(queries[label][1:]))
            for label in calls}


def dashboard_call(client, domain, fields, groupby, context):
    """The grouped kanban as the web client loads it: its columns, then the cards of each."""
    def call():
        groups = client.rpc("/web/dataset/call_kw/pepites.kpi.indicator/read_group", {
            "model": "pepites.kpi.indicator", "method": "read_group", "args": [],
            "kwargs": {"domain": domain, "fields": sorted(set(fields) | {groupby}),
                       "groupby": [groupby],
                       "lazy": True, "orderby": "", "context": context}})
        for group in groups:
            client.rpc("/web/dataset/search_read", {
                "model": "pepites.kpi.indicator", "fields": fields, "domain": group["__domain"],
                "context": context, "offset": 0, "limit": 40, "sort": ""})
        return groups
    return call


def list_call(client, domain, fields, context, limit=80):
    def call():
        return client.rpc("/web/dataset/search_read", {
            "model": "hr.job", "fields": fields, "domain": domain, "context": context,
            "offset": 0, "limit": limit, "sort": ""})
    return call


def row(label, value, base, goal, unit="ratio"):
    (seconds, queries), (base_seconds, base_queries) = value, base
    if unit == "absolute":
        verdict = "%.2f s: %s (goal <= %g s)" % (seconds, "met" if seconds <= goal else
                                                   "**missed**", goal)
    else:
        ratio = seconds / base_seconds
        verdict = "%.2fx: %s (goal <= %gx)" % (ratio, "met" if ratio <= goal else "**missed**",
                                                goal)
    return (label, "%.1f ms, %d queries" % (seconds * 1000, queries),
            "%.1f ms, %d queries" % (base_seconds * 1000, base_queries), verdict)


def setup(env, port):
    """Commit what the measure needs; return a dict of it (``added``: the offers to delete)."""
    cr = env.cr
    env["ir.config_parameter"].set_param("web.base.url", "http://127.0.0.1:%d" % port)
    siae, siae_user_id, staff = ensure_users(env)
    added = grow_siae(cr, siae.id, SIAE_OFFERS)
    cr.commit()
    prepared = {"added": added, "siae_user_id": siae_user_id, "staff_id": staff.id}
    cr.execute("SELECT count(*) FROM hr_job WHERE siae_id IS NOT NULL")
    prepared["offer_count"] = cr.fetchone()[0]
    cr.execute("SELECT count(*) FROM hr_job WHERE siae_id = %s", (siae.id,))
    prepared["siae_offers"] = cr.fetchone()[0]
    # an offer on the board and its département
    cr.execute("""SELECT j.id, d.code FROM hr_job j
                    JOIN pepites_department d ON d.id = j.pepites_department_id
                   WHERE j.pepites_state = 'published' AND j.website_published
                     AND j.siae_id IS NOT NULL ORDER BY j.id LIMIT 1""")
    prepared["offer_id"], prepared["department"] = cr.fetchone()
    staff_env = env(user=staff.id, context={"lang": "fr_FR"})
    domain, prepared["list_context"], prepared["list_fields"] = action_view(
        staff_env, "pepites_jobs.hr_job_pepites_action", "tree")
    # the action's default filter ("Not archived"), then a name searched with "Published"
    search_view = "pepites_jobs.hr_job_pepites_view_search"
    prepared["list_domain"] = domain + search_filter_domain(env, search_view, "not_archived")
    prepared["searched_domain"] = prepared["list_domain"] + [("name", "ilike", "insertion 21")] \
        + search_filter_domain(env, search_view, "published")
    prepared["dash_domain"], _context, fields = action_view(
        staff_env, "pepites_kpi.pepites_kpi_indicator_action", "kanban")
    prepared["dash_fields"] = [name for name in fields if name in DASHBOARD_FIELDS] or fields
    prepared["indicator_count"] = env["pepites.kpi.indicator"].search_count([])
    cr.execute("""SELECT (SELECT count(*) FROM res_partner WHERE is_cep_counsellor)
                       + (SELECT count(*) FROM pepites_partnership)
                       + (SELECT count(*) FROM pepites_ambassador)""")
    prepared["kpi_sources"] = cr.fetchone()[0]
    return prepared


def run(db, port, setup, rounds):
    """Serve ``db``, log the users in, measure; return {group: {label: (s, queries)}}."""
    benchlib.serve_in_process(port)
    base = "http://127.0.0.1:%d" % port
    visitor = Client(base, db)
    siae_client = Client(base, db).login(SIAE_LOGIN, setup["siae_user_id"])
    staff = Client(base, db).login(STAFF_LOGIN, setup["staff_id"])
    context = dict(staff.context, **setup["list_context"])
    fields, domain, searched = (setup["list_fields"], setup["list_domain"],
                                setup["searched_domain"])
    offer_path = "/jobs/detail/offre-%d" % setup["offer_id"]
    filtered = "/jobs?department=%s&siae_kind=aci&contract_type=cdi&search=insertion" \
        % setup["department"]
    results = {"public": measure({
        "/web/login": lambda: visitor.get("/web/login"),
        "/jobs": lambda: visitor.get("/jobs"),
        "/jobs filtered": lambda: visitor.get(filtered),
        "offer page": lambda: visitor.get(offer_path),
        "/my/offers": lambda: siae_client.get("/my/offers"),
    }, rounds)}
    results["backoffice"] = measure({
        "list": list_call(staff, domain, fields, context),
        "list stock": list_call(staff, domain, STOCK_TREE_FIELDS, context),
        "search": list_call(staff, searched, fields, context),
        "search stock": list_call(staff, searched, STOCK_TREE_FIELDS, context),
    }, rounds)
    results["dashboard"] = measure({
        "dashboard": dashboard_call(staff, setup["dash_domain"], setup["dash_fields"],
                                    "action_sheet", staff.context),
        "/web/login": lambda: visitor.get("/web/login"),
    }, max(5, rounds // 3))
    setup["rows_found"] = len(list_call(staff, domain, fields, context)()["records"])
    setup["searched"] = list_call(staff, searched, fields, context)()["length"]
    return results


def report(setup, results, rounds):
    public, backoffice, dashboard = (results["public"], results["backoffice"],
                                     results["dashboard"])
    login = public["/web/login"]
    print("\n## Pages at region scale: %d offers, a SIAE with %d, %d KPI source records "
          "(median of %d interleaved rounds)\n" % (
              setup["offer_count"], setup["siae_offers"], setup["kpi_sources"], rounds))
    print(benchlib.table([
        row("`/jobs`, first page (20 offers)", public["/jobs"], login, GOALS["public"]),
        row("`/jobs` filtered: département, SIAE kind, contract, text", public["/jobs filtered"],
            login, GOALS["public"]),
        row("offer page `/jobs/detail/...`", public["offer page"], login, GOALS["public"]),
        row("`/my/offers` of a SIAE with %d offers (SIAE user)" % setup["siae_offers"],
            public["/my/offers"], login, GOALS["public"]),
        row("back office: offer list, %d rows with the list's %d fields (INAÉ staff)"
            % (setup["rows_found"], len(setup["list_fields"])), backoffice["list"],
            backoffice["list stock"], GOALS["backoffice"]),
        row("back office: list searched (name + \"Published\", %d matches)" % setup["searched"],
            backoffice["search"], backoffice["search stock"], GOALS["backoffice"]),
        row("KPI dashboard: %d indicators by action sheet (INAÉ staff)"
            % setup["indicator_count"], dashboard["dashboard"], dashboard["/web/login"],
            GOALS["dashboard"], "absolute"),
    ], header=("page", "time, SQL queries", "baseline (same run)", "ratio / goal")))
    print("\nBaselines: `GET /web/login` for the public and portal pages (and beside the "
          "dashboard); for the back office the same `/web/dataset/search_read` with the stock "
          "job positions' list fields (%s)." % ", ".join(STOCK_TREE_FIELDS))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="a database populated by generate.py (nothing generated)")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()
    sys.path.insert(0, ROOT)
    db = args.db or "bench_pages"
    port = benchlib.free_port()
    config = benchlib.write_config("pages", db, port)
    if not args.db:
        benchlib.prepare_scratch_db(db, config, generate.ADDONS)
    import odoo
    try:
        with benchlib.registry_on(config, db) as registry:
            with registry.cursor() as cr:
                env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
                if not args.db:
                    generate.generate(env, float(os.environ.get("PEPITES_BENCH_SCALE", "1")))
                    cr.commit()
                prepared = setup(env, port)
            try:
                # as autovacuum leaves a table after such a load: statistics and visibility map
                benchlib.psql("VACUUM ANALYZE hr_job", db=db)
                benchlib.psql("ANALYZE", db=db)
                results = run(db, port, prepared, args.rounds)
            finally:
                with registry.cursor() as cr:
                    remove_offers(cr, prepared["added"])
    finally:
        os.unlink(config)
        if not args.db and not args.keep:
            benchlib.drop_db(db)
    report(prepared, results, args.rounds)


if __name__ == "__main__":
    main()
