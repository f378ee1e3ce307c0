"""Every page a person sees, in each of the six languages, in a real browser.

One Relais server and one Chrome are shared by the whole module (the language is chosen by
the platform's `lang`, as a platform would pass it), so the 6 x 11 pages cost seconds, not a
browser start each: every page in every language (the reporter's status page and evidence pack too; html lang, hreflang, no text of another
language, nothing wider than 320 px, axe clean), the full report flow with the help window at
phone size in each language, a German reporter in Austria (by Accept-Language, in a browser of
its own), the language switch keeping the step, and the demo feed's own "need help" entry.
"""

import json
import urllib.parse
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from browser_support import OPEN_HOURS, axe_violations, cli, make_driver, screenshot
from relais_testing import RelaisServer, relais_binary
from test_appeals import PASSWORD, decided_report, links
from webhook_testing import Receiver

LANGUAGES = ["en", "fr", "de", "es", "it", "nl"]
CATALOGUES = Path(__file__).resolve().parents[2] / "Sources/RelaisServer/Resources/messages/web"
# The card's title for a harassment report (SupportTexts), per language: the card and the
# page must speak the same one.
CARD_TITLES = {"en": "You’re not alone", "fr": "Vous n’êtes pas seul·e", "de": "Du bist nicht allein",
               "es": "No estás solo, no estás sola", "it": "Non sei solo, non sei sola", "nl": "Je staat er niet alleen voor"}
SUBJECT = {"tenant": "demo", "surface": "web-test", "subjectKind": "comment", "subjectId": "comment-77",
           "subjectAuthor": "someone", "reporter": "reporter-lang", "country": "FR", "age": "13-17"}


def flatten(tree, prefix=""):
    for key, value in tree.items():
        name = prefix + key
        if isinstance(value, dict):
            yield from flatten(value, name + ".")
        else:
            yield name, value


def catalogue(language):
    return dict(flatten(json.loads((CATALOGUES / f"{language}.json").read_text())))


TEXTS = {language: catalogue(language) for language in LANGUAGES}


def foreign_texts(language):
    """Texts of the other languages that this language writes differently: none may show on
    its pages. Short ones ("Spam", "No") are shared by several languages and left out, and so
    are the placeholders' pieces."""
    own = TEXTS[language]
    found = set()
    for other in LANGUAGES:
        if other == language:
            continue
        for key, text in TEXTS[other].items():
            if key.startswith("language.") or key.startswith("demo.post") or key.startswith("demo.comment") or key == "demo.message1":
                continue
            for piece in text.split("{"):
                piece = piece.split("}")[-1].strip(" .:,")
                if len(piece) >= 14 and piece != own.get(key) and piece not in own.get(key, ""):
                    found.add(piece)
    return found


FOREIGN = {language: foreign_texts(language) for language in LANGUAGES}


def wait(driver, seconds=15):
    return WebDriverWait(driver, seconds)


def url(server, path, **query):
    return server.base_url + path + "?" + urllib.parse.urlencode(query)


@pytest.fixture(scope="module")
def relais():
    receiver = Receiver()
    server = RelaisServer(relais_binary(), extra_args=["--test-clock", OPEN_HOURS, "--webhook-poll-interval", "0.1"],
                          env={"RELAIS_ALLOW_TEST_CLOCK": "1"})
    cli(server, "webhooks", "set", "demo", receiver.url)
    token = json.loads(cli(server, "users", "create", "lea", "--tenant", "demo", "--role", "moderator", "--json"))["token"]
    cli(server, "users", "password", "lea", stdin=PASSWORD + "\n")
    server.receiver = receiver
    receipt, decision_id = decided_report(server, token, "lang", "Insults.")
    server.appeal_link = links(server, decision_id)["reporter"]
    # The reporter's own pages: a decided report, so they show the decision and, from France, how to use the pack.
    server.status_link = server.base_url + receipt["statusPage"]["path"]
    server.evidence_link = server.base_url + receipt["statusPage"]["evidencePath"]
    yield server
    server.stop()
    receiver.close()


@pytest.fixture(scope="module")
def phone():
    """One phone-sized Chrome for the module; each test sets the width it needs."""
    driver = make_driver(language="en-GB", phone=True, width=390, height=844)
    yield driver
    driver.quit()


