"""The person who reported, end to end in a real browser against a real `relais serve`: the
receipt's sealed link opens their status page (received, in review, decided and how,
contested, answered), with help first, the way into the appeal page and their evidence pack;
the pack's printable page prints to PDF and the signed file verifies offline with
`relais evidence verify`, and fails when a byte changes. Expired, altered and foreign tokens
open nothing. 320 px, keyboard only, axe clean."""

import base64
import json
import subprocess
import urllib.error
import urllib.parse
import urllib.request

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.print_page_options import PrintOptions
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from browser_support import OPEN_HOURS, ROOT, api, axe_violations, cli, publish_screenshot, screenshot
from relais_testing import RelaisServer, relais_binary

XSS = "<script>alert(1)</script><img src=x onerror=alert(2)>"
# A year and two days after OPEN_HOURS: every link handed out then has expired.
AFTER_A_YEAR = "2027-12-02T15:00:00+01:00"




def raw(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def file_report(server, subject, reporter, text, details, country="FR", locale="fr-FR"):
    report = {
        "surface": "web", "category": "harassment", "goodFaith": True, "details": details,
        "reporter": {"id": reporter, "country": country, "locale": locale, "ageBracket": "13-17", "isTarget": True},
        "subject": {"kind": "comment", "id": subject, "authorId": "author-" + subject, "text": text, "language": "fr"},
    }
    status, receipt = api(server, "POST", "/v1/reports", report)
    assert status == 201, receipt
    assert receipt["statusPage"]["path"].startswith("/embed/status?token=")
    return receipt


DECISION = {
    "restrictions": ["content_removed"], "ground": "incompatible", "termsClause": "Community Guidelines 3.2",
    "explanation": "Insults.", "facts": "A comment insulting the person it answers.", "automatedDetection": False,
    "automatedDecision": "not_automated", "territorialScope": ["FR"], "noteForReporter": "Nous avons retiré le commentaire. " + XSS,
}


@pytest.fixture(scope="module")
def relais():
    server = RelaisServer(relais_binary(), extra_args=["--test-clock", OPEN_HOURS], env={"RELAIS_ALLOW_TEST_CLOCK": "1"})
    server.tokens = {name: json.loads(cli(server, "users", "create", name, "--tenant", "demo", "--role", "moderator", "--json"))["token"]
                     for name in ("mia", "noah")}
    yield server
    server.stop()


def no_horizontal_scroll(driver):
    return driver.execute_script("return document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def steps(driver):
    return [(li.get_attribute("data-step"), li.get_attribute("aria-current") == "step") for li in driver.find_elements(By.CSS_SELECTOR, "[data-step]")]


def phone(browser):
    driver = browser(language="fr-FR", phone=True)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 320, "height": 800, "deviceScaleFactor": 1, "mobile": True})
    return driver


def tab_to(driver, selector, limit=40):
    target = driver.find_element(By.CSS_SELECTOR, selector)
    for _ in range(limit):
        if driver.switch_to.active_element == target:
            return target
        ActionChains(driver).send_keys(Keys.TAB).perform()
    raise AssertionError(f"{selector} is not reachable by Tab")


