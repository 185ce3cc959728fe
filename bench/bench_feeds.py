#!/usr/bin/env python
"""Benchmark of the partners' feeds of pepites_jobs (issue #3, "Speed"), against baselines
measured in the same run:

1. the full JSON feed of N published offers (default 20,000) in one response,
   ``GET /jobs/feed.json?limit=50000`` on an HTTP server started in this process (target
   <= 2 s), versus PostgreSQL building the same document itself — ``json_agg`` of the same
   columns with the same joins (target <= 5x);
2. the same offers walked page by page (default page size, following ``next``);
3. an incremental call after 100 changes (50 offers edited, 50 leaving the board), with
   ``updated_since`` (target <= 50 ms), versus ``/web/webclient/version_info``.

Usage (from the repository root, after `make test` built the test template once):

    .venv/bin/python bench/bench_feeds.py [--n 20000] [--keep] [--db GENERATED_DB]

It copies the test template into a scratch database, installs pepites_jobs (no demo), generates
the SIAE and offers with the benchmark generator (bench/generate.py: each offer with its mail
alias and its French title, as the portal creates them), measures, and drops the database.
With ``--db`` (``make bench``) it measures the offers of a database populated by the generator.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import generate  # noqa: E402

#: the feed's columns, built by PostgreSQL itself: the baseline the feed is compared with
JSON_AGG_SQL = """
SELECT json_agg(t)::text FROM (
  SELECT j.id, COALESCE(NULLIF(tr.value, ''), j.name) AS title,
         json_build_object('name', s.name, 'siret', s.siret, 'kind', s.siae_kind) AS employer,
         f.code AS job_family, j.rome_code, j.contract_type, j.weekly_hours,
         d.code AS department, j.city, j.date_published AS published_at,
         j.date_expire AS expires_at, j.feed_date AS updated_at,
         %(base)s || '/jobs/detail/' || j.id AS url, j.description_text AS description
    FROM hr_job j
    JOIN res_partner s ON s.id = j.siae_id
    LEFT JOIN pepites_job_family f ON f.id = j.job_family_id
    LEFT JOIN pepites_department d ON d.id = j.pepites_department_id
    LEFT JOIN ir_translation tr ON tr.type = 'model' AND tr.name = 'hr.job,name'
                               AND tr.lang = 'fr_FR' AND tr.res_id = j.id
   WHERE j.siae_id IS NOT NULL AND j.pepites_state = 'published' AND j.website_published
     AND (j.date_expire IS NULL OR j.date_expire >= current_date)
   ORDER BY j.feed_date, j.id) t
