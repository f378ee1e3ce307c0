"""PostgreSQL going away and coming back under a running `relais serve`: requests are
answered quickly with 503 and Retry-After instead of hanging on the pool, nothing is
acknowledged that was not stored, and the same request retried with its Idempotency-Key
once the database is back is stored exactly once. The test runs its own throwaway cluster
(the shared one must not go down under the other tests)."""
import subprocess
import tempfile
import time
from pathlib import Path

import requests

from postgres_support import TIMEOUT, bearer, report_body
from relais_testing import REPO, RelaisServer

CLUSTER = REPO / "scripts" / "postgres-cluster"


def cluster(action, folder):
    result = subprocess.run([str(CLUSTER), action, str(folder)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def post(server, key, idempotency_key):
    return requests.post(server.url + "/v1/reports", json=report_body("c-outage", "u-outage"),
                         headers={**bearer(key), "Idempotency-Key": idempotency_key}, timeout=TIMEOUT)


def test_an_outage_answers_503_quickly_and_a_retry_afterwards_stores_once(relais_bin, tmp_path):
    folder = Path(tempfile.mkdtemp(prefix="relais-outage-"))
    try:
        url = cluster("start", folder)
        server = RelaisServer(relais_bin, tmp_path, database=url)
        try:
            assert post(server, server.key, "before").status_code == 201

            cluster("down", folder)
            started = time.monotonic()
            refused = post(server, server.key, "during")
            elapsed = time.monotonic() - started
            assert refused.status_code == 503, refused.text
            assert refused.headers["Content-Type"].startswith("application/problem+json")
            assert refused.json()["type"] == "urn:relais:problem:unavailable"
            assert refused.headers["Retry-After"] == "5"
            assert elapsed < 15, f"a request waited {elapsed:.1f} s for a database that is down"
            assert requests.get(server.url + "/readyz", timeout=TIMEOUT).status_code == 503

            cluster("up", folder)
            deadline, answer = time.monotonic() + 120, None
            while time.monotonic() < deadline:
                answer = post(server, server.key, "during")
                if answer.status_code != 503:
                    break
                time.sleep(1)
            assert answer is not None and answer.status_code == 201, answer.text if answer else "no answer"
            replay = post(server, server.key, "during")
            assert replay.status_code == 201 and replay.headers.get("Idempotent-Replayed") == "true"
            assert replay.json()["id"] == answer.json()["id"]
            shown = requests.get(f"{server.url}/v1/reports/{answer.json()['id']}", headers=bearer(server.key), timeout=TIMEOUT)
            assert shown.status_code == 200 and shown.json()["caseReportCount"] == 2, "the report before, and this one once"
        finally:
            server.stop()
    finally:
        cluster("stop", folder)
