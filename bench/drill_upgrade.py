#!/usr/bin/env python
"""Fault drill B (issue #8, "Faults"): ``-u all`` on a database populated by the generator keeps
every record.

Takes the ids of every row of every ``pepites_*`` table and of the core tables PEPITES uses, runs
``bin/odoo -u all --stop-after-init``, takes them again, prints the table and exits non-zero on
any record lost, on any new record that no data file explains, or on an ERROR/CRITICAL line in
the upgrade's log. A new row that carries the XML id of a data file is informative: Odoo's update
re-creates the records of data files that were deleted meanwhile — e.g. core survey's demo
answer in state "new", which survey's extension of ``ir.autovacuum.power_on`` (run by drill A,
and daily by the autovacuum cron) deletes an hour after the install.

Usage: .venv/bin/python bench/drill_upgrade.py --db bench_x   (a database from generate.py)
"""
import argparse
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

#: the core tables whose records PEPITES creates or extends
CORE_TABLES = [
    "res_partner", "res_users", "res_company", "hr_job", "hr_applicant", "hr_recruitment_stage",
    "mail_alias", "event_event", "event_registration", "event_type", "event_event_ticket",
    "slide_channel", "slide_slide", "survey_survey", "survey_page", "survey_question",
    "survey_label", "survey_user_input", "survey_user_input_line", "ir_translation",
    "ir_attachment", "mail_followers",
]
#: tables the upgrade may legitimately touch: counted and shown, never a failure
#: (ir_translation: the .po files are reloaded; ir_attachment: web asset bundles are rebuilt)
INFORMATIVE = {"ir_translation", "ir_attachment"}


def tables(db):
    rows = benchlib.psql("""SELECT tablename FROM pg_tables WHERE schemaname = 'public'
                            AND (tablename LIKE 'pepites\\_%%' OR tablename = ANY(%s))
                            ORDER BY tablename""", db=db, params=(CORE_TABLES,))
    return [row[0] for row in rows]


def snapshot(db, names):
    """{table: (rows, frozenset of ids or None)}; transient (wizard) tables are skipped."""
    has_id = {row[0] for row in benchlib.psql(
        """SELECT table_name FROM information_schema.columns
           WHERE table_schema = 'public' AND column_name = 'id'""", db=db)}
    transient = {row[0].replace(".", "_") for row in benchlib.psql(
        "SELECT model FROM ir_model WHERE transient", db=db)}
    result = {}
    for name in names:
        if name in transient:
            continue
        if name in has_id:
            ids = frozenset(row[0] for row in benchlib.psql('SELECT id FROM "%s"' % name, db=db))
            result[name] = (len(ids), ids)
        else:
            count = benchlib.psql('SELECT count(*) FROM "%s"' % name, db=db)[0][0]
            result[name] = (count, None)
    return result


def data_file_ids(db, table, ids):
    """The ``ids`` of ``table`` that carry an XML id (records of data files)."""
    if not ids:
        return set()
    rows = benchlib.psql("""SELECT d.res_id FROM ir_model_data d JOIN ir_model m ON m.model = d.model
                            WHERE replace(m.model, '.', '_') = %s AND d.res_id = ANY(%s)""",
                         db=db, params=(table, sorted(ids)))
    return {row[0] for row in rows}


def run(db, log_path):
    """Run the drill on ``db``; return (ok, markdown lines, seconds)."""
    config = benchlib.write_config("upgrade", db, benchlib.free_port())
    names = tables(db)
    before = snapshot(db, names)
    print("upgrading every module of %s (-u all)..." % db, flush=True)
    start = time.perf_counter()
    with open(log_path, "w") as log:
        code = subprocess.call([benchlib.PY, os.path.join(benchlib.ROOT, "bin", "odoo"), "-c",
                                config, "-d", db, "-u", "all", "--stop-after-init", "--no-http",
                                "--log-level=info"], stdout=log, stderr=subprocess.STDOUT,
                               env=benchlib.odoo_env())
    seconds = time.perf_counter() - start
    after = snapshot(db, names)
    with open(log_path) as log:
        errors = [line.rstrip() for line in log if re.search(r"\d (ERROR|CRITICAL) ", line)]
    lines, differences = [], 0
    rows = []
    for name in sorted(set(before) | set(after)):
        b, a = before.get(name, (0, None)), after.get(name, (0, None))
        if b == a:
            verdict = "="
        elif name in INFORMATIVE:
            verdict = "changed (informative)"
        elif b[1] is None or a[1] is None:
            verdict = "**DIFFERENT**"
        else:
            lost, gained = b[1] - a[1], a[1] - b[1]
            unexplained = gained - data_file_ids(db, name, gained)
            if lost or unexplained:
                verdict = "**DIFFERENT**: %d lost, %d new without an XML id" % (
                    len(lost), len(unexplained))
            else:
                verdict = ("%d re-created from data files (deleted since the install; "
                           "informative)" % len(gained))
        if verdict.startswith("**"):
            differences += 1
        rows.append((name, b[0], a[0], verdict))
    ok = code == 0 and not differences and not errors
    total = sum(b[0] for name, b in before.items() if name not in INFORMATIVE)
    lines.append("\n## Fault drill B: `-u all` keeps every record — %s\n"
                 % ("PASSED" if ok else "**FAILED**"))
    lines.append("`bin/odoo -u all --stop-after-init` on the generated database `%s`: %.0f s, exit "
                 "code %d, %d ERROR/CRITICAL log line(s); %d tables, %d records compared id by id "
                 "(wizard tables aside), %d difference(s).\n"
                 % (db, seconds, code, len(errors), len(rows), total, differences))
    lines.append(benchlib.table(rows, header=("table", "rows before", "rows after", "")))
    if errors:
        lines.append("\nFirst log errors:\n")
        lines += ["    %s" % line[:300] for line in errors[:5]]
    return ok, lines, seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="a database populated by generate.py")
    args = parser.parse_args()
    log_path = os.path.join(benchlib.ROOT, "var", "log", "bench-upgrade-%s.log" % args.db)
    ok, lines, _seconds = run(args.db, log_path)
    print("\n".join(lines))
    if not ok:
        print("\n(upgrade log: %s)" % log_path)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
