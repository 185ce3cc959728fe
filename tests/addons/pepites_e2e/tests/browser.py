"""The plumbing of the real-browser journeys: headless Debian chromium driven by Selenium 3.141
(through Debian's chromium-driver) against the HTTP server Odoo's test runner starts.

:class:`BrowserCase` starts one browser per test class, logs users in through ``/web/login``,
waits explicitly (never sleeps), fails on a SEVERE error of the browser console coming from our
own pages, and saves a screenshot of each journey's final page under ``var/screenshots/``.

Cursors: the test server serves every request on the test's cursor (see ``PepitesHttpCase``),
which it locks while a request runs and "commits" by moving a savepoint. The browser loads pages
and assets by itself, so the test's own ORM work goes through :meth:`BrowserCase.orm`, which
takes that lock (no request of the browser runs meanwhile), drops the ORM cache (the browser may
have written), and commits at the end (the browser's next requests see what the test wrote).
"""
import contextlib
import logging
import os
import shutil
import tempfile
import unittest
from urllib.parse import urlparse

from odoo.addons.pepites_partners.tests.common import PepitesHttpCase

try:
    from selenium import webdriver
    from selenium.common.exceptions import (StaleElementReferenceException,
                                            TimeoutException, WebDriverException)
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:  # the addon stays importable; setUpClass fails with the reason
    webdriver = Keys = None

_logger = logging.getLogger(__name__)

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
#: explicit waits: generous, the CI machine is small and builds asset bundles on first use
WAIT_SECONDS = 60
#: the repository (tests/addons/pepites_e2e/tests/browser.py is 4 levels below it); the real
#: path, as test runs may see the addon through a symlink
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.realpath(__file__))))))
SCREENSHOTS = os.path.join(ROOT, "var", "screenshots")


def norm(text):
    """Text as compared by the journeys: typographic apostrophes and non-breaking spaces of
    the French translations read as plain ones."""
    return (text or "").replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")


def left_page(element):
    """A wait condition: ``element`` is no longer in the page (the browser went to the next
    one). Chromium reports an element of the page being replaced either as stale or, while
    the new document is being built, as a node that "does not belong to the document"."""
    def gone(driver):
        try:
            element.is_enabled()
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return True
            raise
        return False
    return gone


def browser_missing():
    """Which browser program this machine lacks to run the journeys, or None."""
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not os.access(path, os.X_OK):
            return "%s is missing (install the Debian package %s)" % (path, package)
    return None


