"""The console's decision flow in a real browser, against a real `relais serve` with a config
file of decision presets: a preset decision end to end, every refusal reason at once, and
"record and claim the next case" through three cases; axe on each page met."""

import json
import subprocess
import urllib.request

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser_support import OPEN_HOURS, api, axe_violations, cli, page_replaced, screenshot
from relais_testing import RelaisServer, relais_binary

PASSWORD = "a long console password"
PRESETS = {"tenants": {"demo": {"presets": [
    {"id": "harassment-minor", "label": "Harassment of a minor", "categories": ["harassment"],
     "decision": {"restrictions": ["content_removed"], "ground": "incompatible", "termsClause": "Community Guidelines 4.2",
                  "explanation": "The content harasses a minor, which our terms forbid.",
                  "facts": "Content aimed at a minor, reported by the person targeted; reviewed by a moderator.",
                  "warnAuthor": True}},
    {"id": "spam-no-action", "label": "Spam, no rule broken", "categories": ["spam"],
     "decision": {"restrictions": [], "explanation": "Unwanted, but no rule of ours is broken."}},
]}}}



def file_report(server, subject, category="harassment", text="you are worthless", age="13-17"):
    body = {
        "surface": "web", "category": category, "goodFaith": True,
        "reporter": {"id": "reporter-" + subject, "country": "FR", "locale": "fr-FR", "ageBracket": age, "isTarget": True},
        "subject": {"kind": "comment", "id": subject, "authorId": "author-" + subject, "text": text, "language": "fr"},
    }
    request = urllib.request.Request(
        server.base_url + "/v1/reports", data=json.dumps(body).encode(), method="POST",
        headers={"Authorization": f"Bearer {server.key}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())["caseId"]


@pytest.fixture
def console(tmp_path):
    """A fresh server per test: each test decides its own cases."""
    config = tmp_path / "relais.json"
    config.write_text(json.dumps(PRESETS))
    server = RelaisServer(
        relais_binary(), extra_args=["--test-clock", OPEN_HOURS, "--config", str(config)], env={"RELAIS_ALLOW_TEST_CLOCK": "1"})
    for name, role in (("mia", "moderator"), ("lou", "moderator"), ("ada", "admin")):
        cli(server, "users", "create", name, "--tenant", "demo", "--role", role)
        cli(server, "users", "password", name, stdin=PASSWORD + "\n")
    yield server
    server.stop()


def wait(driver, seconds=15):
    return WebDriverWait(driver, seconds)


def signed_in(browser, server, name="mia", **kwargs):
    driver = browser(language="en-GB", **kwargs)
    driver.get(server.base_url + "/console/login")
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.ID, "sign-in").click()
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-queue], [data-empty-queue]")))
    return driver


def claim_next(driver, server):
    driver.get(server.base_url + "/console/queue")
    driver.find_element(By.ID, "claim-next").click()
    return wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-case-id]"))).text


def assert_accessible(driver, name):
    violations = axe_violations(driver)
    assert violations == [], f"{name}: " + "; ".join(f"{v['id']}: {v['help']}" for v in violations)


def submit(driver, button_id):
    """Clicks a submit button and waits for the answer page to replace this one: the refused
    form comes back with the same elements, so waiting for them alone reads the old page."""
    page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.ID, button_id).click()
    wait(driver).until(page_replaced(page))


def refused_fields(driver):
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-refused]")))
    return {e.get_attribute("data-error") for e in driver.find_elements(By.CSS_SELECTOR, "[data-error]")}


