"""Backups that restore: the work behind ``make backup``, ``make restore`` and ``make upgrade``.

Usage (the shell scripts scripts/backup.sh, restore.sh and upgrade.sh call it with the venv's
python and an Odoo configuration file):
  ops.py backup  CONF DB DIR KEEP_DAYS          -> prints the archive's path
  ops.py restore CONF ARCHIVE DB PROD_DB [--overwrite] [--base-url URL]
  ops.py upgrade CONF DB ADDONS LOG             -> -u ADDONS, fails on any ERROR/CRITICAL line
  ops.py digest  CONF DB                        -> JSON: ids md5 per table, sha1 per file

The archive is Odoo's own backup format (what the database manager's "Backup" writes and its
"Restore" reads): a zip with ``dump.sql`` (plain ``pg_dump --no-owner``), ``filestore/`` and
``manifest.json`` (Odoo's keys, plus a ``pepites`` section: row counts of every table and the
files, for the check after a restore).

How the dump and the filestore agree: the dump is taken by ``pg_dump --snapshot`` on a snapshot
exported by a transaction of ours that first locks ``ir_attachment`` in ROW EXCLUSIVE mode. That
lock lets every user work (reads and writes take weaker or compatible locks) but holds off the
filestore's garbage collector (``ir.attachment._file_gc`` locks the table in SHARE mode before it
deletes a file no row references), so every file a row of the snapshot references stays on disk
until we have copied it. Odoo writes an attachment's file before the row that references it, so a
row in the snapshot always finds its file. We copy exactly the files the snapshot references.
"""
import datetime
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ODOO_BIN = os.path.join(ROOT, "bin", "odoo")
STAMP_FORMAT = "%Y-%m-%d_%H-%M-%S"
#: an Odoo log line at level ERROR or CRITICAL, or a traceback printed outside the log
BAD_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (ERROR|CRITICAL) |^Traceback ")
#: rows that the neutralisation of a copy adds (ir_config_parameter keys)
NEUTRALIZATION_KEYS = ("database.is_neutralized", "pepites.copy_of", "web.base.url.freeze")


class OpsError(Exception):
    """A refusal or a failed check: printed without a traceback, exit code 1."""


def load_config(conf):
    import odoo
    odoo.tools.config.parse_config(["-c", conf])
    return odoo.tools.config


def connect(db, **credentials):
    """A psycopg2 connection to ``db`` with the configuration's credentials (``user`` and
    ``password`` given here replace them)."""
    import psycopg2
    from odoo.sql_db import connection_info_for
    params = dict(connection_info_for(db)[1])
    if "user" in credentials:
        params.pop("password", None)
    params.update({key: value for key, value in credentials.items() if value})
    return psycopg2.connect(**params)


def pg_env():
    from odoo.tools.misc import exec_pg_environ
    return exec_pg_environ()


def db_exists(db):
    conn = connect("postgres")
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (db,))
            return bool(cr.fetchone())
    finally:
        conn.close()


def current_role():
    """The role the configuration connects as (``db_user``, or the OS user's when unset)."""
    conn = connect("postgres")
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT current_user")
            return cr.fetchone()[0]
    finally:
        conn.close()


def admin_connect():
    """The connection for database-level statements (CREATE, DROP, RENAME DATABASE).

    Production's role may not create databases (make prod gives it NOCREATEDB: a leaked password
    cannot spawn or rename databases), so a restore into production names the cluster's
    administrator in PEPITES_PG_ADMIN_USER (scripts/ops_lib.sh does for PEPITES_PROD_DB). Only
    these statements use it: the dump is loaded, checked and neutralised as the configuration's
    role, which owns the database and everything in it."""
    admin = os.environ.get("PEPITES_PG_ADMIN_USER")
    if not admin:
        return connect("postgres")
    return connect("postgres", user=admin, password=os.environ.get("PEPITES_PG_ADMIN_PASSWORD"))


