"""SIGTERM during a report load with webhooks being delivered: the server stops accepting,
answers what it took, exits cleanly; after a restart every acknowledged (201) report is there,
and the receiver never saw one webhook-id twice (a batch in flight is finished and marked
before the worker stops, so nothing is left claimed to be sent again)."""
import collections
import signal
import threading
import time

import requests

from relais_testing import RelaisServer
from test_cli import run
from webhook_testing import Receiver

REPORT = {"surface": "web", "category": "harassment", "goodFaith": True,
          "reporter": {"id": "u", "country": "FR", "locale": "fr-FR", "ageBracket": "13-17", "isTarget": True},
          "subject": {"kind": "comment", "id": "c"}}


def webhook_ids(receiver):
    """The webhook-id of every request received (header names are case-insensitive)."""
    return [{name.lower(): value for name, value in headers.items()}["webhook-id"] for headers, _ in receiver.received()]


def test_sigterm_drains_and_delivers_nothing_twice(relais_bin, tmp_path):
    receiver = Receiver(delay=0.05)  # deliveries take a while, so some are in flight at SIGTERM
    server = RelaisServer(relais_bin, tmp_path, extra_args=("--webhook-poll-interval", "0.05", "--webhook-batch-size", "20"))
    run(relais_bin, "webhooks", "set", "demo", receiver.url, "--database", server.database)
    acknowledged, lock, stop = [], threading.Lock(), threading.Event()
    refused = collections.Counter()

    def load(worker):
        session = requests.Session()
        n = 0
        while not stop.is_set():
            n += 1
            body = {**REPORT, "reporter": {**REPORT["reporter"], "id": f"t-{worker}-{n}"}, "subject": {"kind": "comment", "id": f"c-{worker}-{n}"}}
            try:
                answer = session.post(server.url + "/v1/reports", json=body, timeout=10,
                                      headers={"Authorization": f"Bearer {server.key}", "Idempotency-Key": f"t-{worker}-{n}"})
            except requests.RequestException:
                refused["no answer"] += 1  # the server stopped accepting: not acknowledged
                time.sleep(0.01)
                continue
            if answer.status_code == 201:
                with lock:
                    acknowledged.append(answer.json()["id"])
            else:
                refused[answer.status_code] += 1

    workers = [threading.Thread(target=load, args=(w,)) for w in range(8)]
    for worker in workers:
        worker.start()
    deadline = time.time() + 30
    while time.time() < deadline and (len(acknowledged) < 200 or len(receiver.received()) < 20):
        time.sleep(0.05)
    assert len(acknowledged) >= 200 and receiver.received(), "load and deliveries were running"
    server.process.send_signal(signal.SIGTERM)
    code = server.process.wait(timeout=30)
    stop.set()
    for worker in workers:
        worker.join(timeout=15)
    assert code == 0, f"a clean exit after SIGTERM, not {code}: {server.log_text()[-2000:]}"
    assert not refused.keys() - {"no answer"}, f"nothing but refused connections after SIGTERM: {refused}"
    delivered_before_restart = len(receiver.received())
    server.stop()

    restarted = RelaisServer(relais_bin, tmp_path, database=server.database,
                             extra_args=("--webhook-poll-interval", "0.05", "--webhook-batch-size", "50"))
    try:
        auth = {"Authorization": f"Bearer {server.key}"}
        session = requests.Session()
        missing = [r for r in acknowledged if session.get(restarted.url + f"/v1/reports/{r}", headers=auth, timeout=10).status_code != 200]
        assert not missing, f"{len(missing)} of {len(acknowledged)} acknowledged reports lost"
        # The restarted worker sends the rest; then every event has been received exactly once.
        deadline = time.time() + 60
        while time.time() < deadline and len(set(webhook_ids(receiver))) < len(acknowledged):
            time.sleep(0.1)
    finally:
        restarted.stop()
    ids = webhook_ids(receiver)
    duplicates = [i for i, n in collections.Counter(ids).items() if n > 1]
    assert not duplicates, f"{len(duplicates)} webhook-ids delivered twice (of {len(ids)}; {delivered_before_restart} before SIGTERM's exit)"
    assert len(set(ids)) >= len(acknowledged), "one event per acknowledged report, all delivered"
