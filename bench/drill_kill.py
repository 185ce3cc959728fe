#!/usr/bin/env python
"""Fault drill A (issue #8, "Faults"): SIGKILL the server in the middle of a 3,000-recipient bulk
badge issuance, restart, rerun: every recipient ends with exactly one badge.

On a database populated by the generator, it starts a real Odoo server (``bin/odoo``, workers=0)
and, over XML-RPC as the back office does, runs the issuing wizard
(``pepites.badge.issue.wizard.action_issue``):

1. a first campaign issues the badge to 500 of the recipients (committed: people who already
   hold the badge when the big run starts);
2. the wizard is run for all 3,000 recipients and the server is SIGKILLed once the issuing
   transaction has inserted its assertions (PostgreSQL shows its lock on the table) and is
   storing the baked images, before it commits;
3. the server is restarted and the same issuance is run again; then once more through the bulk
   XML-RPC entry point ``pepites.badge.class.issue_to``, which must issue nothing.

It checks with SQL that each of the 3,000 recipients holds exactly one (non-revoked) assertion of
the class, each with its baked PNG, and exits non-zero otherwise.

Usage: .venv/bin/python bench/drill_kill.py --db bench_x [--n 3000]
"""
import argparse
import glob
import os
import signal
import subprocess
import sys
import threading
import time
import xmlrpc.client

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import generate  # noqa: E402

FIRST_CAMPAIGN = 500


class Server(object):
    """A real Odoo server process on ``db`` (its own process group, so that a SIGKILL reaches it
    and only it)."""

    def __init__(self, db, port, config, log_path):
        self.db, self.port, self.config, self.log_path = db, port, config, log_path
        self.process = None

    def start(self):
        log = open(self.log_path, "a")
        self.process = subprocess.Popen(
            [benchlib.PY, os.path.join(benchlib.ROOT, "bin", "odoo"), "-c", self.config, "-d",
             self.db, "--workers=0", "--max-cron-threads=0", "--log-level=info"],
            stdout=log, stderr=subprocess.STDOUT, env=benchlib.odoo_env(),
            start_new_session=True)
        common = xmlrpc.client.ServerProxy("http://127.0.0.1:%d/xmlrpc/2/common" % self.port)
        for _ in range(600):
            try:
                common.version()
                return
            except (ConnectionError, OSError, xmlrpc.client.ProtocolError):
                if self.process.poll() is not None:
                    raise SystemExit("the Odoo server died at start: see %s" % self.log_path)
                time.sleep(0.2)
        raise SystemExit("the Odoo server did not answer: see %s" % self.log_path)

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


class Rpc(object):
    def __init__(self, port, db, login="admin", password="admin"):
        self.url = "http://127.0.0.1:%d/xmlrpc/2/" % port
        self.db, self.password = db, password
        self.uid = xmlrpc.client.ServerProxy(self.url + "common").authenticate(
            db, login, password, {})
        if not self.uid:
            raise SystemExit("cannot log in as %s on %s" % (login, db))

    def __call__(self, model, method, *args, **kwargs):
        proxy = xmlrpc.client.ServerProxy(self.url + "object", allow_none=True)
        return proxy.execute_kw(self.db, self.uid, self.password, model, method, list(args),
                                kwargs)


def recipients(db, n):
    """``n`` people of the generated database with an e-mail address (more are generated when
    the scale gave fewer)."""
    sql = """SELECT id FROM res_partner WHERE email LIKE '%%@bench.example.org' AND active
             AND NOT is_company ORDER BY id LIMIT %s"""
    ids = [row[0] for row in benchlib.psql(sql, db=db, params=(n,))]
    if len(ids) < n:
        import psycopg2
        conn = psycopg2.connect(host=benchlib.pg_host(), port=benchlib.PG_PORT, user="odoo",
                                dbname=db)
        with conn, conn.cursor() as cr:
            refs = generate.Refs(cr)
            cr.execute("SELECT id FROM res_partner WHERE is_siae ORDER BY id LIMIT 50")
            siae = [row[0] for row in cr.fetchall()]
            generate.people(cr, refs, n - len(ids), siae, offset=800000)
            generate.fix_partners(cr)
        conn.close()
        ids = [row[0] for row in benchlib.psql(sql, db=db, params=(n,))]
    return ids


