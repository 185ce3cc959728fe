#!/usr/bin/env python
"""Benchmark of pepites_badges (issue #6, "Speed"), printing figures against baselines measured in
the same run:

1. issue + bake N badges (default 3,000) through the bulk path ``pepites.badge.class.issue_to``,
   versus Odoo's own import ``res.partner.load`` of N bare contacts (timed on a sample of 500,
   ``--load-sample``, and scaled to N: each import costs the same, and 3,000 take many minutes
   on a loaded machine) (targets: <= 15 s, >= 200 badges/s, <= 0.2x the import); the other
   recipients come from the benchmark generator. Award e-mails are queued, not sent (their rendering into
   ``mail.mail`` by the cron is timed apart);
2. median latency of ``GET /badges/assertions/<uuid>`` versus ``/web/webclient/version_info``
   (target: <= 1.5x), on an HTTP server started in this process; the same for the Open Badges
   3.0 credential (``/badges/v3/credentials/<uuid>``, its Data Integrity proof made on the first
   request, timed apart, then kept by the worker) and its VC-JWT (``.jwt``).

Usage (from the repository root, after `make test` built the test template once):

    .venv/bin/python bench/bench_badges.py [--n 3000] [--db GENERATED_DB]

Without ``--db`` it copies the test template into a scratch database, installs pepites_badges
there (without demo), measures, and drops it. Everything the measures write is rolled back,
except one badge committed for the HTTP measure (and removed afterwards).
"""
import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import generate  # noqa: E402

ROOT = benchlib.ROOT


def measure_issuing(registry, n, sample):
    import odoo
    from odoo import api
    results = {}
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        staff = env["res.users"].with_context(no_reset_password=True).create({
            "name": "Bench staff", "login": "bench_badges_staff",
            "groups_id": [(6, 0, [env.ref("pepites_partners.group_pepites_user").id])]})
        sample = min(sample, n)
        rows = [["Contact bench %05d" % i, "Contact.Bench%05d@Example.org" % i]
                for i in range(sample)]
        start = time.perf_counter()
        loaded = env["res.partner"].load(["name", "email"], rows)
        # the import costs the same for each contact (one create, its chatter message and
        # tracking): a sample is timed, then scaled to the n contacts
        results["load_sample"] = sample
        results["load"] = (time.perf_counter() - start) * n / sample
        if loaded["messages"]:
            raise SystemExit("res.partner.load failed: %s" % loaded["messages"][:3])
        # the other recipients by the benchmark generator's bulk path
        cr.execute("SELECT id FROM res_partner WHERE is_siae LIMIT 1")
        siae = [row[0] for row in cr.fetchall()] or [None]
        partner_ids = loaded["ids"] + generate.people(cr, generate.Refs(cr), n - sample, siae,
                                                   offset=900000) \
            if n > sample else loaded["ids"]
        badge = env["pepites.badge.class"].create({
            "name": "Bench — Encadrer une équipe", "description": "Bench",
            "criteria_narrative": "Bench", "state": "published", "expiry_months": 24})
        Class = env["pepites.badge.class"].sudo(staff)
        env.cr.execute("SELECT count(*) FROM mail_mail")
        mails_before = env.cr.fetchone()[0]
        start = time.perf_counter()
        ids = Class.issue_to(badge.ids, partner_ids, evidence_url="https://bench.example.org",
                             narrative="Bench")
        Class.env["pepites.badge.assertion"].recompute()
        results["issue"] = time.perf_counter() - start
        results["issued"] = len(ids)
        env.cr.execute("SELECT count(*) FROM mail_mail")
        results["mails_inline"] = env.cr.fetchone()[0] - mails_before
        assertions = env["pepites.badge.assertion"].browse(ids)
        results["pending"] = len(assertions.filtered(lambda a: a.mail_state == "pending"))
        results["baked"] = len(assertions.filtered("baked_image"))
        sample = assertions[:50]
        start = time.perf_counter()
        queued = env["pepites.badge.assertion"]._cron_queue_award_emails(limit=len(sample))
        results["mail_queue_per_badge"] = (time.perf_counter() - start) / max(queued, 1)
        cr.rollback()
    return results


