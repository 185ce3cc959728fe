"""Every public page and every portal page of a SIAE, in a real browser the size of a phone.

Job seekers, counsellors and SIAE managers read PEPITES on a phone first. A page wider than
the screen hides what sits on its right (a CV link, an attestation, a price) behind a sideways
scroll nobody tries; an English tab title says "Odoo demo" to them; a console error is a
broken widget. One browser at 390×844 (an iPhone 12–15) loads each page once and collects every
problem of every page, so that one run lists them all: page, problem, offending element. A
1366×900 run checks the same pages on a laptop (width, title, console).

Screenshots: ``var/screenshots/phone-<page>.png`` (``laptop-<page>.png``), whole pages.
"""
import base64
import re

from odoo.tests.common import at_install, post_install

from odoo.addons.http_routing.models.ir_http import slug

from .browser import BrowserCase
from .common import PDF, badge_class, day, issue, moment, offer_values

#: English words seen in the titles of Odoo 11's core pages (whole words, any case): none of
#: them belongs in a French title ("PEPITES — INAÉ" is the site's name, it is fine)
ENGLISH_TITLE_WORDS = [
    "Events", "Event", "My Portal", "Portal", "Home", "Homepage", "Jobs", "Job", "Courses",
    "Presentations", "Page Not Found", "Not Found", "Forbidden", "Internal Server Error",
    "Contact us", "New", "Change", "Login", "Log in", "Sign in", "Sign up", "Register",
    "Registration", "Apply", "Thank you", "Offers", "Account", "Details", "My", "Your",
    "Training", "Trainings", "Indicators", "Privacy Policy", "Legal Advice", "Terms",
    "Reset password", "Website", "My Website", "YourCompany", "Odoo", "Search", "Welcome",
    "Badge verification", "Verify", "Applicants",
]
ENGLISH_TITLE = re.compile(r"(?<![\w-])(%s)(?![\w-])" % "|".join(
    re.escape(word) for word in sorted(ENGLISH_TITLE_WORDS, key=len, reverse=True)),
    re.IGNORECASE)

#: the elements that stick out of the viewport on the right, the outermost first (a table too
#: wide, a long word): what makes the document wider than the screen. Elements inside a box
#: that scrolls or clips on its own do not widen the page and are left out.
FIND_OVERFLOW_JS = """
var limit = window.innerWidth + 1;
function describe(el) {
    var path = [], node = el;
    while (node && node.nodeType === 1 && node !== document.body && path.length < 4) {
        var name = node.tagName.toLowerCase();
        if (node.id) { name += '#' + node.id; }
        var classes = (typeof node.className === 'string' ? node.className : '')
            .trim().split(/\\s+/).filter(function (c) { return c; }).slice(0, 3);
        if (classes.length) { name += '.' + classes.join('.'); }
        path.unshift(name);
        if (node.id) { break; }
        node = node.parentElement;
    }
    var rect = el.getBoundingClientRect();
    var text = (el.innerText || el.value || '').replace(/\\s+/g, ' ').trim().slice(0, 50);
    return path.join(' > ') + ' (left ' + Math.round(rect.left) + ', width '
        + Math.round(rect.width) + ' px' + (text ? ', "' + text + '"' : '') + ')';
}
function clipped(el) {
    for (var node = el.parentElement; node && node !== document.body
            && node !== document.documentElement; node = node.parentElement) {
        var overflow = window.getComputedStyle(node).overflowX;
        if (overflow !== 'visible') { return true; }
    }
    return false;
}
function sticksOut(el) {
    if (!el || el === document.body || el === document.documentElement) { return false; }
    var rect = el.getBoundingClientRect();
    return rect.width > 0 && rect.right > limit;
}
var outermost = [], innermost = [];
var all = document.body.getElementsByTagName('*');
for (var i = 0; i < all.length; i++) {
    var el = all[i];
    if (!sticksOut(el) || clipped(el)) { continue; }
    if (!sticksOut(el.parentElement)) { outermost.push(el); }
    var inner = true;
    for (var j = 0; j < el.children.length; j++) {
        if (sticksOut(el.children[j])) { inner = false; break; }
    }
    if (inner) { innermost.push(el); }
}
function widest(list) {
    return list.sort(function (a, b) {
        return b.getBoundingClientRect().right - a.getBoundingClientRect().right;
    }).slice(0, 3).map(describe);
}
return {outermost: widest(outermost), innermost: widest(innermost)};
"""