def test_a_preset_fills_the_form_which_stays_editable_and_decides(console, browser):
    case = file_report(console, "c-preset")
    file_report(console, "c-spam", category="spam", text="buy watches", age="18+")
    driver = signed_in(browser, console)
    assert claim_next(driver, console) == case
    # The preset written for harassment comes first; the spam one waits under "other categories".
    fitting = driver.find_elements(By.CSS_SELECTOR, "[data-presets] > ul [data-preset]")
    assert [link.get_attribute("data-preset") for link in fitting] == ["harassment-minor"]
    assert driver.find_elements(By.CSS_SELECTOR, "[data-presets] details [data-preset='spam-no-action']")
    assert_accessible(driver, "case with presets")
    fitting[0].click()
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-chosen-preset]")))
    assert "preset=harassment-minor" in driver.current_url
    assert driver.find_element(By.ID, "r-content_removed").is_selected()
    assert driver.find_element(By.ID, "ground-incompatible").is_selected()
    assert driver.find_element(By.ID, "termsClause").get_attribute("value") == "Community Guidelines 4.2"
    assert driver.find_element(By.ID, "warnAuthor").is_selected()
    assert driver.find_element(By.ID, "territorialScope").get_attribute("value") == "FR"
    assert_accessible(driver, "case filled from a preset")
    screenshot(driver, "console-preset-filled")
    # The moderator edits a field; what they leave is what is recorded.
    explanation = driver.find_element(By.ID, "explanation")
    explanation.clear()
    explanation.send_keys("Repeated insults aimed at a 14-year-old.")
    driver.find_element(By.ID, "decide").click()
    wait(driver).until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "[data-status]"), "decided"))
    assert "Repeated insults aimed at a 14-year-old." in driver.find_element(By.CSS_SELECTOR, "[data-decision]").text
    driver.find_element(By.CSS_SELECTOR, "[data-statements-link]").click()
    statement = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-statement]"))).text
    assert "Community Guidelines 4.2" in statement and "DECISION_VISIBILITY_CONTENT_REMOVED" in statement


def test_every_refusal_reason_is_shown_at_once_next_to_its_field(console, browser):
    file_report(console, "c-errors")
    driver = signed_in(browser, console)
    claim_next(driver, console)
    # A restriction alone: the ground, the facts and the explanation are all named in one round.
    driver.find_element(By.ID, "r-content_removed").click()
    submit(driver, "decide")
    assert {"ground", "facts", "explanation"} <= refused_fields(driver)
    assert_accessible(driver, "refused decision")
    screenshot(driver, "console-all-errors")
    # With the ground chosen, the terms clause joins the reasons, with the others still there.
    driver.find_element(By.ID, "ground-incompatible").click()
    driver.find_element(By.ID, "territorialScope").clear()
    driver.find_element(By.ID, "territorialScope").send_keys("FR, US")
    submit(driver, "decide")
    assert {"termsClause", "facts", "explanation", "territorialScope"} <= refused_fields(driver)
    assert driver.find_element(By.ID, "r-content_removed").is_selected(), "what was typed is kept"


def test_record_and_claim_the_next_case_through_three_cases(console, browser):
    cases = {file_report(console, f"c-next-{n}") for n in range(3)}
    driver = signed_in(browser, console)
    current = claim_next(driver, console)
    decided = []
    for _ in range(3):
        decided.append(current)
        driver.find_element(By.CSS_SELECTOR, "[data-presets] [data-preset='harassment-minor']").click()
        wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-chosen-preset]")))
        driver.find_element(By.ID, "decide-next").click()
        # The next case, already claimed, or the queue once none is left.
        wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-notice]"))
        if len(decided) < 3:
            current = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-case-id]"))).text
            assert current not in decided
            assert "held by mia" in driver.find_element(By.CSS_SELECTOR, "[data-lease]").text
    assert set(decided) == cases
    assert "/console/queue" in driver.current_url
    assert "No other case waits" in driver.find_element(By.CSS_SELECTOR, "[data-notice]").text
    assert driver.find_elements(By.CSS_SELECTOR, "[data-empty-queue]")


def press(driver, *keys):
    ActionChains(driver).send_keys(*keys).perform()


