#!/usr/bin/env python
"""Benchmark of the audit trail (issue 15, "Speed"): what logging reads costs INAÉ staff in the
back office — the applicants' list (one page, 80 rows) and an applicant's form, read as a staff
member with the fields of their views — without the trail, with PEPITES' read logging (one row
per record read, one insert per call) and with OCA auditlog's own read wrapper (a row per
record and a line per field read, through the ORM), for comparison.

Usage: .venv/bin/python bench/bench_audit.py [--applicants 2000] [--rounds 11] [--keep]
       [--db GENERATED_DB]
It copies the test template into a scratch database, installs pepites_jobs (no demo), generates
SIAE, people, offers and applicants with the benchmark generator (bench/generate.py), measures,
and drops the database. With ``--db`` it measures a database populated by the generator. Every
measured call is rolled back: the trail's entries are not kept.
"""
import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import generate  # noqa: E402

#: rows of a list page in the back office
PAGE = 80


def populate(cr, applicants):
    """SIAE, people, offers and ``applicants`` applications (multi-row SQL)."""
    refs = generate.Refs(cr)
    siae_ids = generate.siae(cr, refs, 40)
    person_ids = generate.people(cr, refs, applicants, siae_ids)
    job_ids = generate.offers(cr, refs, max(1, applicants // 10), siae_ids)
    generate.applicants(cr, refs, applicants, job_ids, person_ids)
    generate.fix_partners(cr)
    cr.execute("ANALYZE")


def set_mode(env, mode, rule):
    """Install the read wrapper of ``mode`` on hr.applicant: ``off`` (no read logging),
    ``pepites`` or ``oca`` (auditlog's own wrapper)."""
    from odoo.addons.auditlog.models.rule import AuditlogRule as OcaRule
    Applicant = env["hr.applicant"]
    if getattr(type(Applicant), "auditlog_ruled_read", False):
        Applicant._revert_method("read")
        delattr(type(Applicant), "auditlog_ruled_read")
    if mode != "off":
        wrapper = rule._make_read() if mode == "pepites" else OcaRule._make_read(rule)
        Applicant._patch_method("read", wrapper)
        setattr(type(Applicant), "auditlog_ruled_read", True)


def measure(env, staff, rule, modes, rounds):
    """Median seconds of the list page and of the form, read as ``staff``, per mode; the
    modes alternate within each round, so that a change of the machine's load hits them all.

    :return: ``{mode: (list seconds, form seconds)}``, and the numbers of fields read
    """
    as_staff = env["hr.applicant"].sudo(staff)
    list_fields = list(as_staff.fields_view_get(view_type="tree")["fields"])
    form_fields = list(as_staff.fields_view_get(view_type="form")["fields"])
    record = as_staff.search([], limit=1)
    cr = env.cr

    def timed(function):
        env.clear()
        cr.execute("SAVEPOINT bench_audit")
        start = time.perf_counter()
        function()
        seconds = time.perf_counter() - start
        cr.execute("ROLLBACK TO SAVEPOINT bench_audit")
        return seconds

    times = {mode: ([], []) for mode in modes}
    for round_ in range(rounds + 1):
        for mode in modes:
            set_mode(env, mode, rule)
            listing = timed(lambda: as_staff.search_read([], list_fields, limit=PAGE))
            form = timed(lambda: record.read(form_fields))
            if round_:  # the first round warms the caches
                times[mode][0].append(listing)
                times[mode][1].append(form)
    set_mode(env, "pepites", rule)  # leave the registry as installed
    medians = {mode: (statistics.median(lists), statistics.median(forms))
               for mode, (lists, forms) in times.items()}
    return medians, len(list_fields), len(form_fields)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--applicants", type=int, default=2000)
    parser.add_argument("--db", help="a database populated by generate.py (nothing generated)")
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    db = args.db or "bench_audit"
    config = benchlib.write_config("audit", db, benchlib.free_port())
    if not args.db:
        benchlib.prepare_scratch_db(db, config, "pepites_jobs")
    import odoo
    with benchlib.registry_on(config, db) as registry, registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        if not args.db:
            populate(cr, args.applicants)
            cr.commit()  # kept with --keep, to measure again with --db
        staff = env["res.users"].with_context(no_reset_password=True).create({
            "name": "Bench staff", "login": "bench_audit_staff",
            "groups_id": [(6, 0, [env.ref("pepites_partners.group_pepites_user").id])]})
        rule = env.ref("pepites_jobs.auditlog_rule_hr_applicant")
        cr.execute("SELECT count(*) FROM hr_applicant")
        count = cr.fetchone()[0]
        results, list_count, form_count = measure(
            env, staff, rule, ("off", "pepites", "oca"), args.rounds)
        cr.rollback()
    if not args.keep and not args.db:
        benchlib.drop_db(db)
    off, pepites, oca = results["off"], results["pepites"], results["oca"]
    print("\n## Audit trail: reads of applicants as INAÉ staff (%d applicants)\n" % count)
    print(benchlib.table([
        ("list page, %d rows, %d fields (search_read), PEPITES read log" % (PAGE, list_count),
         "%.1f ms" % (pepites[0] * 1000), "%.1f ms (no read log)" % (off[0] * 1000),
         "%.2fx" % (pepites[0] / off[0])),
        ("form, %d fields (read), PEPITES read log" % form_count,
         "%.1f ms" % (pepites[1] * 1000), "%.1f ms (no read log)" % (off[1] * 1000),
         "%.2fx" % (pepites[1] / off[1])),
        ("list page, OCA auditlog's own read log (for comparison)",
         "%.1f ms" % (oca[0] * 1000), "%.1f ms (no read log)" % (off[0] * 1000),
         "%.2fx" % (oca[0] / off[0])),
        ("form, OCA auditlog's own read log (for comparison)",
         "%.1f ms" % (oca[1] * 1000), "%.1f ms (no read log)" % (off[1] * 1000),
         "%.2fx" % (oca[1] / off[1])),
    ]))


if __name__ == "__main__":
    main()
