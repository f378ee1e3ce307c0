"""The report-to-help flow as a person sees it, in a real browser."""

import html
import re
import time
import subprocess
import urllib.error
import urllib.parse
import urllib.request

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from browser_support import CLOSED_HOURS, axe_violations, screenshot
from relais_testing import relais_binary

SHEET_QUERY = {
    "tenant": "demo", "surface": "web-test", "subjectKind": "comment", "subjectId": "comment-42",
    "subjectAuthor": "someone", "reporter": "reporter-1", "country": "FR", "age": "13-17",
}


def sheet_url(server, path="/embed/report", **overrides):
    query = dict(SHEET_QUERY, **overrides)
    return server.base_url + path + "?" + urllib.parse.urlencode(query)


def wait(driver, seconds=10):
    return WebDriverWait(driver, seconds)


def open_report_from_demo(driver, server, subject_id):
    """Opens the demo feed, then the '…' menu of an item and its Report link; returns the link."""
    driver.get(server.base_url + "/")
    item_menu = driver.find_element(By.CSS_SELECTOR, f'[data-subject-report="{subject_id}"]').find_element(
        By.XPATH, "ancestor::details")
    item_menu.find_element(By.TAG_NAME, "summary").click()
    link = driver.find_element(By.CSS_SELECTOR, f'[data-subject-report="{subject_id}"]')
    link.click()
    frame = wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "dialog.relais-dialog iframe")))
    driver.switch_to.frame(frame)
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "button.category")))
    return link


def report(driver, category, details=None):
    """Steps 1 to 3 inside the sheet: category, details, good-faith confirmation, send."""
    driver.find_element(By.CSS_SELECTOR, f'button.category[value="{category}"]').click()
    wait(driver).until(EC.presence_of_element_located((By.ID, "goodFaith")))
    if details:
        driver.find_element(By.ID, "details").send_keys(details)
    driver.find_element(By.ID, "goodFaith").click()
    driver.find_element(By.CSS_SELECTOR, "[data-submit]").click()
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-reference]")))


def help_window_is_modal(driver):
    return driver.execute_script(
        "var d = document.getElementById('help-window'); return !!d && d.open && d.matches(':modal');")


def test_harassment_report_in_french_opens_the_help_window_with_a_call_button(browser, server):
    driver = browser(language="fr-FR", phone=True, width=412, height=915)
    open_report_from_demo(driver, server, "comment-2001")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
    screenshot(driver, "sheet-step1-fr-phone")
    report(driver, "harassment", details="Il se moque de moi tous les jours.")

    wait(driver).until(lambda d: help_window_is_modal(d))
    window = driver.find_element(By.ID, "help-window")
    call = window.find_element(By.CSS_SELECTOR, "a.call-button")
    assert call.get_attribute("href") == "tel:3018"
    assert call.text == "Appeler le 3018"
    assert call.is_displayed()
    text = window.text
    for flag in ("Gratuit", "Anonyme", "Confidentiel"):
        assert flag in text
    assert "Ouvert maintenant" in text and "09:00–23:00" in text
    screenshot(driver, "help-window-fr-phone")

    # The help card stored with the report is the one shown.
    reference = driver.find_element(By.CSS_SELECTOR, "[data-reference]").get_attribute("textContent")
    stored = server.api_get(f"/v1/reports/{reference}")
    assert stored["category"] == "harassment"
    assert stored["support"]["helplines"][0]["id"] == "fr-3018"

    # A clear way to close it; the receipt stays.
    window.find_element(By.CSS_SELECTOR, "[data-close-help]").click()
    assert not help_window_is_modal(driver)
    assert "Signalement envoyé" in driver.find_element(By.TAG_NAME, "h1").text


def test_desktop_help_window_shows_the_number_large_with_website_and_chat(browser, server):
    driver = browser(language="fr-FR")
    open_report_from_demo(driver, server, "message-3001")
    report(driver, "doxxing")
    wait(driver).until(lambda d: help_window_is_modal(d))
    lead = driver.find_element(By.CSS_SELECTOR, "#help-window .line.lead")
    assert lead.find_element(By.CSS_SELECTOR, ".big-number").text.endswith("3018")
    links = lead.find_elements(By.CSS_SELECTOR, ".actions a")
    kinds = [a.get_attribute("data-action") for a in links]
    # The 3018's chat and website are one page: one button (issue 11), beside the call.
    assert "chat" in kinds and "call" in kinds
    hrefs = [a.get_attribute("href") for a in links]
    assert len(set(hrefs)) == len(hrefs), hrefs
    assert lead.find_element(By.CSS_SELECTOR, 'a[href="tel:3018"]')
    assert not lead.find_elements(By.CSS_SELECTOR, "a.call-button")
    driver.switch_to.default_content()
    screenshot(driver, "help-window")


