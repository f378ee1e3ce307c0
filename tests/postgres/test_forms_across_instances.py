"""Forms rendered by one instance and sent to another, as a load balancer does without
sticky sessions: the embed sheet's report form and the console's sign-in form. Their tokens
are signed with a secret the instances share through the database, so no configuration is
needed (RELAIS_EMBED_SECRET is unset here on purpose)."""
import re
import subprocess
from html import unescape

import requests

from postgres_support import TIMEOUT, relais
from postgres_testing import psql

PASSWORD = "correct horse battery staple"


def hidden_fields(html):
    return {unescape(name): unescape(value)
            for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html)}


def test_an_embed_form_from_one_instance_is_accepted_by_the_other(database, tenant, start_instance, monkeypatch):
    monkeypatch.delenv("RELAIS_EMBED_SECRET", raising=False)
    tenant_name, _ = tenant
    first, second = start_instance(), start_instance()
    query = {"tenant": tenant_name, "subjectKind": "comment", "subjectId": "c-form", "reporter": "u-form",
             "country": "FR", "age": "13-17", "lang": "en", "category": "harassment"}
    form = requests.get(first.url + "/embed/report", params=query, timeout=TIMEOUT)
    assert form.status_code == 200, form.text
    fields = hidden_fields(form.text)
    assert fields.get("token") and fields.get("formId"), "the second step carries a token and a form id"
    fields.update({"goodFaith": "true", "details": "sent to the other instance"})
    sent = requests.post(second.url + "/embed/report", data=fields, headers={"Origin": second.url}, timeout=TIMEOUT)
    assert sent.status_code == 200, sent.text[:500]
    assert "report-sent" in sent.text or "3018" in sent.text, sent.text[:500]
    assert psql(database, "SELECT count(*) FROM reports WHERE details = 'sent to the other instance'").strip() == "1"
    # A forged token is still refused by both.
    fields["token"] = fields["token"][:-4] + "0000"
    fields["formId"] = fields["formId"][:-1] + ("a" if fields["formId"][-1] != "a" else "b")
    forged = requests.post(second.url + "/embed/report", data=fields, headers={"Origin": second.url}, timeout=TIMEOUT)
    assert forged.status_code == 403


def test_the_console_sign_in_form_from_one_instance_signs_in_on_the_other(relais_bin, database, tenant, start_instance, monkeypatch):
    monkeypatch.delenv("RELAIS_EMBED_SECRET", raising=False)
    tenant_name, _ = tenant
    relais(relais_bin, "users", "create", "mia", "--tenant", tenant_name, "--role", "moderator", database=database)
    set_password = subprocess.run([str(relais_bin), "users", "password", "mia", "--database", database],
                                  input=PASSWORD + "\n", capture_output=True, text=True, timeout=TIMEOUT)
    assert set_password.returncode == 0, set_password.stderr
    first, second = start_instance(), start_instance()

    browser = requests.Session()
    page = browser.get(first.url + "/console/login", timeout=TIMEOUT)
    assert page.status_code == 200
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    # The nonce cookie is scoped to the first instance's host and port: carry it over, as
    # one public host behind a load balancer would.
    nonce = browser.cookies.get("relais_login")
    assert nonce
    answer = requests.post(second.url + "/console/login", data={"name": "mia", "password": PASSWORD, "csrf": csrf},
                           cookies={"relais_login": nonce}, headers={"Origin": second.url}, allow_redirects=False,
                           timeout=TIMEOUT)
    assert answer.status_code == 303, answer.text[:500]
    assert answer.headers["Location"].endswith("/console/queue")
    session = answer.cookies.get("relais_session")
    assert session
    queue = requests.get(first.url + "/console/queue", cookies={"relais_session": session}, allow_redirects=False,
                         timeout=TIMEOUT)
    assert queue.status_code == 200, "the session made on one instance works on the other"
