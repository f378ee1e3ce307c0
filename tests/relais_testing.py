"""A real `relais serve` for the Python suites: a free loopback port (port 0, read back
from the banner), a throwaway SQLite file (or the database URL given), and the demo tenant's
API key."""
import json
import os
import pty
import re
import select
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# scripts/test sets this: every server's log (stderr) is kept there when it stops, and the
# run's last step (tests/scan_logs.py) scans them all for personal data and secrets.
RUN_LOG_DIR = os.environ.get("RELAIS_TEST_LOG_DIR")


def relais_binary() -> Path:
    path = Path(os.environ.get("RELAIS_BIN", REPO / ".build" / "debug" / "relais"))
    if not path.exists():
        raise RuntimeError(f"{path} is missing: run `swift build` first (scripts/test does)")
    return path


class RelaisServer:
    """A `relais serve` process; `url`, the demo tenant's `key`, and `stop()`.

    By default it serves a throwaway SQLite file in `folder` and needs the banner to print the
    demo key (a first start). With `database=` (a URL such as postgres://…, shared by several
    instances) the key is optional: `key` is None when the banner prints none, as on a
    database where another instance created the demo tenant."""

    def __init__(self, binary: Path, folder: Path | None = None, extra_args=(), env=None, database: str | None = None):
        self._own_folder = folder is None
        folder = Path(tempfile.mkdtemp(prefix="relais-test-")) if folder is None else folder
        self.folder = folder
        self._key_required = database is None
        self.database = f"sqlite:{folder / 'relais.sqlite'}" if database is None else database
        self.log = open(folder / "serve.log", "w+")
        self.process = subprocess.Popen(
            [str(binary), "serve", "--port", "0", "--database", self.database, "--log-level", "warning", *extra_args],
            stdout=subprocess.PIPE, stderr=self.log, env={**os.environ, **(env or {})},
        )
        try:
            self.url, self.key = self._read_banner()
        except BaseException:
            self.stop()
            raise

    def _read_banner(self):
        """The URL and the key (or None) from the banner. The banner is one write, so once its
        first line is in, the key line is too if there is one; a short grace covers the rest."""
        url = key = None
        text = ""
        fd = self.process.stdout.fileno()
        deadline = time.time() + 60
        url_seen_at = None
        while time.time() < deadline:
            if url is not None and (key is not None or (not self._key_required and time.time() - url_seen_at > 0.5)):
                break
            ready, _, _ = select.select([fd], [], [], 0.1)
            chunk = os.read(fd, 65536) if ready else b""
            if ready and not chunk or (not ready and self.process.poll() is not None):
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    pass
                self.log.seek(0)
                raise RuntimeError(f"relais serve exited ({self.process.returncode}): {self.log.read()}")
            text += chunk.decode("utf-8", "replace")
            if url is None and (m := re.search(r"open (http://127\.0\.0\.1:\d+)/ ", text)):
                url, url_seen_at = m.group(1), time.time()
            if key is None and (m := re.search(r"\b(rls_[0-9a-f]{64})\b", text)):
                key = m.group(1)
        if url is None or (key is None and self._key_required):
            raise RuntimeError(f"relais serve did not print its URL and demo key within 60 s; stdout so far: {text!r}")
        self.banner = text
        return url, key

    @property
    def base_url(self):
        return self.url

    @property
    def api_key(self):
        return self.key

    def api_get(self, path):
        """GET an API path with the demo tenant's key; the decoded JSON."""
        request = urllib.request.Request(self.url + path, headers={"Authorization": f"Bearer {self.key}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def log_text(self):
        """What the server wrote to its log (stderr) so far."""
        self.log.flush()
        return (self.folder / "serve.log").read_text(errors="replace")

    def stop(self):
        if self.log.closed:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()
        keep_log(self.folder / "serve.log", f"serve-{self.process.pid}")
        if self._own_folder:
            shutil.rmtree(self.folder, ignore_errors=True)


def keep_log(path: Path, name: str):
    """Copies a server's log into the run-wide folder (when there is one) for the final scan."""
    if RUN_LOG_DIR and path.exists():
        folder = Path(RUN_LOG_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, folder / f"{name}-{time.time_ns()}.log")


def answer_prompts(cmd, cwd, env, password, timeout=120):
    """Runs the shell command `cmd` on a terminal, typing `password` (or what the callable
    `password` returns) at each prompt (a line ending in ': '); its exit status and everything the terminal showed."""
    main, secondary = pty.openpty()
    process = subprocess.Popen(cmd, shell=True, cwd=cwd, env=env, stdin=secondary, stdout=secondary, stderr=secondary,
                               executable="/bin/bash")
    os.close(secondary)
    output, buffer, end = "", "", time.time() + timeout
    try:
        while time.time() < end:
            ready, _, _ = select.select([main], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(main, 4096).decode("utf-8", "replace")
                except OSError:
                    break
                output += chunk
                buffer += chunk
                last = buffer.rsplit("\n", 1)[-1]
                if last.endswith(": ") and not last.startswith("Error"):
                    os.write(main, ((password() if callable(password) else password) + "\n").encode())
                    buffer = ""
            elif process.poll() is not None:
                break
        return process.wait(timeout=10), output
    finally:
        os.close(main)


def wait_until(predicate, timeout=60, interval=0.1):
    """Polls predicate until it is truthy or the timeout passes; its last value."""
    deadline = time.time() + timeout
    while True:
        value = predicate()
        if value or time.time() >= deadline:
            return value
        time.sleep(interval)
