"""Appeals (DSA Art. 20) end to end, in a real browser against a real `relais serve`: a
report filed through the API, decided by one moderator, its `case.decided` webhook delivered
to a loopback receiver with a sealed appeal link per party; the person opens the link,
contests in French or English (keyboard only, axe clean, 320 px, no JavaScript needed); a
second moderator reviews it in the console beside the decision, reverses it, and the platform
reads the decision in force without the restriction and gets `appeal.decided`."""

import json
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from browser_support import OPEN_HOURS, api, axe_violations, cli, screenshot
from relais_testing import RelaisServer, relais_binary
from webhook_testing import Receiver

PASSWORD = "a long console password"
XSS = "<script>alert(1)</script><img src=x onerror=alert(2)>"




def decided_case(server, token, subject, explanation):
    """A harassment report on `subject` by reporter-<subject>, decided with a removal."""
    receipt, decision_id = decided_report(server, token, subject, explanation)
    return receipt["caseId"], decision_id


def decided_report(server, token, subject, explanation):
    """`decided_case`, answering the report's receipt (its status page) and the decision."""
    report = {
        "surface": "web", "category": "harassment", "goodFaith": True,
        "reporter": {"id": "reporter-" + subject, "country": "FR", "locale": "fr-FR", "ageBracket": "13-17", "isTarget": True},
        "subject": {"kind": "comment", "id": subject, "authorId": "author-" + subject, "text": "tu es nul", "language": "fr"},
    }
    status, receipt = api(server, "POST", "/v1/reports", report)
    assert status == 201
    status, claimed = api(server, "POST", "/v1/moderation/next", {}, key=token)
    assert status == 200 and claimed["id"] == receipt["caseId"]
    decision = {
        "restrictions": ["content_removed"], "ground": "incompatible", "termsClause": "Community Guidelines 3.2",
        "explanation": explanation, "facts": "A comment insulting the person it answers.",
        "automatedDetection": False, "automatedDecision": "not_automated", "territorialScope": ["FR"],
        "noteForReporter": "We removed the comment. Thank you.",
    }
    status, decided = api(server, "POST", f"/v1/moderation/cases/{receipt['caseId']}/decisions", decision, key=token)
    assert status == 201, decided
    return receipt, decided["decision"]["id"]


@pytest.fixture(scope="module")
def appeals():
    receiver = Receiver()
    server = RelaisServer(relais_binary(), extra_args=["--test-clock", OPEN_HOURS, "--webhook-poll-interval", "0.1"],
                          env={"RELAIS_ALLOW_TEST_CLOCK": "1"})
    cli(server, "webhooks", "set", "demo", receiver.url)
    tokens = {}
    for name in ("mia", "noah"):
        tokens[name] = json.loads(cli(server, "users", "create", name, "--tenant", "demo", "--role", "moderator", "--json"))["token"]
        cli(server, "users", "password", name, stdin=PASSWORD + "\n")
    server.tokens = tokens
    server.receiver = receiver
    server.cases = {
        name: decided_case(server, tokens["mia"], name, explanation)
        for name, explanation in (("fr", "Insultes répétées."), ("en", XSS), ("console", "Repeated insults."), ("nojs", "Insults."))
    }
    yield server
    server.stop()
    receiver.close()


def links(server, decision_id):
    """The appeal links of the decision's delivered `case.decided` webhook, by party."""
    assert WebDriverWait(None, 20, poll_frequency=0.1).until(
        lambda _: any(json.loads(b).get("decisionId") == decision_id for h, b in server.receiver.received()
                      if h.get("Relais-Event-Type") == "case.decided"), "case.decided delivered")
    for headers, body in server.receiver.received():
        event = json.loads(body)
        if headers.get("Relais-Event-Type") == "case.decided" and event["decisionId"] == decision_id:
            return {link["party"]: server.base_url + link["path"] for link in event["appealLinks"]}


def wait(driver, seconds=15):
    return WebDriverWait(driver, seconds)


