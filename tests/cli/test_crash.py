"""A kill -9 in the middle of a report load: after a restart, every report that was
acknowledged (201) is there, and the SQLite file passes its integrity check. With the default
group commit and with --durability full."""
import signal
import sqlite3
import threading
import time

import pytest
import requests

from relais_testing import RelaisServer

REPORT = {"surface": "web", "category": "harassment", "goodFaith": True,
          "reporter": {"id": "u", "country": "FR", "locale": "fr-FR", "ageBracket": "13-17", "isTarget": True},
          "subject": {"kind": "comment", "id": "c"}}


@pytest.mark.parametrize("durability", ["normal", "full"])
def test_every_acknowledged_report_survives_a_kill_9(relais_bin, tmp_path, durability):
    server = RelaisServer(relais_bin, tmp_path, extra_args=("--durability", durability))
    acknowledged, lock, stop = [], threading.Lock(), threading.Event()

    def load(worker):
        session = requests.Session()
        n = 0
        while not stop.is_set():
            n += 1
            body = {**REPORT, "reporter": {**REPORT["reporter"], "id": f"u-{worker}-{n}"}, "subject": {"kind": "comment", "id": f"c-{n % 7}"}}
            try:
                answer = session.post(server.url + "/v1/reports", json=body, timeout=5,
                                      headers={"Authorization": f"Bearer {server.key}", "Idempotency-Key": f"k-{worker}-{n}"})
            except requests.RequestException:
                continue  # the server died under this request: not acknowledged
            if answer.status_code == 201:
                with lock:
                    acknowledged.append(answer.json()["id"])

    workers = [threading.Thread(target=load, args=(w,)) for w in range(8)]
    for worker in workers:
        worker.start()
    deadline = time.time() + 20
    while time.time() < deadline and len(acknowledged) < 300:
        time.sleep(0.05)
    server.process.send_signal(signal.SIGKILL)  # no shutdown of any kind
    server.process.wait(timeout=10)
    stop.set()
    for worker in workers:
        worker.join(timeout=10)
    assert len(acknowledged) >= 300, "the load ran"
    server.stop()

    # The restart is what an operator does: the same file opened again (WAL recovery).
    path = tmp_path / "relais.sqlite"
    restarted = RelaisServer(relais_bin, tmp_path, extra_args=("--durability", durability), database=f"sqlite:{path}")
    try:
        auth = {"Authorization": f"Bearer {server.key}"}
        for report_id in acknowledged[:: max(1, len(acknowledged) // 20)]:
            assert requests.get(restarted.url + f"/v1/reports/{report_id}", headers=auth, timeout=10).status_code == 200
    finally:
        restarted.stop()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in db.execute("SELECT id FROM reports")}
        counted = db.execute("SELECT COALESCE(SUM(report_count), 0) FROM cases").fetchone()[0]
    missing = [report_id for report_id in acknowledged if report_id not in stored]
    assert not missing, f"{len(missing)} acknowledged reports lost"
    assert counted == len(stored), "each case counts exactly its stored reports"
