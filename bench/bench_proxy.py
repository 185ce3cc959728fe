#!/usr/bin/env python
"""Benchmark of the production proxy (issue #13, "Tested for real"): what nginx in front of Odoo
costs, measured against Odoo answered directly, in the same run:

1. median latency of ``GET /jobs`` (the public job board, a website page);
2. median latency of ``GET /badges/assertions/<uuid>`` (a hosted assertion, the hottest public
   route, served from the registry's cache).

Each is timed directly (``http://`` to the Odoo server) and through nginx (``https://``, the
production template ``config/nginx/pepites.conf.in`` rendered by ``scripts/prod_render.py``
with a local test CA, the client keeping its TLS connection open as a browser does), the two
interleaved request by request so that the load of the machine weighs on both alike. Odoo is
served by a threaded server in this process (``workers = 0``): the figures compare the paths,
not the prefork server.

Usage (from the repository root, after `make test` built the test template once):

    .venv/bin/python bench/bench_proxy.py [--db GENERATED_DB] [--rounds 200]

Without ``--db`` it copies the test template into a scratch database, installs pepites_jobs and
pepites_badges there (without demo), measures, and drops it. One badge is committed for the
measure and removed afterwards.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

ROOT = benchlib.ROOT
# Debian's lessc finds its modules with this only (the website's CSS is compiled in-process)
os.environ.setdefault("NODE_PATH", "/usr/share/nodejs")
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import prod_render  # noqa: E402


def start_nginx(folder, upstream_port):
    """nginx from the production template in front of ``upstream_port``; return
    ``(process, public URL, CA path)``."""
    tls = prod_render.ensure_local_tls(os.path.join(folder, "tls"))
    https_port, http_port = benchlib.free_port(), benchlib.free_port()
    prefix = os.path.join(folder, "nginx")
    upstream = "127.0.0.1:%d" % upstream_port
    prod_render.write_nginx(
        os.path.join(prefix, "nginx.conf"), PREFIX=prefix, HTTPS_PORT=https_port,
        HTTP_PORT=http_port, PUBLIC_URL="https://127.0.0.1:%d" % https_port,
        ODOO_UPSTREAM=upstream, LONGPOLLING_UPSTREAM=upstream, TLS_CERT=tls["server.crt"],
        TLS_KEY=tls["server.key"], USER="www-data" if os.geteuid() == 0 else "")
    os.chmod(folder, 0o755)
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    process = subprocess.Popen([nginx, "-p", prefix, "-c", os.path.join(prefix, "nginx.conf"),
                                "-g", "daemon off;"])
    return process, "https://127.0.0.1:%d" % https_port, tls["ca.crt"]


def commit_badge(registry, port):
    """A hosted badge committed for the measure; return ``(uuid, ids to remove)``."""
    import odoo
    from odoo import api
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        env["ir.config_parameter"].set_param("web.base.url", "http://127.0.0.1:%d" % port)
        badge = env["pepites.badge.class"].create({
            "name": "Bench proxy", "description": "Bench", "criteria_narrative": "Bench",
            "state": "published"})
        partner = env["res.partner"].create({"name": "Bench proxy",
                                             "email": "bench.proxy@example.org"})
        assertion = env["pepites.badge.assertion"].browse(badge.issue_to(badge.ids, partner.ids))
        cr.commit()
        return assertion.uuid, (assertion.id, badge.id, partner.id)


def remove_badge(registry, ids):
    import odoo
    from odoo import api
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        assertion_id, badge_id, partner_id = ids
        env["pepites.badge.assertion"].browse(assertion_id).unlink()
        env["pepites.badge.class"].browse(badge_id).unlink()
        env["res.partner"].browse(partner_id).unlink()
        cr.commit()


def measure(direct, proxied, rounds):
    """Medians of ``direct()`` and ``proxied()``, called alternately ``rounds`` times each
    (the first tenth warms the caches and is not counted)."""
    times = {"direct": [], "proxy": []}
    for _ in range(rounds):
        for name, call in (("direct", direct), ("proxy", proxied)):
            start = time.perf_counter()
            response = call()
            times[name].append(time.perf_counter() - start)
            assert response.status_code == 200, (name, response.status_code)
    return {name: statistics.median(values[rounds // 10:]) for name, values in times.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="an existing database with pepites_jobs and pepites_badges")
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()
    sys.path.insert(0, ROOT)
    import requests

    db = args.db or "bench_proxy"
    port = benchlib.free_port()
    config = benchlib.write_config("proxy", db, port)
    if not args.db:
        benchlib.prepare_scratch_db(db, config, "pepites_jobs,pepites_badges")
    folder = tempfile.mkdtemp(prefix="pepites-bench-proxy-")
    nginx = None
    try:
        with benchlib.registry_on(config, db) as registry:
            uuid, ids = commit_badge(registry, port)
            try:
                session, base = benchlib.serve_in_process(port)
                print("starting nginx in front of %s..." % base, flush=True)
                nginx, public, ca = start_nginx(folder, port)
                # verify= with each request: requests prefers REQUESTS_CA_BUNDLE to a
                # session's own
                secure = requests.Session()
                for _ in range(100):
                    try:
                        secure.get(public + "/web/webclient/version_info", timeout=60,
                                   verify=ca)
                        break
                    except requests.ConnectionError:
                        time.sleep(0.1)
                results = {}
                for label, path in (("GET /jobs", "/jobs"),
                                    ("GET /badges/assertions/<uuid>",
                                     "/badges/assertions/%s" % uuid)):
                    results[label] = measure(lambda: session.get(base + path, timeout=60),
                                             lambda: secure.get(public + path, timeout=60,
                                                                verify=ca),
                                             args.rounds)
            finally:
                remove_badge(registry, ids)
    finally:
        if nginx:
            nginx.terminate()
            nginx.wait()
        shutil.rmtree(folder, ignore_errors=True)
        os.unlink(config)
        if not args.db and not args.keep:
            benchlib.drop_db(db)

    print()
    print("## Proxy overhead: nginx (HTTPS) in front of Odoo vs Odoo directly (%d rounds, "
          "interleaved)" % args.rounds)
    print(benchlib.table([
        (label, "%.1f ms through nginx" % (times["proxy"] * 1000),
         "%.1f ms direct" % (times["direct"] * 1000),
         "%.2fx (%+.1f ms)" % (times["proxy"] / times["direct"],
                               (times["proxy"] - times["direct"]) * 1000))
        for label, times in results.items()]))
    print()
    print("The client keeps its TLS connection to nginx open (as a browser does); nginx opens "
          "a new connection to Odoo per request (no upstream keep-alive: a prefork worker held "
          "by an idle connection would serve nobody else).")


if __name__ == "__main__":
    main()
