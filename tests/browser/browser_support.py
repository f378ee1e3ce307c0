"""Helpers for the browser tests: constants, the Chrome driver, screenshots and axe-core.

AXE_CORE_JS overrides the axe-core script.
"""

import json
import os
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"

# Monday 30 November 2026, 15:00 in Paris: the 3018 is open (09:00–23:00).
OPEN_HOURS = "2026-11-30T15:00:00+01:00"
# Sunday 29 November 2026, 23:30 in Paris: the 3018 is closed until 09:00.
CLOSED_HOURS = "2026-11-29T23:30:00+01:00"

PHONE_USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)


def make_driver(language="fr-FR", phone=False, width=1280, height=900):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", f"--lang={language}",
                     f"--window-size={width},{height}"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    if phone:
        options.add_argument(f"--user-agent={PHONE_USER_AGENT}")
    os.environ["SE_OFFLINE"] = "true"
    driver = webdriver.Chrome(options=options, service=Service(executable_path="/usr/bin/chromedriver"))
    driver.set_page_load_timeout(20)
    return driver


def screenshot(driver, name):
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


def publish_screenshot(path):
    """Copies a screenshot into docs/screenshots, only when asked (RELAIS_DOCS_SCREENSHOTS=1):
    an ordinary run writes test-artifacts/ and leaves the documentation's images alone."""
    if os.environ.get("RELAIS_DOCS_SCREENSHOTS") != "1":
        return None
    target = ROOT / "docs" / "screenshots" / path.name
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(path.read_bytes())
    return target


AXE_SCRIPT = os.environ.get("AXE_CORE_JS")


def axe_violations(driver):
    """Serious and critical axe-core violations on the current page (its top document)."""
    from axe_selenium_python import Axe

    axe = Axe(driver, AXE_SCRIPT) if AXE_SCRIPT else Axe(driver)
    axe.inject()
    results = axe.run()
    return [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]


def cli(server, *args, stdin=None):
    """`relais ARGS --database` of the test's server; fails the test on a non-zero exit."""
    from relais_testing import relais_binary
    result = subprocess.run(
        [str(relais_binary()), *args, "--database", server.database], input=stdin, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def api(server, method, path, body=None, key=None):
    """A JSON call to the server with the tenant's key: (status, decoded body or None)."""
    request = urllib.request.Request(
        server.base_url + path, data=json.dumps(body).encode() if body is not None else None, method=method,
        headers={"Authorization": f"Bearer {key or server.key}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def page_replaced(old_page):
    """A wait condition: the page whose <html> element is `old_page` has been replaced (after a
    form post). Chromium sometimes answers a replaced node with "Node with given id does not
    belong to the document" instead of a stale-element error: both mean the same."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

    def replaced(_driver):
        try:
            old_page.is_enabled()
            return False
        except (StaleElementReferenceException, WebDriverException):
            return True
    return replaced
