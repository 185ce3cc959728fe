#!/usr/bin/env python
"""Benchmark of the retention cron of issue 15 (not a test): one run of
``pepites.retention.rule._cron_apply`` on a database populated by ``bench/generate.py``.

Two measures, each in a transaction rolled back afterwards (the database is left as it was; the
files the run erases are written back by the rollback, see ``_pepites_unlink_files``):

- *as configured*: the default terms (on fresh generated data, little or nothing is due: this
  is the daily cost of finding nothing, one grouped query per category and model);
- *everything due*: every term set to one month first, so that nearly every record of the
  generated region is anonymised by the one run (the worst day).

Usage: .venv/bin/python bench/bench_retention.py [--db GENERATED_DB] [--scale 0.1] [--keep]
Without ``--db`` it copies the test template into a scratch database, installs pepites_kpi (no
demo), generates the region at ``--scale`` and drops it afterwards.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import generate  # noqa: E402


def timed_run(registry, all_due):
    """(seconds, records anonymised, files removed, per-category counts) of one cron run."""
    import odoo
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        if all_due:
            env["pepites.retention.rule"].search([]).write({"months": 1})
        start = time.perf_counter()
        run = env["pepites.retention.rule"]._cron_apply()
        env["pepites.retention.rule"].recompute()
        seconds = time.perf_counter() - start
        lines = [(line.code, line.record_count, line.file_count) for line in run.line_ids]
        result = (seconds, run.record_count, run.file_count, lines, run.errors)
        cr.rollback()
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="a database populated by generate.py (nothing generated)")
    parser.add_argument("--scale", type=float,
                        default=float(os.environ.get("PEPITES_BENCH_SCALE", "0.1")))
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    db = args.db or "bench_retention"
    config = benchlib.write_config("retention", db, benchlib.free_port())
    if not args.db:
        benchlib.prepare_scratch_db(db, config, "pepites_kpi")
    import odoo
    with benchlib.registry_on(config, db) as registry:
        if not args.db:
            with registry.cursor() as cr:
                generate.generate(odoo.api.Environment(cr, odoo.SUPERUSER_ID, {}), args.scale)
                cr.commit()
        rows = []
        for label, all_due in (("as configured", False), ("everything due", True)):
            seconds, records, files, lines, errors = timed_run(registry, all_due)
            rows.append(("cron run, %s" % label, "%.1f s" % seconds,
                         "%d records, %d files" % (records, files),
                         "%.2f ms/record" % (seconds * 1000 / records) if records else "-"))
            print("%s: %s%s" % (label, ", ".join("%s %d/%d" % line for line in lines),
                                "; errors: %s" % errors if errors else ""))
    if not args.keep and not args.db:
        benchlib.drop_db(db)
    print("\n## Retention cron (issue 15)\n")
    print(benchlib.table(rows, header=("measure", "time", "anonymised", "per record")))


if __name__ == "__main__":
    main()