def test_spam_report_shows_a_receipt_and_no_help_window(browser, server):
    driver = browser(language="fr-FR")
    open_report_from_demo(driver, server, "comment-2002")
    report(driver, "spam")
    assert driver.find_elements(By.ID, "help-window") == []
    assert "Signalement envoyé" in driver.find_element(By.TAG_NAME, "h1").text
    screenshot(driver, "receipt-spam")
    # The receipt's own link follows the report: a tab of its own (the sheet is a frame of the
    # platform's page), the same report, in the reader's language.
    reference = driver.find_element(By.CSS_SELECTOR, "[data-reference]").get_attribute("textContent")
    follow = driver.find_element(By.CSS_SELECTOR, "[data-status-link]")
    assert follow.text == "Suivre votre signalement" and "lang=fr" in follow.get_attribute("href")
    sheet_tab = driver.current_window_handle
    follow.click()
    wait(driver).until(lambda d: len(d.window_handles) == 2)
    driver.switch_to.window([handle for handle in driver.window_handles if handle != sheet_tab][0])
    assert wait(driver).until(EC.presence_of_element_located((By.TAG_NAME, "h1"))).text == "Où en est mon signalement"
    assert driver.find_element(By.CSS_SELECTOR, "[data-reference]").text == reference
    driver.close()
    driver.switch_to.window(sheet_tab)


def test_closed_hours_show_the_open_fallback_first_and_the_3018_closed_with_its_next_opening(browser, closed_server):
    assert CLOSED_HOURS.startswith("2026-11-29T23:30")
    driver = browser(language="fr-FR")
    driver.get(sheet_url(closed_server, category="harassment", lang="fr"))
    driver.find_element(By.ID, "goodFaith").click()
    driver.find_element(By.CSS_SELECTOR, "[data-submit]").click()
    wait(driver).until(lambda d: help_window_is_modal(d))
    lines = driver.find_elements(By.CSS_SELECTOR, "#help-window [data-helpline]")
    ids = [line.get_attribute("data-helpline") for line in lines]
    assert ids[0] == "fr-119", ids
    assert "Ouvert maintenant" in lines[0].text
    line_3018 = lines[ids.index("fr-3018")]
    assert "Fermé en ce moment" in line_3018.text
    assert "Rouvre demain à 09:00" in line_3018.text
    assert "rouvre demain à 09:00" in driver.find_element(By.CSS_SELECTOR, "#help-window .help-message").text
    assert ids[-1] in ("fr-112", "fr-17")
    screenshot(driver, "help-window-closed-hours")


def active(driver):
    return driver.switch_to.active_element


def tab_until(driver, predicate, limit=60):
    for _ in range(limit):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        if predicate(active(driver)):
            return active(driver)
    raise AssertionError("focus never reached the expected element")


