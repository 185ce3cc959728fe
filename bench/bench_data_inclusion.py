#!/usr/bin/env python
"""Benchmark of the data·inclusion v1 export of pepites_partners (issue 18, "Speed"), against a
baseline measured in the same run:

1. ``GET /data-inclusion/v1/structures`` and ``/services`` of N SIAE (default 2,000) on an HTTP
   server started in this process (target: both <= 1 s), versus PostgreSQL building a document
   of the same columns itself — ``json_agg`` of the export's query (target <= 5x);
2. the same in CSV, and an incremental call (``updated_since``) after 20 SIAE changed.

Usage (from the repository root, after `make test` built the test template once):

    .venv/bin/python bench/bench_data_inclusion.py [--n 2000] [--keep]

It copies the test template into a scratch database (bench_di), installs pepites_partners (no
demo), generates the SIAE with the benchmark generator (bench/generate.py) and gives each an
address, an INSEE code, a phone and an e-mail, measures, and drops the database.
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import generate  # noqa: E402

#: the baseline of the structures: the export's own query, its rows turned into JSON by PostgreSQL
JSON_AGG_SQL = "SELECT json_agg(t)::text FROM (%s) t"
#: the baseline of the services: the same service documents (their 33 columns, the same constant
#: texts) built by PostgreSQL from the same query
SERVICES_AGG_SQL = """
SELECT json_agg(json_build_object(
  'source', 'pepites', 'structure_id', 'pepites--siae-' || s.id,
  'id', 'pepites--siae-' || s.id || '--emploi-insertion', 'nom', %(nom)s,
  'description', s.name || %(description)s, 'lien_source', NULL, 'date_maj', s.date_maj,
  'type', 'accompagnement', 'thematiques', %(thematiques)s::json, 'frais', 'gratuit',
  'frais_precisions', NULL, 'publics', %(publics)s::json, 'publics_precisions', %(pp)s,
  'conditions_acces', %(ca)s, 'commune', s.city, 'code_postal', s.zip,
  'code_insee', s.insee_code, 'adresse', s.street, 'complement_adresse', s.street2,
  'longitude', NULL, 'latitude', NULL, 'telephone', s.phone, 'courriel', s.email,
  'modes_accueil', '["en-presentiel"]'::json, 'zone_eligibilite', json_build_array(s.department),
  'contact_nom_prenom', NULL,
  'lien_mobilisation', %(board)s || '?department=' || s.department || '&siae_kind=' || s.siae_kind,
  'modes_mobilisation', '["utiliser-lien-mobilisation", "envoyer-un-courriel", "telephoner"]'::json,
  'mobilisable_par', '["professionnels", "usagers"]'::json, 'mobilisation_precisions', NULL,
  'volume_horaire_hebdomadaire', NULL, 'nombre_semaines', NULL, 'horaires_accueil', NULL
))::text FROM (%(query)s) s
"""


def generate_siae(cr, n):
    """``n`` SIAE over the 12 départements, with the public contact and address the export
    publishes (the generator leaves them empty)."""
    refs = generate.Refs(cr)
    ids = generate.siae(cr, refs, n)
    cr.execute("""
        UPDATE res_partner SET zip = lpad((33000 + id %% 900)::text, 5, '0'),
               insee_code = '33' || lpad((id %% 700)::text, 3, '0'),
               street = id || ' rue de l''Insertion', phone = '05 56 00 ' || lpad((id %% 100)::text, 2, '0') || ' 00',
               email = 'contact-' || id || '@siae.example.org',
               website = 'https://siae-' || id || '.example.org'
         WHERE id = ANY(%s)""", (ids,))
    generate.fix_partners(cr)
    cr.execute("ANALYZE")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="SIAE (default 2,000)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()
    sys.path.insert(0, benchlib.ROOT)
    db = "bench_di"
    port = benchlib.free_port()
    config = benchlib.write_config("di", db, port)
    benchlib.drop_db(db)  # a run that failed half-way left it
    benchlib.prepare_scratch_db(db, config, "pepites_partners")
    import odoo
    with benchlib.registry_on(config, db) as registry:
        from odoo.addons.pepites_partners.data_inclusion import export, schema
        with registry.cursor() as cr:
            generate_siae(cr, args.n)
            cr.execute("SELECT count(*) FROM res_partner WHERE is_siae AND active")
            siae_count = cr.fetchone()[0]
            cr.commit()
        session, base = benchlib.serve_in_process(port)

        def get(path):
            response = session.get(base + path, timeout=120)
            assert response.status_code == 200, (path, response.status_code, response.text[:200])
            return response

        structures = get(export.PATHS["structures"]).json()
        services = get(export.PATHS["services"]).json()
        problems = [p for row in structures for p in schema.validate_structure(row)] \
            + [p for row in services for p in schema.validate_service(row)]
        timings = {}
        for kind in ("structures", "services"):
            for suffix in ("", "?format=csv"):
                path = export.PATHS[kind] + suffix
                timings[path] = benchlib.median_seconds(lambda: get(path), repeat=5)
        with registry.cursor() as cr:
            def json_agg():
                cr.execute(JSON_AGG_SQL % export.SIAE_QUERY, {"since": None})
                return cr.fetchone()[0]
            agg_time = benchlib.median_seconds(json_agg, repeat=5)
            sample = services[0]
            services_sql = SERVICES_AGG_SQL.replace("%(query)s", export.SIAE_QUERY)
            services_params = {
                "since": None, "nom": sample["nom"], "pp": sample["publics_precisions"],
                "description": " propose " + "x" * (len(sample["description"]) - 40),
                "thematiques": json.dumps(sample["thematiques"]),
                "publics": json.dumps(sample["publics"]), "ca": sample["conditions_acces"],
                "board": base + "/jobs"}

            def services_agg():
                cr.execute(services_sql, services_params)
                return cr.fetchone()[0]
            services_agg_time = benchlib.median_seconds(services_agg, repeat=5)

            def engine():
                return export.export(cr, "services", {}, base + "/jobs")
            engine_time = benchlib.median_seconds(engine, repeat=5)

        time.sleep(1.1)  # updated_since has a one-second grain
        with registry.cursor() as cr:
            # Odoo 11 reads timestamps as strings: PostgreSQL formats the moment
            cr.execute("""SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')""")
            since = cr.fetchone()[0]
            cr.commit()
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            env["res.partner"].search([("is_siae", "=", True)], limit=20).write(
                {"phone": "05 57 00 00 00"})
            cr.commit()
        incremental = export.PATHS["services"] + "?updated_since=" + since
        changed = len(get(incremental).json())
        incremental_time = benchlib.median_seconds(lambda: get(incremental), repeat=11)
    if not args.keep:
        benchlib.drop_db(db)

    structures_time = timings[export.PATHS["structures"]]
    services_time = timings[export.PATHS["services"]]
    print("\n## data·inclusion v1 export: %d SIAE, %d structures and %d services, %d schema "
          "problems\n" % (siae_count, len(structures), len(services), len(problems)))
    rows = [
        ("structures, JSON (HTTP)", "%.0f ms" % (structures_time * 1000),
         "%.0f ms (json_agg of the same columns)" % (agg_time * 1000),
         "%.2fx (targets <= 1 s and <= 5x)" % (structures_time / agg_time)),
        ("services, JSON (HTTP)", "%.0f ms" % (services_time * 1000),
         "%.0f ms (json_agg of the same service documents)" % (services_agg_time * 1000),
         "%.2fx (targets <= 1 s and <= 5x)" % (services_time / services_agg_time)),
        ("  of which SQL + rows + serialisation in process", "%.0f ms" % (engine_time * 1000),
         "%.0f ms" % (services_agg_time * 1000), "%.2fx" % (engine_time / services_agg_time)),
    ]
    for kind in ("structures", "services"):
        path = export.PATHS[kind] + "?format=csv"
        rows.append(("%s, CSV (HTTP)" % kind, "%.0f ms" % (timings[path] * 1000),
                     "%.0f ms (JSON)" % (timings[export.PATHS[kind]] * 1000),
                     "%.2fx" % (timings[path] / timings[export.PATHS[kind]])))
    rows.append(("services updated_since after 20 changes (%d rows)" % changed,
                 "%.1f ms" % (incremental_time * 1000), "", ""))
    print(benchlib.table(rows))
    assert not problems, problems[:10]
    assert len(structures) == len(services) == siae_count, (len(structures), siae_count)
    assert changed == 20, changed
    assert max(structures_time, services_time) <= 1.0, "slower than 1 s"
    assert structures_time <= 5 * agg_time, "structures slower than 5x json_agg"
    assert services_time <= 5 * services_agg_time, "services slower than 5x json_agg"


if __name__ == "__main__":
    main()