def admin_sql(statement):
    """Run a database-level statement (CREATE/DROP/ALTER DATABASE) outside a transaction."""
    conn = admin_connect()
    conn.autocommit = True
    try:
        with conn.cursor() as cr:
            cr.execute(statement)
    finally:
        conn.close()


def db_sql(statement, *names):
    """``statement`` (``{}`` for each database name) with ``names`` quoted as identifiers."""
    from psycopg2 import sql
    return sql.SQL(statement).format(*[sql.Identifier(name) for name in names])


def table_counts(cr):
    """``{table: rows}`` for every table of the public schema."""
    cr.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    from psycopg2 import sql
    counts = {}
    for (name,) in cr.fetchall():
        cr.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(name)))
        counts[name] = cr.fetchone()[0]
    return counts


def file_sha1(path):
    digest = hashlib.sha1()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --- backup ---------------------------------------------------------------------------------

def backup(conf, db, directory, keep_days):
    """Write ``DIR/<db>_<UTC time>.zip`` atomically; drop that database's archives older than
    ``keep_days`` days (0 keeps them all). Returns the archive's path."""
    import odoo
    config = load_config(conf)
    if not db_exists(db):
        raise OpsError("no database %s" % db)
    # archives hold people's personal data: readable by their owner only (mkstemp: 0600)
    os.makedirs(directory, mode=0o700, exist_ok=True)
    now = datetime.datetime.utcnow()
    final = os.path.join(directory, "%s_%s.zip" % (db, now.strftime(STAMP_FORMAT)))
    conn = connect(db)
    conn.set_session(isolation_level="REPEATABLE READ")
    try:
        with conn.cursor() as cr:
            # first: wait for a running garbage collection, then hold the next ones off
            cr.execute("LOCK TABLE ir_attachment IN ROW EXCLUSIVE MODE")
            cr.execute("SELECT pg_export_snapshot()")
            snapshot = cr.fetchone()[0]
            cr.execute("""SELECT DISTINCT store_fname FROM ir_attachment
                          WHERE store_fname IS NOT NULL AND store_fname <> ''""")
            fnames = sorted(row[0] for row in cr.fetchall())
            cr.execute("SELECT name, latest_version FROM ir_module_module "
                       "WHERE state = 'installed'")
            modules = dict(cr.fetchall())
            cr.execute("SELECT value FROM ir_config_parameter WHERE key = 'web.base.url'")
            base_url = (cr.fetchone() or [""])[0]
            counts = table_counts(cr)
            pg_version = "%d.%d" % divmod(conn.server_version / 100, 100)
            handle, part = tempfile.mkstemp(prefix=".%s_" % db, suffix=".zip.part", dir=directory)
            os.close(handle)
            try:
                with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
                    dump = part + ".sql"
                    try:
                        code = subprocess.call([odoo.tools.find_pg_tool("pg_dump"), "--no-owner",
                                                "--snapshot", snapshot, "--file", dump, db],
                                               env=pg_env())
                        if code:
                            raise OpsError("pg_dump failed (exit %d)" % code)
                        zf.write(dump, "dump.sql")
                    finally:
                        if os.path.exists(dump):
                            os.unlink(dump)
                    filestore = config.filestore(db)
                    missing = []
                    for fname in fnames:
                        path = os.path.join(filestore, fname)
                        if os.path.isfile(path):
                            zf.write(path, "filestore/" + fname, zipfile.ZIP_STORED)
                        else:
                            missing.append(fname)
                    manifest = {
                        # Odoo's own keys (odoo.service.db.dump_db_manifest)
                        "odoo_dump": "1", "db_name": db, "version": odoo.release.version,
                        "version_info": odoo.release.version_info,
                        "major_version": odoo.release.major_version, "pg_version": pg_version,
                        "modules": modules,
                        "pepites": {
                            "created_utc": now.strftime("%Y-%m-%d %H:%M:%S"),
                            "web.base.url": base_url, "tables": counts,
                            "attachments": counts.get("ir_attachment", 0),
                            "files": len(fnames) - len(missing), "missing_files": missing,
                        },
                    }
                    zf.writestr("manifest.json", json.dumps(manifest, indent=4, sort_keys=True))
                with open(part, "rb") as handle:
                    os.fsync(handle.fileno())
                os.rename(part, final)
                directory_fd = os.open(directory, os.O_RDONLY)
                try:
                    os.fsync(directory_fd)
                finally:
                    os.close(directory_fd)
            finally:
                if os.path.exists(part):
                    os.unlink(part)
            conn.rollback()
    finally:
        conn.close()
    if missing:
        print("warning: %d file(s) referenced by %s were already missing from its filestore "
              "(listed in the manifest)" % (len(missing), db), file=sys.stderr)
    prune(directory, db, keep_days, now)
    return final


