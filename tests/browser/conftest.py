"""Browser tests for the web report sheet: a real `relais serve` built from this tree, on a
free loopback port with a throwaway SQLite database, driven by Debian's chromium.

Build first:  swift build --scratch-path .build-web
Run:          python3 -m pytest tests/browser
Override the binary with RELAIS_BIN, the axe-core script with AXE_CORE_JS.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
RELAIS_BIN = Path(os.environ.get("RELAIS_BIN", ROOT / ".build-web" / "debug" / "relais"))

# Monday 30 November 2026, 15:00 in Paris: the 3018 is open (09:00–23:00).
OPEN_HOURS = "2026-11-30T15:00:00+01:00"
# Sunday 29 November 2026, 23:30 in Paris: the 3018 is closed until 09:00.
CLOSED_HOURS = "2026-11-29T23:30:00+01:00"

PHONE_USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RelaisServer:
    """One `relais serve` process with its own database, stopped at teardown."""

    def __init__(self, clock):
        if not RELAIS_BIN.exists():
            pytest.exit(f"{RELAIS_BIN} is missing: run `swift build --scratch-path .build-web` first", returncode=2)
        self.dir = Path(tempfile.mkdtemp(prefix="relais-browser-"))
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.dir / "server.log"
        env = dict(os.environ, RELAIS_ALLOW_TEST_CLOCK="1")
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [str(RELAIS_BIN), "serve", "--host", "127.0.0.1", "--port", str(self.port),
             "--database", f"sqlite:{self.dir / 'relais.sqlite'}", "--test-clock", clock, "--log-level", "warning"],
            stdout=self.log, stderr=subprocess.STDOUT, env=env, cwd=self.dir,
        )
        self._wait_until_ready()
        # The first start prints the demo tenant's API key: the tests read reports back with it.
        match = re.search(r"shown only this once\):\s*\n\s*(\S+)", self.log_path.read_text())
        self.api_key = match.group(1) if match else None

    def _wait_until_ready(self):
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("relais serve exited early:\n" + self.log_path.read_text())
            try:
                with urllib.request.urlopen(self.base_url + "/healthz", timeout=1) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("relais serve did not answer /healthz within 30 s:\n" + self.log_path.read_text())

    def api_get(self, path):
        request = urllib.request.Request(self.base_url + path, headers={"Authorization": f"Bearer {self.api_key}"})
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.loads(response.read())

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def server():
    """Relais with the clock pinned in opening hours, so results do not depend on the time of day."""
    relais = RelaisServer(OPEN_HOURS)
    yield relais
    relais.stop()


@pytest.fixture(scope="session")
def closed_server():
    """Relais at 23:30 in Paris: the 3018 is closed."""
    relais = RelaisServer(CLOSED_HOURS)
    yield relais
    relais.stop()


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


@pytest.fixture
def browser():
    """A factory: browser(language=..., phone=...) gives a Chrome closed after the test."""
    drivers = []

    def open_browser(**kwargs):
        driver = make_driver(**kwargs)
        drivers.append(driver)
        return driver

    yield open_browser
    for driver in drivers:
        driver.quit()


def screenshot(driver, name):
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


AXE_SCRIPT = os.environ.get("AXE_CORE_JS")


def axe_violations(driver):
    """Serious and critical axe-core violations on the current page (its top document)."""
    from axe_selenium_python import Axe

    axe = Axe(driver, AXE_SCRIPT) if AXE_SCRIPT else Axe(driver)
    axe.inject()
    results = axe.run()
    return [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