"""

def generate_offers(cr, n, siae_count=400):
    """``siae_count`` SIAE over the 12 départements and ``n`` published offers among them, by
    the benchmark generator."""
    refs = generate.Refs(cr)
    siae_ids = generate.siae(cr, refs, siae_count)
    generate.offers(cr, refs, n, siae_ids)
    generate.fix_partners(cr)
    cr.execute("ANALYZE")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=None,
                        help="offers (default: 20,000 x PEPITES_BENCH_SCALE)")
    parser.add_argument("--db", help="a database populated by generate.py (nothing generated)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()
    scale = float(os.environ.get("PEPITES_BENCH_SCALE", "1"))
    n = args.n or generate.scaled("offers", scale)
    sys.path.insert(0, benchlib.ROOT)
    db = args.db or "bench_feeds"
    port = benchlib.free_port()
    config = benchlib.write_config("feeds", db, port)
    if not args.db:
        benchlib.prepare_scratch_db(db, config, "pepites_jobs")
    import odoo
    with benchlib.registry_on(config, db) as registry:
        from odoo.addons.pepites_jobs import feeds
        base = "http://127.0.0.1:%d" % port
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            env["ir.config_parameter"].set_param("web.base.url", base)
            if not args.db:
                generate_offers(cr, n, generate.scaled("siae", scale))
            cr.execute("SELECT count(*) FROM res_partner WHERE is_siae")
            siae_count = cr.fetchone()[0]
            cr.commit()
        # a freshly loaded table: no HOT chain left from the install, so that the indexes built
        # by it are usable at once even while other long transactions run on the cluster
        benchlib.psql("VACUUM FULL ANALYZE hr_job", db=db)
        session, base = benchlib.serve_in_process(port)

        def get(path):
            response = session.get(base + path, timeout=120)
            assert response.status_code == 200, (path, response.status_code, response.text[:200])
            return response

        # 1. full feed, one response, versus PostgreSQL's own json_agg
        full = get("/jobs/feed.json?limit=50000")
        offers = len(full.json()["offers"])
        size_mb = len(full.content) / 1e6
        full_time = benchlib.median_seconds(lambda: get("/jobs/feed.json?limit=50000"),
                                            repeat=5)
        with registry.cursor() as cr:
            def json_agg():
                cr.execute(JSON_AGG_SQL, {"base": base})
                return cr.fetchone()[0]
            agg_size_mb = len(json_agg().encode("utf-8")) / 1e6
            agg_time = benchlib.median_seconds(json_agg, repeat=5)

            # the same in this process, without HTTP: where the time goes
            query = feeds.parse_params({"limit": "50000"})

            def engine():
                return feeds.feed_to_json(feeds.fetch_feed(cr, query, base), None)
            engine_time = benchlib.median_seconds(engine, repeat=5)

        # 2. the same offers, page by page
        def walk():
            url, pages, seen = "/jobs/feed.json", 0, 0
            while url:
                data = get(url).json()
                pages += 1
                seen += len(data["offers"])
                url = data["next"] and data["next"][len(base):]
            return pages, seen
        pages, seen = walk()
        walk_time = benchlib.median_seconds(walk, repeat=3)

        # 3. 100 changes through the ORM, then the incremental call
        time.sleep(1.1)  # updated_since has a one-second grain
        since = get("/jobs/feed.json?limit=1").json()["generated_at"]
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            jobs = env["hr.job"].search([("siae_id", "!=", False)], limit=100, order="id desc")
            for job in jobs[:50]:
                job.write({"weekly_hours": 30})
            jobs[50:].action_mark_filled()
            cr.commit()
        incremental_path = "/jobs/feed.json?updated_since=%s" % since
        changes = get(incremental_path).json()
        incremental_time = benchlib.median_seconds(lambda: get(incremental_path), repeat=21)
        version_time = benchlib.median_seconds(
            lambda: session.post(base + "/web/webclient/version_info",
                                 json={"jsonrpc": "2.0", "method": "call", "params": {}}),
            repeat=21)
        rss_time = benchlib.median_seconds(lambda: get("/jobs/feed.rss?limit=50000"), repeat=3)
    if not args.keep and not args.db:
        benchlib.drop_db(db)

    print("\n## JobBoard feeds: %d published offers (%d SIAE), %.1f MB of JSON\n"
          % (offers, siae_count, size_mb))
    print(benchlib.table([
        ("full JSON feed, one response (HTTP)", "%.0f ms" % (full_time * 1000),
         "%.0f ms (json_agg in PostgreSQL, %.1f MB)" % (agg_time * 1000, agg_size_mb),
         "%.2fx (targets <= 2 s and <= 5x)" % (full_time / agg_time)),
        ("  of which SQL + serialisation in process", "%.0f ms" % (engine_time * 1000),
         "%.0f ms" % (agg_time * 1000), "%.2fx" % (engine_time / agg_time)),
        ("full feed walked page by page (%d pages of %d)" % (pages, feeds.DEFAULT_LIMIT),
         "%.0f ms" % (walk_time * 1000), "%.0f ms (one response)" % (full_time * 1000),
         "%.2fx" % (walk_time / full_time)),
        ("full RSS feed, one response", "%.0f ms" % (rss_time * 1000),
         "%.0f ms (JSON)" % (full_time * 1000), "%.2fx" % (rss_time / full_time)),
        ("incremental feed after 100 changes (%d offers + %d removed)"
         % (len(changes["offers"]), len(changes["removed"])),
         "%.1f ms" % (incremental_time * 1000),
         "%.1f ms (/web/webclient/version_info)" % (version_time * 1000),
         "%.2fx (target <= 50 ms)" % (incremental_time / version_time)),
    ]))
    assert seen == offers, (seen, offers)


if __name__ == "__main__":
    main()
