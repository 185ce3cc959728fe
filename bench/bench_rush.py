#!/usr/bin/env python
"""The rush benchmark (issue #20): a rally-day crowd through nginx, on one Odoo node and on
two.

``--visitors`` visitors (1,000) arrive within ``--seconds`` (60), at even intervals with a little
jitter, each in a browser of its own (its own session, its own address):

- 50 % open the job board with filters (``/jobs?department=…&contract_type=…``, a search word,
  sometimes the second page);
- 30 % open an offer's page (``/jobs/detail/<slug>``);
- 10 % register for a rally day: its registration page, then the form posted (a 1,000-seat
  event: the seat lock of every registration is taken);
- 5 % apply to an offer with a CV: the offer's page, then the form posted with a PDF;
- 5 % verify a badge (``/badges/verify/<uuid>``).

Meanwhile a probe opens ``/web/login`` twice a second: the baseline the routes are compared with
under the same load. For each route: requests, errors (anything but the expected answer, a
timeout included; nginx's 504 is a node that did not accept the connection within
proxy_connect_timeout, its listen queue full), p50 / p95 / p99 of the answered requests and
their ratio to the probe's, and the route's median alone (one request at a time, just before
the rush). Throughput: answered requests per second over the rush, beside what the machine's
cores could answer at the routes' times alone (the ceiling the crowd meets).

Set-up (cluster.py of the cluster tests, shared): the nodes are real prefork Odoo servers on the
generated database and the same data directory (``make prod``'s 2 HTTP workers each: one node
is ``make prod``, two are ``make cluster``), without crons; nginx is the production template
rendered with the nodes in its upstream. The production rate limits stay; every simulated
visitor connects from 127.0.0.1 and names an address of its own in X-Forwarded-For, which this
bench's nginx alone trusts from 127.0.0.1 (``REAL_IP_FROM``, empty in production): the limits
count per visitor as they would for a real crowd, and no visitor posts more than once.

Usage (from the repository root; ``--db`` a database made by bench/generate.py)::

    .venv/bin/python bench/bench_rush.py --db bench_main [--visitors 1000] [--seconds 60]
                                         [--nodes 1,2]

What it creates (its event, registrations, applications and their partners) is deleted at the
end.
"""
import argparse
import collections
import concurrent.futures
import importlib
import os
import random
import re
import statistics
import sys
import threading
import time
import types
from urllib.parse import urlencode, urljoin

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

ROOT = benchlib.ROOT
os.environ.setdefault("NODE_PATH", "/usr/share/nodejs")
HARNESS = os.path.join(ROOT, "tests", "addons", "pepites_load", "tests")
MIX = [("jobs", 50), ("offer", 30), ("event", 10), ("apply", 5), ("badge", 5)]
#: routes as reported, in this order
ROUTES = [
    ("jobs", "GET /jobs with filters"),
    ("offer", "GET offer page"),
    ("event_page", "GET event registration page"),
    ("event_post", "POST event registration"),
    ("apply_post", "POST application with a CV"),
    ("badge", "GET badge verification"),
    ("login", "GET /web/login (probe, baseline)"),
]
EMAIL_DOMAIN = "rush.example.org"
SEARCH_WORDS = ["agent", "cuisine", "entretien", "magasinier", "espaces verts", "chauffeur",
                "vendeur", "maraîchage"]
PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
       b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
       b"trailer << /Root 1 0 R >>\n%%EOF\n")
TIMEOUT = 60


def harness():
    """cluster.py of the cluster tests, imported as a plain package (not as an Odoo addon)."""
    package = types.ModuleType("pepites_load_harness")
    package.__path__ = [HARNESS]
    sys.modules["pepites_load_harness"] = package
    return importlib.import_module("pepites_load_harness.cluster")


def csrf(text):
    match = re.search(r'name="csrf_token" value="([^"]+)"', text)
    return match.group(1) if match else None


