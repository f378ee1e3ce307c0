"""A real `relais serve` for the Python suites: a free loopback port (port 0, read back
from the banner), a throwaway SQLite file, and the demo tenant's API key."""
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def relais_binary() -> Path:
    path = Path(os.environ.get("RELAIS_BIN", REPO / ".build" / "debug" / "relais"))
    if not path.exists():
        raise RuntimeError(f"{path} is missing: run `swift build` first (scripts/test does)")
    return path


class RelaisServer:
    """A `relais serve` process; `url`, the demo tenant's `key`, and `stop()`."""

    def __init__(self, binary: Path, folder: Path | None = None, extra_args=(), env=None):
        self._own_folder = folder is None
        folder = Path(tempfile.mkdtemp(prefix="relais-test-")) if folder is None else folder
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
            if url is None and (m := re.search(r"open (http://127\.0\.0\.1:\d+)/ ", line)):
                url = m.group(1)
            if key is None and (m := re.search(r"\b(rls_[0-9a-f]{64})\b", line)):
                key = m.group(1)
        if url is None or key is None:
            raise RuntimeError("relais serve did not print its URL and demo key within 60 s")
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

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()
        if self._own_folder:
            shutil.rmtree(self.folder, ignore_errors=True)


