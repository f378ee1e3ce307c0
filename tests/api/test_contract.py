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


def moderator_token(relais_bin, server, name):
    created = subprocess.run(
        [str(relais_bin), "users", "create", name, "--tenant", "demo", "--database", server.database, "--json"],
        capture_output=True, text=True, timeout=60, check=True)
    return {"Authorization": f"Bearer {json.loads(created.stdout)['token']}"}


def test_appeal_routes_match_the_schema(server, auth, relais_bin):
    """Filing, following, confirming that a party was told, the review queue, a decision on
    review and the figures: every answer as the document says, on each backend."""
    suffix = uuid.uuid4().hex[:8]
    mia, noah = moderator_token(relais_bin, server, f"mia-{suffix}"), moderator_token(relais_bin, server, f"noah-{suffix}")
    body = report("harassment")
    body["subject"].update({"id": f"appeal-{suffix}", "authorId": f"author-{suffix}"})
    created = requests.post(server.url + "/v1/reports", json=body, headers=auth, timeout=10).json()
    case_id = created["caseId"]
    # Claim until this case (other tests leave open cases behind).
    for _ in range(50):
        claimed = requests.post(server.url + "/v1/moderation/next", json={}, headers=mia, timeout=10)
        assert claimed.status_code == 200
        if claimed.json()["id"] == case_id:
            break
    decision = {"restrictions": ["content_removed"], "ground": "incompatible", "termsClause": "Guidelines 3.2",
                "explanation": "Insults.", "facts": "A post insulting a person.", "automatedDetection": False,
                "automatedDecision": "not_automated", "territorialScope": ["FR"]}
    decided = requests.post(server.url + f"/v1/moderation/cases/{case_id}/decisions", json=decision, headers=mia, timeout=10)
    assert decided.status_code == 201, decided.text
    decision_id = decided.json()["decision"]["id"]

    told = requests.post(server.url + f"/v1/moderation/cases/{case_id}/notifications", json={"party": "reporter"}, headers=auth, timeout=10)
    assert told.status_code == 201, told.text
    shown = requests.get(server.url + f"/v1/moderation/cases/{case_id}", headers=mia, timeout=10).json()
    check(shown, "ModerationCase")
    assert shown["decisionInForce"]["complaints"]["reportersWindowClosesAt"]

    appeal = {"decisionId": decision_id, "party": "author", "userId": f"author-{suffix}", "explanation": "A quote.", "language": "fr"}
    filed = requests.post(server.url + "/v1/appeals", json=appeal, headers={**auth, "Idempotency-Key": f"a-{suffix}"}, timeout=10)
    assert filed.status_code == 201, filed.text
    check(filed.json(), "Appeal")
    again = requests.post(server.url + "/v1/appeals", json=appeal, headers={**auth, "Idempotency-Key": f"a-{suffix}"}, timeout=10)
    assert again.status_code == 201 and again.json()["id"] == filed.json()["id"] and again.headers["Idempotent-Replayed"] == "true"
    refused = requests.post(server.url + "/v1/appeals", json={**appeal, "userId": "stranger"}, headers=auth, timeout=10)
    assert refused.status_code == 422
    check(refused.json(), "Problem")
    check(requests.get(server.url + f"/v1/appeals/{filed.json()['id']}", headers=auth, timeout=10).json(), "Appeal")

    listed = requests.get(server.url + "/v1/moderation/appeals?status=open", headers=noah, timeout=10)
    assert listed.status_code == 200 and any(a["id"] == filed.json()["id"] for a in listed.json())
    for _ in range(50):
        review = requests.post(server.url + "/v1/moderation/appeals/next", json={}, headers=noah, timeout=10)
        assert review.status_code == 200, review.text
        check(review.json(), "AppealReview")
        if review.json()["appeal"]["id"] == filed.json()["id"]:
            break
    appeal_id = filed.json()["id"]
    modified = {"outcome": "modified", "textForAppellant": "The post stays, labelled.", "decision": {**decision, "restrictions": ["content_labelled"]}}
    answered = requests.post(server.url + f"/v1/moderation/appeals/{appeal_id}/decision", json=modified, headers=noah, timeout=10)
    assert answered.status_code == 201, answered.text
    result = answered.json()
    assert result["appeal"]["outcome"] == "modified" and result["statementOfReasons"]["decision_facts"].startswith("Replaces the statement of reasons")
    stats = requests.get(server.url + "/v1/moderation/appeals/statistics?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z", headers=noah, timeout=10)
    assert stats.status_code == 200
    check(stats.json(), "AppealStatistics")
    assert stats.json()["statistics"]["total"]["decided"] >= 1