def test_a_decision_made_with_the_keyboard_only(console, browser):
    """From the queue to a recorded decision and the next case: n, 1, Ctrl+Enter."""
    cases = {file_report(console, "c-keys-1"), file_report(console, "c-keys-2")}
    driver = signed_in(browser, console)
    driver.get(console.base_url + "/console/queue")
    # "?" opens the list of shortcuts, which is part of the page.
    press(driver, "?")
    assert driver.find_element(By.ID, "shortcuts").get_attribute("open") is not None
    assert "Claim the next case" in driver.find_element(By.ID, "shortcuts").text
    assert_accessible(driver, "queue with the shortcuts open")
    press(driver, "?")
    press(driver, "n")
    claimed = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-case-id]"))).text
    assert claimed in cases
    press(driver, "1")
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-chosen-preset]")))
    # Ctrl+Enter works from inside a field too.
    driver.find_element(By.ID, "explanation").click()
    ActionChains(driver).key_down(Keys.CONTROL).send_keys(Keys.ENTER).key_up(Keys.CONTROL).perform()
    wait(driver).until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "[data-notice]"), "next case"))
    following = driver.find_element(By.CSS_SELECTOR, "[data-case-id]").text
    assert following in cases and following != claimed
    # And without the script, Tab and Enter reach the same buttons: the form's first button is
    # "Record and claim the next case".
    buttons = driver.find_elements(By.CSS_SELECTOR, "#decision-form button[type=submit]")
    assert buttons[0].get_attribute("id") == "decide-next"


def test_escalate_to_a_senior(console, browser):
    case = file_report(console, "c-escalate", category="threat", text="I know where you live")
    driver = signed_in(browser, console)
    assert claim_next(driver, console) == case
    driver.find_element(By.CSS_SELECTOR, "[data-escalate] summary").click()
    driver.find_element(By.ID, "escalation-reason").send_keys("A credible threat? A senior should decide.")
    driver.find_element(By.ID, "escalate").click()
    notice = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-notice]"))).text
    assert "Escalated" in notice
    # A moderator's claim skips it; the admin's gets it, with who escalated it and why.
    other = signed_in(browser, console, name="lou")
    other.get(console.base_url + "/console/queue")
    other.find_element(By.ID, "claim-next").click()
    wait(other).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-notice]")))
    assert "/console/queue" in other.current_url
    admin = signed_in(browser, console, name="ada")
    assert claim_next(admin, console) == case
    escalated = admin.find_element(By.CSS_SELECTOR, "[data-escalated]").text
    assert "mia" in escalated and "A credible threat? A senior should decide." in escalated
    assert_accessible(admin, "escalated case")
    admin.get(console.base_url + "/console/audit")
    assert "case.escalated" in [r.get_attribute("data-action") for r in admin.find_elements(By.CSS_SELECTOR, "[data-audit] tbody tr")]


def test_private_tags_and_comments(console, browser):
    case = file_report(console, "c-notes")
    driver = signed_in(browser, console)
    driver.get(console.base_url + "/console/cases/" + case)
    driver.find_element(By.ID, "tag").send_keys("Needs-Context")
    driver.find_element(By.ID, "add-tag").click()
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-tag='needs-context']")))
    driver.find_element(By.ID, "comment").send_keys("<b>same</b> person as last week?")
    driver.find_element(By.ID, "add-comment").click()
    comment = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-comment]")))
    assert "<b>same</b> person as last week?" in comment.text, "escaped, shown as typed"
    assert comment.find_elements(By.TAG_NAME, "b") == []
    assert_accessible(driver, "case with notes")
    screenshot(driver, "console-notes")
    driver.find_element(By.CSS_SELECTOR, "[data-tag='needs-context'] button").click()
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-notice]")))
    assert driver.find_elements(By.CSS_SELECTOR, "[data-tag]") == []
    # An invalid tag is refused with its reason, and nothing is stored.
    driver.find_element(By.ID, "tag").send_keys("no spaces please")
    old_page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.ID, "add-tag").click()
    # The case page has a <main> too: wait for the answer to replace it before reading.
    wait(driver).until(page_replaced(old_page))
    assert wait(driver).until(EC.text_to_be_present_in_element((By.TAG_NAME, "main"), "letters, digits"))