def no_horizontal_scroll(driver):
    return driver.execute_script("return document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_the_author_contests_in_french_by_keyboard_only(appeals, browser):
    case_id, decision_id = appeals.cases["fr"]
    link = links(appeals, decision_id)["author"]
    driver = browser(language="fr-FR", phone=True)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 320, "height": 800, "deviceScaleFactor": 1, "mobile": True})
    driver.get(link)
    assert driver.find_element(By.TAG_NAME, "h1").text == "Contester une décision"
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
    assert [li.text for li in driver.find_elements(By.CSS_SELECTOR, "[data-restrictions] li")] == ["retirer le contenu"]
    assert driver.find_element(By.CSS_SELECTOR, "[data-reason]").text == "Insultes répétées."
    # Six months from the delivery of the decision's webhook (the worker's clock is the real one).
    assert re.fullmatch(r"Vous pouvez contester jusqu’au \d{1,2} \w+ 20\d\d\.", driver.find_element(By.CSS_SELECTOR, "[data-deadline]").text)
    assert no_horizontal_scroll(driver), "the appeal page scrolls sideways at 320 px"
    assert axe_violations(driver) == []
    screenshot(driver, "appeal-page-fr-320px")
    # Keyboard only: Tab to the text field, type, Tab to the button, Enter.
    field = driver.find_element(By.ID, "explanation")
    for _ in range(12):
        if driver.switch_to.active_element == field:
            break
        ActionChains(driver).send_keys(Keys.TAB).perform()
    assert driver.switch_to.active_element == field, "the text field is reachable by Tab"
    ActionChains(driver).send_keys("C’était une citation de chanson, pas une insulte.").perform()
    ActionChains(driver).send_keys(Keys.TAB).perform()
    assert driver.switch_to.active_element.get_attribute("data-submit") is not None
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    reference = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-appeal-reference]"))).text
    assert driver.find_element(By.TAG_NAME, "h1").text == "Votre contestation est bien reçue"
    assert axe_violations(driver) == []
    screenshot(driver, "appeal-sent-fr")
    status, appeal = api(appeals, "GET", f"/v1/appeals/{reference}")
    assert status == 200 and appeal["party"] == "author" and appeal["appellantId"] == "author-fr" and appeal["status"] == "open"
    assert appeal["caseId"] == case_id
    # appeal.received reaches the platform.
    assert WebDriverWait(None, 20, poll_frequency=0.1).until(
        lambda _: any(h.get("Relais-Event-Type") == "appeal.received" and json.loads(b)["appealId"] == reference
                      for h, b in appeals.receiver.received()))
    # The same link again: the complaint is open, said in plain words, nothing stored twice.
    driver.get(link)
    driver.find_element(By.ID, "explanation").send_keys("Encore.")
    driver.find_element(By.CSS_SELECTOR, "[data-submit]").click()
    assert wait(driver).until(lambda d: "déjà une contestation en cours" in d.execute_script("return document.body.innerText"))


def test_a_reporter_contests_in_english_and_moderator_text_is_escaped(appeals, browser):
    _, decision_id = appeals.cases["en"]
    link = links(appeals, decision_id)["reporter"]
    driver = browser(language="en-GB")
    driver.get(link)
    assert driver.find_element(By.TAG_NAME, "h1").text == "Contest a decision"
    assert "You reported something" in driver.find_element(By.TAG_NAME, "main").text
    # A reporter reads the note for reporters; the author would read the explanation.
    assert driver.find_element(By.CSS_SELECTOR, "[data-reason]").text == "We removed the comment. Thank you."
    assert axe_violations(driver) == []
    # The language switch keeps the link.
    driver.find_element(By.CSS_SELECTOR, '.lang-switch a[hreflang="fr"]').click()
    assert wait(driver).until(EC.presence_of_element_located((By.TAG_NAME, "h1"))).text == "Contester une décision"
    # The author's link shows the moderator's explanation (here a script payload) as text.
    driver.get(links(appeals, decision_id)["author"] + "&lang=en")
    assert driver.find_element(By.CSS_SELECTOR, "[data-reason]").text == XSS
    assert driver.find_elements(By.CSS_SELECTOR, "main script, main img") == []


def form_fields(html):
    return {name: value for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html)}


def post(server, fields, origin):
    request = urllib.request.Request(server.base_url + "/embed/appeal", data=urllib.parse.urlencode(fields).encode(), method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    if origin:
        request.add_header("Origin", origin)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_without_javascript_with_csrf_and_links_that_cannot_be_forged(appeals):
    _, decision_id = appeals.cases["nojs"]
    link = links(appeals, decision_id)["reporter"]
    with urllib.request.urlopen(link, timeout=10) as response:
        html = response.read().decode()
        assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]
    fields = form_fields(html.replace("&#x2F;", "/").replace("&#x3D;", "="))
    fields["token"] = urllib.parse.parse_qs(urllib.parse.urlparse(link).query)["token"][0]
    fields["explanation"] = "It was not me who was insulted."
    # Another site cannot post it, nor a post without the form's token.
    assert post(appeals, fields, origin="https://evil.example")[0] == 403
    assert post(appeals, dict(fields, formToken="0." + "0" * 64), origin=appeals.base_url)[0] == 403
    # An empty explanation is refused with the form kept; then a real one is received, once.
    status, page = post(appeals, dict(fields, explanation="   "), origin=appeals.base_url)
    assert status == 422 and 'role="alert"' in page
    first = post(appeals, fields, origin=appeals.base_url)
    again = post(appeals, fields, origin=appeals.base_url)
    assert first[0] == again[0] == 200
    reference = re.search(r"data-appeal-reference>([^<]+)<", first[1]).group(1)
    assert re.search(r"data-appeal-reference>([^<]+)<", again[1]).group(1) == reference
    # A tampered or foreign token opens nothing.
    token = fields["token"]
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for bad in (tampered, "not-a-token", ""):
        try:
            urllib.request.urlopen(appeals.base_url + "/embed/appeal?token=" + urllib.parse.quote(bad), timeout=10)
            raise AssertionError("a bad link must not open the form")
        except urllib.error.HTTPError as error:
            assert error.code == 404 and "no longer works" in error.read().decode()


