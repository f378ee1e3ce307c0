"""The console's compliance page in a real browser: a period's transparency figures as
server-drawn SVG charts with accessible titles and the same numbers in tables and CSV, the
statements of reasons sent, queued and refused by a Transparency Database stand-in (a refused
one resent from the page), the alert when the Database refuses the token, the role check, and
axe on the page."""

import csv
import io
import json
import os
import subprocess
import time

import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from browser_support import OPEN_HOURS, axe_violations, cli, page_replaced, screenshot
from dsa_testing import make_statements, moderator, submissions, wait_until, write_config
from relais_testing import RelaisServer, relais_binary
from tdb_standin import TransparencyDatabase

PASSWORD = "a long console password"


@pytest.fixture
def standin():
    db = TransparencyDatabase()
    yield db
    db.close()


def start(tmp_path, standin, token=None, poll="3600"):
    """A server pinned to Monday 30 November 2026 whose tenant sends to the stand-in; with
    `poll` 3600 it polls once, at start, and `relais dsa submit` does the sending."""
    config = write_config(tmp_path, standin)
    (tmp_path / "instance").mkdir()
    server = RelaisServer(
        relais_binary(), tmp_path / "instance",
        extra_args=["--test-clock", OPEN_HOURS, "--config", str(config), "--dsa-poll-interval", poll, "--dsa-claim-lease", "3"],
        env={"RELAIS_ALLOW_TEST_CLOCK": "1", "RELAIS_TEST_TDB_TOKEN": token or standin.token})
    server.config = config
    for name, role in (("cleo", "compliance"), ("mia", "moderator")):
        cli(server, "users", "create", name, "--tenant", "demo", "--role", role)
        cli(server, "users", "password", name, stdin=PASSWORD + "\n")
    return server


def signed_in(browser, server, name):
    driver = browser(language="en-GB")
    driver.get(server.base_url + "/console/login")
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.ID, "sign-in").click()
    WebDriverWait(driver, 15).until(EC.presence_of_element_located((By.CSS_SELECTOR, "main")))
    return driver


def headline(driver, label):
    for item in driver.find_elements(By.CSS_SELECTOR, "[data-headlines] .headline"):
        if item.find_element(By.CSS_SELECTOR, ".label").text == label:
            return item.find_element(By.TAG_NAME, "strong").text
    raise AssertionError(f"no headline {label}")