def test_claim_a_chosen_case_from_the_queue(console, browser):
    file_report(console, "c-urgent", category="threat", text="threat")
    chosen = file_report(console, "c-chosen", category="spam", text="spam", age="18+")
    driver = signed_in(browser, console)
    driver.get(console.base_url + "/console/queue")
    driver.find_element(By.CSS_SELECTOR, f"[data-claim='{chosen}']").click()
    assert wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-case-id]"))).text == chosen
    assert "held by mia" in driver.find_element(By.CSS_SELECTOR, "[data-lease]").text


def test_the_queue_reads_at_320_px_without_sideways_scroll(console, browser):
    file_report(console, "c-queue-harass", text="you are worthless and everyone knows it")
    file_report(console, "c-queue-sextortion", category="sextortion", text="SENSITIVE: pay or I post the photos")
    for n in range(3):
        file_report(console, f"c-queue-spam-{n}", category="spam", text="buy cheap watches", age="18+")
    driver = signed_in(browser, console)
    # A desktop window cannot be made 320 px wide; the phone's viewport is emulated instead.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 320, "height": 720, "deviceScaleFactor": 1, "mobile": True})
    driver.get(console.base_url + "/console/queue")
    assert driver.execute_script("return window.innerWidth") == 320
    assert driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
    rows = driver.find_elements(By.CSS_SELECTOR, "[data-queue] tbody tr")
    assert len(rows) == 5
    # Short references, never the whole id; a priority level with its reasons, not a bare score.
    first = rows[0]
    # (the hand-off reference the reporter was given, such as K7M-4QP, else the id's first 8 characters)
    reference = first.find_element(By.CSS_SELECTOR, "[data-ref]").text
    assert 0 < len(reference) <= 8 and reference.lower() not in first.get_attribute("data-case")
    assert first.find_element(By.CSS_SELECTOR, "[data-level-label]").text == "Urgent"
    assert "may involve a minor" in first.find_element(By.CSS_SELECTOR, "[data-reasons]").text
    # The sensitive case's text is not in the page at all; the other previews are.
    assert "SENSITIVE" not in driver.page_source
    assert driver.find_elements(By.CSS_SELECTOR, "[data-preview-blurred]")
    previews = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "[data-preview]")]
    assert "you are worthless and everyone knows it" in previews
    assert any("Reporter age: 13-17" in e.text for e in driver.find_elements(By.CSS_SELECTOR, "[data-ages]"))
    assert_accessible(driver, "queue at 320 px")
    screenshot(driver, "console-queue-320")
    for path in ("/console/cases/" + rows[0].get_attribute("data-case"), "/console/audit"):
        driver.get(console.base_url + path)
        assert driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1"), path


