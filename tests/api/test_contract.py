"""The OpenAPI document is valid, and live answers match its schemas."""
import json
import subprocess
import uuid
from pathlib import Path

import jsonschema
import pytest
import requests
import yaml
from openapi_spec_validator import validate

SPEC_PATH = Path(__file__).resolve().parents[2] / "Sources" / "RelaisServer" / "Resources" / "openapi.yaml"
SPEC = yaml.safe_load(SPEC_PATH.read_text())


def check(instance, schema_name):
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": SPEC["components"]}
    jsonschema.validate(instance, schema, cls=jsonschema.Draft202012Validator)


def report(category="harassment", **reporter):
    return {
        "surface": "web",
        "reporter": {"id": str(uuid.uuid4()), "country": "FR", "locale": "fr-FR", "ageBracket": "13-17", "isTarget": True, **reporter},
        "subject": {"kind": "post", "id": "p-1", "text": "<img src=x onerror=alert(1)>", "createdAt": "2026-11-28T10:00:00Z"},
        "category": category,
        "goodFaith": True,
    }


@pytest.fixture
def auth(server):
    return {"Authorization": f"Bearer {server.key}"}


def test_the_document_is_valid_openapi_3_1():
    validate(SPEC)
    assert SPEC["openapi"].startswith("3.1")


def test_served_document_is_the_repository_document(server):
    r = requests.get(server.url + "/openapi.yaml", timeout=10)
    assert r.status_code == 200
    assert r.text == SPEC_PATH.read_text()


@pytest.mark.parametrize("category", ["harassment", "threat", "self_harm", "grooming", "spam"])
def test_report_answers_match_the_schema(server, auth, category):
    r = requests.post(server.url + "/v1/reports", json=report(category), headers=auth, timeout=10)
    assert r.status_code == 201, r.text
    body = r.json()
    check(body, "ReportReceipt")
    assert ("support" in body) and ((body["support"] is None) == (category == "spam"))
    shown = requests.get(server.url + f"/v1/reports/{body['id']}", headers=auth, timeout=10)
    assert shown.status_code == 200
    check(shown.json(), "Report")


def test_problems_match_the_schema(server, auth):
    bad = requests.post(server.url + "/v1/reports", json={"surface": 3}, headers=auth, timeout=10)
    assert bad.status_code == 422
    assert bad.headers["content-type"] == "application/problem+json"
    check(bad.json(), "Problem")
    assert {e["field"] for e in bad.json()["errors"]} >= {"surface", "reporter", "subject", "category", "goodFaith"}
    unauthorized = requests.post(server.url + "/v1/reports", json=report(), timeout=10)
    assert unauthorized.status_code == 401
    check(unauthorized.json(), "Problem")


def test_support_answer_matches_the_schema(server, auth):
    r = requests.get(server.url + "/v1/support", params={"country": "FR", "locale": "en", "category": "threat"}, headers=auth, timeout=10)
    assert r.status_code == 200
    card = r.json()["support"]
    check(card, "SupportCard")
    assert card["helplines"][0]["emergency"] is True
    none = requests.get(server.url + "/v1/support", params={"country": "FR", "category": "scam"}, headers=auth, timeout=10)
    assert none.json() == {"support": None}


