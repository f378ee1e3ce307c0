"""The throwaway PostgreSQL cluster that scripts/test starts (its URL in
RELAIS_TEST_POSTGRES_URL): psql against it, and a fresh database per test or module."""
import contextlib
import os
import secrets
import shutil
import subprocess
from glob import glob
from urllib.parse import urlsplit, urlunsplit

import pytest

URL_VARIABLE = "RELAIS_TEST_POSTGRES_URL"
TIMEOUT = 60  # seconds: any single request, command or wait in this suite


def server_url() -> str:
    """The cluster's URL; a missing one fails the test (Relais's suites never skip)."""
    url = os.environ.get(URL_VARIABLE, "").strip()
    if not url:
        pytest.fail(
            f"{URL_VARIABLE} is not set, so the PostgreSQL tests cannot run. scripts/test starts a "
            "throwaway cluster and sets it; by hand: URL=$(scripts/postgres-cluster start \"$(mktemp -d)\") "
            f"and {URL_VARIABLE}=$URL.", pytrace=False)
    return url


def psql_binary() -> str:
    found = shutil.which("psql") or next(iter(sorted(glob("/usr/lib/postgresql/*/bin/psql"), reverse=True)), None)
    if not found:
        pytest.fail("psql is missing: install Debian's postgresql package (scripts/postgres-cluster does)", pytrace=False)
    return found


def psql(url: str, sql: str) -> str:
    result = subprocess.run([psql_binary(), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql],
                            capture_output=True, text=True, timeout=TIMEOUT)
    if result.returncode != 0:
        raise AssertionError(f"psql {sql!r} failed: {result.stderr}")
    return result.stdout


def with_database(url: str, name: str) -> str:
    """The same server's URL with another database name (the query, such as sslmode, kept)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


@contextlib.contextmanager
def fresh_database():
    """The URL of a new, empty database in the cluster, dropped afterwards (connections and all)."""
    url = server_url()
    name = f"relais_t_{secrets.token_hex(6)}"
    psql(url, f"CREATE DATABASE {name}")
    try:
        yield with_database(url, name)
    finally:
        psql(url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