def test_serve_refuses_to_start_with_a_bad_preset(tmp_path):
    config = tmp_path / "relais.json"
    config.write_text(json.dumps({"tenants": {"demo": {"presets": [
        {"id": "p", "label": "P", "decision": {"restrictions": ["content_removed"], "ground": "incompatible", "explanation": "x"}}]}}}))
    result = subprocess.run(
        [str(relais_binary()), "serve", "--port", "0", "--database", "sqlite:" + str(tmp_path / "db.sqlite"), "--config", str(config)],
        capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "tenants.demo.presets.0 (p): decision.termsClause: is required" in result.stderr
    assert "decision.facts" in result.stderr, "every reason at once"


def test_an_admin_manages_users(console, browser):
    admin = signed_in(browser, console, name="ada")
    admin.get(console.base_url + "/console/users")
    assert_accessible(admin, "users page")
    admin.find_element(By.ID, "new-name").send_keys("noah")
    Select = __import__("selenium.webdriver.support.ui", fromlist=["Select"]).Select
    Select(admin.find_element(By.ID, "new-role")).select_by_value("moderator")
    admin.find_element(By.ID, "new-password").send_keys(PASSWORD)
    admin.find_element(By.ID, "create-user").click()
    row = wait(admin).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-user-row='noah']")))
    assert row.find_element(By.CSS_SELECTOR, "[data-role]").text == "moderator"
    # The new user signs in; a role change and a disable follow, each audited.
    noah = signed_in(browser, console, name="noah")
    assert noah.find_elements(By.CSS_SELECTOR, "[data-queue], [data-empty-queue]")
    Select(admin.find_element(By.ID, "role-noah")).select_by_value("compliance")
    admin.find_element(By.ID, "set-role-noah").click()
    wait(admin).until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "[data-user-row='noah'] [data-role]"), "compliance"))
    admin.find_element(By.ID, "disable-noah").click()
    wait(admin).until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "[data-user-row='noah'] [data-state]"), "disabled"))
    # Noah's session ended: the next page is the sign-in page.
    noah.get(console.base_url + "/console/queue")
    assert "/console/login" in noah.current_url
    admin.find_element(By.ID, "password-noah").send_keys("another long password")
    admin.find_element(By.ID, "reset-noah").click()
    wait(admin).until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "[data-user-row='noah'] [data-state]"), "active"))
    # A moderator is refused the page.
    mia = signed_in(browser, console)
    mia.get(console.base_url + "/console/users")
    assert not mia.find_elements(By.ID, "create-user")
    admin.get(console.base_url + "/console/audit?actor=ada")
    actions = [r.get_attribute("data-action") for r in admin.find_elements(By.CSS_SELECTOR, "[data-audit] tbody tr")]
    for action in ("moderator.created", "moderator.role_changed", "moderator.disabled", "moderator.password_set"):
        assert action in actions


def test_the_audit_log_filters_by_actor_action_case_and_period(console, browser):
    case = file_report(console, "c-audit")
    other = file_report(console, "c-audit-2")
    driver = signed_in(browser, console)
    for target in (case, other):
        driver.get(console.base_url + "/console/cases/" + target)
        driver.find_element(By.ID, "tag").send_keys("checked")
        driver.find_element(By.ID, "add-tag").click()
        wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-notice]")))
    driver.get(console.base_url + "/console/audit")
    driver.find_element(By.ID, "audit-action").send_keys("case.tagged")
    driver.find_element(By.ID, "audit-case").send_keys(case)
    driver.find_element(By.ID, "audit-filter").click()
    wait(driver).until(EC.url_contains("action=case.tagged"))
    rows = driver.find_elements(By.CSS_SELECTOR, "[data-audit] tbody tr")
    assert [r.get_attribute("data-action") for r in rows] == ["case.tagged"]
    assert case in rows[0].text
    assert_accessible(driver, "filtered audit log")
    # The period is in UTC days: the pinned clock's day shows the entries, the day before none.
    driver.get(console.base_url + "/console/audit?actor=mia&from=2026-11-30&until=2026-11-30")
    assert len(driver.find_elements(By.CSS_SELECTOR, "[data-audit] tbody tr")) >= 2
    driver.get(console.base_url + "/console/audit?actor=mia&until=2026-11-29")
    assert driver.find_elements(By.CSS_SELECTOR, "[data-empty-audit]")


def test_the_moderator_sees_their_exposure_of_today(console, browser):
    case = file_report(console, "c-exposure", category="sextortion", text="SENSITIVE: pay or I post the photos")
    driver = signed_in(browser, console)
    driver.get(console.base_url + "/console/queue")
    assert driver.find_element(By.CSS_SELECTOR, "[data-exposure]").text.endswith(": 0.")
    driver.get(console.base_url + "/console/cases/" + case)
    assert "blurred" in driver.find_element(By.CSS_SELECTOR, "[data-snapshot]").get_attribute("class")
    driver.find_element(By.ID, "show-content").click()
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-notice]")))
    assert driver.find_element(By.CSS_SELECTOR, "[data-exposure]").text.endswith(": 1.")
    driver.get(console.base_url + "/console/queue")
    assert driver.find_element(By.CSS_SELECTOR, "[data-exposure]").text.endswith(": 1.")
    # Another moderator's count is theirs.
    other = signed_in(browser, console, name="lou")
    assert other.find_element(By.CSS_SELECTOR, "[data-exposure]").text.endswith(": 0.")


