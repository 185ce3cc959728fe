#!/usr/bin/env python
"""Benchmark of pepites_kpi (issue #7, "Speed"): every indicator with its département breakdown,
on a generated dataset of 100,000 source records, versus the equivalent hand-written SQL counts
in the same run (target: <= 3x).

Usage: .venv/bin/python bench/bench_kpi.py [--n 100000] [--keep] [--db GENERATED_DB]
It copies the test template into a scratch database, installs pepites_kpi (no demo), generates
the records with the benchmark generator (bench/generate.py, ``kpi_sources``), measures, and
drops the database. With ``--db`` (``make bench``) it measures a database populated by the
generator.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import generate  # noqa: E402

#: the same figures, written by hand as an analyst would in psql
RAW_SQL = {
    "cep_acculturated": """SELECT department_id, count(*) FROM res_partner
        WHERE active AND is_cep_counsellor AND cep_acculturation_state = 'acculturated'
        GROUP BY department_id""",
    "partners_engaged": """SELECT p.department_id, count(DISTINCT p.id) FROM res_partner p
        JOIN pepites_partner_role_res_partner_rel r ON r.partner_id = p.id
        WHERE p.active AND p.is_company GROUP BY p.department_id""",
    "partnerships": """SELECT department_id, count(*) FROM pepites_partnership
        WHERE state IN ('active', 'done') GROUP BY department_id""",
    "durable_exits": """SELECT p.department_id, sum(p.durable_exit_count) FROM pepites_partnership p
        JOIN pepites_sector s ON s.id = p.sector_id
        WHERE s.code IN ('autonomie', 'circular', 'reuse', 'dismantling') GROUP BY p.department_id""",
    "ambassadors": """SELECT department_id, count(*) FROM pepites_ambassador
        WHERE active AND trained_on IS NOT NULL GROUP BY department_id""",
    "ambassador_departments": """SELECT count(DISTINCT department_id) FROM pepites_ambassador
        WHERE active""",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=None,
                        help="source records (default: 100,000 x PEPITES_BENCH_SCALE)")
    parser.add_argument("--db", help="a database populated by generate.py (nothing generated)")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    n = args.n or generate.scaled("kpi_sources", float(os.environ.get("PEPITES_BENCH_SCALE", "1")))
    db = args.db or "bench_kpi"
    config = benchlib.write_config("kpi", db, benchlib.free_port())
    if not args.db:
        benchlib.prepare_scratch_db(db, config, "pepites_kpi")
    import odoo
    with benchlib.registry_on(config, db) as registry, registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        if not args.db:
            generate.kpi_sources(cr, n)
            cr.execute("ANALYZE")
        cr.execute("""SELECT (SELECT count(*) FROM res_partner WHERE is_cep_counsellor),
                             (SELECT count(*) FROM pepites_partnership),
                             (SELECT count(*) FROM pepites_ambassador)""")
        counts = dict(zip(("counsellors", "partnerships", "ambassadors"), cr.fetchone()))
        n = sum(counts.values())
        # the indicators that have a hand-written twin (other addons add more indicators)
        indicators = env["pepites.kpi.indicator"].search([("code", "in", list(RAW_SQL))])

        def orm():
            env.clear()
            indicators._values_by_department()

        def raw():
            for sql in RAW_SQL.values():
                cr.execute(sql)
                cr.fetchall()

        engine_time = benchlib.median_seconds(orm, repeat=5)
        raw_time = benchlib.median_seconds(raw, repeat=5)
        covered = [i.code for i in indicators if i.code in RAW_SQL]
        values = indicators._values_by_department()
        check = {}
        for indicator in indicators:
            if indicator.code in ("cep_acculturated", "partnerships", "durable_exits"):
                cr.execute(RAW_SQL[indicator.code])
                check[indicator.code] = (values[indicator.id][None],
                                         sum(row[1] or 0 for row in cr.fetchall()))
        cr.rollback()
    if not args.keep and not args.db:
        benchlib.drop_db(db)
    print("\n## KPI: all indicators by département, %d source records (%s)\n"
          % (n, ", ".join("%s %d" % item for item in sorted(counts.items()))))
    print(benchlib.table([
        ("%d indicators, engine (one grouped query each)" % len(indicators),
         "%.1f ms" % (engine_time * 1000), "%.1f ms (raw SQL, %d queries)" % (raw_time * 1000, len(RAW_SQL)),
         "%.2fx (target <= 3x)" % (engine_time / raw_time)),
    ]))
    print("\nIndicators with a hand-written SQL twin: %s; engine vs SQL totals: %s"
          % (", ".join(covered), ", ".join("%s %g = %g" % (k, v[0], v[1]) for k, v in sorted(check.items()))))


if __name__ == "__main__":
    main()
