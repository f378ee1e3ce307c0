"""`relais webhooks …` and delivery by a real `relais serve` to a real receiver on loopback."""
import json
import tempfile
import time
from pathlib import Path

import pytest
import requests
import standardwebhooks
import standardwebhooks.webhooks

from relais_testing import RelaisServer
from webhook_testing import Receiver, signature_ok
from test_cli import run


@pytest.fixture
def database():
    with tempfile.TemporaryDirectory(prefix="relais-cli-") as folder:
        yield f"sqlite:{Path(folder) / 'cli.sqlite'}"


def test_set_show_rotate(relais_bin, database):
    run(relais_bin, "tenants", "create", "acme", "--database", database)
    shown = json.loads(run(relais_bin, "webhooks", "show", "acme", "--database", database, "--json").stdout)
    assert shown.get("url") is None and shown["tenant"] == "acme"

    first = json.loads(run(relais_bin, "webhooks", "set", "acme", "https://acme.example/hook", "--database", database, "--json").stdout)
    assert first["secret"].startswith("whsec_") and len(first["secret"]) == 70
    again = json.loads(run(relais_bin, "webhooks", "set", "acme", "https://acme.example/v2", "--database", database, "--json").stdout)
    assert again.get("secret") is None and again["secretPrefix"] == first["secretPrefix"], "the secret is printed once"

    shown = run(relais_bin, "webhooks", "show", "acme", "--database", database).stdout
    assert "https://acme.example/v2" in shown and first["secretPrefix"] in shown
    assert first["secret"] not in shown

    rotated = run(relais_bin, "webhooks", "set", "acme", "https://acme.example/v2", "--rotate-secret", "--database", database).stdout
    assert "whsec_" in rotated and first["secret"] not in rotated and "only this once" in rotated

    bad = run(relais_bin, "webhooks", "set", "acme", "ftp://acme.example", "--database", database, check=False)
    assert bad.returncode != 0 and "not a webhook URL" in bad.stderr
    missing = run(relais_bin, "webhooks", "set", "nobody", "https://x.example", "--database", database, check=False)
    assert missing.returncode != 0 and "no tenant named 'nobody'" in missing.stderr
    both = run(relais_bin, "webhooks", "replay", "--dead", "--event", "x", "--database", database, check=False)
    assert both.returncode != 0 and "exactly one of" in both.stderr
    unknown = run(relais_bin, "webhooks", "replay", "--event", "nope", "--database", database, check=False)
    assert unknown.returncode != 0 and "no event with id 'nope'" in unknown.stderr


def test_serve_delivers_signed_events_and_replays_dead_ones(relais_bin):
    receiver = Receiver()
    with tempfile.TemporaryDirectory(prefix="relais-cli-") as folder:
        server = RelaisServer(relais_bin, Path(folder), extra_args=(
            "--webhook-poll-interval", "0.1", "--webhook-max-attempts", "1"))
        try:
            db = ("--database", server.database)
            auth = {"Authorization": f"Bearer {server.key}"}
            report = {
                "surface": "web", "category": "harassment", "goodFaith": True,
                "reporter": {"id": "u-1", "country": "FR", "locale": "fr-FR", "ageBracket": "13-17", "isTarget": True},
                "subject": {"kind": "comment", "id": "c-1", "text": "private words"},
            }
            first = requests.post(server.url + "/v1/reports", json=report, headers=auth, timeout=10)
            assert first.status_code == 201
            # No endpoint yet: the event waits.
            time.sleep(0.5)
            status = json.loads(run(relais_bin, "webhooks", "status", "demo", *db, "--json").stdout)
            assert status["pending"] == 1 and status["delivered"] == 0

            secret = json.loads(run(relais_bin, "webhooks", "set", "demo", receiver.url, *db, "--json").stdout)["secret"]
            assert receiver.wait_for(1), "delivered once an endpoint is set"
            headers, body = receiver.requests[0]
            assert headers["Content-Type"] == "application/json"
            assert headers["Relais-Event-Type"] == "report.received"
            assert signature_ok(secret, headers, body), "the documented Python verification accepts it"
            assert not signature_ok("whsec_" + "0" * 64, headers, body)
            # The official Standard Webhooks library verifies the same delivery with the same secret.
            # (Header names are case-insensitive; the library reads them in lower case.)
            lower = {name.lower(): value for name, value in headers.items()}
            assert standardwebhooks.Webhook(secret).verify(body, lower) == json.loads(body)
            with pytest.raises(standardwebhooks.webhooks.WebhookVerificationError):
                standardwebhooks.Webhook("whsec_" + "0" * 64).verify(body, lower)
            assert lower["webhook-id"] == headers["Relais-Event-Id"] and lower["webhook-timestamp"] == headers["Relais-Timestamp"]
            payload = json.loads(body)
            assert payload["reportId"] == first.json()["id"] and "private words" not in body.decode()
            event_id = headers["Relais-Event-Id"]

            # A failure with one attempt allowed: dead, listed, then replayed.
            receiver.statuses = [500]
            report["subject"]["id"] = "c-2"
            assert requests.post(server.url + "/v1/reports", json=report, headers=auth, timeout=10).status_code == 201
            assert receiver.wait_for(2)
            deadline = time.time() + 10
            while time.time() < deadline:
                status = json.loads(run(relais_bin, "webhooks", "status", *db, "--json").stdout)
                if status["dead"] == 1:
                    break
                time.sleep(0.1)
            assert status["dead"] == 1 and status["delivered"] == 1
            dead = status["deadEvents"][0]
            assert dead["type"] == "report.received" and dead["attempts"] == 1 and dead["lastError"] == "HTTP 500"
            human = run(relais_bin, "webhooks", "status", "demo", *db).stdout
            assert dead["id"] in human and "HTTP 500" in human and "replay --dead" in human

            replayed = json.loads(run(relais_bin, "webhooks", "replay", "--dead", "demo", *db, "--json").stdout)
            assert replayed == {"replayed": 1}
            assert receiver.wait_for(3)
            assert receiver.requests[2][0]["Relais-Event-Id"] == dead["id"]

            # Replaying a delivered event sends it again with the same idempotency key.
            run(relais_bin, "webhooks", "replay", "--event", event_id, *db)
            assert receiver.wait_for(4)
            assert receiver.requests[3][0]["Relais-Event-Id"] == event_id
            time.sleep(0.5)
            final = json.loads(run(relais_bin, "webhooks", "status", *db, "--json").stdout)
            assert final == {"pending": 0, "delivered": 2, "dead": 0, "deadEvents": []}
            assert len(receiver.requests) == 4
            server.log.seek(0)
            assert "private words" not in server.log.read()
        finally:
            server.stop()
            receiver.close()
