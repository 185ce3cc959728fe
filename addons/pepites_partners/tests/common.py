"""Shared fixtures of the PEPITES tests: two SIAE, one user per role.

Other PEPITES addons import :class:`PepitesCase` and :func:`make_siret` so that every addon tests
its access rules against the same cast.
"""
import itertools
import re
import subprocess

import requests
from stdnum import luhn

import odoo
from odoo import SUPERUSER_ID, api, registry
from odoo.tests.common import HOST, PORT, HttpCase, SavepointCase, get_db_name
from odoo.tools import config

from ..models.ir_config_parameter import PUBLIC_URL_OPTION

_counter = itertools.count(1)


def make_siret(seed=None):
    """Return a SIRET whose SIREN and SIRET Luhn keys are right, unique within a test run."""
    number = seed if seed is not None else next(_counter)
    base = "9%07d" % (number % 10 ** 7)
    siren = base + luhn.calc_check_digit(base)
    nic = "%04d" % (number % 10 ** 4)
    return siren + nic + luhn.calc_check_digit(siren + nic)


def create_user(env, login, groups, partner=None, **values):
    """Create a user whose password is its login (like the demo users)."""
    vals = {"name": login.title(), "login": login, "password": login,
            "email": "%s@example.org" % login, "lang": "fr_FR",
            "groups_id": [(6, 0, [env.ref(group).id for group in groups])]}
    if partner:
        vals["partner_id"] = partner.id
    vals.update(values)
    return env["res.users"].with_context(no_reset_password=True).create(vals)


def set_public_url(url):
    """Set the canonical public URL (the ``pepites_public_url`` option of the configuration
    file, a process-wide setting) for a test; ``url=None`` removes it.

    :return: a function that puts the previous setting back (call it in the test's cleanup)
    """
    missing = object()
    previous = config.options.get(PUBLIC_URL_OPTION, missing)
    if url is None:
        config.pop(PUBLIC_URL_OPTION, None)
    else:
        config[PUBLIC_URL_OPTION] = url

    def restore():
        if previous is missing:
            config.pop(PUBLIC_URL_OPTION, None)
        else:
            config[PUBLIC_URL_OPTION] = previous
    return restore


def render_pdf(env, report_xmlid, res_ids, data=None):
    """Print a QWeb report to PDF through the report action, as users do.

    Odoo 11 returned the report's HTML under tests and on the HTTP test cursor; PEPITES' override
    (``models/ir_actions_report.py``) prints real PDFs there too, from self-contained pages.
    """
    pdf, _format = env.ref(report_xmlid).render_qweb_pdf(res_ids, data=data)
    return pdf


def pdf_text(pdf):
    """The text of a PDF, as poppler's pdftotext reads it (PyPDF2 cannot decode the fonts
    wkhtmltopdf embeds), to assert what a report shows."""
    process = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    return process.stdout.decode("utf-8")


def pdf_pages(pdf):
    """The text of each page of a PDF (pdftotext ends every page with a form feed); as many
    entries as ``pdfinfo`` counts pages."""
    pages = pdf_text(pdf).split("\f")[:-1]
    info = subprocess.run(["pdfinfo", "-"], input=pdf, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, check=True).stdout.decode("utf-8")
    count = int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1))
    assert len(pages) == count, "pdftotext read %d pages of %d" % (len(pages), count)
    return pages


#: The bundles ``web.report_layout`` and ``web.minimal_layout`` print with.
REPORT_BUNDLES = ("web.report_assets_common", "web.report_assets_pdf")


def warm_report_assets():
    """Compile the reports' stylesheets once and commit them, before a test class starts.

    lessc takes 15-30 s on the report bundle; a test's rollback would throw the compiled
    stylesheet away, and every test class that prints would compile it again. Compiled on a
    cursor of its own and committed (a cache, like the server keeps it), the bundle is found by
    every later transaction. Call it before the class's cursor exists (first in ``setUpClass``).
    """
    with registry(get_db_name()).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        for name in REPORT_BUNDLES:
            files, _remains = env["ir.qweb"]._get_asset_content(name, {})
            env["ir.qweb"].get_asset_bundle(name, files, env=env).css()


class PrintAssertions(object):
    """Mixin of the tests that print PEPITES reports: warms the report stylesheets (see
    :func:`warm_report_assets`) and checks printed PDFs page by page."""

    @classmethod
    def setUpClass(cls):
        warm_report_assets()
        super(PrintAssertions, cls).setUpClass()

    def assertPrinted(self, pdf, names, company=None):
        """``pdf`` holds one document per name of ``names``, in order, each starting on a new
        page with "Page 1 / n", naming its own person and none of the others', and every page
        carries the company's letterhead (name and city) and its "Page x / n".

        :return: the documents, each a list of its pages' texts
        """
        self.assertTrue(pdf.startswith(b"%PDF"), "not a PDF: %r" % pdf[:60])
        company = company or self.env.user.company_id
        documents = []
        for page in pdf_pages(pdf):
            if re.search(r"Page 1 / \d+", page):
                documents.append([])
            self.assertTrue(documents, "the first page has no 'Page 1 / n':\n%s" % page)
            documents[-1].append(page)
        self.assertEqual(len(documents), len(names), "one document per record")
        for document, name in zip(documents, names):
            for number, page in enumerate(document, 1):
                self.assertIn("Page %d / %d" % (number, len(document)), page)
                self.assertIn(company.name, page)
                self.assertIn(company.city, page)
            text = "".join(document)
            self.assertIn(name, document[0])
            for other in names:
                if other != name:
                    self.assertNotIn(other, text)
        return documents


