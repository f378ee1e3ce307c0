"""What `relais serve` logs: one line per request (method, the route's pattern, status,
duration, tenant id, request id), as JSON lines with --log-format json; `X-Request-Id` taken
from the caller or made, and echoed; never report content, reporter ids, tokens or keys."""
import json
import re
import sqlite3
import time

import requests

from relais_testing import RelaisServer

SEEDED = ["SEEDED-CONTENT-7731", "SEEDED-REPORTER-4411", "SEEDED-DETAILS-9902", "SEEDED-TOKEN-5550"]


def test_one_json_line_per_request_with_its_route_status_tenant_and_request_id(relais_bin):
    server = RelaisServer(relais_bin, extra_args=("--log-level", "info", "--log-format", "json"))
    try:
        auth = {"Authorization": f"Bearer {server.key}"}
        report = {
            "surface": "web", "category": "harassment", "goodFaith": True, "details": SEEDED[2],
            "reporter": {"id": SEEDED[1], "country": "FR", "locale": "fr-FR", "ageBracket": "13-17", "isTarget": True},
            "subject": {"kind": "comment", "id": "c-1", "text": SEEDED[0]},
        }
        created = requests.post(server.url + "/v1/reports", json=report, headers={**auth, "X-Request-Id": "req-abc-123"}, timeout=10)
        assert created.status_code == 201 and created.headers["X-Request-Id"] == "req-abc-123"
        shown = requests.get(server.url + f"/v1/reports/{created.json()['id']}", headers=auth, timeout=10)
        assert re.fullmatch(r"[0-9a-f]{1,16}-[0-9a-f]+", shown.headers["X-Request-Id"]), "made when the caller sends none"
        refused = requests.get(server.url + "/v1/support?country=FR", headers={"Authorization": "Bearer rls_" + "0" * 64,
                                                                             "X-Request-Id": "bad id with spaces"}, timeout=10)
        assert refused.status_code == 401 and refused.headers["X-Request-Id"] != "bad id with spaces"
        requests.get(server.url + f"/embed/help?tenant=demo&country=FR&token={SEEDED[3]}", timeout=10)
        time.sleep(0.3)
        text = server.log_text()
        with sqlite3.connect(server.database.removeprefix("sqlite:")) as db:
            tenant_id = db.execute("SELECT id FROM tenants WHERE name = 'demo'").fetchone()[0]
    finally:
        server.stop()
    lines = [json.loads(line) for line in text.splitlines() if line.strip()]
    requests_logged = [line for line in lines if line.get("message") == "request"]
    by_id = {line["request_id"]: line for line in requests_logged}
    first = by_id["req-abc-123"]
    assert first["method"] == "POST" and first["route"] == "/v1/reports" and first["status"] == "201"
    assert first["tenant_id"] == tenant_id and float(first["duration_ms"]) >= 0 and first["level"] == "info"
    assert by_id[shown.headers["X-Request-Id"]]["route"] == "/v1/reports/{id}", "the pattern, not the id"
    unauthorized = by_id[refused.headers["X-Request-Id"]]
    assert unauthorized["status"] == "401" and "tenant_id" not in unauthorized
    assert len(requests_logged) >= 4
    for seeded in SEEDED + [server.key]:
        assert seeded not in text, f"{seeded} is in the log"