def test_each_state_from_received_to_answered_complaint(relais, browser):
    receipt = file_report(relais, "c-states", "reporter-states", "tu es nul", "Il me harcèle depuis une semaine.")
    link = relais.base_url + receipt["statusPage"]["path"]
    driver = phone(browser)
    # Received: help first, then the steps; nothing decided, nothing to contest.
    driver.get(link)
    assert driver.find_element(By.TAG_NAME, "h1").text == "Où en est mon signalement"
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
    sections = [s.get_attribute("data-help-now") is not None for s in driver.find_elements(By.CSS_SELECTOR, "main section")]
    assert sections[0], "get help now comes first"
    assert driver.find_element(By.CSS_SELECTOR, "[data-help-now] .call-button").get_attribute("href") == "tel:3018"
    assert steps(driver) == [("done", False), ("waiting", True)]
    assert driver.find_elements(By.CSS_SELECTOR, "[data-decision], [data-appeal-link]") == []
    assert driver.find_element(By.CSS_SELECTOR, "[data-reference]").text == receipt["id"]
    assert no_horizontal_scroll(driver), "the status page scrolls sideways at 320 px"
    assert axe_violations(driver) == []
    screenshot(driver, "status-received-fr-320px")
    # In review: a moderator holds the case.
    status, claimed = api(relais, "POST", "/v1/moderation/next", {}, key=relais.tokens["mia"])
    assert status == 200 and claimed["id"] == receipt["caseId"]
    driver.get(link)
    assert steps(driver) == [("done", False), ("review", True)]
    # Decided: what was done and the note for reporters, as text; the way to contest.
    status, decided = api(relais, "POST", f"/v1/moderation/cases/{receipt['caseId']}/decisions", DECISION, key=relais.tokens["mia"])
    assert status == 201, decided
    driver.get(link)
    assert steps(driver) == [("done", False), ("decided", False)]
    assert [li.text for li in driver.find_elements(By.CSS_SELECTOR, "[data-restrictions] li")] == ["retirer le contenu"]
    assert driver.find_element(By.CSS_SELECTOR, "[data-reason]").text == DECISION["noteForReporter"]
    assert driver.find_elements(By.CSS_SELECTOR, "main script, main img") == []
    assert no_horizontal_scroll(driver) and axe_violations(driver) == []
    screenshot(driver, "status-decided-fr-320px")
    # Keyboard only: Tab to "contest", Enter, into the existing appeal page, and file it.
    tab_to(driver, "[data-appeal-link]")
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    assert WebDriverWait(driver, 15).until(EC.presence_of_element_located((By.TAG_NAME, "h1"))).text == "Contester une décision"
    assert "Vous avez signalé un contenu" in driver.find_element(By.TAG_NAME, "main").text
    tab_to(driver, "#explanation")
    ActionChains(driver).send_keys("Il faut aussi suspendre le compte.").perform()
    ActionChains(driver).send_keys(Keys.TAB).perform()
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    reference = WebDriverWait(driver, 15).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-appeal-reference]"))).text
    status, appeal = api(relais, "GET", f"/v1/appeals/{reference}")
    assert status == 200 and appeal["party"] == "reporter" and appeal["appellantId"] == "reporter-states"
    # Contested: the complaint is the current step, and there is nothing more to contest.
    driver.get(link)
    assert steps(driver) == [("done", False), ("decided", False), ("appealed", True)]
    assert driver.find_elements(By.CSS_SELECTOR, "[data-appeal-link]") == []
    # Answered: another moderator upholds it.
    status, claimed = api(relais, "POST", "/v1/moderation/appeals/next", {}, key=relais.tokens["noah"])
    assert status == 200, claimed
    status, answered = api(relais, "POST", f"/v1/moderation/appeals/{reference}/decision",
                           {"outcome": "upheld", "textForAppellant": "La décision est maintenue."}, key=relais.tokens["noah"])
    assert status in (200, 201), answered
    driver.get(link)
    assert steps(driver) == [("done", False), ("decided", False), ("appealed", False), ("appeal-decided", False)]
    assert driver.find_element(By.CSS_SELECTOR, "[data-appeal-outcome]").text == "La décision est maintenue."
    assert no_horizontal_scroll(driver) and axe_violations(driver) == []
    # English, by the switch, keeps the link: the same report, in the same state.
    driver.find_element(By.CSS_SELECTOR, '[data-lang-switch] a[hreflang="en"]').click()
    assert WebDriverWait(driver, 15).until(EC.presence_of_element_located((By.TAG_NAME, "h1"))).text == "Where my report stands"
    assert steps(driver) == [("done", False), ("decided", False), ("appealed", False), ("appeal-decided", False)]
    assert driver.find_element(By.CSS_SELECTOR, "[data-appeal-outcome]").text == "The decision stands."
    assert axe_violations(driver) == []


def test_works_without_javascript(relais):
    receipt = file_report(relais, "c-nojs", "reporter-nojs", "nul", "encore")
    status, body = raw(relais.base_url + receipt["statusPage"]["path"] + "&lang=en")
    html = body.decode()
    assert status == 200 and "<h1" in html and "Where my report stands" in html and 'data-step="waiting"' in html
    assert 'href="/embed/evidence?' in html
    # The day in the reader's language and conventions (the test clock: 30 November 2026).
    for language, received in (("de", "Angekommen am 30. November 2026"), ("es", "Recibida el 30 de noviembre de 2026"),
                               ("fr", "Reçu le 30 novembre 2026")):
        status, body = raw(relais.base_url + receipt["statusPage"]["path"] + "&lang=" + language)
        assert status == 200 and received in body.decode(), language


def test_forged_altered_and_expired_tokens_open_nothing(relais, browser):
    receipt = file_report(relais, "c-tokens", "reporter-tokens", "nul", "encore")
    token = urllib.parse.parse_qs(urllib.parse.urlparse(receipt["statusPage"]["path"]).query)["token"][0]
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    # Random bytes of a sealed token's length open nothing either.
    foreign = base64.urlsafe_b64encode(b"\x00" * 60).decode().rstrip("=")
    for bad in (tampered, foreign, "not-a-token", ""):
        for page in ("/embed/status?token=", "/embed/evidence?format=json&token="):
            status, body = raw(relais.base_url + page + urllib.parse.quote(bad))
            assert status == 404, (page, bad)
            assert b"reporter-tokens" not in body
    driver = browser(language="fr-FR")
    driver.get(relais.base_url + "/embed/status?token=" + tampered)
    assert driver.find_element(By.TAG_NAME, "h1").text == "Ce lien ne fonctionne plus"
    assert axe_violations(driver) == []
    # The same database a year and two days later: the link has expired.
    later = RelaisServer(relais_binary(), database=relais.database, extra_args=["--test-clock", AFTER_A_YEAR], env={"RELAIS_ALLOW_TEST_CLOCK": "1"})
    try:
        status, _ = raw(later.base_url + receipt["statusPage"]["path"])
        assert status == 404
        status, _ = raw(later.base_url + receipt["statusPage"]["evidencePath"] + "&format=json")
        assert status == 404
    finally:
        later.stop()
    # Still valid on the first one.
    assert raw(relais.base_url + receipt["statusPage"]["path"])[0] == 200