class BrowserCase(PepitesHttpCase):
    """HttpCase driving a headless chromium; see the module docstring."""

    #: the browser window (width, height) in CSS pixels: a laptop for the journeys; the phone
    #: runs (test_phone_pages.py) set (390, 844) and ``phone = True``
    viewport = (1366, 900)
    #: emulate a phone (Chrome DevTools' device mode): the page is laid out at the viewport's
    #: width as its <meta name="viewport"> says, with overlay scrollbars (a headless window
    #: cannot be narrower than 500 px)
    phone = False

    @classmethod
    def setUpClass(cls):
        super(BrowserCase, cls).setUpClass()
        if webdriver is None:  # a broken set-up, not a machine without a browser: fail
            raise RuntimeError("the selenium package is missing: run the set-up "
                               "(requirements.txt pins selenium==3.141.0)")
        missing = browser_missing()
        if missing:
            raise unittest.SkipTest("real-browser journeys skipped: %s" % missing)
        cls.profile_dir = tempfile.mkdtemp(prefix="pepites-e2e-profile-")
        cls.download_dir = tempfile.mkdtemp(prefix="pepites-e2e-downloads-")
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for argument in ["--headless", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--no-first-run",
                         "--window-size=%d,%d" % cls.viewport, "--lang=fr-FR",
                         "--user-data-dir=%s" % cls.profile_dir]:
            options.add_argument(argument)
        options.add_experimental_option("prefs", {
            "intl.accept_languages": "fr-FR,fr",
            # files the journeys download land here, without a dialog
            "download.default_directory": cls.download_dir,
            "download.prompt_for_download": False,
            "safebrowsing.enabled": False,
        })
        capabilities = options.to_capabilities()
        # the console of the pages, read by _check_console()
        capabilities["goog:loggingPrefs"] = {"browser": "ALL"}
        try:
            cls.driver = webdriver.Chrome(executable_path=CHROMEDRIVER,
                                          desired_capabilities=capabilities)
        except Exception:
            shutil.rmtree(cls.profile_dir, ignore_errors=True)
            shutil.rmtree(cls.download_dir, ignore_errors=True)
            raise
        cls.driver.set_page_load_timeout(WAIT_SECONDS * 2)
        if cls.phone:
            cls._emulate_phone(cls.driver, *cls.viewport)

    @staticmethod
    def _emulate_phone(driver, width, height):
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": True})

    @classmethod
    def tearDownClass(cls):
        try:
            cls.driver.quit()
        finally:
            shutil.rmtree(cls.profile_dir, ignore_errors=True)
            shutil.rmtree(cls.download_dir, ignore_errors=True)
            super(BrowserCase, cls).tearDownClass()

    def setUp(self):
        super(BrowserCase, self).setUp()
        self.addCleanup(self._reset_browser)
        self.driver.get("about:blank")
        self.driver.get_log("browser")  # what an earlier test left
        with self.orm():
            # the ids of Open Badges, the verification links and their QR codes point to the
            # server the browser talks to
            self.env["ir.config_parameter"].sudo().set_param("web.base.url", self.base_url())

    def _reset_browser(self):
        """Leave no page running (its requests would outlive the test's cursor), log out."""
        try:
            self.driver.get("about:blank")
            self.driver.delete_all_cookies()
        finally:
            # wait for a request of the browser still being served
            with self.orm(commit=False):
                pass
        for name in os.listdir(self.download_dir):
            os.unlink(os.path.join(self.download_dir, name))

    # ------------------------------------------------------------------ database side

    @contextlib.contextmanager
    def orm(self, commit=True):
        """Run the test's own ORM work while the server serves no request of the browser."""
        cursor = self.registry.test_cr
        cursor.acquire()
        try:
            self.env.clear()
            yield self.env
            if commit:
                self._before_request()
        finally:
            cursor.release()

    # ------------------------------------------------------------------ browser side

    def wait(self, condition, message, timeout=WAIT_SECONDS):
        """Wait until ``condition(driver)`` is truthy (an element that left the page while it
        was read counts as not yet); return its value.

        :raises AssertionError: with ``message`` and the page's address after ``timeout``
        """
        try:
            # pages re-render under the conditions' feet (web client): look again
            return WebDriverWait(self.driver, timeout, ignored_exceptions=[
                StaleElementReferenceException]).until(condition)
        except TimeoutException:
            self._failure_screenshot()
            raise AssertionError("%s (waited %ss on %s)" % (
                message, timeout, self.driver.current_url))

    def find(self, css, visible=True):
        """The element matching ``css``, once it is there (and visible)."""
        check = EC.visibility_of_element_located if visible \
            else EC.presence_of_element_located
        return self.wait(check((By.CSS_SELECTOR, css)), "no element %r" % css)

    def find_text(self, css, text):
        """The first visible element matching ``css`` whose text contains ``text``."""
        def found(driver):
            for element in driver.find_elements_by_css_selector(css):
                if element.is_displayed() and norm(text) in norm(element.text):
                    return element
            return False
        return self.wait(found, "no %r showing %r" % (css, text))

    def assertShows(self, element, text):
        """``element`` shows ``text`` (see :func:`norm`)."""
        self.assertIn(norm(text), norm(element.text))

    def visit(self, path, status=None):
        """Open ``path`` of the test server, as a user typing it would.

        :param int status: the HTTP error status this page is expected to answer with (the
            browser logs it as a failed load, which is then not an error)
        """
        url = self.base_url() + path if path.startswith("/") else path
        self.driver.get(url)
        expected = ["%s - Failed to load resource: the server responded with a status of %d"
                    % (url, status)] if status else []
        self.wait_loaded(expected)

    def wait_loaded(self, expected=()):
        self.wait(lambda d: d.execute_script("return document.readyState") == "complete",
                  "the page did not finish loading")
        self._check_console(expected)

    def submit(self, button):
        """Click a button that sends a form, and wait for the next page."""
        html = self.driver.find_element_by_tag_name("html")
        button.click()
        self.wait(left_page(html), "the form was not sent")
        self.wait_loaded()

    def fill(self, values):
        """Type into inputs and pick options of selects, by element id."""
        for element_id, value in values.items():
            element = self.find("#%s" % element_id)
            if element.tag_name == "select":
                Select(element).select_by_value(str(value))
            else:
                element.clear()
                element.send_keys(value)

    def login(self, login, password, redirect):
        """Log in through the login form of the site, then land on ``redirect``."""
        self.visit("/web/login?redirect=%s" % redirect)
        self.fill({"login": login, "password": password})
        self.submit(self.find("form.oe_login_form button[type=submit]"))
        self.assertNotIn("/web/login", self.driver.current_url,
                         "%s could not log in" % login)

    def wait_webclient(self):
        """Wait until the back office has shown its first action (the user's home) and has no
        request in progress: a menu clicked earlier would be replaced by that home action."""
        self.wait(lambda d: "action=" in urlparse(d.current_url).fragment and not [
            element for element in d.find_elements_by_css_selector(".o_loading")
            if element.is_displayed()], "the web client did not load")

    def open_menu(self, app, *path):
        """Click the back office's top menu ``app``, then the side menu entries ``path``."""
        if urlparse(self.driver.current_url).path != "/web":  # not in the web client yet
            self.visit("/web")
        self.wait_webclient()
        self.find_text("#oe_main_menu_navbar a", app).click()
        for entry in path:
            self.find_text(".o_sub_menu a", entry).click()
        # the action of the last entry is on screen (its title in the breadcrumb)
        self.find_text(".o_control_panel .breadcrumb li.active", (path or (app,))[-1])

    def wait_download(self, suffix):
        """The bytes of the file the browser is downloading into its download folder."""
        def done(_driver):
            names = [name for name in os.listdir(self.download_dir) if name.endswith(suffix)]
            partial = [name for name in os.listdir(self.download_dir)
                       if name.endswith(".crdownload")]
            return names and not partial and names[0]
        name = self.wait(done, "no %s file was downloaded" % suffix)
        with open(os.path.join(self.download_dir, name), "rb") as handle:
            return name, handle.read()

    # ------------------------------------------------------------------ evidence

    def _check_console(self, expected=()):
        """Fail on a SEVERE entry of the browser console (JavaScript error, failed request)
        that comes from our own server, except those starting with an ``expected`` text."""
        own = self.base_url()
        errors = [entry["message"] for entry in self.driver.get_log("browser")
                  if entry["level"] == "SEVERE" and own in entry.get("message", "")
                  and not any(entry["message"].startswith(text) for text in expected)]
        if errors:
            self._failure_screenshot()
        self.assertFalse(errors, "errors in the browser console:\n%s" % "\n".join(errors))

    def screenshot(self, journey):
        """Save the whole current page as ``var/screenshots/<journey>.png``; return the path."""
        if not os.path.isdir(SCREENSHOTS):
            os.makedirs(SCREENSHOTS)
        path = os.path.join(SCREENSHOTS, "%s.png" % journey)
        if self.phone:
            self._phone_screenshot(path)
        else:
            size = self.driver.get_window_size()
            try:
                height = self.driver.execute_script(
                    "return Math.max(document.documentElement.scrollHeight, %d)"
                    % size["height"])
                self.driver.set_window_size(size["width"], min(height, 4000))
                self.driver.execute_script("window.scrollTo(0, 0)")
                self.driver.save_screenshot(path)
            finally:
                self.driver.set_window_size(size["width"], size["height"])
        _logger.info("screenshot of %s: %s", journey, path)
        return path

    def _phone_screenshot(self, path):
        """The whole page on the emulated phone: its screen as tall as the page, for the
        time of the screenshot."""
        width, height = self.viewport
        try:
            full = self.driver.execute_script(
                "return Math.max(document.documentElement.scrollHeight, %d)" % height)
            self._emulate_phone(self.driver, width, min(full, 4000))
            self.driver.execute_script("window.scrollTo(0, 0)")
            self.driver.save_screenshot(path)
        finally:
            self._emulate_phone(self.driver, width, height)

    def _failure_screenshot(self):
        """What the browser showed when the journey failed, beside the final pages (never
        hiding the failure itself)."""
        try:
            self.screenshot("FAILED-%s" % self._testMethodName)
        except Exception:
            _logger.info("no screenshot of the failure", exc_info=True)

    def final_page(self, journey):
        """The journey ends here: no console error on the page, and its screenshot saved."""
        self._check_console()
        path = self.screenshot(journey)
        self.assertTrue(os.path.getsize(path) > 1000, "empty screenshot %s" % path)

