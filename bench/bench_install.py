#!/usr/bin/env python
"""Install time of the five PEPITES addons with their demo data (issue #8, "Benchmarks"), versus
the same-run baseline of building the Odoo addons the stack needs (the test template's core
addons, with demo data and French) from scratch.

Each run of the PEPITES install copies the test template (database and filestore) and installs
the five addons on it, as ``make run`` does; each baseline run creates an empty database and
installs the template's core addons with ``--load-language=fr_FR``, as ``make test`` builds its
template. Medians over ``--runs`` runs of each (default ``PEPITES_BENCH_INSTALL_RUNS`` or 1: one
baseline build takes minutes on a loaded 2-core machine).

Usage: .venv/bin/python bench/bench_install.py [--runs 1] [--keep-as bench_main]

``--keep-as DB`` keeps the last PEPITES install (five addons, demo data) under that name, for
the generator and the fault drills of ``make bench``.
"""
import argparse
import datetime
import os
import re
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import generate  # noqa: E402


def core_addons():
    """The template's core addons, computed as scripts/test.sh does."""
    deps = subprocess.check_output([benchlib.PY, os.path.join(benchlib.ROOT, "scripts",
                                                              "addons.py"), "core-deps"],
                                   universal_newlines=True).strip().split(",")
    extra = ""
    with open(os.path.join(benchlib.ROOT, "config", "pepites.env")) as env:
        for line in env:
            if line.startswith("TEMPLATE_ADDONS="):
                extra = line.split("=", 1)[1].strip()
    return ",".join(sorted({name for name in deps + extra.split(",") if name}))


def odoo(config, db, *args):
    command = [benchlib.PY, os.path.join(benchlib.ROOT, "bin", "odoo"), "-c", config, "-d", db,
               "--stop-after-init", "--no-http", "--log-level=info"] + list(args)
    log = os.path.join(benchlib.ROOT, "var", "log", "bench-install-%s.log" % db)
    start = time.perf_counter()
    with open(log, "w") as handle:
        code = subprocess.call(command, stdout=handle, stderr=subprocess.STDOUT,
                               env=benchlib.odoo_env())
    if code:
        raise SystemExit("install failed on %s: see %s" % (db, log))
    return time.perf_counter() - start


def per_module(db):
    """Seconds spent on each module of an install, from the timestamps of its log: from the
    first line loading one of its files to the first line of the next module."""
    log = os.path.join(benchlib.ROOT, "var", "log", "bench-install-%s.log" % db)
    pattern = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+) .*odoo\.modules\.loading: "
                         r"loading (\w+)/")
    marks = []
    with open(log) as handle:
        for line in handle:
            match = pattern.match(line)
            if match and (not marks or marks[-1][1] != match.group(2)):
                stamp = datetime.datetime.strptime(match.group(1), "%Y-%m-%d %H:%M:%S,%f")
                marks.append((stamp, match.group(2)))
            elif "Modules loaded" in line and marks:
                stamp = datetime.datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f")
                marks.append((stamp, None))
    seconds = {}
    for (start, module), (end, _next) in zip(marks, marks[1:]):
        if module:
            seconds[module] = seconds.get(module, 0) + (end - start).total_seconds()
    return seconds


def baseline_run(index, core):
    db = "bench_core_%d" % index
    config = benchlib.write_config("install-core", db, benchlib.free_port())
    benchlib.drop_db(db)
    benchlib.psql('CREATE DATABASE "%s" ENCODING \'UTF8\' TEMPLATE template0' % db)
    print("building the core addons from scratch in %s..." % db, flush=True)
    try:
        return odoo(config, db, "-i", core, "--load-language=fr_FR")
    finally:
        benchlib.drop_db(db)


def pepites_run(index, keep_as=None):
    db = keep_as or "bench_install_%d" % index
    config = benchlib.write_config("install", db, benchlib.free_port())
    benchlib.copy_template(db)
    print("installing the five PEPITES addons with demo data in %s..." % db, flush=True)
    try:
        return odoo(config, db, "-i", generate.ADDONS)
    finally:
        if not keep_as:
            benchlib.drop_db(db)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int,
                        default=int(os.environ.get("PEPITES_BENCH_INSTALL_RUNS", "1")))
    parser.add_argument("--keep-as", help="keep the last PEPITES install under this name")
    args = parser.parse_args()
    core = core_addons()
    pepites, baseline = [], []
    for index in range(args.runs):
        baseline.append(baseline_run(index, core))
        pepites.append(pepites_run(index, args.keep_as if index == args.runs - 1 else None))
    p, b = statistics.median(pepites), statistics.median(baseline)
    print("\n## Install time: the five PEPITES addons with demo data (median of %d run%s)\n"
          % (args.runs, "s" if args.runs > 1 else ""))
    print(benchlib.table([
        ("install %s with demo data on a copy of the test template" % generate.ADDONS.replace(
            ",", ", "), "%.0f s" % p,
         "%.0f s (%d core addons and their dependencies, with demo data and French, from an "
         "empty database)"
         % (b, len(core.split(","))), "%.2fx" % (p / b)),
    ]))
    if args.keep_as:
        spent = per_module(args.keep_as)
        print("\nWhere the PEPITES install goes (last run, from its log): %s."
              % ", ".join("%s %.0f s" % (name, spent[name]) for name in sorted(
                  spent, key=spent.get, reverse=True) if name.startswith("pepites_")))
    print("\nCore addons of the baseline (with their dependencies): %s. Runs: PEPITES %s s; "
          "baseline %s s."
          % (core.replace(",", ", "), ", ".join("%.0f" % t for t in pepites),
             ", ".join("%.0f" % t for t in baseline)))


if __name__ == "__main__":
    main()