def sign_in(driver, server, name):
    driver.get(server.base_url + "/console/login")
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.ID, "sign-in").click()


def test_a_second_moderator_reverses_it_in_the_console(appeals, browser):
    case_id, decision_id = appeals.cases["console"]
    status, appeal = api(appeals, "POST", "/v1/appeals", {
        "decisionId": decision_id, "party": "author", "userId": "author-console", "explanation": XSS, "language": "en"})
    assert status == 201, appeal
    driver = browser(language="en-GB")
    # mia took the decision: the console never hands it to her.
    sign_in(driver, appeals, "mia")
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-user]")))
    driver.get(appeals.base_url + "/console/appeals")
    assert driver.find_element(By.CSS_SELECTOR, f"[data-appeal='{appeal['id']}']")
    driver.find_element(By.ID, "claim-next-appeal").click()
    notice = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-notice]"))).text
    assert "against a decision you took" in notice
    driver.delete_all_cookies()
    # noah claims one and sees the complaint beside the decision and its statement.
    sign_in(driver, appeals, "noah")
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-user]")))
    # Complaints filed by the other tests are due earlier: each claim leases the next one.
    for _ in range(len(appeals.cases)):
        driver.get(appeals.base_url + "/console/appeals")
        driver.find_element(By.ID, "claim-next-appeal").click()
        wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-original-decision]")))
        if driver.current_url.endswith(appeal["id"]):
            break
    assert driver.current_url.endswith("/console/appeals/" + appeal["id"])
    explanation = driver.find_element(By.CSS_SELECTOR, "[data-appeal-explanation]")
    assert explanation.text == XSS and explanation.find_elements(By.CSS_SELECTOR, "script, img") == []
    assert "Content removed" in driver.find_element(By.CSS_SELECTOR, "[data-original-decision]").text
    assert "DECISION_VISIBILITY_CONTENT_REMOVED" in driver.find_element(By.CSS_SELECTOR, "[data-statement]").text
    assert len(driver.find_elements(By.CSS_SELECTOR, "[data-report]")) == 1
    assert axe_violations(driver) == []
    screenshot(driver, "console-appeal-review")
    # A reversal without the text for the appellant is refused, with the field named.
    driver.find_element(By.ID, "outcome-reversed").click()
    driver.find_element(By.ID, "decide-appeal").click()
    refused = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-refused]"))).text
    assert "textForAppellant" in refused
    driver.find_element(By.ID, "outcome-reversed").click()
    driver.find_element(By.ID, "textForAppellant").send_keys("On review, the comment quotes a song. It is visible again.")
    driver.find_element(By.ID, "internalNote").send_keys("REVIEW-ONLY-NOTE")
    driver.find_element(By.ID, "decide-appeal").click()
    assert wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-outcome]"))).text == "reversed"
    # The platform reads the decision in force without the restriction, and is told.
    status, shown = api(appeals, "GET", f"/v1/moderation/cases/{case_id}", key=appeals.tokens["mia"])
    assert shown["decisionInForce"]["decision"]["restrictions"] == [] and shown["decisionInForce"]["replacesDecisionId"] == decision_id
    assert WebDriverWait(None, 20, poll_frequency=0.1).until(
        lambda _: any(h.get("Relais-Event-Type") == "appeal.decided" and json.loads(b)["appealId"] == appeal["id"]
                      for h, b in appeals.receiver.received()))
    decided = [json.loads(b) for h, b in appeals.receiver.received() if h.get("Relais-Event-Type") == "appeal.decided"]
    assert decided[-1]["outcome"] == "reversed" and decided[-1]["decisionInForce"]["restrictions"] == []
    assert all("REVIEW-ONLY-NOTE" not in b.decode() for _, b in appeals.receiver.received())