def measure_http(registry, port, rounds=300):
    import odoo
    from odoo import api
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        env["ir.config_parameter"].set_param("web.base.url", "http://127.0.0.1:%d" % port)
        badge = env["pepites.badge.class"].create({
            "name": "Bench HTTP", "description": "Bench", "criteria_narrative": "Bench",
            "state": "published"})
        partner = env["res.partner"].create({"name": "Bench HTTP", "email": "bench.http@example.org"})
        assertion = env["pepites.badge.assertion"].browse(
            badge.issue_to(badge.ids, partner.ids))
        uuid = assertion.uuid
        cr.commit()
        ids = (assertion.id, badge.id, partner.id)
    session, base = benchlib.serve_in_process(port)

    def timed(call):
        times = []
        for _ in range(rounds):
            start = time.perf_counter()
            response = call()
            times.append(time.perf_counter() - start)
            assert response.status_code == 200, response.status_code
        return statistics.median(times[rounds // 10:])  # first requests warm the caches

    version = timed(lambda: session.post(base + "/web/webclient/version_info",
                                         json={"jsonrpc": "2.0", "method": "call", "params": {}}))
    hosted = timed(lambda: session.get(base + "/badges/assertions/%s" % uuid))
    # Open Badges 3.0: the credential with its Data Integrity proof, made on the first request
    # (RDFC-1.0 canonicalisation), then kept by the worker; and its VC-JWT (stored)
    credential_url = base + "/badges/v3/credentials/%s" % uuid
    start = time.perf_counter()
    first = session.get(credential_url)
    proof_first = time.perf_counter() - start
    assert first.status_code == 200 and "proof" in first.json(), first.text[:300]
    proven = timed(lambda: session.get(credential_url))
    jwt = timed(lambda: session.get(credential_url + ".jwt"))
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        assertion_id, badge_id, partner_id = ids
        env["pepites.badge.assertion"].browse(assertion_id).unlink()
        env["pepites.badge.class"].browse(badge_id).unlink()
        env["res.partner"].browse(partner_id).unlink()
        cr.commit()
    return {"version_info": version, "hosted": hosted, "proof_first": proof_first,
            "proven": proven, "jwt": jwt}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=None,
                        help="badges (default: 3,000 x PEPITES_BENCH_SCALE)")
    parser.add_argument("--load-sample", type=int,
                        default=int(os.environ.get("PEPITES_BENCH_LOAD_SAMPLE", "500")),
                        help="contacts imported by res.partner.load for the baseline (the time "
                             "is scaled to --n; the other recipients are generated)")
    parser.add_argument("--db", help="an existing database with pepites_badges installed")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()
    args.n = args.n or generate.scaled("assertions",
                                       float(os.environ.get("PEPITES_BENCH_SCALE", "1")))
    sys.path.insert(0, ROOT)
    db = args.db or "bench_badges"
    port = benchlib.free_port()
    config = benchlib.write_config("badges", db, port)
    if not args.db:
        benchlib.prepare_scratch_db(db, config, "pepites_badges")
    import odoo
    odoo.tools.config.parse_config(["-c", config, "-d", db])
    registry = odoo.registry(db)
    manage = odoo.api.Environment.manage()
    manage.__enter__()
    try:
        print("issuing %d badges (and importing %d contacts for the baseline)..." % (args.n, args.n),
              flush=True)
        issuing = measure_issuing(registry, args.n, args.load_sample)
        http = measure_http(registry, port)
    finally:
        if not args.db and not args.keep:
            odoo.sql_db.close_db(db)
            benchlib.drop_db(db)
    per_badge = issuing["issue"] / max(issuing["issued"], 1)
    print()
    print("## pepites_badges bench (%d badges)" % args.n)
    print("| measure | value | target |")
    print("|---|---|---|")
    print("| res.partner.load of %d contacts (baseline; %d timed, scaled) | %.1f s (%.1f ms/contact) | — |"
          % (args.n, issuing["load_sample"], issuing["load"], 1000 * issuing["load"] / args.n))
    print("| issue_to + bake + store %d badges | %.1f s (%.2f ms/badge, %.0f badges/s) | <= 15 s, >= 200/s |"
          % (issuing["issued"], issuing["issue"], 1000 * per_badge, 1 / per_badge))
    print("| ratio issue_to / load | %.2f | <= 0.20 |" % (issuing["issue"] / issuing["load"]))
    print("| baked PNGs stored | %d | %d |" % (issuing["baked"], args.n))
    print("| e-mails sent or queued inline | %d (pending for the cron: %d) | queued, not sent |"
          % (issuing["mails_inline"], issuing["pending"]))
    print("| cron: award e-mail into mail.mail (async) | %.1f ms/badge | — |"
          % (1000 * issuing["mail_queue_per_badge"]))
    print("| GET /web/webclient/version_info median (baseline) | %.1f ms | — |"
          % (1000 * http["version_info"]))
    print("| GET /badges/assertions/<uuid> median | %.1f ms (%.2fx) | <= 1.5x |"
          % (1000 * http["hosted"], http["hosted"] / http["version_info"]))
    print("| GET /badges/v3/credentials/<uuid> first request (Data Integrity proof made) | %.1f ms | — |"
          % (1000 * http["proof_first"]))
    print("| GET /badges/v3/credentials/<uuid> median (proof kept by the worker) | %.1f ms (%.2fx) | <= 1.5x |"
          % (1000 * http["proven"], http["proven"] / http["version_info"]))
    print("| GET /badges/v3/credentials/<uuid>.jwt median | %.1f ms (%.2fx) | <= 1.5x |"
          % (1000 * http["jwt"], http["jwt"] / http["version_info"]))


if __name__ == "__main__":
    main()
