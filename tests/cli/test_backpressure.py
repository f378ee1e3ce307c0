"""Backpressure: with more concurrent writes than the bound, the extra ones are answered 503
with Retry-After at once (not queued until they time out), and every report that got a 201 is
in the database. Two bounds: SQLite's group-commit queue (--write-queue) and the requests in
flight (--max-in-flight, both backends)."""
import contextlib
import sqlite3
import statistics
import threading
import time

import pytest
import requests

from postgres_testing import fresh_database, psql
from relais_testing import RelaisServer

REPORT = {"surface": "web", "category": "harassment", "goodFaith": True,
          "reporter": {"id": "u", "country": "FR", "locale": "fr-FR", "ageBracket": "13-17", "isTarget": True},
          "subject": {"kind": "comment", "id": "c"}}


def flood(server, clients=48, per_client=12):
    """`clients` threads each sending `per_client` reports at once; the answers with their
    latency in seconds."""
    answers, lock = [], threading.Lock()
    start = threading.Barrier(clients)

    def client(worker):
        session = requests.Session()
        start.wait()
        for n in range(per_client):
            body = {**REPORT, "reporter": {**REPORT["reporter"], "id": f"bp-{worker}-{n}"},
                    "subject": {"kind": "comment", "id": f"c-{worker}-{n}"}}
            began = time.monotonic()
            answer = session.post(server.url + "/v1/reports", json=body, timeout=30,
                                  headers={"Authorization": f"Bearer {server.key}", "Idempotency-Key": f"bp-{worker}-{n}"})
            with lock:
                answers.append((answer, time.monotonic() - began))

    threads = [threading.Thread(target=client, args=(w,)) for w in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


def check_answers(answers):
    """Some 503s, each a fast problem with Retry-After; every other answer a 201. The ids of the 201s."""
    accepted = [a.json()["id"] for a, _ in answers if a.status_code == 201]
    refused = [(a, t) for a, t in answers if a.status_code == 503]
    assert len(accepted) + len(refused) == len(answers), {a.status_code for a, _ in answers}
    assert refused, "more writes than the bound, so some are refused"
    assert accepted, "the bound admits some"
    for answer, _ in refused:
        assert answer.headers["Retry-After"] == "1"
        assert answer.headers["Content-Type"] == "application/problem+json"
        problem = answer.json()
        assert problem["status"] == 503 and problem["title"] == "Server busy"
    # Refused at once, not after waiting in a queue.
    assert statistics.median(t for _, t in refused) < 0.5, statistics.median(t for _, t in refused)
    return accepted


def test_sqlite_write_queue_refuses_past_its_bound(relais_bin, tmp_path):
    server = RelaisServer(relais_bin, tmp_path, extra_args=("--write-queue", "2", "--durability", "full"))
    try:
        accepted = check_answers(flood(server))
    finally:
        server.stop()
    with sqlite3.connect(tmp_path / "relais.sqlite") as db:
        stored = {row[0] for row in db.execute("SELECT id FROM reports")}
    assert set(accepted) <= stored and len(stored) == len(accepted), "every 201 is stored, and only those"


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_in_flight_bound_refuses_past_it(relais_bin, tmp_path, backend):
    with contextlib.ExitStack() as stack:
        database = stack.enter_context(fresh_database()) if backend == "postgres" else None
        server = RelaisServer(relais_bin, tmp_path, database=database, extra_args=("--max-in-flight", "2", "--pool-size", "2"))
        try:
            accepted = check_answers(flood(server))
            # The probes are never refused, even under the flood's bound.
            assert requests.get(server.url + "/readyz", timeout=10).status_code == 200
        finally:
            server.stop()
        if database:
            out = psql(database, "SELECT id FROM reports")
            stored = {line.strip() for line in out.splitlines() if line.strip()}
        else:
            with sqlite3.connect(tmp_path / "relais.sqlite") as db:
                stored = {row[0] for row in db.execute("SELECT id FROM reports")}
        assert set(accepted) <= stored and len(stored) == len(accepted), "every 201 is stored, and only those"