def test_flagger_routes_match_the_schema(server, auth, relais_bin):
    """A trusted flagger's notice, its status and figures, and the hand-off consent, as the
    document says, on each backend."""
    suffix = uuid.uuid4().hex[:8]
    created = subprocess.run(
        [str(relais_bin), "flaggers", "create", f"flagger-{suffix}", "--designated-by", "Arcom", "--expertise", "harassment",
         "--tenant", "demo", "--database", server.database, "--json"], capture_output=True, text=True, timeout=60, check=True)
    flagger = {"Authorization": f"Bearer {json.loads(created.stdout)['token']}"}
    body = report("harassment")
    body["subject"]["id"] = f"handoff-{suffix}"
    receipt = requests.post(server.url + "/v1/reports", json=body, headers=auth, timeout=10).json()
    check(receipt, "ReportReceipt")
    reference = receipt["handoff"]["reference"]
    consent = requests.post(server.url + f"/v1/reports/{receipt['id']}/handoff-consent", json={"consent": True}, headers=auth, timeout=10)
    assert consent.status_code == 200 and consent.json()["consent"] == "given"
    notice = {"tenant": "demo", "category": "harassment", "country": "FR", "goodFaith": True, "reference": reference,
              "subject": {"kind": "account", "id": f"bully-{suffix}"}}
    filed = requests.post(server.url + "/v1/flagger/notices", json=notice, headers=flagger, timeout=10)
    assert filed.status_code == 201, filed.text
    check(filed.json(), "FlaggerNoticeReceipt")
    assert filed.json()["reference"] == "linked" and filed.json()["priority"] == "trusted_flagger"
    shown = requests.get(server.url + f"/v1/flagger/notices/{filed.json()['id']}", headers=flagger, timeout=10)
    check(shown.json(), "FlaggerNoticeStatus")
    stats = requests.get(server.url + "/v1/flagger/statistics?tenant=demo", headers=flagger, timeout=10)
    assert stats.status_code == 200, stats.text
    check(stats.json(), "FlaggerStatistics")
    assert requests.post(server.url + "/v1/flagger/notices", json=notice, headers=auth, timeout=10).status_code == 401
    refused = requests.post(server.url + "/v1/flagger/notices", json={**notice, "tenant": "nobody"}, headers=flagger, timeout=10)
    assert refused.status_code == 422 and [e["field"] for e in refused.json()["errors"]] == ["tenant"]
    check(refused.json(), "Problem")


def test_evidence_routes_match_the_schema(server, auth):
    """The receipt's status links, the signed evidence pack and the public key, as documented,
    on each backend; another tenant's id and a notice that does not exist are 404 problems."""
    body = report("harassment")
    body["subject"]["id"] = f"evidence-{uuid.uuid4().hex[:8]}"
    created = requests.post(server.url + "/v1/reports", json=body, headers=auth, timeout=10)
    assert created.status_code == 201
    check(created.json(), "ReportReceipt")
    assert created.json()["statusPage"]["evidencePath"].startswith("/embed/evidence?token=")
    pack = requests.get(server.url + f"/v1/reports/{created.json()['id']}/evidence", headers=auth, timeout=10)
    assert pack.status_code == 200 and pack.headers["Content-Type"].startswith("application/json")
    check(pack.json(), "EvidencePack")
    key = requests.get(server.url + "/.well-known/relais-evidence-key", timeout=10)
    assert key.status_code == 200 and key.json()["publicKey"] == pack.json()["signature"]["publicKey"]
    missing = requests.get(server.url + "/v1/reports/no-such-report/evidence", headers=auth, timeout=10)
    assert missing.status_code == 404 and missing.headers["Content-Type"].startswith("application/problem+json")
    check(missing.json(), "Problem")
