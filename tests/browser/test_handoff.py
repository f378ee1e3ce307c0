"""The helpline hand-off and report-bombing as people see them, in a real browser against a
real `relais serve`: the help window gives the person a reference they can read aloud and asks,
in plain words, whether the helpline may use it (French and English, axe clean); their answer
is recorded; a trusted flagger's notice citing it joins their case, which the console shows; a
raid of new accounts is flagged on its case page."""

import json
import re
import urllib.parse
import urllib.request

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from browser_support import OPEN_HOURS, api, axe_violations, cli, page_replaced, screenshot
from relais_testing import RelaisServer, relais_binary

PASSWORD = "a long console password"
REFERENCE = re.compile(r"^[A-HJKMNP-Z2-9]{3}-[A-HJKMNP-Z2-9]{3}$")




@pytest.fixture(scope="module")
def relais():
    server = RelaisServer(relais_binary(), extra_args=["--test-clock", OPEN_HOURS], env={"RELAIS_ALLOW_TEST_CLOCK": "1"})
    server.flagger = json.loads(cli(
        server, "flaggers", "create", "e-Enfance", "--designated-by", "Arcom", "--expertise", "harassment,grooming", "--tenant", "demo",
        "--json"))["token"]
    cli(server, "users", "create", "mia", "--tenant", "demo", "--role", "moderator")
    cli(server, "users", "password", "mia", stdin=PASSWORD + "\n")
    yield server
    server.stop()


def wait(driver, seconds=15):
    return WebDriverWait(driver, seconds)


def sheet(server, subject, lang):
    query = {"tenant": "demo", "surface": "web-test", "subjectKind": "comment", "subjectId": subject, "subjectAuthor": "someone",
             "reporter": "reporter-" + subject, "country": "FR", "age": "13-17", "category": "harassment", "lang": lang}
    return server.base_url + "/embed/report?" + urllib.parse.urlencode(query)


def report_and_answer(driver, server, subject, lang, yes):
    driver.get(sheet(server, subject, lang))
    driver.find_element(By.ID, "goodFaith").click()
    driver.find_element(By.CSS_SELECTOR, "[data-submit]").click()
    reference = wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "[data-handoff-reference]"))).text
    assert REFERENCE.match(reference), reference
    return reference


@pytest.mark.parametrize("lang, title, yes, recorded", [
    ("fr", "Votre numéro de signalement", "Oui, elle peut l’utiliser", "C’est noté : la ligne d’aide peut utiliser votre numéro"),
    ("en", "Your report number", "Yes, they may use it", "Noted: the helpline may use your number"),
])
def test_the_help_window_gives_the_reference_and_asks_for_consent(relais, browser, lang, title, yes, recorded):
    driver = browser(language="fr-FR" if lang == "fr" else "en-GB", phone=True)
    subject = f"handoff-{lang}"
    reference = report_and_answer(driver, relais, subject, lang, yes=True)
    section = driver.find_element(By.CSS_SELECTOR, "[data-handoff]")
    assert section.find_element(By.TAG_NAME, "h2").text == title
    assert section.find_element(By.CSS_SELECTOR, "[data-consent-yes]").text == yes
    assert axe_violations(driver) == []
    screenshot(driver, f"handoff-question-{lang}")
    section.find_element(By.CSS_SELECTOR, "[data-consent-yes]").click()
    assert recorded in wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-handoff-recorded]"))).text
    assert driver.find_element(By.CSS_SELECTOR, "[data-handoff-reference]").text == reference
    assert axe_violations(driver) == []
    # The helpline cites the reference as the person read it: the notice joins their case.
    notice = {"tenant": "demo", "category": "harassment", "country": "FR", "goodFaith": True, "reference": reference.lower(),
              "subject": {"kind": "account", "id": f"bully-{lang}"}, "details": "The caller describes daily insults."}
    status, answer = api(relais, "POST", "/v1/flagger/notices", notice, key=relais.flagger)
    assert status == 201 and answer["reference"] == "linked", answer
    # Changing one's mind on the answer page withdraws it: the next notice is not linked.
    # The answer is a new page: wait for this one to go, so the check reads the new answer.
    page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, "[data-consent-no]").click()
    wait(driver).until(page_replaced(page))
    assert recorded not in wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-handoff-recorded]"))).text
    status, answer = api(relais, "POST", "/v1/flagger/notices", dict(notice, subject={"kind": "account", "id": f"other-{lang}"}), key=relais.flagger)
    assert answer["reference"] == "not_linked"


def sign_in(driver, server):
    driver.get(server.base_url + "/console/login")
    driver.find_element(By.ID, "name").send_keys("mia")
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.ID, "sign-in").click()
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-user]")))


def test_the_console_shows_the_link_and_the_coordinated_reporting_signal(relais, browser):
    # A victim consents through the API; the flagger's notice joins the case.
    report = {"surface": "app", "category": "harassment", "goodFaith": True,
              "reporter": {"id": "victim-console", "country": "FR", "locale": "fr-FR", "ageBracket": "13-17", "isTarget": True},
              "subject": {"kind": "comment", "id": "console-linked", "authorId": "bully-7", "text": "tu es nul"}}
    status, receipt = api(relais, "POST", "/v1/reports", report)
    assert status == 201
    api(relais, "POST", f"/v1/reports/{receipt['id']}/handoff-consent", {"consent": True})
    notice = {"tenant": "demo", "category": "harassment", "country": "FR", "goodFaith": True, "reference": receipt["handoff"]["reference"],
              "subject": {"kind": "account", "id": "bully-7"}}
    assert api(relais, "POST", "/v1/flagger/notices", notice, key=relais.flagger)[1]["reference"] == "linked"
    # A raid: 25 accounts never seen before report the same person.
    for index in range(25):
        raid = dict(report, reporter=dict(report["reporter"], id=f"raider-{index}", isTarget=False),
                    subject={"kind": "account", "id": "victim-account"})
        status, raided = api(relais, "POST", "/v1/reports", raid)
        assert status == 201
    driver = browser(language="en-GB")
    sign_in(driver, relais)
    driver.get(relais.base_url + "/console/cases/" + receipt["caseId"])
    assert driver.find_elements(By.CSS_SELECTOR, "[data-linked]"), "the flagger's notice is shown as linked"
    assert not driver.find_elements(By.CSS_SELECTOR, "[data-coordinated]")
    driver.get(relais.base_url + "/console/cases/" + raided["caseId"])
    signal = driver.find_element(By.CSS_SELECTOR, "[data-coordinated]").text
    assert "Possible coordinated reporting: 25 of 25 reporters" in signal and "nothing is done against the reported person" in signal
    assert axe_violations(driver) == []
    screenshot(driver, "console-coordinated-reporting")