def check_page(driver, language, name, switch=True):
    """What every page must be: in its language throughout, with the switch to the others
    (named in their own languages, hreflang right), axe clean, and no wider than 320 px."""
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == language, name
    text = driver.find_element(By.TAG_NAME, "body").text
    leaked = sorted(piece for piece in FOREIGN[language] if piece in text)
    assert leaked == [], f"{name} in {language} shows another language's text: {leaked}"
    if switch:
        links = driver.find_elements(By.CSS_SELECTOR, "[data-lang-switch] a")
        assert sorted(link.get_attribute("hreflang") for link in links) == sorted(set(LANGUAGES) - {language}), name
        for link in links:
            code = link.get_attribute("hreflang")
            assert link.get_attribute("lang") == code and link.text == TEXTS[code]["language.name"], name
        alternates = driver.find_elements(By.CSS_SELECTOR, 'link[rel="alternate"][hreflang]')
        assert len(alternates) == len(LANGUAGES) - 1, name
    violations = axe_violations(driver)
    assert violations == [], f"{name} in {language}: {[v['id'] for v in violations]}"
    width = driver.get_window_size()["width"]
    driver.set_window_size(320, 700)
    fits = driver.execute_script("return document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    driver.set_window_size(width, 844)
    assert fits, f"{name} in {language} scrolls sideways at 320 px"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_in_every_language(relais, phone, language):
    pages = [
        ("demo", relais.base_url + "/?lang=" + language),
        ("step 1", url(relais, "/embed/report", lang=language, **SUBJECT)),
        ("step 2", url(relais, "/embed/report", lang=language, category="harassment", **SUBJECT)),
        ("help", url(relais, "/embed/help", lang=language, **SUBJECT)),
        ("appeal", relais.appeal_link + "&lang=" + language),
        ("unknown platform", url(relais, "/embed/report", lang=language, **dict(SUBJECT, tenant="nobody"))),
        ("expired appeal link", url(relais, "/embed/appeal", lang=language, token="forged")),
        ("status", relais.status_link + "&lang=" + language),
        ("evidence pack", relais.evidence_link + "&lang=" + language),
        ("expired status link", url(relais, "/embed/status", lang=language, token="forged")),
    ]
    for name, address in pages:
        phone.get(address)
        check_page(phone, language, name)
    # The status page follows the report in the language: its steps, its restriction; the
    # pack names the category and, for a reporter in France, how to use it there.
    texts = TEXTS[language]
    phone.get(relais.status_link + "&lang=" + language)
    assert phone.find_element(By.TAG_NAME, "h1").text == texts["status.title"]
    assert [li.text for li in phone.find_elements(By.CSS_SELECTOR, "[data-restrictions] li")] == [texts["restriction.content_removed"]]
    phone.get(relais.evidence_link + "&lang=" + language)
    main = phone.find_element(By.TAG_NAME, "main").text
    assert texts["category.harassment.label"] in main
    assert [li.text for li in phone.find_elements(By.CSS_SELECTOR, "[data-france]")] == [
        texts["evidence.franceComplaint"], texts["evidence.france3018"], texts["evidence.franceDanger"]]
    # The categories in plain words with their examples, in the language.
    phone.get(url(relais, "/embed/report", lang=language, **SUBJECT))
    labels = [e.text for e in phone.find_elements(By.CSS_SELECTOR, ".category-label")]
    assert TEXTS[language]["category.harassment.label"] in labels and len(labels) == 12
    # The demo counts its comments in the language's plural rule: never "1 comments".
    phone.get(relais.base_url + "/?lang=" + language)
    counts = [e.text for e in phone.find_elements(By.CSS_SELECTOR, ".comment-count")]
    assert counts == [TEXTS[language]["demo.comments.other"].replace("{count}", "2"),
                      TEXTS[language]["demo.comments.one"].replace("{count}", "1")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_report_flow_with_the_help_window_at_phone_size(relais, phone, language):
    texts = TEXTS[language]
    phone.get(relais.base_url + "/?lang=" + language)
    menu = phone.find_element(By.CSS_SELECTOR, '[data-subject-report="comment-2001"]').find_element(By.XPATH, "ancestor::details")
    menu.find_element(By.TAG_NAME, "summary").click()
    phone.find_element(By.CSS_SELECTOR, '[data-subject-report="comment-2001"]').click()
    frame = wait(phone).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "dialog.relais-dialog iframe")))
    assert phone.find_element(By.CSS_SELECTOR, "dialog.relais-dialog").get_attribute("aria-label") == texts["demo.report"]
    phone.switch_to.frame(frame)
    try:
        wait(phone).until(EC.presence_of_element_located((By.CSS_SELECTOR, 'button.category[value="harassment"]'))).click()
        wait(phone).until(EC.presence_of_element_located((By.ID, "goodFaith"))).click()
        assert texts["sheet.goodFaithLabel"] in phone.find_element(By.TAG_NAME, "main").text
        phone.find_element(By.CSS_SELECTOR, "[data-submit]").click()
        title = wait(phone).until(EC.visibility_of_element_located((By.ID, "help-title")))
        # The help window opened by itself, in the page's language, the card too.
        assert title.get_attribute("data-card-locale") == language and title.text == CARD_TITLES[language]
        window = phone.find_element(By.ID, "help-window")
        assert phone.execute_script("return arguments[0].matches(':modal')", window)
        lead = window.find_element(By.CSS_SELECTOR, ".line.lead")
        assert lead.get_attribute("data-helpline") == "fr-3018"
        assert texts["help.openNow"] in lead.text
        assert lead.find_element(By.CSS_SELECTOR, "a.call-button").get_attribute("href") == "tel:3018"
        # One dialog, one close button: the sheet's header is not shown behind the window.
        assert not phone.find_element(By.CSS_SELECTOR, ".sheet-header").is_displayed()
        closes = [b for b in phone.find_elements(By.TAG_NAME, "button") if b.is_displayed() and b.text == texts["page.close"]]
        assert len(closes) == 1
        check_page(phone, language, "receipt with the help window", switch=False)
        screenshot(phone, f"help-window-{language}-phone")
        # The hand-off question in the language; its answer page too.
        phone.find_element(By.CSS_SELECTOR, "[data-consent-yes]").click()
        recorded = wait(phone).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-handoff-recorded]")))
        assert recorded.text == texts["handoff.recordedYes"]
        check_page(phone, language, "hand-off answer", switch=False)
    finally:
        phone.switch_to.default_content()


