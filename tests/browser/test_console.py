"""The moderator console in a real browser, against a real `relais serve`: users made with the
CLI, reports filed through the API, then sign-in, the queue, a claim, blurred and escaped
content, a decision, the audit log, roles, CSRF and the lock-out."""

import json
import urllib.error
import urllib.request

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from browser_support import OPEN_HOURS, axe_violations, cli, screenshot
from relais_testing import RelaisServer, relais_binary

PASSWORD = "a long console password"
XSS = "<script>alert(1)</script><img src=x onerror=alert(2)>"



def make_user(server, name, role):
    cli(server, "users", "create", name, "--tenant", "demo", "--role", role)
    cli(server, "users", "password", name, stdin=PASSWORD + "\n")


def file_report(server, subject, category, text, age="18+", author="author-7"):
    body = {
        "surface": "web", "category": category, "goodFaith": True,
        "reporter": {"id": "reporter-" + subject, "country": "FR", "locale": "fr-FR", "ageBracket": age, "isTarget": True},
        "subject": {"kind": "comment", "id": subject, "authorId": author, "text": text, "language": "fr"},
    }
    request = urllib.request.Request(
        server.base_url + "/v1/reports", data=json.dumps(body).encode(), method="POST",
        headers={"Authorization": f"Bearer {server.key}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())["caseId"]


@pytest.fixture(scope="module")
def console():
    server = RelaisServer(relais_binary(), extra_args=["--test-clock", OPEN_HOURS], env={"RELAIS_ALLOW_TEST_CLOCK": "1"})
    make_user(server, "mia", "moderator")
    make_user(server, "carla", "compliance")
    make_user(server, "lou", "moderator")
    make_user(server, "ada", "moderator")  # only reads pages (the accessibility check)
    cases = {
        "spam": file_report(server, "post-spam", "spam", "buy cheap watches"),
        "xss": file_report(server, "comment-xss", "threat", XSS),
        "sensitive": file_report(server, "msg-sensitive", "sextortion", "SENSITIVE: pay or I post the photos", age="13-17"),
    }
    server.cases = cases
    yield server
    server.stop()


def wait(driver, seconds=15):
    return WebDriverWait(driver, seconds)


def sign_in(driver, server, name, password=PASSWORD):
    driver.get(server.base_url + "/console/login")
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.ID, "sign-in").click()


def show(driver, selector):
    """Scrolls an element into the middle of the viewport, for the screenshot."""
    element = driver.find_element(By.CSS_SELECTOR, selector)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    return element


def no_alert(driver):
    try:
        driver.switch_to.alert
    except NoAlertPresentException:
        return True
    return False


def test_moderator_claims_reveals_and_decides(console, browser):
    driver = browser(language="en-GB")
    sign_in(driver, console, "mia")
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-queue]")))
    cookie = driver.get_cookie("relais_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/console"
    rows = driver.find_elements(By.CSS_SELECTOR, "[data-queue] tbody tr")
    assert len(rows) == 3
    scores = [float(row.get_attribute("data-score")) for row in rows]
    assert scores == sorted(scores, reverse=True)
    ids = [row.get_attribute("data-case") for row in rows]
    assert ids[-1] == console.cases["spam"]
    screenshot(driver, "console-queue")

    # The filters narrow the queue.
    driver.get(console.base_url + "/console/queue?category=spam")
    assert [r.get_attribute("data-case") for r in driver.find_elements(By.CSS_SELECTOR, "[data-queue] tbody tr")] == [console.cases["spam"]]

    # The script payload is text: shown as typed, never run.
    driver.get(console.base_url + "/console/cases/" + console.cases["xss"])
    snapshot = driver.find_element(By.CSS_SELECTOR, "[data-snapshot]")
    assert snapshot.text == XSS
    assert snapshot.find_elements(By.TAG_NAME, "img") == [] and snapshot.find_elements(By.TAG_NAME, "script") == []
    assert no_alert(driver)
    show(driver, "[data-snapshot]")
    screenshot(driver, "console-case-escaped")

    # Sensitive content is blurred until shown, and showing it is audited.
    driver.get(console.base_url + "/console/cases/" + console.cases["sensitive"])
    blurred = driver.find_element(By.CSS_SELECTOR, "[data-snapshot]")
    assert "blurred" in blurred.get_attribute("class")
    assert driver.find_element(By.CSS_SELECTOR, "[data-age]").text.endswith("13-17")
    show(driver, "[data-snapshot]")
    screenshot(driver, "console-case-blurred")
    driver.find_element(By.ID, "show-content").click()
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-notice]")))
    shown = driver.find_element(By.CSS_SELECTOR, "[data-snapshot]")
    assert "blurred" not in shown.get_attribute("class")
    assert shown.text == "SENSITIVE: pay or I post the photos"
    assert no_alert(driver)
    show(driver, "[data-snapshot]")
    screenshot(driver, "console-case-revealed")

    # Claim next: the first case of the queue, with a lease.
    driver.get(console.base_url + "/console/queue")
    driver.find_element(By.ID, "claim-next").click()
    # The case page (the URL can change before the new document is there: wait for the page).
    claimed = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-case-id]"))).text
    assert claimed == ids[0]
    assert "held by mia" in driver.find_element(By.CSS_SELECTOR, "[data-lease]").text

    # An invalid decision is refused with the core's reasons next to the fields.
    driver.find_element(By.ID, "r-content_removed").click()
    driver.find_element(By.ID, "explanation").send_keys("Threatening a person.")
    driver.find_element(By.ID, "decide").click()
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-refused]")))
    fields = {e.get_attribute("data-error") for e in driver.find_elements(By.CSS_SELECTOR, "[data-error]")}
    assert {"ground", "facts"} <= fields
    show(driver, "[data-refused]")
    screenshot(driver, "console-decision-refused")

    # The form kept what was typed; complete it.
    driver.find_element(By.ID, "ground-incompatible").click()
    driver.find_element(By.ID, "termsClause").send_keys("Community Guidelines 2.1 (threats)")
    driver.find_element(By.ID, "facts").send_keys("A comment threatening the person it answers.")
    driver.find_element(By.ID, "noteForReporter").send_keys("We removed the comment.")
    driver.find_element(By.ID, "internalNote").send_keys("Checked the thread.")
    driver.find_element(By.ID, "decide").click()
    wait(driver).until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "[data-status]"), "decided"))
    show(driver, "[data-decision]")
    screenshot(driver, "console-case-decided")
    driver.find_element(By.CSS_SELECTOR, "[data-statements-link]").click()
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-statement]")))

    # The audit log shows the claim, the reveal and the decision, and offers no way to change them.
    driver.get(console.base_url + "/console/audit")
    actions = [row.get_attribute("data-action") for row in driver.find_elements(By.CSS_SELECTOR, "[data-audit] tbody tr")]
    for action in ("case.claimed", "case.content_revealed", "case.decided"):
        assert action in actions
    assert not driver.find_elements(By.CSS_SELECTOR, "[data-audit] form, [data-audit] button")
    screenshot(driver, "console-audit")

    # A POST without the CSRF token is refused, even with the session cookie.
    request = urllib.request.Request(
        console.base_url + "/console/claim", data=b"", method="POST",
        headers={"Cookie": f"relais_session={cookie['value']}", "Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403


def test_compliance_is_refused_the_claim(console, browser):
    driver = browser(language="en-GB")
    sign_in(driver, console, "carla")
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-queue], [data-empty-queue]")))
    assert not driver.find_elements(By.ID, "claim-next")
    # Post the claim form anyway, with a valid CSRF token: the server refuses the role.
    driver.execute_script("""
        const form = document.createElement('form');
        form.method = 'post'; form.action = '/console/claim';
        const csrf = document.querySelector('input[name=csrf]').cloneNode();
        form.appendChild(csrf); document.body.appendChild(form); form.submit();
    """)
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-heading]")))
    assert driver.find_element(By.CSS_SELECTOR, "[data-heading]").text == "Not allowed for your role"
    screenshot(driver, "console-compliance-refused")
    # Compliance reads the case and the audit log.
    driver.get(console.base_url + "/console/cases/" + console.cases["spam"])
    assert driver.find_element(By.CSS_SELECTOR, "[data-case-id]").text == console.cases["spam"]
    assert not driver.find_elements(By.ID, "decision-form")