def test_due_times_are_shown_in_the_moderators_own_time_zone(browser, console):
    """The page writes due times in UTC; the console's script writes them again in the
    browser's zone (here Paris, UTC+1 in winter), keeping the UTC text as the title."""
    import datetime
    from zoneinfo import ZoneInfo
    file_report(console, "due-zone")
    driver = signed_in(browser, console)
    driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": "Europe/Paris"})
    driver.get(console.base_url + "/console/queue")
    due = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-queue] time[data-local-time]")))
    utc_text = due.get_attribute("title")
    assert utc_text.endswith(" UTC"), utc_text
    instant = datetime.datetime.fromisoformat(due.get_attribute("datetime").replace("Z", "+00:00"))
    paris = instant.astimezone(ZoneInfo("Europe/Paris"))
    assert paris.strftime("%H:%M") in due.text and ("CET" in due.text or "GMT+1" in due.text), due.text
    assert utc_text == instant.strftime("%Y-%m-%d %H:%M UTC")
    # Without the script (as a reader without JavaScript sees it) the page says UTC.
    source = urllib.request.urlopen(urllib.request.Request(console.base_url + "/console/queue", headers={
        "Cookie": "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())}), timeout=10).read().decode()
    assert utc_text in source


def test_signing_out_hands_back_the_case_the_moderator_held(browser, console):
    """Release on leave: the case mia held is free again when she signs out, not when its lease runs out."""
    case_id = file_report(console, "leave")
    mia = signed_in(browser, console, "mia")
    claim_next(mia, console)
    wait(mia).until(EC.presence_of_element_located((By.ID, "decision-form")))
    old = mia.find_element(By.TAG_NAME, "html")
    mia.find_element(By.CSS_SELECTOR, "form.signout button").click()
    wait(mia).until(page_replaced(old))
    assert "/console/login" in mia.current_url
    lou = signed_in(browser, console, "lou")
    lou.get(console.base_url + "/console/queue")
    row = lou.find_element(By.CSS_SELECTOR, f"[data-case='{case_id}']")
    assert "mia" not in row.text and row.find_elements(By.CSS_SELECTOR, f"[data-claim='{case_id}']")  # free: lou can claim it at once


def test_a_break_is_suggested_after_sensitive_cases_in_a_row(browser, tmp_path):
    """moderation.breakAfterSensitiveCases: 2 — after two self-harm cases decided in a row the
    queue and the case page suggest a break; an ordinary case decided next ends the run."""
    config = tmp_path / "relais.json"
    config.write_text(json.dumps({"moderation": {"breakAfterSensitiveCases": 2}}))
    server = RelaisServer(
        relais_binary(), extra_args=["--test-clock", OPEN_HOURS, "--config", str(config)], env={"RELAIS_ALLOW_TEST_CLOCK": "1"})
    try:
        token = json.loads(cli(server, "users", "create", "mia", "--tenant", "demo", "--role", "moderator", "--json"))["token"]
        cli(server, "users", "password", "mia", stdin=PASSWORD + "\n")
        decision = {"restrictions": ["content_removed"], "ground": "incompatible", "termsClause": "Guidelines 5",
                    "explanation": "Content encouraging self-harm.", "facts": "Reported by a reader; reviewed by a moderator.",
                    "automatedDetection": False, "automatedDecision": "not_automated", "territorialScope": ["FR"]}

        def decide_next():
            request = urllib.request.Request(server.base_url + "/v1/moderation/next", data=b"{}", method="POST",
                                             headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=10) as response:
                case_id = json.loads(response.read())["id"]
            request = urllib.request.Request(server.base_url + f"/v1/moderation/cases/{case_id}/decisions", data=json.dumps(decision).encode(),
                                             method="POST", headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=10) as response:
                assert response.status == 201

        file_report(server, "sh-1", category="self_harm")
        decide_next()
        driver = signed_in(browser, server)
        assert not driver.find_elements(By.CSS_SELECTOR, "[data-break-prompt]")  # one is not a run of two
        file_report(server, "sh-2", category="self_harm")
        decide_next()
        driver.get(server.base_url + "/console/queue")
        prompt = driver.find_element(By.CSS_SELECTOR, "[data-break-prompt]")
        assert "2 cases with sensitive content in a row" in prompt.text
        assert_accessible(driver, "console-break-prompt")
        file_report(server, "spam-1", category="spam", text="buy cheap followers")
        decide_next()
        driver.get(server.base_url + "/console/queue")
        assert not driver.find_elements(By.CSS_SELECTOR, "[data-break-prompt]")
    finally:
        server.stop()


def test_a_pile_on_is_decided_from_its_page_each_case_with_its_own_statement(browser, console):
    """Three authors against one teenager make a pile-on; from its page a moderator decides
    two of its cases with a preset at once (the third, held by someone else, is left alone):
    two decisions, two statements of reasons."""
    cases = []
    for index in range(3):
        body = {"surface": "web", "category": "harassment", "goodFaith": True, "target": "teen-7",
                "reporter": {"id": f"friend-{index}", "country": "FR", "locale": "fr-FR", "ageBracket": "13-17", "isTarget": False},
                "subject": {"kind": "comment", "id": f"pile-{index}", "authorId": f"bully-{index}", "text": f"you are nothing {index}"}}
        status, answer = api(console, "POST", "/v1/reports", body)
        assert status == 201, answer
        cases.append(answer["caseId"])
    status, listed = api(console, "GET", "/v1/pile-ons")
    assert status == 200 and len(listed["pileOns"]) == 1, listed
    pile_on = listed["pileOns"][0]["id"]
    lou = signed_in(browser, console, "lou")
    lou.get(console.base_url + "/console/queue")
    lou.find_element(By.CSS_SELECTOR, f"[data-claim='{cases[2]}']").click()
    wait(lou).until(EC.presence_of_element_located((By.ID, "decision-form")))

    mia = signed_in(browser, console, "mia")
    mia.get(console.base_url + f"/console/pile-ons/{pile_on}")
    assert len(mia.find_elements(By.CSS_SELECTOR, "[data-cases] input[type=checkbox]")) == 3
    Select(mia.find_element(By.ID, "pile-on-preset")).select_by_value("harassment-minor")
    assert_accessible(mia, "console-pile-on-decide")
    submit(mia, "decide-selected")
    notice = mia.find_element(By.CSS_SELECTOR, "[data-notice]").text
    assert "2 cases decided, each with its own statement of reasons. 1 not decided" in notice, notice
    puids = set()
    for case_id in cases[:2]:
        status, shown = api(console, "GET", f"/v1/moderation/cases/{case_id}", key=mod_token(console))
        assert status == 200 and shown["status"] == "decided", shown
        status, statements = api(console, "GET", f"/v1/moderation/cases/{case_id}/statements", key=mod_token(console))
        assert status == 200 and len(statements) == 1
        puids.add(statements[0]["puid"])
    assert len(puids) == 2
    status, third = api(console, "GET", f"/v1/moderation/cases/{cases[2]}", key=mod_token(console))
    assert third["status"] == "open" and third["lease"]["moderator"] == "lou", third


def mod_token(server):
    if not hasattr(server, "mod_token"):
        server.mod_token = json.loads(cli(server, "users", "token", "ada", "--json"))["token"]
    return server.mod_token


def test_a_pile_on_is_closed_from_its_page_with_a_reason(browser, console):
    """The team has dealt with the attack: a moderator closes the pile-on from its page with a
    reason; the page says who closed it, when and why (escaped), the close form is gone, and
    the API lists it among the closed ones."""
    for index in range(3):
        body = {"surface": "web", "category": "harassment", "goodFaith": True, "target": "teen-8",
                "reporter": {"id": f"friend-{index}", "country": "FR", "locale": "fr-FR", "ageBracket": "13-17", "isTarget": False},
                "subject": {"kind": "comment", "id": f"closing-{index}", "authorId": f"bully-{index}", "text": f"go away {index}"}}
        status, answer = api(console, "POST", "/v1/reports", body)
        assert status == 201, answer
    status, listed = api(console, "GET", "/v1/pile-ons")
    pile_on = listed["pileOns"][0]["id"]
    mia = signed_in(browser, console, "mia")
    mia.get(console.base_url + f"/console/pile-ons/{pile_on}")
    assert mia.find_element(By.CSS_SELECTOR, "[data-pile-on-status]").get_attribute("data-pile-on-status") == "open"
    mia.find_element(By.ID, "close-reason").send_keys("The <i>three</i> authors are suspended.")
    submit(mia, "close-pile-on")
    wait(mia).until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "[data-notice]"), "Pile-on closed."))
    assert mia.find_element(By.CSS_SELECTOR, "[data-pile-on-status]").get_attribute("data-pile-on-status") == "closed"
    closed = mia.find_element(By.CSS_SELECTOR, "[data-closed]")
    assert "by mia: The <i>three</i> authors are suspended." in closed.text, closed.text
    assert closed.find_elements(By.TAG_NAME, "i") == []
    assert mia.find_elements(By.ID, "pile-on-close") == []
    assert_accessible(mia, "console-pile-on-closed")
    mia.execute_script("window.scrollTo(0, 0)")
    screenshot(mia, "console-pile-on-closed")
    status, still_open = api(console, "GET", "/v1/pile-ons")
    assert status == 200 and still_open["pileOns"] == []
    status, closed_list = api(console, "GET", "/v1/pile-ons?status=closed")
    assert [p["id"] for p in closed_list["pileOns"]] == [pile_on] and closed_list["pileOns"][0]["closedAt"]
    mia.get(console.base_url + "/console/pile-ons?status=closed")
    assert mia.find_elements(By.CSS_SELECTOR, f"a[href='/console/pile-ons/{pile_on}']")
    assert_accessible(mia, "console-pile-ons-closed")