def test_a_german_reporter_in_austria_sees_german_around_an_austrian_card(relais):
    driver = make_driver(language="de-AT", phone=True, width=390, height=844)
    try:
        # No `lang`: the browser's Accept-Language (de-AT) chooses.
        driver.get(url(relais, "/embed/report", category="harassment", **dict(SUBJECT, country="AT", subjectId="comment-at")))
        assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "de"
        driver.find_element(By.ID, "goodFaith").click()
        driver.find_element(By.CSS_SELECTOR, "[data-submit]").click()
        title = wait(driver).until(EC.visibility_of_element_located((By.ID, "help-title")))
        assert title.text == "Du bist nicht allein" and title.get_attribute("data-card-locale") == "de"
        lines = [e.get_attribute("data-helpline") for e in driver.find_elements(By.CSS_SELECTOR, "#help-window [data-helpline]")]
        assert lines[0] == "at-147" and all(line.startswith("at-") for line in lines)
        assert "147 Rat auf Draht" in driver.find_element(By.ID, "help-window").text
        check_page(driver, "de", "Austrian receipt", switch=False)
        body = driver.find_element(By.TAG_NAME, "body").text
        assert TEXTS["de"]["receipt.title"] in body and TEXTS["de"]["help.openNow"] in body
    finally:
        driver.quit()


def test_the_language_switch_keeps_the_step(relais, phone):
    phone.get(url(relais, "/embed/report", lang="fr", **dict(SUBJECT, subjectId="comment-switch")))
    phone.find_element(By.CSS_SELECTOR, 'button.category[value="threat"]').click()
    wait(phone).until(EC.presence_of_element_located((By.ID, "isTarget"))).click()
    phone.find_element(By.CSS_SELECTOR, '[data-lang-switch] a[hreflang="de"]').click()
    wait(phone).until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "de")
    # The same step, the same choice, the box as it was ticked, the same subject.
    assert phone.find_element(By.CSS_SELECTOR, ".chosen strong").text == TEXTS["de"]["category.threat.label"]
    assert phone.find_element(By.ID, "isTarget").is_selected()
    assert phone.find_element(By.CSS_SELECTOR, "[data-subject-summary]").text == "Du meldest einen Kommentar von someone."
    assert phone.find_element(By.CSS_SELECTOR, 'input[name="subjectId"]').get_attribute("value") == "comment-switch"
    # And back at step 1, a switch stays at step 1.
    phone.get(url(relais, "/embed/report", lang="es", **SUBJECT))
    phone.find_element(By.CSS_SELECTOR, '[data-lang-switch] a[hreflang="it"]').click()
    wait(phone).until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "it")
    assert phone.find_element(By.TAG_NAME, "h1").text == TEXTS["it"]["sheet.whatIsWrong"]
    # The sent threat report's card follows the new language: the emergency first, in German.
    phone.get(url(relais, "/embed/report", lang="de", category="threat", **dict(SUBJECT, subjectId="comment-switch")))
    phone.find_element(By.ID, "goodFaith").click()
    phone.find_element(By.CSS_SELECTOR, "[data-submit]").click()
    title = wait(phone).until(EC.visibility_of_element_located((By.ID, "help-title")))
    assert title.text == "Wenn du in Gefahr bist" and title.get_attribute("data-card-locale") == "de"


def test_the_demo_feed_has_a_need_help_entry_of_its_own(relais, phone):
    phone.get(relais.base_url + "/?lang=fr")
    entry = phone.find_element(By.CSS_SELECTOR, "[data-need-help]")
    assert entry.is_displayed() and "Besoin d’aide ?" in entry.text
    # Above the feed, in the first screen: never buried behind a menu.
    assert phone.execute_script("return arguments[0].getBoundingClientRect().bottom <= window.innerHeight", entry)
    entry.click()
    dialog = wait(phone).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "dialog.relais-dialog")))
    assert dialog.get_attribute("aria-label") == "Besoin d’aide ?"
    phone.switch_to.frame(dialog.find_element(By.TAG_NAME, "iframe"))
    try:
        lead = wait(phone).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-help-page] .line.lead")))
        assert lead.get_attribute("data-helpline") == "fr-3018"
        closes = [b for b in phone.find_elements(By.TAG_NAME, "button") if b.is_displayed()]
        assert [b.text for b in closes] == ["Fermer"]
        closes[0].click()
    finally:
        phone.switch_to.default_content()
    wait(phone).until(lambda d: not d.find_element(By.CSS_SELECTOR, "dialog.relais-dialog").get_attribute("open"))
