#!/usr/bin/env python
"""Fault drill C (issue 13, "Backups that restore"): back up the generated database, drop it,
restore it; every table's ids and every filestore file's checksum must be identical.

Runs the real scripts an admin runs (``scripts/backup.sh``, ``scripts/restore.sh``), takes the
md5 of the ordered ids of every table (of the ordered rows for tables without ids) and the sha1
of every file the attachments reference before the backup and after the restore
(``scripts/ops.py digest``), prints timings and sizes and exits non-zero on any difference. The
restored database is neutralised (it is not production): the rows that adds to
``ir_config_parameter`` are left out of the comparison.

Usage: .venv/bin/python bench/drill_backup.py --db bench_x   (a database from generate.py)
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402


def megabytes(size):
    return "%.1f MB" % (size / 1e6)


def folder_size(path):
    return sum(os.path.getsize(os.path.join(folder, name))
               for folder, _subfolders, names in os.walk(path) for name in names)


def digest(config, db):
    output = subprocess.check_output(
        [benchlib.PY, os.path.join(benchlib.ROOT, "scripts", "ops.py"), "digest", config, db],
        env=benchlib.odoo_env(), universal_newlines=True)
    return json.loads(output.strip().splitlines()[-1])


def script(name, log, **env):
    """Run scripts/<name> with ``env``; return (exit code, seconds, last line of stdout)."""
    start = time.perf_counter()
    with open(log, "a") as output:
        result = subprocess.run(["bash", os.path.join(benchlib.ROOT, "scripts", name)],
                                cwd=benchlib.ROOT, env=dict(benchlib.odoo_env(), **env),
                                stdout=subprocess.PIPE, stderr=output, universal_newlines=True)
    lines = result.stdout.strip().splitlines()
    return result.returncode, time.perf_counter() - start, lines[-1] if lines else ""


def run(db, log):
    """Run the drill on ``db``; return (ok, markdown lines)."""
    config = benchlib.write_config("backup", db, benchlib.free_port())
    backups = tempfile.mkdtemp(prefix="drill-backup-", dir=os.path.join(benchlib.ROOT, "var"))
    env = {"PEPITES_ODOO_CONF": config, "PEPITES_BACKUP_DIR": backups,
           "PEPITES_BACKUP_KEEP_DAYS": "0"}
    try:
        db_size = benchlib.psql("SELECT pg_database_size(%s)", params=(db,))[0][0]
        files_size = folder_size(benchlib.filestore(db))
        print("taking the digest of %s..." % db, flush=True)
        before = digest(config, db)
        print("backing up %s..." % db, flush=True)
        code, backup_seconds, archive = script("backup.sh", log, PEPITES_DB=db, **env)
        if code or not os.path.isfile(archive):
            return False, ["\n## Fault drill C: backup, drop, restore — **FAILED**\n",
                           "`make backup` exited with %d (log %s)." % (code, log)]
        archive_size = os.path.getsize(archive)
        benchlib.drop_db(db)
        print("restoring %s..." % db, flush=True)
        code, restore_seconds, _last = script("restore.sh", log, BACKUP=archive,
                                              PEPITES_RESTORE_DB=db, **env)
        if code:
            return False, ["\n## Fault drill C: backup, drop, restore — **FAILED**\n",
                           "`make restore` exited with %d (log %s): the database %s is gone."
                           % (code, log, db)]
        after = digest(config, db)
    finally:
        shutil.rmtree(backups, ignore_errors=True)
        os.unlink(config)
    tables = sorted(set(before["tables"]) | set(after["tables"]))
    different = [name for name in tables
                 if before["tables"].get(name) != after["tables"].get(name)]
    files_different = [name for name in set(before["files"]) | set(after["files"])
                       if before["files"].get(name) != after["files"].get(name)]
    records = sum(count for count, _md5 in before["tables"].values())
    ok = not different and not files_different
    verdict = "PASSED" if ok else "**FAILED**"
    lines = ["\n## Fault drill C: backup, drop, restore — %s\n" % verdict,
             "`make backup` of the generated database `%s`, `DROP DATABASE` and its filestore "
             "removed, `make restore` into the same name (neutralised: not production), then "
             "every table's ids (md5 of the ordered ids; of the ordered rows for tables without "
             "ids) and every referenced file's sha1 compared.\n" % db,
             benchlib.table([
                 ("database size", megabytes(db_size), "", ""),
                 ("filestore size", megabytes(files_size), "", ""),
                 ("archive size (zip: dump.sql + referenced files + manifest)",
                  megabytes(archive_size), megabytes(db_size + files_size),
                  "%.2fx" % (archive_size / float(db_size + files_size))),
                 ("backup time", "%.0f s" % backup_seconds, "", ""),
                 ("restore time (load, checks, Odoo loads it, neutralisation)",
                  "%.0f s" % restore_seconds, "%.0f s (backup)" % backup_seconds,
                  "%.2fx" % (restore_seconds / backup_seconds)),
                 ("tables compared / differing", "%d / %d" % (len(tables), len(different)),
                  "", ""),
                 ("records compared", records, "", ""),
                 ("files compared / differing",
                  "%d / %d" % (len(before["files"]), len(files_different)), "", ""),
             ])]
    if different:
        lines.append("\nTables that differ: %s" % ", ".join(different[:20]))
    if files_different:
        lines.append("\nFiles that differ: %s" % ", ".join(sorted(files_different)[:20]))
    return ok, lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="a database populated by generate.py")
    args = parser.parse_args()
    log = os.path.join(benchlib.ROOT, "var", "log", "bench-backup-%s.log" % args.db)
    open(log, "w").close()
    ok, lines = run(args.db, log)
    print("\n".join(lines))
    if not ok:
        print("\n(scripts' log: %s)" % log)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
