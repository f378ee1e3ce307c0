"""Helpers for the PostgreSQL suite: a fresh database per test in the throwaway cluster that
scripts/test starts (its URL in RELAIS_TEST_POSTGRES_URL), the `relais` command line against
it, requests fired at several instances at the same instant, and a webhook receiver."""
import hashlib
import hmac
import json
import os
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from postgres_testing import TIMEOUT


def relais(binary, *args, database: str, json_output=False):
    """`relais ARGS --database DB`; the decoded JSON with json_output, else the completed process."""
    command = [str(binary), *args, "--database", database] + (["--json"] if json_output else [])
    result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
    if result.returncode != 0:
        raise AssertionError(f"relais {' '.join(args)} failed ({result.returncode}): {result.stderr}")
    return json.loads(result.stdout) if json_output else result


def concurrently(calls):
    """Runs every call in its own thread, all released at the same instant; their results in
    order. The first exception is raised once all have finished."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait(timeout=TIMEOUT)
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        futures = [pool.submit(run, call) for call in calls]
        return [future.result(timeout=4 * TIMEOUT) for future in futures]


def report_body(subject_id: str, reporter_id: str, text="you are worthless", category="harassment") -> dict:
    return {
        "surface": "web", "category": category, "goodFaith": True,
        "reporter": {"id": reporter_id, "country": "FR", "locale": "fr-FR", "ageBracket": "13-17", "isTarget": True},
        "subject": {"kind": "comment", "id": subject_id, "authorId": "u-author", "text": text},
    }


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def wait_until(predicate, timeout=TIMEOUT, interval=0.1):
    """Polls predicate until it is truthy or the timeout passes; its last value."""
    deadline = time.time() + timeout
    while True:
        value = predicate()
        if value or time.time() >= deadline:
            return value
        time.sleep(interval)


def sending_process(peer_port: int, pids) -> int | None:
    """Which of the processes `pids` owns the loopback TCP socket whose local port is
    peer_port (Linux /proc), or None: tells which instance sent a webhook."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == peer_port:
                inodes.add(f"socket:[{fields[9]}]")
    for pid in pids:
        try:
            descriptors = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue
        for descriptor in descriptors:
            try:
                if os.readlink(f"/proc/{pid}/fd/{descriptor}") in inodes:
                    return pid
            except OSError:
                continue
    return None


class Receiver:
    """A loopback webhook endpoint that records every request and answers 200, after `delay`
    seconds (so deliveries overlap in time). With `senders` (process ids), each request also
    records which of those processes sent it."""

    def __init__(self, delay=0.0):
        self.lock = threading.Lock()
        self.requests = []  # (headers, body) in arrival order
        self.senders = []  # pids, as each request arrives
        self.sender_of = []  # for each request: the sending pid, or None
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                sender = sending_process(self.client_address[1], receiver.senders) if receiver.senders else None
                with receiver.lock:
                    receiver.requests.append((dict(self.headers), body))
                    receiver.sender_of.append(sender)
                time.sleep(delay)
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def received(self):
        with self.lock:
            return list(self.requests)

    def event_ids(self):
        return [headers.get("Relais-Event-Id") for headers, _ in self.received()]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def signature_ok(secret: str, headers: dict, body: bytes) -> bool:
    """The verification of docs/webhooks.md."""
    timestamp = headers.get("Relais-Timestamp", "")
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > 5 * 60:
        return False
    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return any(hmac.compare_digest(entry.strip().removeprefix("v1="), expected)
               for entry in headers.get("Relais-Signature", "").split(",") if entry.strip().startswith("v1="))