def test_keyboard_only_report_with_focus_into_the_dialog_and_back(browser, server):
    driver = browser(language="fr-FR")
    driver.get(server.base_url + "/")
    tab_until(driver, lambda e: e.tag_name == "summary" and "leo_du_64" in (e.get_attribute("aria-label") or ""))
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    tab_until(driver, lambda e: e.get_attribute("data-subject-report") == "comment-2001", limit=3)
    ActionChains(driver).send_keys(Keys.ENTER).perform()

    # Focus moves into the dialog: the iframe, and inside it the sheet's heading.
    wait(driver).until(lambda d: d.execute_script("return document.activeElement.tagName") == "IFRAME")
    frame = driver.find_element(By.CSS_SELECTOR, "dialog.relais-dialog iframe")
    driver.switch_to.frame(frame)
    wait(driver).until(lambda d: d.execute_script("return document.activeElement.id") == "page-title")

    # Step 1 by keyboard: Tab to "Harcèlement", Enter.
    tab_until(driver, lambda e: e.get_attribute("value") == "harassment")
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    wait(driver).until(EC.presence_of_element_located((By.ID, "goodFaith")))
    wait(driver).until(lambda d: d.execute_script("return document.activeElement.id") == "page-title")
    # Steps 2 and 3: details, the confirmation (Space), send (Enter).
    tab_until(driver, lambda e: e.get_attribute("id") == "details")
    ActionChains(driver).send_keys("Messages insultants").perform()
    tab_until(driver, lambda e: e.get_attribute("id") == "goodFaith")
    ActionChains(driver).send_keys(Keys.SPACE).perform()
    tab_until(driver, lambda e: e.get_attribute("data-submit") is not None)
    ActionChains(driver).send_keys(Keys.ENTER).perform()

    # The help window opens by itself with focus inside it; Escape closes it.
    wait(driver).until(lambda d: help_window_is_modal(d))
    assert driver.execute_script("return document.getElementById('help-window').contains(document.activeElement)")
    call = tab_until(driver, lambda e: (e.get_attribute("href") or "").startswith("tel:3018"))
    assert call is not None
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    wait(driver).until(lambda d: not help_window_is_modal(d))

    # A second Escape closes the sheet; focus goes back to the Report link.
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    driver.switch_to.default_content()
    wait(driver).until(lambda d: not d.execute_script("return document.querySelector('dialog.relais-dialog').open"))
    assert driver.execute_script("return document.activeElement.getAttribute('data-subject-report')") == "comment-2001"


def test_escape_closes_the_sheet_from_the_first_step(browser, server):
    driver = browser(language="en-US")
    link = open_report_from_demo(driver, server, "post-1001")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    driver.switch_to.default_content()
    wait(driver).until(lambda d: not d.execute_script("return document.querySelector('dialog.relais-dialog').open"))
    assert driver.switch_to.active_element == link


def no_horizontal_scroll(driver):
    return driver.execute_script(
        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_320px_and_200_percent_zoom_have_no_horizontal_scroll(browser, server):
    driver = browser(language="fr-FR", phone=True)
    # 320 CSS px: the WCAG reflow width; 640 px is a 1280 px window at 200% zoom.
    for width in (320, 640):
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": True})
        for name, url in (
            ("demo", server.base_url + "/"),
            ("step1", sheet_url(server)),
            ("step2", sheet_url(server, category="harassment")),
            ("help", sheet_url(server, path="/embed/help")),
        ):
            driver.get(url)
            assert no_horizontal_scroll(driver), f"{name} scrolls sideways at {width}px"
        driver.get(sheet_url(server, category="harassment"))
        driver.find_element(By.ID, "goodFaith").click()
        driver.find_element(By.CSS_SELECTOR, "[data-submit]").click()
        wait(driver).until(lambda d: help_window_is_modal(d))
        assert no_horizontal_scroll(driver), f"receipt scrolls sideways at {width}px"
        assert driver.execute_script(
            "var r = document.getElementById('help-window').getBoundingClientRect(); return r.left >= 0 && r.right <= window.innerWidth")
        screenshot(driver, f"help-window-{width}px")


def test_axe_finds_no_serious_or_critical_violations(browser, server):
    driver = browser(language="fr-FR")
    pages = {
        "demo": server.base_url + "/",
        "sheet step 1": sheet_url(server),
        "sheet step 2": sheet_url(server, category="harassment"),
        "help without reporting": sheet_url(server, path="/embed/help"),
        "sheet in English": sheet_url(server, lang="en"),
    }
    problems = {}
    for name, url in pages.items():
        driver.get(url)
        problems[name] = axe_violations(driver)
    # The help window, open as a modal over the receipt.
    driver.get(sheet_url(server, category="harassment"))
    driver.find_element(By.ID, "goodFaith").click()
    driver.find_element(By.CSS_SELECTOR, "[data-submit]").click()
    wait(driver).until(lambda d: help_window_is_modal(d))
    problems["help window"] = axe_violations(driver)
    # The demo with the sheet open in its dialog.
    open_report_from_demo(driver, server, "comment-2001")
    driver.switch_to.default_content()
    problems["demo with the dialog"] = axe_violations(driver)
    found = {name: [(v["id"], v["impact"], len(v["nodes"])) for v in found] for name, found in problems.items() if found}
    assert not found, found


PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">"\'&'


def test_script_and_html_payloads_appear_as_text(browser, server):
    driver = browser(language="fr-FR")
    driver.get(sheet_url(server, subjectId=PAYLOAD, subjectAuthor=PAYLOAD))
    summary = driver.find_element(By.CSS_SELECTOR, "[data-subject-summary]")
    assert PAYLOAD in summary.text
    assert driver.find_elements(By.CSS_SELECTOR, "main img") == []
    hidden = driver.find_element(By.CSS_SELECTOR, 'input[name="subjectId"]')
    assert hidden.get_attribute("value") == PAYLOAD

    driver.find_element(By.CSS_SELECTOR, 'button.category[value="harassment"]').click()
    wait(driver).until(EC.presence_of_element_located((By.ID, "details")))
    driver.find_element(By.ID, "details").send_keys(PAYLOAD)
    # Send without the confirmation (bypassing the browser's check): the server answers the
    # form again with the details it received, which must come back as text.
    driver.execute_script("document.getElementById('goodFaith').removeAttribute('required')")
    driver.find_element(By.CSS_SELECTOR, "[data-submit]").click()
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".errors")))
    assert driver.find_element(By.ID, "details").get_attribute("value") == PAYLOAD
    assert "Cochez la case" in driver.find_element(By.CSS_SELECTOR, ".errors").text
    driver.find_element(By.ID, "goodFaith").click()
    driver.find_element(By.CSS_SELECTOR, "[data-submit]").click()
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[data-reference]")))
    assert driver.execute_script("return window.__pwned === undefined")

    reference = driver.find_element(By.CSS_SELECTOR, "[data-reference]").get_attribute("textContent")
    assert server.api_get(f"/v1/reports/{reference}")["subject"]["id"] == PAYLOAD

    # A broken integration URL is reported to the integrator, escaped too.
    short_payload = "<i>x</i>"  # a country code is at most 8 characters before it is rejected
    driver.get(sheet_url(server, country=short_payload))
    assert short_payload in driver.find_element(By.TAG_NAME, "main").text
    assert driver.find_elements(By.CSS_SELECTOR, "main i") == []


