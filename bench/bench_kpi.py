#!/usr/bin/env python
"""Benchmark of pepites_kpi (issue #7, "Speed"): every indicator with its département breakdown,
on a generated dataset of 100,000 source records, versus the equivalent hand-written SQL counts
in the same run (target: <= 3x).

Usage: .venv/bin/python bench/bench_kpi.py [--n 100000] [--keep]
It copies the test template into a scratch database, installs pepites_kpi (no demo), generates
the records with SQL, measures, and drops the database.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

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


def generate(cr, n):
    """n source records: 60 % counsellors, 35 % partnerships, 5 % ambassadors (with their people)."""
    counsellors, partnerships = int(n * 0.6), int(n * 0.35)
    ambassadors = n - counsellors - partnerships
    cr.execute("SELECT array_agg(id) FROM pepites_department")
    deps = cr.fetchone()[0]
    cr.execute("SELECT array_agg(id) FROM pepites_sector")
    sectors = cr.fetchone()[0]
    cr.execute("""
        INSERT INTO res_partner (name, display_name, active, is_company, type, is_cep_counsellor,
                                 cep_acculturation_state, cep_acculturation_date, department_id)
        SELECT 'Conseiller ' || i, 'Conseiller ' || i, true, false, 'contact', true,
               CASE WHEN i %% 3 = 0 THEN 'acculturated' ELSE 'none' END,
               CASE WHEN i %% 3 = 0 THEN date '2024-01-01' + (i %% 900) END,
               (%s::int[])[1 + i %% 12]
        FROM generate_series(1, %s) i""", (deps, counsellors))
    cr.execute("""
        INSERT INTO pepites_partnership (name, sector_id, department_id, stage, state, date_start,
                                         durable_exit_count)
        SELECT 'Partenariat ' || i, (%s::int[])[1 + i %% array_length(%s::int[], 1)],
               (%s::int[])[1 + i %% 12], 'experiment',
               (ARRAY['draft', 'active', 'done', 'cancelled'])[1 + i %% 4],
               date '2023-01-01' + (i %% 1000), i %% 7
        FROM generate_series(1, %s) i""", (sectors, sectors, deps, partnerships))
    cr.execute("""
        WITH people AS (
            INSERT INTO res_partner (name, display_name, active, is_company, type)
            SELECT 'Ambassadeur ' || i, 'Ambassadeur ' || i, true, false, 'contact'
            FROM generate_series(1, %s) i RETURNING id)
        INSERT INTO pepites_ambassador (partner_id, department_id, active, trained_on)
        SELECT id, (%s::int[])[1 + id %% 12], true,
               CASE WHEN id %% 2 = 0 THEN date '2025-01-01' + (id %% 300) END
        FROM people""", (ambassadors, deps))
    return {"counsellors": counsellors, "partnerships": partnerships, "ambassadors": ambassadors}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100000)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    db = "pepites_bench_kpi"
    config = benchlib.write_config("kpi", db, benchlib.free_port())
    benchlib.prepare_scratch_db(db, config, "pepites_kpi")
    import odoo
    with benchlib.registry_on(config, db) as registry, registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        counts = generate(cr, args.n)
        cr.execute("ANALYZE")
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
    if not args.keep:
        benchlib.drop_db(db)
    print("\n## KPI: all indicators by département, %d source records (%s)\n"
          % (args.n, ", ".join("%s %d" % item for item in sorted(counts.items()))))
    print(benchlib.table([
        ("%d indicators, engine (one grouped query each)" % len(indicators),
         "%.1f ms" % (engine_time * 1000), "%.1f ms (raw SQL, %d queries)" % (raw_time * 1000, len(RAW_SQL)),
         "%.2fx (target <= 3x)" % (engine_time / raw_time)),
    ]))
    print("\nIndicators with a hand-written SQL twin: %s; engine vs SQL totals: %s"
          % (", ".join(covered), ", ".join("%s %g = %g" % (k, v[0], v[1]) for k, v in sorted(check.items()))))


if __name__ == "__main__":
    main()
