"""Helpers for the Transparency Database suites: a config file pointing a tenant at the
stand-in (tdb_standin.py), and statements of reasons made the way a platform makes them
(reports filed with the API, cases claimed and decided by a moderator), each report seeded
with personal data that must never reach the Database."""
import json
import subprocess
import uuid

import requests

from relais_testing import wait_until  # noqa: F401 (the suites import it from here)

SECRET = "PERSONAL"  # every seeded personal value contains it; no sent body may


def write_config(folder, standin, tenant="demo", mode="production", token_env="RELAIS_TEST_TDB_TOKEN", token_file=None):
    path = folder / "relais-config.json"
    source = {"tokenFile": str(token_file)} if token_file else {"tokenEnv": token_env}
    # The suites decide hundreds of cases with one moderator token in seconds: above the
    # default per-token limit, which is not what they test.
    path.write_text(json.dumps({
        "tenants": {tenant: {"dsa": {"transparencyDatabase": {"mode": mode, "endpoint": standin.url, **source}}}},
        "rateLimits": {"moderator": {"burst": 100000, "perMinute": 1000000}}}))
    return path


def moderator(relais_bin, database, tenant="demo"):
    name = f"mia-{uuid.uuid4().hex[:8]}"
    created = subprocess.run(
        [str(relais_bin), "users", "create", name, "--tenant", tenant, "--database", database, "--json"],
        capture_output=True, text=True, timeout=60, check=True)
    return {"Authorization": f"Bearer {json.loads(created.stdout)['token']}"}


def make_statements(server, key, mod, count, facts="A comment insulting the person it answers."):
    """Files `count` reports on distinct comments and decides each case (content removed):
    `count` statements of reasons. Their case ids."""
    auth = {"Authorization": f"Bearer {key}"}
    cases = []
    for index in range(count):
        tag = uuid.uuid4().hex[:10]
        body = {
            "surface": "web", "category": "harassment", "goodFaith": True,
            "details": f"{SECRET}-details-{tag} my neighbour Jean Dupont",
            "reporter": {"id": f"{SECRET}-reporter-{tag}", "country": "FR", "locale": "fr-FR", "ageBracket": "13-17", "isTarget": True},
            "subject": {"kind": "comment", "id": f"comment-{tag}", "authorId": f"{SECRET}-author-{tag}", "text": f"{SECRET}-content-{tag} you are worthless"},
        }
        filed = requests.post(server.url + "/v1/reports", json=body, headers=auth, timeout=10)
        assert filed.status_code in (200, 201), filed.text
        cases.append(filed.json()["caseId"])
    decision = {"restrictions": ["content_removed"], "ground": "incompatible", "termsClause": "Guidelines 3.2",
                "explanation": "Insults aimed at a person.", "facts": facts, "automatedDetection": False,
                "automatedDecision": "not_automated", "territorialScope": ["FR"],
                "internalNote": f"{SECRET}-note the reporter is my cousin", "noteForReporter": f"{SECRET}-for-reporter"}
    wanted = set(cases)
    while wanted:
        claimed = requests.post(server.url + "/v1/moderation/next", json={}, headers=mod, timeout=10)
        assert claimed.status_code == 200, claimed.text
        case_id = claimed.json()["id"]
        decided = requests.post(server.url + f"/v1/moderation/cases/{case_id}/decisions", json=decision, headers=mod, timeout=10)
        assert decided.status_code == 201, decided.text
        wanted.discard(case_id)
    return cases


def submissions(server, mod, case_id):
    shown = requests.get(server.url + f"/v1/moderation/cases/{case_id}/submissions", headers=mod, timeout=10)
    assert shown.status_code == 200, shown.text
    return shown.json()


def scan_for_personal_data(bodies):
    """Every body the Database received: none holds a seeded personal value."""
    assert bodies, "nothing was sent"
    leaks = [body for body in bodies if SECRET.encode() in body or b"Jean Dupont" in body or b"cousin" in body]
    assert not leaks, f"{len(leaks)} sent bodies hold personal data, e.g. {leaks[0][:300]!r}"