def setup_cast(cls, env):
    """Two SIAE (A in Gironde, B in Dordogne) and the users of every PEPITES role, set on ``cls``."""
    if not env.ref("base.lang_fr").active:
        env.ref("base.lang_fr").active = True
    cls.dep_33 = env.ref("pepites_partners.department_33")
    cls.dep_24 = env.ref("pepites_partners.department_24")
    cls.sector_reuse = env.ref("pepites_partners.sector_reuse")
    Partner = env["res.partner"]
    cls.siae_a = Partner.create({
        "name": "SIAE Test A", "is_company": True, "is_siae": True, "siae_kind": "aci",
        "siret": make_siret(), "department_id": cls.dep_33.id, "fte": 12.5,
        "insertion_posts": 30, "email": "contact@siae-a.example.org"})
    cls.siae_b = Partner.create({
        "name": "SIAE Test B", "is_company": True, "is_siae": True, "siae_kind": "ei",
        "siret": make_siret(), "department_id": cls.dep_24.id, "fte": 8,
        "insertion_posts": 14})
    cls.person_a = Partner.create({"name": "Alice Encadrante", "parent_id": cls.siae_a.id,
                                   "email": "alice@siae-a.example.org"})
    cls.person_b = Partner.create({"name": "Bruno Accompagnateur", "parent_id": cls.siae_b.id,
                                   "email": "bruno@siae-b.example.org"})
    cls.prescriber = Partner.create({
        "name": "Agence Test", "is_company": True,
        "pepites_role_ids": [(6, 0, [env.ref("pepites_partners.partner_role_prescriber").id])]})
    cls.api_contact = Partner.create({"name": "Flux Test", "parent_id": cls.prescriber.id})
    cls.user_siae_a = create_user(env, "test_siae_a", ["pepites_partners.group_pepites_siae"],
                                  partner=cls.person_a)
    cls.user_siae_b = create_user(env, "test_siae_b", ["pepites_partners.group_pepites_siae"],
                                  partner=cls.person_b)
    cls.user_partner_api = create_user(env, "test_partner_api",
                                       ["pepites_partners.group_pepites_partner_api"],
                                       partner=cls.api_contact)
    cls.user_staff = create_user(env, "test_staff", ["pepites_partners.group_pepites_user"])
    cls.user_manager = create_user(env, "test_manager",
                                   ["pepites_partners.group_pepites_manager"])
    cls.user_portal = create_user(env, "test_portal", ["base.group_portal"])


#: the asset bundles the tests' pages and prints use: website and portal pages, /web, the
#: editor of website publishers, the PDF reports
ASSET_BUNDLES = ("web.assets_common", "web.assets_frontend", "web.assets_backend",
                 "web_editor.summernote", "web_editor.assets_editor", "website.assets_editor",
                 "web.report_assets_common", "web.report_assets_pdf")
#: the installed addons for which the bundles were built and committed (one process)
_assets_built_for = set()


def ensure_assets(db_name=None):
    """Build the asset bundles (LESS compiled, JavaScript joined) once for the addons installed
    now, and commit them.

    A page builds a missing bundle into an attachment: in a test that attachment is rolled back
    with the test (or with the request, on a 404), so every test, and every error page, ran
    ``lessc`` again — about 3 s each, a third of the suite's time. Committed before the tests,
    the bundles are found, as on a running server; they change only when addons are installed.
    """
    db_name = db_name or get_db_name()
    db_registry = registry(db_name)
    key = (db_name, frozenset(db_registry._init_modules))
    if key in _assets_built_for or db_registry.test_cr is not None:
        return
    with db_registry.cursor() as cr:  # committed on leaving
        env = api.Environment(cr, SUPERUSER_ID, {})
        Qweb = env["ir.qweb"]
        for name in ASSET_BUNDLES:
            if not env.ref(name, raise_if_not_found=False):
                continue
            files, remains = Qweb._get_asset_content(name, {})
            Qweb.get_asset_bundle(name, files, remains, env=env).to_html(css=True, js=True)
    _assets_built_for.add(key)


class PepitesCase(SavepointCase):
    """SavepointCase with the shared cast (see :func:`setup_cast`)."""

    @classmethod
    def setUpClass(cls):
        ensure_assets()
        super(PepitesCase, cls).setUpClass()
        setup_cast(cls, cls.env)