def prune(directory, db, keep_days, now):
    """Delete ``db``'s archives older than ``keep_days`` days, and stale partial files."""
    pattern = re.compile(r"^%s_(\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d)\.zip$" % re.escape(db))
    for name in os.listdir(directory):
        path = os.path.join(directory, name)
        match = pattern.match(name)
        if match and keep_days > 0:
            taken = datetime.datetime.strptime(match.group(1), STAMP_FORMAT)
            if now - taken > datetime.timedelta(days=keep_days):
                os.unlink(path)
                print("removed %s (older than %d days)" % (path, keep_days), file=sys.stderr)
        elif name.startswith(".%s_" % db) and ".zip.part" in name:
            if now.timestamp() - os.path.getmtime(path) > 86400:
                os.unlink(path)


# --- restore --------------------------------------------------------------------------------

def restore(conf, archive, db, prod_db, overwrite=False, base_url=None):
    """Restore ``archive`` into ``db`` (refused when it exists, unless ``overwrite``), check it,
    neutralise it unless it is ``prod_db``. The work happens under a temporary name, so a failed
    restore leaves an existing database untouched."""
    config = load_config(conf)
    if not zipfile.is_zipfile(archive):
        raise OpsError("%s is not a PEPITES backup (a zip archive)" % archive)
    with zipfile.ZipFile(archive) as zf:
        names = set(zf.namelist())
        if not {"dump.sql", "manifest.json"} <= names:
            raise OpsError("%s lacks dump.sql or manifest.json" % archive)
        manifest = json.loads(zf.read("manifest.json").decode("utf-8"))
    if db_exists(db) and not overwrite:
        raise OpsError("database %s exists: choose another PEPITES_RESTORE_DB, or replace it with "
                       "PEPITES_RESTORE_OVERWRITE=1" % db)
    work = "%s__restoring" % db
    drop(config, work)
    print("restoring %s into %s (as %s)..." % (archive, db, work), flush=True)
    # owned by the role Odoo connects as, whoever creates it
    admin_sql(db_sql("CREATE DATABASE {} OWNER {} ENCODING 'UTF8' TEMPLATE template0",
                     work, current_role()))
    try:
        summary = _restore_into(config, archive, work, manifest, neutralize=(db != prod_db),
                                copy_of="%s, backup %s" % (manifest.get("db_name"),
                                                          os.path.basename(archive)),
                                base_url=base_url)
        if db_exists(db):
            drop(config, db)
        admin_sql(db_sql("ALTER DATABASE {} RENAME TO {}", work, db))
        if os.path.isdir(config.filestore(work)):
            os.rename(config.filestore(work), config.filestore(db))
    except BaseException:
        drop(config, work)
        raise
    for key, value in summary:
        print("  %s: %s" % (key, value))
    return summary


def drop(config, db):
    """Drop ``db`` and its filestore; refuse clearly when someone is connected to it."""
    import psycopg2
    try:
        admin_sql(db_sql("DROP DATABASE IF EXISTS {}", db))
    except psycopg2.Error as error:
        raise OpsError("cannot drop database %s (stop the Odoo server using it first): %s"
                       % (db, str(error).strip()))
    shutil.rmtree(config.filestore(db), ignore_errors=True)


