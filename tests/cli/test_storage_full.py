"""The SQLite file on a 3 MB tmpfs that fills up: writes are answered 503 with Retry-After and
a problem that says storage is unavailable (not a 500), /readyz says not ready, the log says
why once (not once per request), a metric counts the failures; once space is back /readyz is
ready again, new reports are accepted, and every report acknowledged before is there.

Needs root for `mount -t tmpfs` (scripts/test runs as root here); the tmpfs is always
unmounted, even when the test fails."""
import os
import subprocess
import time

import pytest
import requests

from relais_testing import RelaisServer

TOKEN = "metrics-token-for-the-storage-test"
REPORT = {"surface": "web", "category": "harassment", "goodFaith": True,
          "reporter": {"id": "u", "country": "FR", "locale": "fr-FR", "ageBracket": "13-17", "isTarget": True},
          "subject": {"kind": "comment", "id": "c", "text": "x" * 2000}}


@pytest.fixture
def small_disk(tmp_path):
    folder = tmp_path / "disk"
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.fail("this test mounts a tmpfs: run it as root (scripts/test does)", pytrace=False)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def failures_counted(server):
    text = requests.get(server.url + "/metrics", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10).text
    line = next(line for line in text.splitlines() if line.startswith("relais_storage_write_failures_total"))
    return float(line.split()[-1])


def test_full_disk_answers_503_until_space_is_back(relais_bin, tmp_path, small_disk):
    logs = tmp_path / "logs"
    logs.mkdir()
    server = RelaisServer(relais_bin, logs, database=f"sqlite:{small_disk / 'relais.sqlite'}", extra_args=("--metrics-token", TOKEN))
    try:
        auth = {"Authorization": f"Bearer {server.key}"}
        session = requests.Session()
        # Most of the space goes to a filler file, so a few dozen reports fill the rest.
        free = os.statvfs(small_disk).f_bavail * os.statvfs(small_disk).f_frsize
        filler = small_disk / "filler"
        filler.write_bytes(b"\0" * max(0, free - 400_000))

        acknowledged, full = [], None
        for n in range(3000):
            body = {**REPORT, "reporter": {**REPORT["reporter"], "id": f"f-{n}"}, "subject": {**REPORT["subject"], "id": f"c-{n}"}}
            answer = session.post(server.url + "/v1/reports", json=body, headers={**auth, "Idempotency-Key": f"f-{n}"}, timeout=10)
            if answer.status_code == 201:
                acknowledged.append(answer.json()["id"])
                continue
            full = answer
            break
        assert full is not None, "the disk filled up"
        assert acknowledged, "reports were accepted before it did"
        assert full.status_code == 503, (full.status_code, full.text)

        # Every further write: the same fast 503, and the log line is not repeated.
        answers = [full]
        for n in range(20):
            body = {**REPORT, "reporter": {**REPORT["reporter"], "id": f"g-{n}"}, "subject": {**REPORT["subject"], "id": f"d-{n}"}}
            began = time.monotonic()
            answers.append(session.post(server.url + "/v1/reports", json=body, headers={**auth, "Idempotency-Key": f"g-{n}"}, timeout=10))
            assert time.monotonic() - began < 2
        for answer in answers:
            assert answer.status_code == 503
            assert answer.headers["Content-Type"] == "application/problem+json"
            assert int(answer.headers["Retry-After"]) > 0
            problem = answer.json()
            assert problem["title"] == "Storage unavailable" and "Storage is unavailable" in problem["detail"], problem
        ready = session.get(server.url + "/readyz", timeout=10)
        assert ready.status_code == 503 and "disk is full" in ready.json()["detail"], ready.text
        assert failures_counted(server) >= len(answers)
        time.sleep(1.5)  # a few webhook polls: they must not log the full disk again either
        said = [line for line in server.log_text().splitlines() if "storage unavailable" in line]
        assert len(said) == 1, f"the log says why once, not {len(said)} times: {said[:3]}"
        assert "SQLITE_FULL" in said[0] and "unexpected error" not in server.log_text()

        # Space is back: ready again at the next probe, and writes are accepted.
        filler.unlink()
        deadline = time.time() + 10
        while time.time() < deadline and session.get(server.url + "/readyz", timeout=10).status_code != 200:
            time.sleep(0.1)
        assert session.get(server.url + "/readyz", timeout=10).status_code == 200
        body = {**REPORT, "reporter": {**REPORT["reporter"], "id": "after"}, "subject": {**REPORT["subject"], "id": "after"}}
        after = session.post(server.url + "/v1/reports", json=body, headers={**auth, "Idempotency-Key": "after"}, timeout=10)
        assert after.status_code == 201, after.text
        acknowledged.append(after.json()["id"])
        missing = [r for r in acknowledged if session.get(server.url + f"/v1/reports/{r}", headers=auth, timeout=10).status_code != 200]
        assert not missing, f"{len(missing)} acknowledged reports lost"
        assert len([line for line in server.log_text().splitlines() if "storage unavailable" in line]) == 1
    finally:
        server.stop()
