"""Shared fixtures for the Python suites: a real `relais serve` on a free loopback port
over a throwaway SQLite file, and the path of the built `relais` binary."""
import os
import re
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def relais_binary() -> Path:
    path = Path(os.environ.get("RELAIS_BIN", REPO / ".build" / "debug" / "relais"))
    if not path.exists():
        raise RuntimeError(f"{path} is missing: run `swift build` first (scripts/test does)")
    return path


@pytest.fixture(scope="session")
def relais_bin() -> Path:
    return relais_binary()


class RelaisServer:
    """A `relais serve` process; `url`, the demo tenant's `key`, and `stop()`."""

    def __init__(self, binary: Path, folder: Path, extra_args=(), env=None):
        self.folder = folder
        self.database = f"sqlite:{folder / 'relais.sqlite'}"
        self.log = open(folder / "serve.log", "w+")
        self.process = subprocess.Popen(
            [str(binary), "serve", "--port", "0", "--database", self.database, "--log-level", "warning", *extra_args],
            stdout=subprocess.PIPE, stderr=self.log, text=True, env={**os.environ, **(env or {})},
        )
        self.url, self.key = self._read_banner()

    def _read_banner(self):
        url = key = None
        deadline = time.time() + 60
        while time.time() < deadline and (url is None or key is None):
            line = self.process.stdout.readline()
            if not line:
                if self.process.poll() is not None:
                    self.log.seek(0)
                    raise RuntimeError(f"relais serve exited: {self.log.read()}")
                continue
            if url is None and (m := re.search(r"open (http://127\.0\.0\.1:\d+)/healthz", line)):
                url = m.group(1)
            if key is None and (m := re.search(r"\b(rls_[0-9a-f]{64})\b", line)):
                key = m.group(1)
        if url is None or key is None:
            raise RuntimeError("relais serve did not print its URL and demo key within 60 s")
        return url, key

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


@pytest.fixture(scope="module")
def server(relais_bin):
    with tempfile.TemporaryDirectory(prefix="relais-pytest-") as folder:
        s = RelaisServer(relais_bin, Path(folder))
        try:
            yield s
        finally:
            s.stop()


# A suite that cannot run must fail the command: a skipped test fails the session.
_skipped = []


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if _skipped and session.exitstatus == 0:
        print(f"\n{len(_skipped)} test(s) were skipped; Relais's suites never skip: {_skipped}")
        session.exitstatus = 1