def prepare(registry):
    """What the visitors need, read from the generated database, and a 1,000-seat rally day
    committed for them."""
    import datetime
    import odoo
    from odoo import api, fields
    from odoo.addons.http_routing.models.ir_http import slug
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        offers = env["hr.job"].search([("website_published", "=", True),
                                       ("siae_id", "!=", False)], limit=2000)
        offers = offers.filtered(lambda offer: offer._is_public())
        assert offers, "no published offer: run bench/generate.py on this database"
        Job = env["hr.job"]
        assertions = env["pepites.badge.assertion"].search([("revoked", "=", False)], limit=200)
        assert assertions, "no badge: run bench/generate.py on this database"
        begin = datetime.datetime.now().replace(microsecond=0) + datetime.timedelta(days=14)
        department = env.ref("pepites_partners.department_33")
        event = env["event.event"].create({
            "name": "RDV Découverte IAE — bench de la ruée", "pepites_kind": "discovery",
            "pepites_department_id": department.id,
            "date_begin": fields.Datetime.to_string(begin),
            "date_end": fields.Datetime.to_string(begin + datetime.timedelta(hours=4)),
            "seats_availability": "limited", "seats_max": 1000, "auto_confirm": True,
            "website_published": True})
        event.button_confirm()
        data = {
            "offers": [slug(offer) for offer in offers],
            "badges": assertions.mapped("uuid"),
            "event": slug(event), "event_id": event.id,
            "filters": {
                "department": env["pepites.department"].search([]).mapped("code"),
                "job_family": env["pepites.job.family"].search([]).mapped("code"),
                "contract_type": [key for key, _label in
                                  Job._fields["contract_type"]._description_selection(env)],
                "siae_kind": [key for key, _label in
                              Job._fields["siae_kind"]._description_selection(env)],
                "search": SEARCH_WORDS,
            },
        }
        cr.commit()
    return data


def clean(registry, data):
    """Delete the event, its registrations, the applications and the partners of the rush."""
    import odoo
    from odoo import api
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        registrations = env["event.registration"].search([("event_id", "=", data["event_id"])])
        applicants = env["hr.applicant"].with_context(active_test=False).search(
            [("email_from", "=ilike", "%@" + EMAIL_DOMAIN)])
        env["mail.mail"].search(["|", "&", ("model", "=", "event.registration"),
                                 ("res_id", "in", registrations.ids),
                                 "&", ("model", "=", "hr.applicant"),
                                 ("res_id", "in", applicants.ids)]).unlink()
        registrations.unlink()
        env["ir.attachment"].search([("res_model", "=", "hr.applicant"),
                                     ("res_id", "in", applicants.ids)]).unlink()
        applicants.unlink()
        env["event.event"].browse(data["event_id"]).unlink()
        env["res.partner"].with_context(active_test=False).search(
            [("email", "=ilike", "%@" + EMAIL_DOMAIN)]).unlink()
        cr.commit()


