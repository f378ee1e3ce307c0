"""The moderator console in French, in a real browser: a French Chrome gets the French console
from the sign-in page on, the header's switch changes the language and stays on the same page,
the choice outlives the browser's language, and every French page is clean for axe."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from browser_support import OPEN_HOURS, axe_violations, screenshot
from relais_testing import RelaisServer, relais_binary
from test_console import PASSWORD, file_report, make_user

# English texts of the pages below: none may be left on the French pages.
ENGLISH = ["Open cases", "Claim next", "Sign out", "Greyscale", "Keyboard shortcuts", "Audit log", "Statements of reasons",
           "Record the decision", "Release", "Pile-ons", "Appeals", "Dead letters", "New user", "Replay", "Notices received",
           "Median hours", "Help cards shown", "Week starting"]


@pytest.fixture(scope="module")
def console():
    server = RelaisServer(relais_binary(), extra_args=["--test-clock", OPEN_HOURS], env={"RELAIS_ALLOW_TEST_CLOCK": "1"})
    make_user(server, "nora", "moderator")
    make_user(server, "ines", "admin")
    server.cases = [file_report(server, f"post-fr-{n}", "harassment", "tu es nul, personne ne t'aime", author=f"author-fr-{n}") for n in range(2)]
    yield server
    server.stop()


def wait(driver, seconds=15):
    return WebDriverWait(driver, seconds)


def html_lang(driver):
    # Read in one script call: an element found first may belong to a page being replaced (stale).
    return driver.execute_script("return document.documentElement.lang")


def assert_french_and_clean(driver, name):
    assert html_lang(driver) == "fr", name
    text = driver.find_element(By.TAG_NAME, "body").text
    left = [phrase for phrase in ENGLISH if phrase in text]
    assert left == [], f"{name}: English left on the French page: {left}"
    violations = axe_violations(driver)
    assert violations == [], f"{name}: " + "; ".join(f"{v['id']}: {v['help']}" for v in violations)


def test_a_french_browser_gets_the_french_console_and_the_switch_changes_it(console, browser):
    driver = browser(language="fr-FR")
    driver.get(console.base_url + "/console/login")
    wait(driver).until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Connexion"))
    assert_french_and_clean(driver, "sign-in page")
    driver.find_element(By.ID, "name").send_keys("nora")
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.ID, "sign-in").click()
    wait(driver).until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Dossiers ouverts"))
    assert "Harcèlement ou intimidation" in driver.find_element(By.CSS_SELECTOR, "[data-queue]").text
    assert_french_and_clean(driver, "queue")
    driver.execute_script("window.scrollTo(0, 0)")
    screenshot(driver, "console-queue-fr")

    # Claim a case: its page, with the decision form, in French.
    driver.find_element(By.ID, "claim-next").click()
    wait(driver).until(EC.presence_of_element_located((By.ID, "decide-title")))
    case_url = driver.current_url
    assert "Contenu retiré" in driver.find_element(By.TAG_NAME, "main").text
    assert_french_and_clean(driver, "case with its decision form")
    for path, name in [("/console/audit", "audit log"), ("/console/pile-ons", "pile-ons"), ("/console/appeals", "appeals")]:
        driver.get(console.base_url + path)
        assert_french_and_clean(driver, name)

    # The switch, by keyboard, from the case page: English, on the same page.
    driver.get(case_url)
    switch = driver.find_element(By.CSS_SELECTOR, "[data-console-language='en']")
    assert switch.text == "English" and switch.get_attribute("lang") == "en"
    switch.send_keys(Keys.ENTER)
    wait(driver).until(lambda d: html_lang(d) == "en")
    assert driver.current_url == case_url
    wait(driver).until(EC.text_to_be_present_in_element((By.TAG_NAME, "main"), "Record the decision"))
    # The choice outlives the browser's language: the queue stays English for this French Chrome.
    driver.get(console.base_url + "/console/queue")
    assert html_lang(driver) == "en" and driver.find_element(By.TAG_NAME, "h1").text == "Open cases"
    # And back to French.
    driver.find_element(By.CSS_SELECTOR, "[data-console-language='fr']").click()
    wait(driver).until(lambda d: html_lang(d) == "fr")
    wait(driver).until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Dossiers ouverts"))


def test_an_admins_pages_are_french_too(console, browser):
    """Users, dead letters and the compliance page (with its charts and tables) for an admin."""
    driver = browser(language="fr-FR")
    driver.get(console.base_url + "/console/login")
    driver.find_element(By.ID, "name").send_keys("ines")
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.ID, "sign-in").click()
    wait(driver).until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Dossiers ouverts"))
    for path, name in [("/console/users", "users"), ("/console/webhooks", "dead letters"), ("/console/compliance", "compliance")]:
        driver.get(console.base_url + path)
        assert_french_and_clean(driver, name)
    assert "Notifications reçues" in driver.find_element(By.TAG_NAME, "main").text
    assert "administrateur" in driver.find_element(By.CSS_SELECTOR, ".who").text