def held(db, class_id, ids):
    """(assertions of the class, recipients with exactly one, with none, with more than one,
    assertions with their baked PNG)."""
    return benchlib.psql("""
        WITH per AS (
            SELECT p, (SELECT count(*) FROM pepites_badge_assertion a
                        WHERE a.badge_class_id = %(c)s AND a.recipient_partner_id = p
                          AND NOT a.revoked) AS n
              FROM unnest(%(ids)s) p)
        SELECT (SELECT count(*) FROM pepites_badge_assertion WHERE badge_class_id = %(c)s),
               count(*) FILTER (WHERE n = 1), count(*) FILTER (WHERE n = 0),
               count(*) FILTER (WHERE n > 1),
               (SELECT count(*) FROM pepites_badge_assertion a JOIN ir_attachment t
                    ON t.res_model = 'pepites.badge.assertion' AND t.res_field = 'baked_image'
                   AND t.res_id = a.id WHERE a.badge_class_id = %(c)s)
          FROM per""", db=db, params={"c": class_id, "ids": ids})[0]


def insert_lock_held(db):
    """Whether another session holds a write lock on the assertions (an issuing transaction
    has inserted its rows and not ended)."""
    return benchlib.psql("""
        SELECT count(*) FROM pg_locks l
         WHERE l.relation = 'pepites_badge_assertion'::regclass AND l.mode = 'RowExclusiveLock'
           AND l.pid <> pg_backend_pid()""", db=db)[0][0] > 0


def backends(db):
    return benchlib.psql("SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
                         "AND pid <> pg_backend_pid()", params=(db,))[0][0]


def written_since(db, since):
    """The filestore files (``xx/sha1``) written since ``since``."""
    folder = benchlib.filestore(db)
    return [os.path.relpath(path, folder)
            for path in glob.glob(os.path.join(folder, "[0-9a-f][0-9a-f]", "*"))
            if os.path.getmtime(path) >= since]


def files_since(db, since):
    return len(written_since(db, since))


def orphans(db, since):
    """Files written since ``since`` that no attachment references (still on disk)."""
    names = [name for name in written_since(db, since)
             if os.path.exists(os.path.join(benchlib.filestore(db), name))]
    referenced = {row[0] for row in benchlib.psql(
        "SELECT store_fname FROM ir_attachment WHERE store_fname = ANY(%s)", db=db,
        params=(names,))} if names else set()
    return [name for name in names if name not in referenced]


def on_checklist(db, names):
    """Those of ``names`` that Odoo listed for its filestore garbage collection."""
    return [name for name in names
            if os.path.exists(os.path.join(benchlib.filestore(db), "checklist", name))]


def run(db, n):
    port = benchlib.free_port()
    config = benchlib.write_config("kill", db, port)
    log_path = os.path.join(benchlib.ROOT, "var", "log", "bench-kill-%s.log" % db)
    open(log_path, "w").close()
    ids = recipients(db, n)
    server = Server(db, port, config, log_path)
    facts = {"n": len(ids)}
    ok = False
    try:
        print("starting an Odoo server on %s (port %d)..." % (db, port), flush=True)
        server.start()
        rpc = Rpc(port, db)
        class_id = rpc("pepites.badge.class", "create", {
            "name": "Exercice de panne — Encadrer une équipe",
            "description": "Badge de l'exercice de panne (SIGKILL pendant une émission en masse).",
            "criteria_narrative": "Avoir encadré une équipe en chantier d'insertion.",
            "state": "published"})

        def wizard(partner_ids):
            return rpc("pepites.badge.issue.wizard", "create", {
                "badge_class_id": class_id, "source": "partners",
                "partner_ids": [(6, 0, partner_ids)], "evidence_url": "https://bench.example.org"})

        def report(wizard_id):
            return rpc("pepites.badge.issue.wizard", "read", [wizard_id],
                       ["issued_count", "skipped_count", "failed_count"])[0]

        first = wizard(ids[:FIRST_CAMPAIGN])
        rpc("pepites.badge.issue.wizard", "action_issue", [first])
        facts["before"] = held(db, class_id, ids)
        # the big run, killed in the middle
        big = wizard(ids)
        since = time.time() - 1
        outcome = {}

        def call():
            try:
                outcome["result"] = rpc("pepites.badge.issue.wizard", "action_issue", [big])
            except Exception as error:  # the server dies under the call
                outcome["error"] = type(error).__name__
        thread = threading.Thread(target=call, daemon=True)
        start = time.perf_counter()
        thread.start()
        while thread.is_alive() and not insert_lock_held(db):
            time.sleep(0.01)
        # let it store part of the baked images in the filestore, then kill
        deadline = time.perf_counter() + 3
        while thread.is_alive() and time.perf_counter() < deadline \
                and files_since(db, since) < len(ids) // 4:
            time.sleep(0.02)
        if not thread.is_alive():
            raise RuntimeError("the issuance ended before the kill (%s)" % outcome)
        server.kill()
        facts["killed_after"] = time.perf_counter() - start
        thread.join(30)
        facts["client"] = outcome.get("error") or "answered"
        for _ in range(300):  # PostgreSQL rolls the orphan transaction back
            if not backends(db):
                break
            time.sleep(0.1)
        facts["after_kill"] = held(db, class_id, ids)
        facts["orphan_files"] = len(orphans(db, since))
        # restart, rerun the same issuance
        print("restarting and issuing again...", flush=True)
        server.start()
        rpc = Rpc(port, db)
        start = time.perf_counter()
        again = wizard(ids)
        rpc("pepites.badge.issue.wizard", "action_issue", [again])
        facts["rerun_seconds"] = time.perf_counter() - start
        facts["rerun_report"] = report(again)
        facts["after_rerun"] = held(db, class_id, ids)
        start = time.perf_counter()
        facts["third_issued"] = len(rpc("pepites.badge.class", "issue_to", [class_id], ids))
        facts["third_seconds"] = time.perf_counter() - start
        facts["after_third"] = held(db, class_id, ids)
        # Odoo's own garbage collection of the filestore (the autovacuum cron's entry point)
        rpc("ir.autovacuum", "power_on")
        left = orphans(db, since)
        facts["orphans_after_gc"] = len(left)
        # Odoo 11 writes a file, then lists it for the GC: a kill between the two leaves that
        # one file unlisted (one thread writes, so at most one)
        facts["unlisted"] = len(left) - len(on_checklist(db, left))
        facts["left"] = left
        total, one, none, more, baked = facts["after_third"]
        ok = (one == len(ids) and not none and not more and total == len(ids)
              and baked == len(ids) and facts["after_kill"][0] == FIRST_CAMPAIGN
              and facts["third_issued"] == 0)
    except Exception as error:
        facts["error"] = "%s: %s" % (type(error).__name__, error)
    finally:
        server.stop()
    return ok, facts


