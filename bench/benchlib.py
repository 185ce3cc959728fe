"""What every PEPITES benchmark needs: the project's PostgreSQL, a scratch database copied from
the test template with the addons under test installed, an Odoo registry on it, and timing.

Benchmarks print figures and compare them with a baseline measured in the same run; they never
assert timings. Run them all with ``make bench`` (results in bench/RESULTS.md).
"""
import contextlib
import glob
import os
import shutil
import socket
import statistics
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PY = os.path.join(ROOT, ".venv", "bin", "python")
PG_PORT = os.environ.get("PEPITES_PG_PORT", "54329")


def pg_host():
    """The socket folder of the project's running PostgreSQL cluster."""
    for candidate in [os.path.join(ROOT, "var", "pg")] + glob.glob("/var/tmp/pepites-pg-*"):
        if os.path.exists(os.path.join(candidate, ".s.PGSQL.%s" % PG_PORT)):
            return candidate
    raise SystemExit("PostgreSQL of the project is not running: run `make test` once.")


def psql(sql, db="postgres", params=None):
    import psycopg2
    conn = psycopg2.connect(host=pg_host(), port=PG_PORT, user="odoo", dbname=db)
    conn.autocommit = True
    try:
        with conn.cursor() as cr:
            cr.execute(sql, params)
            return cr.fetchall() if cr.description else None
    finally:
        conn.close()


def free_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def write_config(name, db, http_port):
    path = os.path.join(ROOT, "var", "odoo-bench-%s.conf" % name)
    with open(path, "w") as handle:
        handle.write("\n".join([
            "[options]", "addons_path = %s" % os.path.join(ROOT, "addons"),
            "data_dir = %s" % os.path.join(ROOT, "var", "data"), "db_host = %s" % pg_host(),
            "db_port = %s" % PG_PORT, "db_user = odoo", "db_password = False",
            "dbfilter = ^%s$" % db, "list_db = False", "http_interface = 127.0.0.1",
            "http_port = %d" % http_port, "workers = 0", "max_cron_threads = 0",
            "log_level = warn", ""]))
    return path


def odoo_env():
    env = dict(os.environ, NODE_PATH="/usr/share/nodejs")
    for name in ("USER", "HOST", "PORT", "PASSWORD", "PGHOST", "PGPORT", "PGUSER"):
        env.pop(name, None)
    return env


def filestore(db):
    return os.path.join(ROOT, "var", "data", "filestore", db)


def copy_template(db):
    """Copy the test template (database and filestore) into ``db``; return the template's name."""
    templates = [r[0] for r in psql("SELECT datname FROM pg_database WHERE datname LIKE "
                                    "'pepites_tmpl_%' AND datname NOT LIKE '%_wip'")]
    if not templates:
        raise SystemExit("No test template database: run `make test` once.")
    drop_db(db)
    psql('CREATE DATABASE "%s" TEMPLATE "%s"' % (db, templates[0]))
    if os.path.isdir(filestore(templates[0])):
        shutil.copytree(filestore(templates[0]), filestore(db))
    return templates[0]


def prepare_scratch_db(db, config, addons, demo=False):
    """Copy the test template into ``db`` and install ``addons`` there; return the seconds taken."""
    template = copy_template(db)
    print("installing %s in %s (template %s)..." % (addons, db, template), flush=True)
    command = [PY, os.path.join(ROOT, "bin", "odoo"), "-c", config, "-d", db, "-i", addons,
               "--stop-after-init", "--no-http"]
    if not demo:
        command.append("--without-demo=all")
    start = time.perf_counter()
    subprocess.check_call(command, env=odoo_env())
    return time.perf_counter() - start


def drop_db(db):
    """Drop ``db`` and its filestore."""
    psql('DROP DATABASE IF EXISTS "%s"' % db)
    shutil.rmtree(filestore(db), ignore_errors=True)


@contextlib.contextmanager
def registry_on(config, db):
    """An Odoo registry on ``db`` inside an environment-managing context."""
    import odoo
    odoo.tools.config.parse_config(["-c", config, "-d", db])
    try:
        with odoo.api.Environment.manage():
            yield odoo.registry(db)
    finally:
        odoo.modules.registry.Registry.delete(db)
        odoo.sql_db.close_db(db)


def serve_in_process(port):
    """Serve the Odoo already loaded in this process over HTTP on ``port`` (a thread), and wait
    until it answers; return ``(requests session, base URL)``. The first request builds the
    routing map, which takes seconds on a cold server: hence the long timeout."""
    import threading
    import requests
    from odoo.service import server, wsgi_server
    httpd = server.ThreadedServer(wsgi_server.application)
    threading.Thread(target=httpd.http_thread, daemon=True).start()
    session = requests.Session()
    base = "http://127.0.0.1:%d" % port
    for _ in range(100):
        try:
            session.get(base + "/web/webclient/version_info", timeout=300)
            break
        except requests.ConnectionError:
            time.sleep(0.1)
    return session, base


def median_seconds(function, repeat=5, warmup=1):
    """Median wall time of ``function()`` over ``repeat`` runs, after ``warmup`` untimed ones."""
    for _ in range(warmup):
        function()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def table(rows, header=("measure", "value", "baseline", "ratio")):
    """Markdown table lines for ``rows`` of (label, value, baseline, ratio) strings."""
    lines = ["| %s |" % " | ".join(header), "|%s" % ("---|" * len(header))]
    lines += ["| %s |" % " | ".join(str(cell) for cell in row) for row in rows]
    return "\n".join(lines)