def test_support_events(server, auth):
    created = requests.post(server.url + "/v1/reports", json=report(), headers=auth, timeout=10).json()
    event = {"reportId": created["id"], "helplineId": "fr-3018", "event": "shown", "surface": "web", "country": "FR"}
    jsonschema.validate(event, {"$ref": "#/components/schemas/SupportEvent", "components": SPEC["components"]})
    r = requests.post(server.url + "/v1/support/events", json=event, headers=auth, timeout=10)
    assert r.status_code == 204
    listed = requests.get(server.url + "/v1/support/events", headers=auth, timeout=10)
    assert listed.status_code == 200
    schema = SPEC["paths"]["/v1/support/events"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    jsonschema.validate(listed.json(), schema, cls=jsonschema.Draft202012Validator)
    assert any(row["helplineId"] == "fr-3018" and row["event"] == "shown" for row in listed.json()["counts"])


def test_health(server):
    assert requests.get(server.url + "/healthz", timeout=10).json() == {"status": "ok"}
    assert requests.get(server.url + "/readyz", timeout=10).json() == {"status": "ready"}


def test_directory_routes_match_the_schema(server, auth):
    r = requests.get(server.url + "/v1/helplines", params={"country": "FR", "locale": "fr"}, headers=auth, timeout=10)
    assert r.status_code == 200
    for line in r.json()["helplines"]:
        check(line, "HelplineView")
    d = requests.get(server.url + "/v1/directory", headers=auth, timeout=10)
    assert d.status_code == 200
    for entry in d.json()["helplines"]:
        check(entry, "DirectoryEntry")
    again = requests.get(server.url + "/v1/directory", headers={**auth, "If-None-Match": d.headers["ETag"]}, timeout=10)
    assert again.status_code == 304


def test_a_nul_is_refused_field_by_field_and_every_other_character_round_trips(server, auth, relais_bin):
    """What is acknowledged is what was sent. PostgreSQL's text cannot hold U+0000 and SQLite
    cut the string there, so "c-1\\u0000alice" and "c-1\\u0000bob" became one subject and the
    end of a threat was lost: a NUL is now a field error, on both backends, and nothing else
    is changed on the way in."""
    for name in ("alice", "bob"):
        body = report("threat")
        body["subject"]["id"] = f"c-1\u0000{name}"
        r = requests.post(server.url + "/v1/reports", json=body, headers=auth, timeout=10)
        assert r.status_code == 422, r.text
        assert r.headers["content-type"] == "application/problem+json"
        check(r.json(), "Problem")
        assert [e["field"] for e in r.json()["errors"]] == ["subject.id"]
    body = report("threat")
    body["subject"]["text"] = "I know where you live\u0000 and I will come tonight"
    body["subject"]["url"] = "https://example.com/p/1\u0000"
    body["details"] = "\u0000"
    body["reporter"]["id"] = "u\u0000"
    r = requests.post(server.url + "/v1/reports", json=body, headers=auth, timeout=10)
    assert r.status_code == 422, r.text
    assert {e["field"] for e in r.json()["errors"]} == {"subject.text", "subject.url", "details", "reporter.id"}
    assert all("NUL" in e["message"] for e in r.json()["errors"])

    # subject.url is the absolute http(s) URI that the document promises.
    for url in ("https://example.com/a b", "https://exa<mple.com/", "https://example.com/é", "https:///x", "example.com/x"):
        body = report()
        body["subject"]["url"] = url
        r = requests.post(server.url + "/v1/reports", json=body, headers=auth, timeout=10)
        assert r.status_code == 422, url
        assert [e["field"] for e in r.json()["errors"]] == ["subject.url"], url

    # Anything else comes back byte for byte (the moderator reads the stored text).
    text = "é e\u0301 👩🏽‍💻 \u202ertl\u202c \u0001\u007f\ufffd\ufeff tab\there\r\nline 'q\" \\ <b>&amp;"
    body = report("threat")
    body["subject"].update({"id": f"c-\u0001é-{uuid.uuid4()}", "text": text, "url": "https://user@example.com:8443/a%20b?q=(1)#top"})
    created = requests.post(server.url + "/v1/reports", json=body, headers=auth, timeout=10)
    assert created.status_code == 201, created.text
    name = f"nul-{uuid.uuid4().hex[:8]}"
    user = subprocess.run(
        [str(relais_bin), "users", "create", name, "--tenant", "demo", "--database", server.database, "--json"],
        capture_output=True, text=True, timeout=60, check=True)
    token = json.loads(user.stdout)["token"]
    shown = requests.get(
        server.url + f"/v1/moderation/cases/{created.json()['caseId']}", headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert shown.status_code == 200, shown.text
    subject = shown.json()["reports"][0]["subject"]
    assert subject["text"] == text and subject["id"] == body["subject"]["id"] and subject["url"] == body["subject"]["url"]
