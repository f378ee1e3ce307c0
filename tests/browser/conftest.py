"""Browser tests for the web report sheet: real `relais serve` processes built from this
tree, each on a free loopback port with a throwaway SQLite database and a pinned clock,
driven by Debian's chromium (selenium, axe-core).

Run with scripts/test (which builds first); RELAIS_BIN overrides the binary, AXE_CORE_JS the
axe-core script.
"""
import pytest

from browser_support import CLOSED_HOURS, OPEN_HOURS, make_driver
from relais_testing import RelaisServer, relais_binary


def pinned_server(clock):
    return RelaisServer(relais_binary(), extra_args=["--test-clock", clock], env={"RELAIS_ALLOW_TEST_CLOCK": "1"})


@pytest.fixture(scope="session")
def server():
    """Relais with the clock pinned in opening hours, so results do not depend on the time of day."""
    relais = pinned_server(OPEN_HOURS)
    yield relais
    relais.stop()


@pytest.fixture(scope="session")
def closed_server():
    """Relais at 23:30 in Paris: the 3018 is closed."""
    relais = pinned_server(CLOSED_HOURS)
    yield relais
    relais.stop()


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


