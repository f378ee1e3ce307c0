"""A stand-in for the DSA Transparency Database API on loopback, implementing the behaviour
documented in shared/reference/dsa-notes.md §1 (read from the Database's source):

- bearer token required: 401 without it or with a wrong one, 403 when `forbidden` is set;
- POST /api/v1/statements: `{"statements": [...]}` with 1–100 items, all or nothing:
  - a 422 `{"errors": {"statement_N": {field: [messages]}}}` (no top-level message) when any
    item fails validation (the required fields of §1.3, the puid rule, and any puid the test
    lists in `refuse`, standing for a rule Relais does not know);
  - a 422 `{"message": "The platform identifier(s) are not all unique within this call.",
    "errors": {"puid": [...], "existing_puids": [...]}}` when a puid repeats within the call or
    is already stored;
  - 201 `{"statements": [{...input, uuid, created_at, platform_name, self, permalink}]}`;
- GET /api/v1/statement/existing-puid/{puid}: 302 or 404 with `{"message", "puid"}`;
- failures the test queues in `fail_next`: 429 with the plain body
  `Limit Reached. Please do not overload the API`, any 5xx, or `"drop"` (store the batch,
  then close the connection without answering, as a crash between the Database's commit and
  its answer would look to Relais).

Every request body is kept (`bodies`), for the personal-data scanner."""
import json
import re
import threading
import uuid as uuidlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PUID = re.compile(r"^[a-zA-Z0-9-_]+$")
REQUIRED = ["decision_ground", "content_type", "category", "content_date", "application_date", "decision_facts", "source_type",
            "automated_detection", "automated_decision", "puid"]
LIMIT_BODY = "Limit Reached. Please do not overload the API"


class TransparencyDatabase:
    def __init__(self, token="1|stand-in-token"):
        self.token = token
        self.forbidden = False
        self.lock = threading.Lock()
        self.stored = {}          # puid -> statement as stored
        self.created_count = {}   # puid -> how many times a call created it (must stay 1)
        self.fail_next = []       # statuses (int) or "drop", consumed one per POST
        self.refuse = {}          # puid -> {field: [messages]}
        self.bodies = []          # every POST body, raw bytes
        self.calls = []           # (method, path, status)
        self.batch_sizes = []     # items per POST
        db = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def answer(self, status, payload=None, text=None):
                body = text.encode() if text is not None else json.dumps(payload).encode()
                with db.lock:
                    db.calls.append((self.command, self.path, status))
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "text/plain" if text is not None else "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up on this call

            def authorized(self):
                if self.headers.get("Authorization") != f"Bearer {db.token}":
                    self.answer(401, {"message": "Unauthenticated."})
                    return False
                if db.forbidden:
                    self.answer(403, {"message": "User does not have the right permissions."})
                    return False
                return True

            def do_GET(self):
                if not self.authorized():
                    return
                prefix = "/api/v1/statement/existing-puid/"
                if self.path.startswith(prefix):
                    puid = self.path[len(prefix):]
                    with db.lock:
                        found = puid in db.stored
                    if found:
                        self.answer(302, {"message": "statement of reason found", "puid": puid})
                    else:
                        self.answer(404, {"message": "statement of reason not found", "puid": puid})
                    return
                self.answer(404, {"message": "Not Found"})

            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                raw = self.rfile.read(length)
                with db.lock:
                    db.bodies.append(raw)
                if not self.authorized():
                    return
                if self.path != "/api/v1/statements":
                    self.answer(404, {"message": "Not Found"})
                    return
                with db.lock:
                    failure = db.fail_next.pop(0) if db.fail_next else None
                if failure == 429:
                    self.answer(429, text=LIMIT_BODY)
                    return
                if isinstance(failure, int):
                    self.answer(failure, {"message": "Server Error"})
                    return
                try:
                    statements = json.loads(raw)["statements"]
                    assert isinstance(statements, list)
                except Exception:
                    self.answer(422, {"message": "The statements field is required.", "errors": {"statements": ["The statements field is required."]}})
                    return
                with db.lock:
                    db.batch_sizes.append(len(statements))
                if not 1 <= len(statements) <= 100:
                    self.answer(422, {"message": "The statements field must have between 1 and 100 items.",
                                      "errors": {"statements": ["The statements field must have between 1 and 100 items."]}})
                    return
                errors = {}
                for index, statement in enumerate(statements):
                    problems = {field: [f"The {field.replace('_', ' ')} field is required."] for field in REQUIRED if statement.get(field) in (None, "", [])}
                    if not PUID.match(str(statement.get("puid", ""))):
                        problems.setdefault("puid", []).append("The puid format is invalid.")
                    problems.update(db.refuse.get(statement.get("puid"), {}))
                    if problems:
                        errors[f"statement_{index}"] = problems
                if errors:
                    self.answer(422, {"errors": errors})
                    return
                puids = [s["puid"] for s in statements]
                with db.lock:
                    repeated = sorted({p for p in puids if puids.count(p) > 1})
                    existing = sorted({p for p in puids if p in db.stored})
                    if repeated or existing:
                        message = "The platform identifier(s) are not all unique within this call."
                        duplicate = {"message": message, "errors": {"puid": [message], "existing_puids": existing}}
                    else:
                        duplicate = None
                        created = []
                        for statement in statements:
                            made = dict(statement, uuid=str(uuidlib.uuid4()), created_at="2026-12-02 10:00:00", platform_name="Stand-in")
                            made["permalink"] = f"http://stand-in/statement/{made['uuid']}"
                            made["self"] = f"http://stand-in/api/v1/statement/{made['uuid']}"
                            db.stored[statement["puid"]] = made
                            db.created_count[statement["puid"]] = db.created_count.get(statement["puid"], 0) + 1
                            created.append(made)
                if duplicate:
                    self.answer(422, duplicate)
                    return
                if failure == "drop":
                    # Stored, but the answer never arrives.
                    with db.lock:
                        db.calls.append((self.command, self.path, "dropped"))
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                self.answer(201, {"statements": created})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def count(self, status=None):
        with self.lock:
            return sum(1 for c in self.calls if status is None or c[2] == status)

    def close(self):
        self.server.shutdown()
        self.server.server_close()
