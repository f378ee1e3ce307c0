"""Fixtures for the PostgreSQL suite: one fresh database per test in the cluster named by
RELAIS_TEST_POSTGRES_URL (dropped afterwards), and real `relais serve` processes on it, all
stopped at the end of the test. A missing URL fails the tests: nothing is skipped."""
import itertools
import threading

import pytest

from postgres_support import relais
from postgres_testing import fresh_database
from relais_testing import RelaisServer


@pytest.fixture
def database(relais_bin):
    """The URL of a new, empty database, dropped after the test (connections and all)."""
    with fresh_database() as url:
        yield url


@pytest.fixture
def start_instance(relais_bin, database, tmp_path):
    """start_instance(*extra_args): one more `relais serve` on the test's database."""
    started, numbers, lock = [], itertools.count(1), threading.Lock()

    def start(*extra_args):
        with lock:
            folder = tmp_path / f"instance-{next(numbers)}"
        folder.mkdir()
        server = RelaisServer(relais_bin, folder, extra_args=extra_args, database=database)
        with lock:
            started.append(server)
        return server

    try:
        yield start
    finally:
        for server in started:
            server.stop()
        for server in started:
            # Shown by pytest only when the test failed.
            log = (server.folder / "serve.log").read_text(errors="replace").splitlines()
            print(f"--- {server.folder.name} ({server.url}) serve.log, last {min(len(log), 80)} of {len(log)} lines ---")
            print("\n".join(log[-80:]))


@pytest.fixture
def tenant(relais_bin, database):
    """A tenant `acme` created with the CLI: its name and API key."""
    created = relais(relais_bin, "tenants", "create", "acme", database=database, json_output=True)
    return created["tenant"], created["apiKey"]


@pytest.fixture
def two_instances(start_instance, tenant):
    """Two `relais serve` processes on the same database, with the tenant already there."""
    return start_instance(), start_instance()
