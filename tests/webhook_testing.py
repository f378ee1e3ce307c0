"""A webhook receiver on loopback for the suites, and the signature check of
docs/webhooks.md as a platform would write it."""
import hashlib
import hmac
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


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
    """A loopback webhook endpoint that records every request (`requests`: headers and body,
    in arrival order) and answers the scripted `statuses` (then 200), after `delay` seconds
    (so deliveries overlap in time). With `senders` (process ids), each request also records
    which of those processes sent it (`sender_of`)."""

    def __init__(self, delay=0.0):
        self.lock = threading.Lock()
        self.requests = []
        self.statuses = []
        self.senders = []
        self.sender_of = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                sender = sending_process(self.client_address[1], receiver.senders) if receiver.senders else None
                with receiver.lock:
                    receiver.requests.append((dict(self.headers), body))
                    receiver.sender_of.append(sender)
                    status = receiver.statuses.pop(0) if receiver.statuses else 200
                time.sleep(delay)
                self.send_response(status)
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

    def wait_for(self, count, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline and len(self.received()) < count:
            time.sleep(0.05)
        return len(self.received()) >= count

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def signature_ok(secret: str, headers: dict, body: bytes) -> bool:
    """The verification of docs/webhooks.md, as a platform would write it."""
    timestamp = headers.get("Relais-Timestamp", "")
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > 5 * 60:
        return False
    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return any(
        hmac.compare_digest(entry.strip().removeprefix("v1="), expected)
        for entry in headers.get("Relais-Signature", "").split(",")
        if entry.strip().startswith("v1=")
    )
