#!/usr/bin/env python
"""Benchmark of the SIAE import of issue 18 (not a test): a data·inclusion ``structures`` file
of N rows (default 2,000, goal <= 10 s) imported by ``res.partner.pepites_import_structures``
as INAÉ staff run it (audit trail on), then the same file again (every row unchanged), and,
to compare, ``res.partner.create`` called row by row (the path the import took before its bulk
create path, and the one it falls back to) on a sample of the rows.

Each run is in a transaction rolled back afterwards. The file is generated here: N SIAE with
valid SIRET spread over the 12 départements, a CSV separated by ``;`` (the JSON reader costs
the same). Unlike a test database, Odoo generates the default image of each partner that
``res.partner.create`` makes (the bulk path makes none, see models/res_partner_bulk_create.py).

Usage: .venv/bin/python bench/bench_import.py [--n 2000] [--sample 50] [--profile] [--db DB]
       [--keep]
``--profile`` prints cProfile's top functions for the sample of row-by-row creates and for the
import. Each import also prints its CPU time (this process and its PostgreSQL backend) and the
load average at its start: on a shared machine the wall-clock time follows the others' load.
Without ``--db`` it copies the test template into a scratch database, installs
pepites_partners (no demo) and drops it afterwards.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

DEPARTMENTS = ("16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87")
KINDS = ("aci", "ai", "ei", "etti", "eiti")
COLUMNS = ("source", "id", "nom", "siret", "adresse", "code_postal", "commune", "telephone",
           "courriel", "site_web", "description", "reseaux_porteurs", "date_maj")


def siret(number):
    from stdnum import luhn
    base = "8%07d" % number
    siren = base + luhn.calc_check_digit(base)
    nic = "%04d" % (number % 10 ** 4)
    return siren + nic + luhn.calc_check_digit(siren + nic)


def structures_csv(n):
    lines = [";".join(COLUMNS)]
    for number in range(n):
        dep = DEPARTMENTS[number % len(DEPARTMENTS)]
        lines.append(";".join((
            "bench", "s%d" % number, "Structure d'insertion %d" % number, siret(number),
            "%d rue de l'Insertion" % number, "%s100" % dep, "Commune %d" % number,
            "05 56 %02d %02d %02d" % (number % 100, number // 100 % 100, number % 97),
            "contact%d@example.org" % number, "https://siae%d.example.org" % number,
            "Chantier d'insertion numéro %d." % number,
            "inae|%s" % KINDS[number % len(KINDS)], "2026-11-01")))
    return ("\n".join(lines) + "\n").encode("utf-8")


def cpu_seconds(cr):
    """CPU seconds used so far by this process and by the PostgreSQL backend serving ``cr``
    (``/proc``: the cluster runs on this machine), or None for the backend when it cannot be
    read. On the shared machine the wall-clock time of a run grows with the others' load;
    the CPU time the import itself costs much less, so both are printed."""
    cr.execute("SELECT pg_backend_pid()")
    try:
        with open("/proc/%d/stat" % cr.fetchone()[0]) as handle:
            stat = handle.read().rsplit(")", 1)[1].split()
        backend = (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        backend = None
    return time.process_time(), backend


def cpu_text(before, after):
    """``"x.x s (Odoo a.a + PostgreSQL b.b)"`` between two :func:`cpu_seconds`."""
    odoo_cpu = after[0] - before[0]
    if before[1] is None or after[1] is None:
        return "%.1f s (Odoo only)" % odoo_cpu
    pg_cpu = after[1] - before[1]
    return "%.1f s (Odoo %.1f + PostgreSQL %.1f)" % (odoo_cpu + pg_cpu, odoo_cpu, pg_cpu)


def profiled(enabled, function):
    """``function()``'s result and seconds; with ``enabled``, print cProfile's top lines."""
    import cProfile
    import pstats
    profile = cProfile.Profile() if enabled else None
    start = time.perf_counter()
    if profile:
        profile.enable()
    result = function()
    if profile:
        profile.disable()
    seconds = time.perf_counter() - start
    if profile:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(35)
    return result, seconds


def row_by_row(partners, content, sample):
    """``res.partner.create`` of the first ``sample`` rows, with the import's context."""
    from odoo.addons.pepites_partners import data_inclusion_import as engine
    from odoo.addons.pepites_partners.models.res_partner_data_inclusion import IMPORT_CONTEXT_KEY
    env = partners.env
    departments = {dep.code: dep.id for dep in env["pepites.department"].search([])}
    rows = engine.check_rows(engine.read_structures(content)[:sample], departments)
    creator = partners.with_context(**{IMPORT_CONTEXT_KEY: True, "tracking_disable": True,
                                       "mail_create_nolog": True,
                                       "mail_create_nosubscribe": True})
    for row in rows:
        vals = dict(engine.partner_values(row), is_siae=True, is_company=True,
                    department_id=departments[row.department_code])
        creator.create(vals)
    return len(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--db")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    db = args.db or "bench_import"
    config = benchlib.write_config("import", db, benchlib.free_port())
    if not args.db:
        benchlib.prepare_scratch_db(db, config, "pepites_partners")
    import odoo
    content = structures_csv(args.n)
    rows = []
    with benchlib.registry_on(config, db) as registry:
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "fr_FR"})
            staff = env["res.users"].with_context(no_reset_password=True).create({
                "name": "Bench Staff", "login": "bench_import_staff",
                "groups_id": [(6, 0, [env.ref("pepites_partners.group_pepites_user").id])]})
            partners = env["res.partner"].sudo(staff)
            created, seconds = profiled(args.profile,
                                        lambda: row_by_row(partners, content, args.sample))
            print("res.partner.create row by row: %d rows in %.2f s, %.0f ms a row"
                  % (created, seconds, 1000 * seconds / created))
            rows.append(("res.partner.create row by row, %d rows (for comparison)" % created,
                         "%.1f s (%.0f ms a row: %.0f s for %d)" % (
                             seconds, 1000 * seconds / created, seconds / created * args.n,
                             args.n), "-", open("/proc/loadavg").read().split()[0], "-",
                         "created %d" % created))
            cr.rollback()
            env.clear()
            staff = env["res.users"].with_context(no_reset_password=True).create({
                "name": "Bench Staff", "login": "bench_import_staff",
                "groups_id": [(6, 0, [env.ref("pepites_partners.group_pepites_user").id])]})
            partners = env["res.partner"].sudo(staff)
            for label in ("first import (creates)", "same file again (unchanged)"):
                first = label.startswith("first")
                load = open("/proc/loadavg").read().split()[0]
                before = cpu_seconds(cr)
                report, seconds = profiled(args.profile and first,
                                           lambda: partners.pepites_import_structures(content))
                cpu = cpu_text(before, cpu_seconds(cr))
                counts = ", ".join("%s %d" % (status, report[status]) for status in (
                    "created", "updated", "unchanged", "refused") if report[status])
                goal = ("<= 10 s: %s" % ("met" if seconds <= 10 else "NOT met")) if first else "-"
                rows.append(("%s, %d rows" % (label, args.n), "%.1f s" % seconds, cpu, load,
                             goal, counts))
                print("%s: %.2f s, CPU %s, load %s (%s)%s" % (
                    label, seconds, cpu, load, counts, ", goal " + goal if first else ""))
                # the second import as in a new request: nothing of the first in cache
                env.clear()
            cr.rollback()
    if not args.keep and not args.db:
        benchlib.drop_db(db)
    print("\n## SIAE import from data·inclusion (issue 18)\n")
    print(benchlib.table(rows, header=("measure", "time", "CPU", "load", "goal", "rows")))


if __name__ == "__main__":
    main()
