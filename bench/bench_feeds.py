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

    .venv/bin/python bench/bench_feeds.py [--n 20000] [--keep]

It copies the test template into a scratch database, installs pepites_jobs (no demo), generates
the SIAE and offers with SQL (each offer with its mail alias and its French title, as the portal
creates them), measures, and drops the database.
"""
import argparse
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

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

DESCRIPTION = (
    "Au sein de notre atelier et chantier d'insertion, vous encadrez une équipe de 8 à 12 "
    "salariés en parcours d'insertion. Vous organisez et planifiez les chantiers, veillez à la "
    "sécurité et à la qualité, transmettez les gestes professionnels et évaluez les "
    "compétences acquises, en binôme avec l'accompagnatrice socioprofessionnelle. Titre ETI "
    "ou ETAIE apprécié, permis B indispensable. Poste basé sur le département, déplacements "
    "fréquents. ")


def generate(cr, n, siae_count=400):
    """``siae_count`` SIAE over the 12 départements and ``n`` published offers among them."""
    cr.execute("SELECT id FROM pepites_department ORDER BY code")
    departments = [row[0] for row in cr.fetchall()]
    cr.execute("SELECT id, rome_code FROM pepites_job_family ORDER BY sequence")
    families = cr.fetchall()
    cr.execute("SELECT id FROM ir_model WHERE model = 'hr.applicant'")
    applicant_model = cr.fetchone()[0]
    cr.execute("SELECT id FROM ir_model WHERE model = 'hr.job'")
    job_model = cr.fetchone()[0]
    cr.execute("SELECT id FROM res_company ORDER BY id LIMIT 1")
    company = cr.fetchone()[0]
    cr.execute("""
        INSERT INTO res_partner (name, display_name, active, is_company, is_siae, siae_kind,
                                 siret, department_id, city, type, company_id)
        SELECT 'SIAE banc ' || i, 'SIAE banc ' || i, true, true, true,
               (ARRAY['aci', 'ei', 'ai', 'etti', 'eiti'])[1 + i %% 5],
               lpad((90000000000000 + i)::text, 14, '0'), (%s::int[])[1 + i %% 12],
               'Ville ' || (i %% 97), 'contact', %s
        FROM generate_series(1, %s) i""", (departments, company, siae_count))
    cr.execute("SELECT id FROM res_partner WHERE name LIKE 'SIAE banc %%' ORDER BY id")
    siae = [row[0] for row in cr.fetchall()]
    cr.execute("""
        WITH aliases AS (
            INSERT INTO mail_alias (alias_model_id, alias_parent_model_id, alias_contact,
                                    alias_defaults)
            SELECT %s, %s, 'everyone', '{}' FROM generate_series(1, %s)
            RETURNING id),
        numbered AS (SELECT id AS alias_id, (row_number() OVER (ORDER BY id))::int AS i
                       FROM aliases)
        INSERT INTO hr_job (name, company_id, state, no_of_recruitment, alias_id, siae_id,
                            siae_kind, job_family_id, rome_code, contract_type, weekly_hours,
                            is_part_time, city, pepites_department_id, date_published,
                            date_expire, pepites_state, website_published, feed_date,
                            website_description, description_text, view_count,
                            create_uid, create_date, write_uid, write_date)
        SELECT 'Encadrant technique d''insertion ' || i, %s, 'recruit', 1, alias_id,
               (%s::int[])[1 + i %% %s], (ARRAY['aci', 'ei', 'ai', 'etti', 'eiti'])[1 + i %% 5],
               (%s::int[])[1 + i %% %s], (%s::text[])[1 + i %% %s],
               (ARRAY['cdi', 'cdd', 'alternance', 'interim'])[1 + i %% 4],
               CASE WHEN i %% 5 = 0 THEN 24 ELSE 35 END, i %% 5 = 0,
               'Ville ' || (i %% 97), (%s::int[])[1 + i %% 12],
               current_date - (i %% 50)::int, current_date + 10 + (i %% 50)::int,
               'published', true, now() at time zone 'UTC' - (i || ' seconds')::interval,
               '<p>' || %s || '</p>', %s, 0, 1, now(), 1, now()
        FROM numbered""", (
        applicant_model, job_model, n, company, siae, len(siae),
        [f[0] for f in families], len(families), [f[1] or "K1203" for f in families],
        len(families), departments, DESCRIPTION, DESCRIPTION))
    cr.execute("""
        UPDATE mail_alias a SET alias_parent_thread_id = j.id,
               alias_defaults = '{''job_id'': ' || j.id || '}'
          FROM hr_job j WHERE j.alias_id = a.id AND a.alias_parent_thread_id IS NULL""")
    # the French title of each offer, as a SIAE writing in French leaves it
    cr.execute("""
        INSERT INTO ir_translation (type, name, lang, res_id, src, value, state)
        SELECT 'model', 'hr.job,name', 'fr_FR', id, name, 'Encadrant·e technique d''insertion '
               || id, 'translated'
        FROM hr_job WHERE name LIKE 'Encadrant technique d''insertion %%'""")
    cr.execute("ANALYZE")


def start_server(port):
    import requests
    from odoo.service import server, wsgi_server
    httpd = server.ThreadedServer(wsgi_server.application)
    threading.Thread(target=httpd.http_thread, daemon=True).start()
    session = requests.Session()
    base = "http://127.0.0.1:%d" % port
    for _ in range(100):
        try:
            session.get(base + "/web/webclient/version_info", timeout=2)
            break
        except requests.ConnectionError:
            time.sleep(0.1)
    return session, base


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()
    sys.path.insert(0, benchlib.ROOT)
    db = "pepites_bench_feeds"
    port = benchlib.free_port()
    config = benchlib.write_config("feeds", db, port)
    benchlib.prepare_scratch_db(db, config, "pepites_jobs")
    import odoo
    with benchlib.registry_on(config, db) as registry:
        from odoo.addons.pepites_jobs import feeds
        base = "http://127.0.0.1:%d" % port
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            env["ir.config_parameter"].set_param("web.base.url", base)
            generate(cr, args.n)
            cr.commit()
        # a freshly loaded table: no HOT chain left from the install, so that the indexes built
        # by it are usable at once even while other long transactions run on the cluster
        benchlib.psql("VACUUM FULL ANALYZE hr_job", db=db)
        session, base = start_server(port)

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
    if not args.keep:
        benchlib.drop_db(db)

    print("\n## JobBoard feeds: %d published offers (%d SIAE), %.1f MB of JSON\n"
          % (offers, 400, size_mb))
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