class Rush(object):
    """One rush through ``cluster``'s nginx; ``samples`` are (route, seconds, ok, what)."""

    def __init__(self, cluster, data, visitors, seconds, seed, visitor_address, label):
        self.cluster, self.data, self.visitors, self.seconds = cluster, data, visitors, seconds
        self.random = random.Random(seed)
        self.visitor_address, self.label = visitor_address, label
        self.samples, self.lock = [], threading.Lock()

    def record(self, route, started, ok, what):
        with self.lock:
            self.samples.append((route, time.perf_counter() - started, ok, what))

    def call(self, session, route, method, path, expect, **kwargs):
        """One timed request; ``expect(response)`` says whether its answer is the right one.
        Returns the response, or None when it failed."""
        url = path if path.startswith("http") else self.cluster.url + path
        started = time.perf_counter()
        try:
            response = session.request(method, url, timeout=TIMEOUT, allow_redirects=False,
                                       **kwargs)
        except Exception as error:  # a timeout, a reset: an error of the route
            self.record(route, started, False, type(error).__name__)
            return None
        ok = expect(response)
        self.record(route, started, ok, response.status_code)
        return response if ok else None

    def jobs_path(self, rand):
        filters = self.data["filters"]
        chosen = rand.sample(sorted(filters), rand.choice((1, 2)))
        query = {name: rand.choice(filters[name]) for name in chosen if filters[name]}
        if rand.random() < 0.2:
            query["part_time"] = "1"
        return ("/jobs/page/2?" if rand.random() < 0.15 else "/jobs?") + urlencode(query)

    def visit(self, index, kind, rand):
        session = self.cluster.session(self.visitor_address(index))
        ok200 = lambda response: response.status_code == 200  # noqa: E731
        try:
            if kind == "jobs":
                self.call(session, "jobs", "GET", self.jobs_path(rand), ok200)
            elif kind == "offer":
                self.call(session, "offer", "GET",
                          "/jobs/detail/" + rand.choice(self.data["offers"]), ok200)
            elif kind == "badge":
                self.call(session, "badge", "GET",
                          "/badges/verify/" + rand.choice(self.data["badges"]),
                          lambda response: response.status_code == 200
                          and "Badge valide" in response.text)
            elif kind == "event":
                self.register(session, index)
            elif kind == "apply":
                self.apply(session, index, rand)
        finally:
            session.close()

    def register(self, session, index):
        page = self.call(session, "event_page", "GET",
                         "/event/%s/register" % self.data["event"],
                         lambda response: response.status_code == 200 and csrf(response.text))
        if page is None:
            return
        from lxml import html as lxml_html
        action = lxml_html.fromstring(page.content).xpath(
            "//form[contains(concat(' ', @class, ' '), ' o_pepites_registration ')]/@action")[0]
        self.call(session, "event_post", "POST", urljoin(page.url, action),
                  lambda response: response.status_code == 200
                  and "o_pepites_confirmed" in response.text, data={
                      "csrf_token": csrf(page.text), "name": "Visiteuse %s %04d" % (
                          self.label, index),
                      "email": "visiteuse.%s.%04d@%s" % (self.label, index, EMAIL_DOMAIN),
                      "phone": "05 56 00 00 00", "in_career_change": "1",
                      "current_job": "Vendeuse", "pepites_consent": "1"})

    def apply(self, session, index, rand):
        offer = rand.choice(self.data["offers"])
        page = self.call(session, "offer", "GET", "/jobs/detail/" + offer,
                         lambda response: response.status_code == 200 and csrf(response.text))
        if page is None:
            return
        self.call(session, "apply_post", "POST", "/jobs/apply/" + offer,
                  lambda response: response.status_code == 302
                  and "applied=1" in response.headers.get("Location", ""), data={
                      "csrf_token": csrf(page.text),
                      "partner_name": "Candidat %s %04d" % (self.label, index),
                      "email_from": "candidat.%s.%04d@%s" % (self.label, index, EMAIL_DOMAIN),
                      "partner_phone": "05 56 00 00 01", "description": "Disponible.",
                      "pepites_consent": "1"},
                  files={"cv": ("cv.pdf", PDF + b"% " + os.urandom(4000).hex().encode() + b"\n",
                                "application/pdf")})

    def alone(self, rounds=7):
        """Each route alone, one request at a time (the machine otherwise as it is): the median
        service time, before the rush. A registration and an application are not repeated (they
        write): their pages are."""
        rand = random.Random(0)
        session = self.cluster.session("10.255.255.253")
        ok200 = lambda response: response.status_code == 200  # noqa: E731
        paths = {
            "jobs": lambda: self.jobs_path(rand),
            "offer": lambda: "/jobs/detail/" + rand.choice(self.data["offers"]),
            "event_page": lambda: "/event/%s/register" % self.data["event"],
            "badge": lambda: "/badges/verify/" + rand.choice(self.data["badges"]),
            "login": lambda: "/web/login",
        }
        medians = {}
        for route, path in paths.items():
            times = []
            for _ in range(rounds):
                started = time.perf_counter()
                response = session.get(self.cluster.url + path(), timeout=TIMEOUT)
                if ok200(response):
                    times.append(time.perf_counter() - started)
            medians[route] = statistics.median(times) if times else None
        session.close()
        return medians

    def probe(self, stop):
        session = self.cluster.session("10.255.255.254")
        while not stop.wait(0.5):
            self.call(session, "login", "GET", "/web/login",
                      lambda response: response.status_code == 200)

    def run(self):
        kinds = [kind for kind, share in MIX for _ in range(share * self.visitors // 100)]
        self.random.shuffle(kinds)
        interval = float(self.seconds) / len(kinds)
        stop = threading.Event()
        prober = threading.Thread(target=self.probe, args=(stop,), daemon=True)
        started = time.perf_counter()
        prober.start()
        with concurrent.futures.ThreadPoolExecutor(max_workers=400) as pool:
            futures = []
            for index, kind in enumerate(kinds):
                at = started + index * interval + self.random.uniform(0, interval)
                time.sleep(max(0, at - time.perf_counter()))
                futures.append(pool.submit(self.visit, index, kind,
                                           random.Random(self.random.random())))
            for future in futures:
                future.result()
        stop.set()
        prober.join()
        self.elapsed = time.perf_counter() - started
        return self


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(share * (len(values) - 1))))]


