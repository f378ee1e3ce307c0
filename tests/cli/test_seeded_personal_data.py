"""Seeds what must never reach a log, through every kind of request, at the most verbose log
level, on both backends: the run's last step (tests/scan_logs.py) then has something to find
in this test's server logs if logging ever regressed. Each string starts with SEEDED- (or is a
key, token or secret in its recognisable form), which is what the scan looks for; this test
also checks its own log at once, so it fails by itself too."""
import contextlib
import json
import time

import pytest
import requests

from postgres_testing import fresh_database
from relais_testing import RelaisServer
from scan_logs import findings_in
from test_cli import run
from webhook_testing import Receiver

METRICS_TOKEN = "metrics-token-for-the-seeded-log-test"


def seeded_report(n):
    return {
        "surface": "web", "category": "harassment", "goodFaith": True, "details": f"SEEDED-DETAILS-{n}",
        "reporter": {"id": f"SEEDED-REPORTER-{n}", "country": "FR", "locale": "fr-FR", "ageBracket": "13-17", "isTarget": True},
        "subject": {"kind": "comment", "id": f"SEEDED-SUBJECT-{n}", "text": f"SEEDED-CONTENT-{n}",
                    "authorId": f"SEEDED-AUTHOR-{n}", "url": f"https://example.com/SEEDED-URL-{n}"},
    }


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_seeded_data_goes_through_every_kind_of_request(relais_bin, tmp_path, backend):
    receiver = Receiver()
    with contextlib.ExitStack() as stack:
        database = stack.enter_context(fresh_database()) if backend == "postgres" else None
        server = RelaisServer(relais_bin, tmp_path, database=database,
                              extra_args=("--log-level", "trace", "--log-format", "json", "--metrics-token", METRICS_TOKEN,
                                          "--webhook-poll-interval", "0.1"))
        try:
            db = ("--database", server.database)
            secret = json.loads(run(relais_bin, "webhooks", "set", "demo", receiver.url, *db, "--json").stdout)["secret"]
            token = json.loads(run(relais_bin, "users", "create", "seeded-mod", "--tenant", "demo", "--role", "moderator", *db,
                                   "--json").stdout)["token"]
            auth = {"Authorization": f"Bearer {server.key}", "X-Forwarded-For": "203.0.113.77"}
            created = requests.post(server.url + "/v1/reports", json=seeded_report(1), timeout=10,
                                    headers={**auth, "Idempotency-Key": "SEEDED-IDEMPOTENCY-1"})
            assert created.status_code == 201
            invalid = {**seeded_report(2), "category": "SEEDED-CATEGORY"}
            assert requests.post(server.url + "/v1/reports", json=invalid, headers=auth, timeout=10).status_code == 422
            assert requests.post(server.url + "/v1/reports", data="SEEDED-GARBAGE{", timeout=10,
                                 headers={**auth, "Content-Type": "application/json"}).status_code == 400
            wrong = {"Authorization": "Bearer rls_" + "ab" * 32}
            assert requests.get(server.url + "/v1/support?country=FR&locale=SEEDED-LOCALE", headers=wrong, timeout=10).status_code == 401
            assert requests.get(server.url + f"/v1/reports/SEEDED-ID-{1}", headers=auth, timeout=10).status_code == 404
            moderator = {"Authorization": f"Bearer {token}"}
            assert requests.post(server.url + "/v1/moderation/next", headers=moderator, timeout=10).status_code == 200
            assert requests.post(server.url + "/v1/moderation/next", headers={"Authorization": "Bearer rlm_" + "cd" * 32},
                                 timeout=10).status_code == 401
            requests.get(server.url + "/embed/help?tenant=demo&country=FR&token=SEEDED-FORM-TOKEN", timeout=10)
            requests.post(server.url + "/embed/report?tenant=demo", data={"text": "SEEDED-FORM-CONTENT", "token": "SEEDED-FORM-TOKEN"},
                          timeout=10)
            assert requests.get(server.url + "/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}, timeout=10).status_code == 200
            assert receiver.wait_for(1), "the webhook went out, signed with the secret"
            time.sleep(0.3)
            text = server.log_text()
        finally:
            server.stop()
            receiver.close()
    assert '"message":"request"' in text, "the request lines were written: the scan reads real logs"
    found = findings_in(text)
    assert not found, f"in the log: {found[:5]}"
    for value in (server.key, token, secret, METRICS_TOKEN):
        assert value not in text