def greyscale_pressed(value):
    """A wait condition on the header's greyscale toggle, across the page being replaced."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

    def pressed(driver):
        try:
            return driver.find_element(By.ID, "greyscale").get_attribute("aria-pressed") == value
        except (StaleElementReferenceException, WebDriverException):
            return False
    return pressed


def test_greyscale_is_a_moderators_choice_that_follows_them(console, browser):
    """A moderator turns the console grey from a case page and stays on it; the choice is on
    their account (a new session of theirs is grey, another moderator's is not)."""
    case = file_report(console, "c-grey")
    driver = signed_in(browser, console)
    driver.get(console.base_url + "/console/cases/" + case)
    button = driver.find_element(By.ID, "greyscale")
    assert button.get_attribute("aria-pressed") == "false"
    assert driver.execute_script("return getComputedStyle(document.body).filter") == "none"
    submit(driver, "greyscale")
    wait(driver).until(greyscale_pressed("true"))
    assert driver.current_url.endswith("/console/cases/" + case), "back on the page it was pressed on"
    assert driver.execute_script("return getComputedStyle(document.body).filter") == "grayscale(1)"
    assert_accessible(driver, "console-case-greyscale")
    driver.execute_script("window.scrollTo(0, 0)")
    screenshot(driver, "console-case-greyscale")
    again = signed_in(browser, console)
    assert again.find_element(By.ID, "greyscale").get_attribute("aria-pressed") == "true"
    lou = signed_in(browser, console, "lou")
    assert lou.find_element(By.ID, "greyscale").get_attribute("aria-pressed") == "false"
    # Keyboard: the toggle is a button in the header, reached and pressed like any other.
    driver.find_element(By.ID, "greyscale").send_keys(Keys.ENTER)
    wait(driver).until(greyscale_pressed("false"))
    assert driver.execute_script("return getComputedStyle(document.body).filter") == "none"