def report(rushes, visitors, seconds):
    lines = ["", "## Rush: %d visitors within %d s through nginx, one node and two nodes"
             % (visitors, seconds), ""]
    rows = []
    for label, rush in rushes:
        # the percentiles are of the answered requests (an error answered at once by nginx
        # would make a route look fast); the errors are counted beside
        by_route = collections.defaultdict(list)
        errors = collections.defaultdict(collections.Counter)
        counts = collections.Counter()
        for route, took, ok, what in rush.samples:
            counts[route] += 1
            if ok:
                by_route[route].append(took)
            else:
                errors[route][what] += 1
        answered = sum(1 for sample in rush.samples if sample[2])
        login = by_route["login"]
        base50, base95 = (percentile(login, 0.5), percentile(login, 0.95)) if login else (0, 0)
        alone = getattr(rush, "medians_alone", {})
        mix = [(alone.get(route), share) for route, share in (
            ("jobs", 50), ("offer", 35), ("event_page", 10), ("badge", 5))]
        capacity = ""
        if all(seconds for seconds, _share in mix):
            # what the machine's cores could answer if every request cost its time alone
            mean = sum(seconds * share for seconds, share in mix) / sum(s for _t, s in mix)
            capacity = "; at the routes' times alone %d cores answer at most %.0f/s, " \
                "the rush asks %.0f/s" % (os.cpu_count(), os.cpu_count() / mean,
                                          len(rush.samples) / float(rush.seconds))
        rows.append(("**%s**" % label, "%d requests in %.0f s: %.1f answered/s%s"
                     % (len(rush.samples), rush.elapsed, answered / rush.elapsed, capacity),
                     "%d errors" % sum(sum(c.values()) for c in errors.values()), "", "", ""))
        for route, name in ROUTES:
            times = by_route.get(route)
            if not counts[route]:
                continue
            if not times:
                rows.append((name, "%d" % counts[route], "%d (all)" % counts[route], "-", "-",
                             "**no**"))
                continue
            p50, p95, p99 = (percentile(times, share) for share in (0.5, 0.95, 0.99))
            alone = getattr(rush, "medians_alone", {}).get(route)
            rows.append((
                name + (" — alone: %.0f ms" % (alone * 1000) if alone else ""),
                "%d" % counts[route],
                "%d%s" % (sum(errors[route].values()), (" (%s)" % ", ".join(
                    "%s×%s" % (count, what) for what, count in errors[route].items()))
                    if errors[route] else ""),
                "%.0f / %.0f / %.0f ms" % (p50 * 1000, p95 * 1000, p99 * 1000),
                "%.1f× / %.1f×" % (p50 / base50, p95 / base95) if base50 and base95
                and route != "login"
                else "1", "yes" if p95 <= 1.0 and not errors[route] else "**no**"))
    lines.append(benchlib.table(rows, header=(
        "route", "requests", "errors", "p50 / p95 / p99 (answered)",
        "ratio to /web/login (p50 / p95)",
        "goal: 0 errors, p95 ≤ 1 s")))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="a database made by bench/generate.py")
    parser.add_argument("--visitors", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--nodes", default="1,2", help="the node counts to measure, in order")
    parser.add_argument("--workers", type=int, default=2, help="HTTP workers per node")
    args = parser.parse_args()
    sys.path.insert(0, ROOT)
    import requests

    config = benchlib.write_config("rush", args.db, benchlib.free_port())
    cluster_module = harness()
    rushes = []
    load = os.getloadavg()
    try:
        with benchlib.registry_on(config, args.db) as registry:
            data = prepare(registry)
            try:
                for count in [int(n) for n in args.nodes.split(",")]:
                    label = "%d node%s" % (count, "s" if count > 1 else "")
                    print("starting %s of %d workers behind nginx..." % (label, args.workers),
                          flush=True)
                    cluster = cluster_module.Cluster(
                        args.db, nodes=count, workers=args.workers, db_maxconn=8,
                        log_prefix="rush", cron=False)
                    try:
                        cluster.start()
                        # each node's first pages load its caches and the website's assets:
                        # not part of the rush
                        for node in cluster.nodes:
                            for path in ("/jobs", "/jobs/detail/" + data["offers"][0],
                                         "/event/%s/register" % data["event"], "/web/login",
                                         "/badges/verify/" + data["badges"][0]):
                                requests.get(node.url + path, timeout=300)
                        rush = Rush(cluster, data, args.visitors, args.seconds, seed=count,
                                    visitor_address=cluster_module.visitor_address,
                                    label=label.replace(" ", ""))
                        rush.medians_alone = rush.alone()
                        rushes.append((label, rush.run()))
                        bad = cluster.bad_lines()
                        if bad:
                            print("%s: %d ERROR lines in the nodes' logs, first: %s"
                                  % (label, len(bad), bad[0]), file=sys.stderr)
                    finally:
                        cluster.stop()
            finally:
                clean(registry, data)
    finally:
        os.unlink(config)
    print(report(rushes, args.visitors, args.seconds))
    print()
    print("Load: the machine's load average was %.1f / %.1f / %.1f at the start (other jobs "
          "share its 2 cores). %d HTTP workers per node (make prod's default), no cron; the "
          "visitors and nginx run on the same machine as Odoo and PostgreSQL. Each visitor "
          "names its own address in X-Forwarded-For, trusted from 127.0.0.1 by this bench's "
          "nginx only: the production rate limits apply per visitor." % (
              load[0], load[1], load[2], args.workers))
    # the goals are reported, not asserted (a loaded machine is no failure of the code)
    return 0


if __name__ == "__main__":
    sys.exit(main())