@at_install(False)
@post_install(True)
class TestPhonePages(BrowserCase):
    """Public pages and the portal of ``siae1`` at 390×844: no page wider than the phone, a
    French tab title, no console error; on ``/jobs`` the first offer and on an offer's page its
    key facts and "Postuler" on the first screen."""

    viewport = (390, 844)
    phone = True
    prefix = "phone"

    def setUp(self):
        super(TestPhonePages, self).setUp()
        # a visitor: no session left by the other test of the class (cookies are per site,
        # and the browser is on about:blank here)
        self.driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
        with self.orm() as env:
            self._make_records(env)

    def _make_records(self, env):
        """What the pages show: an offer of siae1's SIAE with an application, a published
        event, a badge of one of its staff, a convention it hosts."""
        staff = env.ref("pepites_partners.user_staff_demo")
        siae = env.ref("pepites_partners.user_siae1_demo").pepites_siae_id
        self.assertTrue(siae, "the demo user siae1 has no SIAE")
        # a long description: "Postuler" and the key facts must not wait below it on a phone
        offer = env["hr.job"].create(offer_values(
            env, siae, "Conseillère ou conseiller en insertion professionnelle E2E",
            salary_min=1950, salary_max=2250, date_start=day(30), no_of_recruitment=2,
            website_description="".join(
                "<p>Accompagner des salariés en parcours d'insertion : entretiens, "
                "diagnostic, recherche de formation, relations avec les entreprises du "
                "territoire (paragraphe %d).</p>" % number for number in range(12))))
        offer.sudo(staff).action_submit()
        offer.sudo(staff).action_publish()
        applicant = env["hr.applicant"].sudo().create({
            "name": "Candidature E2E", "partner_name": "Camille Candidate E2E",
            "email_from": "camille.candidate.e2e@example.org", "job_id": offer.id})
        env["ir.attachment"].sudo().create({
            "name": "CV-camille-candidate-avec-un-nom-de-fichier-tres-long-e2e.pdf",
            "datas_fname": "CV-camille-candidate-avec-un-nom-de-fichier-tres-long-e2e.pdf",
            "datas": base64.b64encode(PDF),
            "res_model": "hr.applicant", "res_id": applicant.id})
        event = env["event.event"].create({
            "name": "Journée découverte des métiers de l'insertion E2E",
            "pepites_kind": "rally", "pepites_department_id": siae.department_id.id,
            "host_siae_ids": [(6, 0, siae.ids)],
            "date_begin": moment(days=15), "date_end": moment(days=15, hours=7),
            "seats_availability": "unlimited", "auto_confirm": True,
            "website_published": True})
        event.button_confirm()
        member = env["res.partner"].create({
            "name": "Sophie Encadrante Téléphone E2E", "email": "sophie.phone.e2e@example.org",
            "parent_id": siae.id})
        assertion = issue(env, badge_class(env, "Accueillir un salarié en parcours E2E"),
                          member, staff)
        # the SIAE issues its own badges, endorsed by INAÉ (/my/badges/issue, issue 17)
        issuer = env["pepites.badge.issuer"].create({
            "name": "%s E2E" % siae.name, "partner_id": siae.id,
            "url": "https://siae-e2e.example.org", "email": "badges@siae-e2e.example.org"})
        issuer.action_endorse()
        own_class = badge_class(env, "Trier et valoriser les textiles E2E")
        own_class.issuer_id = issuer
        own_class._issue_batch([{"partner_id": member.id, "email": member.email}])
        immersion = env["pepites.immersion"].sudo(staff).create({
            "beneficiary_id": env["res.partner"].create({"name": "Nadia Immersion E2E"}).id,
            "prescriber_id": env["res.partner"].create({
                "name": "Mission locale E2E", "is_company": True,
                "pepites_role_ids": [(6, 0, env.ref(
                    "pepites_partners.partner_role_prescriber").ids)]}).id,
            "host_siae_id": siae.id,
            "tutor_id": env["res.partner"].create({
                "name": "Thierry Tuteur E2E", "parent_id": siae.id}).id,
            "objective": "discover", "rome_code": "K1203",
            "job_title": "Encadrant technique d'insertion",
            "date_start": day(7), "date_end": day(20), "weekly_hours": 35,
            "daily_schedule": "9h-12h30 / 13h30-17h",
            "activities": "Encadrement d'une équipe en maraîchage",
            "safety_equipment": "Chaussures de sécurité, gants"})
        # read now: the browser part does not touch the records (see BrowserCase.orm)
        self.offer_id, self.offer_slug = offer.id, slug(offer)
        self.offer_name = offer.name
        self.event_path = "/event/%s" % slug(event)
        self.verify_path = "/badges/verify/%s" % assertion.uuid
        self.immersion_id = immersion.id
        self.siae_path = "/siae/%s" % slug(siae)

    # ------------------------------------------------------------------ the pages

    def public_pages(self):
        """(name, path, HTTP error status expected or None, extra check or None)"""
        return [
            ("home", "/", None, None),
            ("jobs", "/jobs", None, self.check_jobs_first_screen),
            ("jobs-filtered", "/jobs?contract_type=cdi&department=33", None,
             self.check_jobs_filter_count),
            ("offer", "/jobs/detail/%s" % self.offer_slug, None, self.check_offer_first_screen),
            ("offer-apply", "/jobs/apply/%s" % self.offer_slug, None, None),
            ("events", "/event", None, None),
            ("event", self.event_path, None, None),
            ("event-register", "%s/register" % self.event_path, None, None),
            ("training-catalogue", "/training/catalogue", None, None),
            ("slides", "/slides", None, None),
            ("badge-verify", self.verify_path, None, None),
            ("indicators", "/indicateurs", None, None),
            ("siae-directory", "/siae", None, None),
            ("siae-directory-filtered", "/siae?department=33&kind=aci", None, None),
            ("siae-page", self.siae_path, None, None),
            ("legal-advice", "/legal/advice", None, None),
            ("privacy-policy", "/legal/privacy-policy", None, None),
            ("login", "/web/login", None, None),
            ("not-found", "/cette-page-n-existe-pas", 404, None),
        ]

    def portal_pages(self):
        return [
            ("my", "/my", None, None),
            ("my-siae", "/my/siae", None, None),
            ("my-offers", "/my/offers", None, None),
            ("my-offer-new", "/my/offers/new", None, None),
            ("my-offer", "/my/offers/%d" % self.offer_id, None, None),
            ("my-immersions", "/my/immersions", None, None),
            ("my-immersion", "/my/immersions/%d" % self.immersion_id, None, None),
            ("my-trainings", "/my/trainings", None, None),
            ("my-badges", "/my/badges", None, None),
            ("my-badges-issue", "/my/badges/issue", None, None),
            ("my-account", "/my/account", None, None),
        ]

    def test_public_pages(self):
        """A visitor's pages: the whole list of problems at once, page by page."""
        self.visit("/")
        self.assertFalse(self.driver.find_elements_by_css_selector("#o_logout"),
                         "the visitor is logged in")
        self.check_pages(self.public_pages())

    def test_portal_pages(self):
        """The pages of a SIAE manager (``siae1``) on the portal."""
        self.login("siae1", "siae1", "/my")
        self.check_pages(self.portal_pages())

    # ------------------------------------------------------------------ the checks

    def check_pages(self, pages):
        problems = []
        for name, path, status, extra in pages:
            problems += ["%s (%s): %s" % (name, path, problem)
                         for problem in self.page_problems(name, path, status, extra)]
        self.assertFalse(problems, "%d problem(s) at %dx%d:\n- %s" % (
            len(problems), self.viewport[0], self.viewport[1], "\n- ".join(problems)))

    def page_problems(self, name, path, status=None, extra=None):
        """Load ``path`` once; return what is wrong with it (texts), save its screenshot."""
        url = self.base_url() + path
        self.driver.get(url)
        self.wait(lambda d: d.execute_script("return document.readyState") == "complete",
                  "%s did not finish loading" % path)
        problems = []
        expected = "%s - Failed to load resource: the server responded with a status of %d" % (
            url, status) if status else None
        errors = [entry["message"] for entry in self.driver.get_log("browser")
                  if entry["level"] == "SEVERE" and self.base_url() in entry.get("message", "")
                  and not (expected and entry["message"].startswith(expected))]
        problems += ["console error: %s" % error for error in errors]
        if "/web/login" in self.driver.current_url and "/web/login" not in path:
            problems.append("sent to the login page")
        title = self.driver.title
        english = sorted({match.group(0) for match in ENGLISH_TITLE.finditer(title)})
        if english:
            problems.append("English title %r (%s)" % (title, ", ".join(english)))
        problems += self.width_problems()
        if extra and self.prefix == "phone":
            problems += extra()
        try:
            self.screenshot("%s-%s" % (self.prefix, name))
        except Exception as error:  # a screenshot is evidence, not a check
            problems.append("no screenshot: %s" % error)
        return problems

    def width_problems(self):
        """The document is no wider than the window; else which elements stick out."""
        scroll_width, inner_width = self.driver.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth]")
        if inner_width != self.viewport[0]:  # no <meta name="viewport">: a shrunk desktop page
            return ["laid out %d px wide on a %d px screen (no viewport meta tag?)" % (
                inner_width, self.viewport[0])]
        if scroll_width <= inner_width:
            return []
        culprits = self.driver.execute_script(FIND_OVERFLOW_JS)
        return ["document %d px wide in a %d px window; sticking out: %s; innermost: %s" % (
            scroll_width, inner_width, "; ".join(culprits["outermost"]) or "?",
            "; ".join(culprits["innermost"]) or "?")]

    def first_screen_problem(self, css, what):
        """``what`` (the first element matching ``css``) starts within the first screen."""
        top = self.driver.execute_script(
            "var el = document.querySelector(arguments[0]);"
            "return el ? el.getBoundingClientRect().top + window.pageYOffset : null;", css)
        if top is None:
            return ["%s not found (%s)" % (what, css)]
        if top >= self.viewport[1]:
            return ["%s starts at %d px, below the first screen (%d px)" % (
                what, top, self.viewport[1])]
        return []

    def check_jobs_first_screen(self):
        """The filters are folded on a phone: the first offer is seen without scrolling, and
        the toggle names the filters."""
        problems = self.first_screen_problem(".o_pepites_offer .media-heading a",
                                             "the first offer's title")
        toggle = self.driver.find_elements_by_css_selector(
            ".o_pepites_board .pepites-collapse-toggle")
        if not toggle or not toggle[0].is_displayed():
            problems.append("no button to show the filters")
        elif "Filtrer les offres" not in toggle[0].text:
            problems.append("the filters' button reads %r" % toggle[0].text)
        return problems

    def check_jobs_filter_count(self):
        """The folded filters' button counts the filters in use."""
        badges = self.driver.find_elements_by_css_selector(
            ".o_pepites_board .pepites-collapse-toggle .badge")
        if not badges or badges[0].text.strip() != "2":
            return ["the filters' button does not count the 2 filters in use"]
        return []

    def check_offer_first_screen(self):
        """The key facts and "Postuler" come before the description, on the first screen;
        the form stays at the end."""
        problems = self.first_screen_problem(".o_pepites_offer_top .o_pepites_apply_top",
                                             "the \"Postuler\" button")
        problems += self.first_screen_problem(".o_pepites_offer_top .o_pepites_offer_facts",
                                              "the offer's key facts")
        facts = self.driver.find_elements_by_css_selector(
            ".o_pepites_offer_top .o_pepites_offer_facts")
        if facts:
            for text in ("CDI", "1950", "2250", "35"):
                if text not in facts[0].text.replace("\u202f", "").replace(" ", ""):
                    problems.append("the key facts do not show %s" % text)
        if not self.driver.find_elements_by_css_selector("#apply form"):
            problems.append("no application form at the end of the page")
        return problems


@at_install(False)
@post_install(True)
class TestLaptopPages(TestPhonePages):
    """The same pages on a laptop (1366×900): width, title, console."""

    viewport = (1366, 900)
    phone = False
    prefix = "laptop"