def test_the_evidence_pack_prints_verifies_and_holds_only_its_reporter(relais, browser, tmp_path):
    mine = file_report(relais, "c-pack", "reporter-one", "Personne ne t’aime. " + XSS, "Ça dure depuis la rentrée.")
    other = file_report(relais, "c-pack", "reporter-two", "OTHER-SNAPSHOT", "OTHER-WORDS")
    assert mine["caseId"] == other["caseId"]
    status, claimed = api(relais, "POST", "/v1/moderation/next", {}, key=relais.tokens["noah"])
    assert status == 200 and claimed["id"] == mine["caseId"]
    status, _ = api(relais, "POST", f"/v1/moderation/cases/{mine['caseId']}/decisions", DECISION, key=relais.tokens["noah"])
    assert status == 201
    # The printable page: the facts, the snapshot as text, how to use it, axe clean, a PDF.
    driver = browser(language="fr-FR", width=900, height=1200)
    driver.get(relais.base_url + mine["statusPage"]["evidencePath"])
    assert driver.find_element(By.TAG_NAME, "h1").text == "Dossier de preuve d’un signalement"
    assert driver.find_element(By.CSS_SELECTOR, "[data-content-text]").text == "Personne ne t’aime. " + XSS
    assert driver.find_elements(By.CSS_SELECTOR, "main script, main img") == []
    assert driver.find_element(By.CSS_SELECTOR, "[data-report-id]").text == mine["id"]
    assert "qui a écrit le contenu" in driver.find_element(By.CSS_SELECTOR, "[data-does-not-prove]").text
    assert any("3018" in li.text for li in driver.find_elements(By.CSS_SELECTOR, "[data-france]"))
    page_text = driver.find_element(By.TAG_NAME, "main").text
    assert "OTHER-WORDS" not in page_text and "OTHER-SNAPSHOT" not in page_text and "reporter-two" not in page_text
    assert axe_violations(driver) == []
    options = PrintOptions()
    options.page_width, options.page_height = 21.0, 29.7
    pdf = base64.b64decode(driver.print_page(options))
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 1 and b"/FontFile" in pdf, "a PDF with real text (embedded fonts)"
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    (ROOT / "test-artifacts" / "evidence-pack.pdf").write_bytes(pdf)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(900, min(height + 140, 4000))
    assert driver.find_element(By.CSS_SELECTOR, ".sheet-header").is_displayed() is False, "the print view drops the sheet's header"
    publish_screenshot(screenshot(driver, "evidence-pack-print"))
    # The signed file, through the link and through the API: it verifies with the published key.
    status, published = raw(relais.base_url + "/.well-known/relais-evidence-key")
    key = json.loads(published)["publicKey"]
    status, by_link = raw(relais.base_url + mine["statusPage"]["evidencePath"] + "&format=json")
    assert status == 200
    request = urllib.request.Request(relais.base_url + f"/v1/reports/{mine['id']}/evidence", headers={"Authorization": f"Bearer {relais.key}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        by_api = response.read()
        assert "attachment" in response.headers["Content-Disposition"]
    for name, body in (("link", by_link), ("api", by_api)):
        pack = json.loads(body)
        assert pack["document"]["report"]["id"] == mine["id"] and pack["signature"]["publicKey"] == key
        assert pack["document"]["content"]["text"] == "Personne ne t’aime. " + XSS
        assert b"OTHER" not in body and b"reporter-two" not in body and b"reporter-one" not in body and b'"noah"' not in body
        path = tmp_path / f"pack-{name}.json"
        path.write_bytes(body)
        result = subprocess.run([str(relais_binary()), "evidence", "verify", str(path), "--key", key], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stdout.startswith("VALID") and "What it does not prove" in result.stdout and "Who wrote the content" in result.stdout
    # One changed byte (the author id), and another key: refused.
    changed = tmp_path / "changed.json"
    changed.write_bytes(by_api.replace(b"author-c-pack", b"author-c-paCk"))
    result = subprocess.run([str(relais_binary()), "evidence", "verify", str(changed)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and result.stdout.startswith("NOT VALID")
    result = subprocess.run([str(relais_binary()), "evidence", "verify", str(tmp_path / "pack-api.json"), "--key", base64.b64encode(b"\x01" * 32).decode()],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "another key" in result.stdout
    # The other reporter's pack is theirs, about the same decision.
    status, theirs = raw(relais.base_url + other["statusPage"]["evidencePath"] + "&format=json")
    assert status == 200 and b"OTHER-WORDS" in theirs and "la rentrée".encode() not in theirs
    assert json.loads(theirs)["document"]["case"]["decisions"][0]["id"] == json.loads(by_api)["document"]["case"]["decisions"][0]["id"]
    # Another tenant's key does not read it.
    other_key = json.loads(cli(relais, "tenants", "create", "othertenant", "--json"))["apiKey"]
    status, _ = api(relais, "GET", f"/v1/reports/{mine['id']}/evidence", key=other_key)
    assert status == 404