def markdown(ok, facts, db):
    lines = ["\n## Fault drill A: SIGKILL in the middle of a %d-recipient bulk issuance — %s\n"
             % (facts["n"], "PASSED" if ok else "**FAILED**")]
    if "error" in facts:
        lines.append("Drill error: `%s` (server log: var/log/bench-kill-%s.log)\n"
                     % (facts["error"], db))
    if "after_kill" not in facts:
        return lines
    lines.append(
        "A real `bin/odoo` server (workers=0) on the generated database; the back office's "
        "issuing wizard (`pepites.badge.issue.wizard.action_issue`) over XML-RPC. The server "
        "was SIGKILLed %.1f s into the issuance of all %d recipients, once the transaction had "
        "inserted its assertions and was storing the baked PNGs (the client's call failed: `%s`). The "
        "issuance is one transaction: PostgreSQL rolled it back. The %d baked PNG files it had "
        "written to the filestore belong to no attachment; Odoo's filestore garbage collection "
        "(`ir.autovacuum.power_on`, run after the rerun) left %s of them%s."
        % (facts["killed_after"], facts["n"], facts["client"], facts["orphan_files"],
           facts.get("orphans_after_gc", "?"),
           "" if not facts.get("orphans_after_gc") else
           " (%s; %d of them not on Odoo's GC checklist: Odoo 11 writes a file, then lists it, "
           "so the file being written at the instant of the kill stays unlisted — informative, "
           "a few KB per crash)" % (", ".join(facts["left"][:3]), facts["unlisted"])))
    lines.append("")
    rows = []
    labels = [("before", "before the kill (first campaign of %d, committed)" % FIRST_CAMPAIGN),
              ("after_kill", "after the kill"),
              ("after_rerun", "after the rerun (restarted server, same wizard run, %.1f s: %s)"
               % (facts.get("rerun_seconds", 0), ", ".join(
                   "%s %d" % (k.replace("_count", ""), v)
                   for k, v in sorted(facts.get("rerun_report", {}).items()) if k != "id"))),
              ("after_third", "after a third run through `issue_to` (%s issued, %.1f s)"
               % (facts.get("third_issued", "?"), facts.get("third_seconds", 0)))]
    for key, label in labels:
        if key in facts:
            total, one, none, more, baked = facts[key]
            rows.append((label, total, one, none, more, baked))
    lines.append(benchlib.table(rows, header=(
        "moment", "assertions", "recipients with exactly 1", "with 0", "with > 1",
        "baked PNGs")))
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="a database populated by generate.py")
    parser.add_argument("--n", type=int, default=3000)
    args = parser.parse_args()
    ok, facts = run(args.db, args.n)
    print("\n".join(markdown(ok, facts, args.db)))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