# --- Plain HTTP: the forms without a browser (no JavaScript at all) ---

class FormParser:
    @staticmethod
    def fields(page):
        return {html.unescape(n): html.unescape(v) for n, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)}


def get(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read().decode()


def post(server, fields, origin=None, path="/embed/report"):
    data = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(server.base_url + path, data=data, method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    if origin:
        request.add_header("Origin", origin)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def step_two_fields(server, **overrides):
    status, page = get(sheet_url(server, category="harassment", **overrides))
    assert status == 200
    return dict(FormParser.fields(page), goodFaith="true", details="Plain form, no script")


def test_a_double_submit_stores_one_report(server):
    fields = step_two_fields(server, subjectId="comment-double")
    first_status, first = post(server, fields, origin=server.base_url)
    second_status, second = post(server, fields, origin=server.base_url)
    assert (first_status, second_status) == (200, 200)
    reference = re.search(r"data-reference>([^<]+)<", first).group(1)
    assert re.search(r"data-reference>([^<]+)<", second).group(1) == reference
    # Without JavaScript the help card is in the page, at the top.
    assert 'href="tel:3018"' in first and first.index("help-window") < first.index("data-reference")
    assert server.api_get(f"/v1/reports/{reference}")["caseReportCount"] == 1


def test_forged_posts_are_refused(server):
    fields = step_two_fields(server, subjectId="comment-forged")
    assert post(server, fields, origin="https://evil.example")[0] == 403
    assert post(server, dict(fields, token="0." + "0" * 64), origin=server.base_url)[0] == 403
    # A token is bound to its form: another form id with the same token is refused.
    other = dict(fields, formId="00000000-0000-4000-8000-000000000000")
    assert post(server, other, origin=server.base_url)[0] == 403
    assert post(server, dict(fields, tenant="nobody"), origin=server.base_url)[0] == 404


def test_unknown_tenant_gets_a_page_not_a_form(server):
    try:
        get(sheet_url(server, tenant="nobody"))
        raise AssertionError("expected 404")
    except urllib.error.HTTPError as error:
        assert error.code == 404
        assert "<form" not in error.read().decode()


def test_relais_js_and_the_language_switch(server):
    status, script = get(server.base_url + "/embed/relais.js")
    assert status == 200 and "data-relais-report" in script
    _, page = get(sheet_url(server, lang="en"))
    assert '<html lang="en">' in page and "What’s wrong?" in page
    assert re.search(r'<a href="[^"]*lang=fr[^"]*" hreflang="fr" lang="fr"', page)


def test_production_refuses_the_test_clock():
    result = subprocess.run(
        [str(relais_binary()), "serve", "--test-clock", CLOSED_HOURS, "--database", "sqlite::memory:"],
        capture_output=True, text=True, timeout=30, env={"PATH": "/usr/bin:/bin"})
    assert result.returncode != 0
    assert "RELAIS_ALLOW_TEST_CLOCK=1" in result.stderr


def support_counts(server):
    """The demo tenant's counts as {(helplineId, event): count}, from GET /v1/support/events."""
    counts = {}
    for row in server.api_get("/v1/support/events")["counts"]:
        key = (row["helplineId"], row["event"])
        counts[key] = counts.get(key, 0) + row["count"]
    return counts


def test_the_help_window_counts_that_it_was_shown_and_what_was_used(browser, server):
    before = support_counts(server)  # the suite's tests run one after the other
    driver = browser(language="fr-FR")
    open_report_from_demo(driver, server, "message-3001")
    report(driver, "threat")
    wait(driver).until(lambda d: help_window_is_modal(d))
    lead = driver.find_element(By.CSS_SELECTOR, "#help-window .line.lead")
    lead_id = lead.get_attribute("data-helpline")
    shown, used, dismissed = (lead_id, "shown"), (lead_id, "chat"), (lead_id, "dismissed")
    # The beacons leave the page asynchronously: wait for the server to have counted them.
    wait(driver).until(lambda d: support_counts(server).get(shown, 0) == before.get(shown, 0) + 1)
    lead.find_element(By.CSS_SELECTOR, '.actions a[data-action="chat"]').click()
    wait(driver).until(lambda d: support_counts(server).get(used, 0) == before.get(used, 0) + 1)
    # Closing the window after using a line is not a dismissal.
    driver.switch_to.window(driver.window_handles[0])
    driver.switch_to.frame(driver.find_element(By.CSS_SELECTOR, "dialog.relais-dialog iframe"))
    driver.find_element(By.CSS_SELECTOR, "[data-close-help]").click()
    time.sleep(0.5)
    assert support_counts(server).get(dismissed, 0) == before.get(dismissed, 0)
    # Opened again and closed without using anything: that is a dismissal.
    driver.find_element(By.CSS_SELECTOR, "[data-open-help]").click()
    wait(driver).until(lambda d: help_window_is_modal(d))
    driver.find_element(By.CSS_SELECTOR, "[data-close-help]").click()
    wait(driver).until(lambda d: support_counts(server).get(dismissed, 0) == before.get(dismissed, 0) + 1)


def test_help_window_events_need_the_windows_own_token(server):
    status, page = get(sheet_url(server, path="/embed/help"))
    assert status == 200
    fields = FormParser.fields(page)
    assert fields.get("view") and fields.get("token") and "reportId" not in fields
    event = dict(fields, helplineId="fr-3018", event="call")
    before = support_counts(server).get(("fr-3018", "call"), 0)
    assert post(server, event, origin=server.base_url, path="/embed/support-events")[0] == 204
    assert support_counts(server).get(("fr-3018", "call"), 0) == before + 1
    assert post(server, event, origin="https://evil.example", path="/embed/support-events")[0] == 403
    assert post(server, dict(event, token="0." + "0" * 64), origin=server.base_url, path="/embed/support-events")[0] == 403
    other_view = dict(event, view="00000000-0000-4000-8000-000000000000")
    assert post(server, other_view, origin=server.base_url, path="/embed/support-events")[0] == 403
    assert post(server, dict(event, helplineId="xx-nothing"), origin=server.base_url, path="/embed/support-events")[0] == 422
    assert support_counts(server).get(("fr-3018", "call"), 0) == before + 1, "refused events count nothing"