def test_the_compliance_page_draws_the_periods_figures_and_resends_a_refused_statement(browser, tmp_path, standin):
    server = start(tmp_path, standin)
    try:
        mod = moderator(relais_binary(), server.database)
        cases = make_statements(server, server.key, mod, 3)
        # One more notice, not decided: a notice without action.
        body = {"surface": "web", "category": "hate", "goodFaith": True,
                "reporter": {"id": "r-hate", "country": "FR", "locale": "fr-FR", "ageBracket": "18+", "isTarget": False},
                "subject": {"kind": "comment", "id": "c-hate", "authorId": "a-hate", "text": "a slur"}}
        filed = requests.post(server.url + "/v1/reports", json=body, headers={"Authorization": f"Bearer {server.key}"}, timeout=10)
        assert filed.status_code == 201, filed.text
        for event in ("shown", "shown", "call"):
            sent = {"helplineId": "fr-3018", "event": event, "surface": "web", "country": "FR", "reportId": filed.json()["id"]}
            assert requests.post(server.url + "/v1/support/events", json=sent, headers={"Authorization": f"Bearer {server.key}"}, timeout=10).status_code == 204
        refused = submissions(server, mod, cases[1])[0]["puid"]
        standin.refuse[refused] = {"category_specification": ["The selected category specification is invalid."]}
        sent = subprocess.run(
            [str(relais_binary()), "dsa", "submit", "--config", str(server.config), "--tenant", "demo", "--database", server.database],
            capture_output=True, text=True, timeout=120, env={**os.environ, "RELAIS_TEST_TDB_TOKEN": standin.token})
        assert sent.returncode == 0 and "2 sent" in sent.stdout and "1 rejected" in sent.stdout, sent.stdout + sent.stderr

        driver = signed_in(browser, server, "cleo")
        driver.find_element(By.LINK_TEXT, "Compliance").click()
        WebDriverWait(driver, 15).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-headlines]")))
        # The default period: twelve weeks up to the pinned day, from a Monday.
        assert driver.find_element(By.ID, "compliance-from").get_attribute("value") == "2026-09-14"
        assert driver.find_element(By.ID, "compliance-to").get_attribute("value") == "2026-11-30"
        assert headline(driver, "Notices received") == "4"
        assert headline(driver, "Notices acted on") == "3"
        assert headline(driver, "Restrictive decisions") == "3"
        assert headline(driver, "Help cards shown") == "2"
        assert driver.find_element(By.CSS_SELECTOR, "[data-sent]").text == "2"
        assert driver.find_element(By.CSS_SELECTOR, "[data-rejected]").text == "1"
        statement = driver.find_element(By.CSS_SELECTOR, f"[data-rejected-statement='{refused}']")
        assert "category_specification: The selected category specification is invalid." in statement.text

        # Four charts, each an image with a title and a description in words, bars with their own titles.
        charts = driver.find_elements(By.CSS_SELECTOR, "svg[data-chart]")
        assert [c.get_attribute("id") for c in charts] == ["chart-notices", "chart-hours", "chart-appeals", "chart-help"]
        for chart in charts:
            assert chart.get_attribute("role") == "img"
            chart_id = chart.get_attribute("id")
            title = chart.find_element(By.CSS_SELECTOR, f"[id='{chart_id}-title']").get_attribute("textContent")
            desc = chart.find_element(By.CSS_SELECTOR, f"[id='{chart_id}-desc']").get_attribute("textContent")
            assert title and desc and chart.get_attribute("aria-labelledby") == f"{chart_id}-title {chart_id}-desc"
        notices = driver.find_element(By.ID, "chart-notices")
        assert "4 notices in 12 weeks; the most in the week of 2026-11-30 (4)." in notices.get_attribute("textContent")
        bars = [b.get_attribute("textContent") for b in notices.find_elements(By.CSS_SELECTOR, "rect[data-bar]")]
        assert "30 Nov · Cyber violence: 3" in bars and "30 Nov · Illegal or harmful speech: 1" in bars, bars
        help_bars = [b.get_attribute("textContent") for b in driver.find_elements(By.CSS_SELECTOR, "#chart-help rect[data-bar]")]
        assert help_bars == ["30 Nov · Help cards shown: 2", "30 Nov · Calls, chats and links: 1"]
        # The table says the same numbers.
        last = driver.find_elements(By.CSS_SELECTOR, "[data-figures='chart-notices'] tbody tr")[-1]
        cells = [td.text for td in last.find_elements(By.TAG_NAME, "td")]
        assert cells[0] == "2026-11-30" and cells[-1] == "4"
        assert not axe_violations(driver)
        driver.execute_script("window.scrollTo(0, 0)")
        screenshot(driver, "console-compliance")

        # The CSV of a chart, downloaded with the page's session.
        link = driver.find_element(By.CSS_SELECTOR, "[data-csv='chart-notices']").get_attribute("href")
        session = requests.Session()
        for cookie in driver.get_cookies():
            session.cookies.set(cookie["name"], cookie["value"])
        downloaded = session.get(link, timeout=10)
        assert downloaded.status_code == 200 and downloaded.headers["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(downloaded.text, newline="")))
        assert rows[0][0] == "Week starting" and rows[0][-1] == "All notices" and len(rows) == 1 + 12
        assert rows[-1][0] == "2026-11-30" and rows[-1][-1] == "4"

        # Resent from the page: queued again, and the page says so.
        old = driver.find_element(By.TAG_NAME, "html")
        statement.find_element(By.TAG_NAME, "button").click()
        WebDriverWait(driver, 15).until(page_replaced(old))
        assert "queued again" in driver.find_element(By.CSS_SELECTOR, "[data-notice]").text
        assert driver.find_element(By.CSS_SELECTOR, "[data-rejected]").text == "0"
        assert driver.find_element(By.CSS_SELECTOR, "[data-queued]").text == "1"
        assert not driver.find_elements(By.CSS_SELECTOR, "[data-rejected-statement]")

        # A period that cannot be read is said, and the default shown.
        driver.get(server.base_url + "/console/compliance?from=2026-12-01&to=2026-01-01")
        assert "a year at most" in driver.find_element(By.CSS_SELECTOR, "[data-notice]").text

        # A moderator does not see the page.
        other = signed_in(browser, server, "mia")
        assert not other.find_elements(By.LINK_TEXT, "Compliance")
        other.get(server.base_url + "/console/compliance")
        assert "Not allowed for your role" in other.page_source
    finally:
        server.stop()


def test_the_compliance_page_says_when_the_database_refused_the_token(browser, tmp_path, standin):
    server = start(tmp_path, standin, token="1|revoked-token", poll="0.2")
    try:
        mod = moderator(relais_binary(), server.database)
        make_statements(server, server.key, mod, 2)
        assert wait_until(lambda: standin.count(401) >= 1)
        time.sleep(0.5)
        driver = signed_in(browser, server, "cleo")
        driver.get(server.base_url + "/console/compliance")
        alert = driver.find_element(By.CSS_SELECTOR, "[data-submission-stopped]")
        assert "refused the token" in alert.text and "2 statements wait" in alert.text
        assert driver.find_element(By.CSS_SELECTOR, "[data-queued]").text == "2"
        assert not axe_violations(driver)
    finally:
        server.stop()
