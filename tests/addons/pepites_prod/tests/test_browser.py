"""Chromium through nginx over HTTPS: the Content-Security-Policy leaves the back office and the
website editor working."""
import logging
import shutil
import tempfile
import unittest

from odoo.tests.common import at_install, post_install

from odoo.addons.pepites_e2e.tests.browser import CHROMEDRIVER, CHROMIUM, browser_missing

from .common import ProxyCase, prod_render

try:
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    webdriver = None

_logger = logging.getLogger(__name__)
WAIT_SECONDS = 90


@at_install(False)
@post_install(True)
class TestProxyBrowser(ProxyCase):
    """A real browser, trusting the test certificate by its public key (as a browser trusts
    the CA in production), under the proxy's security headers."""

    @classmethod
    def setUpClass(cls):
        # before any cursor opens (see ProxyCase.setUpClass)
        missing = browser_missing() or (webdriver is None and "selenium is not installed")
        if missing:
            _logger.warning("browser through the proxy skipped: %s", missing)
            raise unittest.SkipTest("browser through the proxy skipped: %s" % missing)
        super(TestProxyBrowser, cls).setUpClass()

    def setUp(self):
        super(TestProxyBrowser, self).setUp()
        profile = tempfile.mkdtemp(prefix="pepites-prod-profile-")
        self.addCleanup(shutil.rmtree, profile, ignore_errors=True)
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for argument in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--disable-background-networking", "--disable-component-update",
                         "--no-first-run", "--window-size=1366,900", "--lang=fr-FR",
                         "--user-data-dir=%s" % profile,
                         "--ignore-certificate-errors-spki-list=%s"
                         % prod_render.spki_sha256(self.server_cert)]:
            options.add_argument(argument)
        capabilities = options.to_capabilities()
        capabilities["goog:loggingPrefs"] = {"browser": "ALL"}
        self._before_request()  # the browser sees what setUp wrote
        self.driver = webdriver.Chrome(executable_path=CHROMEDRIVER,
                                       desired_capabilities=capabilities)
        self.addCleanup(self.driver.quit)
        self.addCleanup(self._leave_page)
        self.driver.set_page_load_timeout(WAIT_SECONDS * 2)

    def _leave_page(self):
        """Leave no request of the page running past the test (it would find the test's
        cursor closed): blank page, then wait for the request being served, which holds the
        test cursor's lock (see pepites_e2e's BrowserCase.orm)."""
        self.driver.get("about:blank")
        self.registry.test_cr.acquire()
        self.registry.test_cr.release()

    def wait(self, condition, message):
        try:
            return WebDriverWait(self.driver, WAIT_SECONDS).until(condition)
        except TimeoutException:
            raise AssertionError("%s (on %s)" % (message, self.driver.current_url))

    def visit(self, path):
        self.driver.get(self.public_url + path)
        self.wait(lambda d: d.execute_script("return document.readyState") == "complete",
                  "%s did not finish loading" % path)

    def assertNoViolation(self):
        """No CSP violation, JavaScript error or failed request in the browser console."""
        errors = [entry["message"] for entry in self.driver.get_log("browser")
                  if "Content Security Policy" in entry["message"]
                  or (entry["level"] == "SEVERE" and self.public_url in entry["message"])]
        self.assertFalse(errors, "browser console:\n%s" % "\n".join(errors))

    def test_backoffice_and_editor_under_csp(self):
        """Over HTTPS through nginx (the certificate trusted, no warning page), admin logs in,
        the back office shows its first action and the website editor opens its snippets
        panel on the home page; the public job board loads too; the browser reports no CSP
        violation nor JavaScript error on the way."""
        self.visit("/jobs")
        self.wait(EC.presence_of_element_located((By.CSS_SELECTOR, "#wrapwrap")),
                  "the job board did not show")
        self.assertNoViolation()

        self.visit("/web/login")
        self.driver.find_element_by_id("login").send_keys("admin")
        self.driver.find_element_by_id("password").send_keys("admin")
        self.driver.find_element_by_css_selector("form.oe_login_form button[type=submit]").click()
        self.wait(lambda d: "/web/login" not in d.current_url, "admin could not log in")
        self.assertTrue(self.driver.current_url.startswith(self.public_url))

        self.visit("/web")
        self.wait(lambda d: "action=" in d.current_url and d.find_elements_by_css_selector(
            ".o_web_client .o_main_content .o_control_panel") and not [
                element for element in d.find_elements_by_css_selector(".o_loading")
                if element.is_displayed()],
            "the back office did not show its first action")
        self.wait(EC.visibility_of_element_located((By.CSS_SELECTOR, "#oe_main_menu_navbar")),
                  "no main menu")
        self.assertNoViolation()

        self.visit("/?enable_editor=1")
        self.wait(EC.presence_of_element_located((By.CSS_SELECTOR, "body.editor_enable")),
                  "the website editor did not start")
        self.wait(EC.visibility_of_element_located((By.CSS_SELECTOR, "#oe_snippets")),
                  "the editor's snippets panel did not open")
        self.wait(EC.visibility_of_element_located(
            (By.CSS_SELECTOR, "#oe_snippets .oe_snippet")), "the snippets did not load")
        self.assertNoViolation()