class PepitesHttpCase(HttpCase):
    """HttpCase whose ``self.env`` shares the cursor of the test HTTP server.

    Odoo 11 serves test requests on a cursor of its own, so records a test creates through
    ``self.env`` stay invisible to its own HTTP and XML-RPC calls. Odoo 12 hands the test's cursor
    to the server; this does the same for 11. That test cursor "commits" by moving a savepoint and
    "rolls back" to it when a request ends, so every request helper first commits the test's
    writes (the whole transaction is still rolled back when the test ends) and afterwards drops
    the ORM cache, so that the test reads what the request wrote.
    """

    @classmethod
    def setUpClass(cls):
        ensure_assets()
        super(PepitesHttpCase, cls).setUpClass()

    def setUp(self):
        super(PepitesHttpCase, self).setUp()
        own_cr, own_env = self.cr, self.env
        self.cr = self.registry.test_cr
        self.env = self.env(cr=self.cr)

        @self.addCleanup
        def restore():
            self.env.clear()
            self.cr, self.env = own_cr, own_env

    def _before_request(self):
        self.env["res.partner"].recompute()  # pending stored computes, for every model
        self.cr.commit()

    def _after_request(self):
        self.env.clear()  # drop the cache: the request may have changed records

    def url_open(self, url, data=None, timeout=30, files=None):
        """GET (or POST when ``data`` or ``files`` are given) ``url`` on the test server."""
        self._before_request()
        try:
            if url.startswith("/"):
                url = self.base_url() + url
            if data is None and files is None:
                return self.opener.get(url, timeout=timeout)
            return self.opener.post(url, data=data, files=files, timeout=timeout)
        finally:
            self._after_request()

    def base_url(self):
        return "http://%s:%s" % (HOST, PORT)

    def csrf_token(self, url="/web/login"):
        """The session's CSRF token, read from the form of the page at ``url``."""
        html = self.url_open(url).text
        marker = 'name="csrf_token" value="'
        start = html.index(marker) + len(marker)
        return html[start:html.index('"', start)]

    @staticmethod
    def alert(html):
        """The text of a page's error alert (what a form says of bad input), or None."""
        marker = "alert alert-danger"
        if marker not in html:
            return None
        start = html.index(">", html.index(marker)) + 1
        return html[start:html.index("</div>", start)].strip()

    def authenticate(self, user, password):
        """Log ``user`` in on a new session, as a logout then a login does in a browser.

        Odoo 11's HttpCase logs every user of a test in on the test's one session id, and the
        session token is cached by session id alone (``res.users._compute_session_token``): a
        second user kept the first one's token, and was logged out by the token check as soon
        as anything cleared the registry cache. A real logout gives the browser a new session
        id (``rotate``): so does this."""
        self._before_request()
        if user is not None and self.session.uid:
            odoo.http.root.session_store.delete(self.session)
            self.session = odoo.http.root.session_store.new()
            self.session_id = self.session.sid
            self.session.db = get_db_name()
            for cookie in [cookie for cookie in self.opener.cookies if cookie.name == "session_id"]:
                self.opener.cookies.clear(cookie.domain, cookie.path, cookie.name)
            self.opener.cookies["session_id"] = self.session_id
        super(PepitesHttpCase, self).authenticate(user, password)

    def login_through(self, host, login, password):
        """Log in on the login form, in a browser session of its own, as a browser does that
        reached the server as ``host`` (its ``Host`` header, e.g. ``localhost:8069``): core
        Odoo 11 takes the address of an admin's login for ``web.base.url`` unless it is frozen.

        :return: the uid of that session afterwards
        """
        browser = requests.Session()  # its cookies are those of ``host``, like a browser's
        headers = {"Host": host}
        url = self.base_url() + "/web/login"
        self._before_request()
        try:
            html = browser.get(url, headers=headers, timeout=60).text
            marker = 'name="csrf_token" value="'
            start = html.index(marker) + len(marker)
            browser.post(url, headers=headers, timeout=60, allow_redirects=False, data={
                "login": login, "password": password, "redirect": "/web",
                "csrf_token": html[start:html.index('"', start)]})
            info = browser.post(self.base_url() + "/web/session/get_session_info",
                                headers=headers, json={"jsonrpc": "2.0", "params": {}},
                                timeout=60)
        finally:
            self._after_request()
        return info.json()["result"]["uid"]

    def xmlrpc(self, user, model, method, *args, **kwargs):
        """Call ``model.method(*args, **kwargs)`` over XML-RPC as ``user`` (password = login)."""
        self._before_request()
        try:
            return self.xmlrpc_object.execute_kw(get_db_name(), user.id, user.login, model,
                                                 method, list(args), kwargs)
        finally:
            self._after_request()


class PepitesHttpCastCase(PepitesHttpCase):
    """PepitesHttpCase with the shared cast of :func:`setup_cast`."""

    def setUp(self):
        super(PepitesHttpCastCase, self).setUp()
        setup_cast(self, self.env)