def _restore_into(config, archive, work, manifest, neutralize, copy_of, base_url):
    """Load the archive into the empty database ``work`` and check it; return the summary."""
    import odoo
    from odoo.tools import find_pg_tool
    summary = []
    expected = manifest.get("pepites", {})
    with zipfile.ZipFile(archive) as zf:
        psql = subprocess.Popen(
            [find_pg_tool("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", work],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, env=dict(
                pg_env(), PGOPTIONS="-c client_min_messages=warning"))
        with zf.open("dump.sql") as dump:
            shutil.copyfileobj(dump, psql.stdin, 1 << 20)
        psql.stdin.close()
        if psql.wait():
            raise OpsError("psql could not load the dump (exit %d)" % psql.returncode)
        filestore = config.filestore(work)
        files = bad = 0
        for member in zf.infolist():
            if not member.filename.startswith("filestore/") or member.is_dir():
                continue
            fname = member.filename[len("filestore/"):]
            if fname.startswith("/") or ".." in fname.split("/"):
                raise OpsError("unsafe path in the archive: %s" % member.filename)
            path = os.path.join(filestore, fname)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with zf.open(member) as source, open(path, "wb") as target:
                shutil.copyfileobj(source, target, 1 << 20)
            files += 1
            # Odoo names a stored file after the sha1 of its content
            if re.match(r"^[0-9a-f]{2}/[0-9a-f]{40}$", fname) and \
                    file_sha1(path) != fname.split("/")[1]:
                bad += 1
    summary.append(("files restored", files))
    if bad:
        raise OpsError("%d restored file(s) differ from their checksum" % bad)
    if "files" in expected and files != expected["files"]:
        raise OpsError("%d files restored, the manifest lists %d" % (files, expected["files"]))
    conn = connect(work)
    try:
        with conn.cursor() as cr:
            counts = table_counts(cr)
            cr.execute("""SELECT count(*) FROM ir_attachment
                          WHERE store_fname IS NOT NULL AND store_fname <> ''""")
    finally:
        conn.close()
    wrong = sorted(name for name in set(counts) | set(expected.get("tables", {}))
                   if counts.get(name) != expected.get("tables", {}).get(name))
    if expected.get("tables") and wrong:
        raise OpsError("row counts differ from the manifest in %d table(s): %s"
                       % (len(wrong), ", ".join(wrong[:10])))
    summary.append(("tables checked against the manifest", len(counts)))
    summary.append(("attachments", counts.get("ir_attachment", 0)))
    # Odoo loads it: every installed module loads, none is half-way through an operation
    try:
        with odoo.api.Environment.manage(), odoo.registry(work).cursor() as cr:
            registry = odoo.registry(work)
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            cr.execute("SELECT name, state, latest_version FROM ir_module_module "
                       "WHERE state NOT IN ('uninstalled', 'uninstallable')")
            states = {name: (state, version) for name, state, version in cr.fetchall()}
            pending = sorted(n for n, (s, _v) in states.items() if s != "installed")
            if pending:
                raise OpsError("modules in an unfinished state: %s" % ", ".join(pending))
            not_loaded = sorted(set(states) - set(registry._init_modules))
            if not_loaded:
                raise OpsError("installed modules Odoo could not load (missing from the addons "
                               "path?): %s" % ", ".join(not_loaded))
            versions = {n: v for n, (_s, v) in states.items()}
            if manifest.get("modules") and versions != manifest["modules"]:
                raise OpsError("installed modules differ from the manifest")
            summary.append(("modules loaded by Odoo", len(states)))
            if neutralize:
                if "pepites.database" not in env:
                    raise OpsError("cannot neutralise the copy: pepites_partners is not installed")
                done = env["pepites.database"]._neutralize(copy_of=copy_of, base_url=base_url)
                summary.append(("neutralised", "yes (not the production database)"))
                summary += sorted(done.items())
            else:
                summary.append(("neutralised", "no: this is the production database"))
    finally:
        odoo.modules.registry.Registry.delete(work)
        odoo.sql_db.close_db(work)
    return summary


# --- digest (the drill and the tests compare a database with its restored copy) -------------

def digest(conf, db):
    """``{"tables": {table: [rows, md5]}, "files": {store_fname: sha1}}`` of ``db``'s committed
    data: the md5 of the ordered ids of every table with an ``id`` (of the ordered rows for the
    others), and the sha1 of every file its attachments reference (None when missing). The rows
    the neutralisation of a copy adds to ``ir_config_parameter`` are left out."""
    from psycopg2 import sql
    config = load_config(conf)
    conn = connect(db)
    conn.set_session(isolation_level="REPEATABLE READ", readonly=True)
    tables = {}
    try:
        with conn.cursor() as cr:
            cr.execute("""SELECT t.tablename, EXISTS (
                              SELECT 1 FROM information_schema.columns c
                              WHERE c.table_schema = 'public' AND c.table_name = t.tablename
                                AND c.column_name = 'id')
                          FROM pg_tables t WHERE t.schemaname = 'public' ORDER BY 1""")
            for name, has_id in cr.fetchall():
                query = sql.SQL(
                    "SELECT count(*), md5(string_agg(id::text, ',' ORDER BY id)) FROM {} r"
                    if has_id else
                    "SELECT count(*), md5(string_agg(r::text, ',' ORDER BY r::text)) FROM {} r"
                ).format(sql.Identifier(name))
                params = None
                if name == "ir_config_parameter":
                    query += sql.SQL(" WHERE key <> ALL(%s)")
                    params = (list(NEUTRALIZATION_KEYS),)
                cr.execute(query, params)
                tables[name] = list(cr.fetchone())
            cr.execute("""SELECT DISTINCT store_fname FROM ir_attachment
                          WHERE store_fname IS NOT NULL AND store_fname <> ''""")
            fnames = sorted(row[0] for row in cr.fetchall())
    finally:
        conn.close()
    filestore = config.filestore(db)
    files = {}
    for fname in fnames:
        path = os.path.join(filestore, fname)
        files[fname] = file_sha1(path) if os.path.isfile(path) else None
    return {"tables": tables, "files": files}


# --- upgrade --------------------------------------------------------------------------------

def upgrade(conf, db, addons, log):
    """``-u addons`` on ``db``; False on a non-zero exit or any ERROR/CRITICAL line."""
    load_config(conf)
    if not db_exists(db):
        raise OpsError("no database %s" % db)
    print("updating %s on %s (log: %s)..." % (addons, db, log), flush=True)
    open(log, "w").close()
    # Odoo logs into LOG; what it prints outside the log (a crash at start) stays on the console
    code = subprocess.call([sys.executable, ODOO_BIN, "-c", conf, "-d", db, "-u", addons,
                            "--stop-after-init", "--no-http", "--logfile", log,
                            "--log-level", "info"])
    with open(log, encoding="utf-8", errors="replace") as output:
        bad = [line.rstrip() for line in output if BAD_LINE.match(line)]
    for line in bad[:10]:
        print("  " + line[:300])
    if code or bad:
        print("update FAILED: exit code %d, %d ERROR/CRITICAL line(s)" % (code, len(bad)))
        return False
    print("update done: exit code 0, no ERROR/CRITICAL line")
    return True


def main(argv):
    command, args = argv[0], argv[1:]
    if command == "backup":
        conf, db, directory, keep_days = args
        print(backup(conf, db, os.path.abspath(directory), int(keep_days)))
    elif command == "restore":
        overwrite = "--overwrite" in args
        base_url = None
        if "--base-url" in args:
            base_url = args[args.index("--base-url") + 1]
        conf, archive, db, prod_db = args[:4]
        restore(conf, archive, db, prod_db, overwrite=overwrite, base_url=base_url)
    elif command == "digest":
        print(json.dumps(digest(*args), sort_keys=True))
    elif command == "upgrade":
        return 0 if upgrade(*args) else 1
    else:
        raise OpsError("unknown command %s" % command)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except OpsError as error:
        print("ERROR: %s" % error, file=sys.stderr)
        sys.exit(1)