def test_five_wrong_passwords_lock_the_account(console, browser):
    driver = browser(language="en-GB")
    for attempt in range(5):
        sign_in(driver, console, "lou", password=f"wrong password {attempt}")
        wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-login-error]")))
    assert "locked" in driver.find_element(By.CSS_SELECTOR, "[data-login-error]").text
    sign_in(driver, console, "lou")
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-login-error]")))
    assert "locked" in driver.find_element(By.CSS_SELECTOR, "[data-login-error]").text
    assert driver.get_cookie("relais_session") is None
    screenshot(driver, "console-locked")


def test_console_fits_a_tablet(console, browser):
    driver = browser(language="en-GB", width=820, height=1180)
    sign_in(driver, console, "mia")
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-queue], [data-empty-queue]")))
    for path in ("/console/queue", "/console/cases/" + console.cases["xss"], "/console/audit"):
        driver.get(console.base_url + path)
        # Wide tables scroll inside their frame; the page itself never scrolls sideways.
        assert driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1"), path
    driver.get(console.base_url + "/console/queue")
    screenshot(driver, "console-queue-tablet")


def test_console_pages_have_no_serious_accessibility_violations(console, browser):
    """axe-core on the sign-in page, the queue, a case with its decision form, and the audit log."""
    driver = browser(language="en-GB")
    driver.get(console.base_url + "/console/login")
    assert axe_violations(driver) == [], "sign-in page"
    sign_in(driver, console, "ada")
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-queue]")))
    pages = {
        "queue": "/console/queue",
        "case": "/console/cases/" + console.cases["spam"],
        "audit log": "/console/audit",
    }
    for name, path in pages.items():
        driver.get(console.base_url + path)
        violations = axe_violations(driver)
        assert violations == [], f"{name}: " + "; ".join(f"{v['id']}: {v['help']}" for v in violations)
