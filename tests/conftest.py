"""Shared fixtures for the Python suites: a real `relais serve` on a free loopback port, over
a throwaway SQLite file and again over a fresh PostgreSQL database (the API contract suite runs
on both), and the path of the built `relais` binary."""
import contextlib
import tempfile
from pathlib import Path

import pytest

from postgres_testing import fresh_database
from relais_testing import RelaisServer, relais_binary


@pytest.fixture(scope="session")
def relais_bin() -> Path:
    return relais_binary()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def server(relais_bin, request):
    with contextlib.ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="relais-pytest-")))
        database = stack.enter_context(fresh_database()) if request.param == "postgres" else None
        s = RelaisServer(relais_bin, folder, database=database)
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
