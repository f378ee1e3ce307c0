"""Fixtures for the Transparency Database suite: the stand-in on loopback, and a `relais serve`
(SQLite) pointed at it, stopped and closed after each test."""
import pytest

from relais_testing import RelaisServer
from tdb_standin import TransparencyDatabase
from dsa_testing import write_config


@pytest.fixture
def standin():
    db = TransparencyDatabase()
    yield db
    db.close()


@pytest.fixture
def serve(relais_bin, tmp_path, standin):
    """serve(token=…, extra=(), token_file=…): a server whose tenant `demo` sends to the stand-in
    (its token from RELAIS_TEST_TDB_TOKEN, or from `token_file` when given)."""
    started = []

    def start(token=None, extra=(), folder=None, token_file=None):
        folder = folder or tmp_path / f"instance-{len(started) + 1}"
        folder.mkdir(exist_ok=True)
        config = write_config(tmp_path, standin, token_file=token_file)
        database = f"sqlite:{tmp_path / 'relais.sqlite'}"
        server = RelaisServer(
            relais_bin, folder, database=database,
            extra_args=["--config", str(config), "--dsa-poll-interval", "0.2", "--dsa-claim-lease", "3", *extra],
            env={"RELAIS_TEST_TDB_TOKEN": token or standin.token})
        started.append(server)
        return server

    yield start
    for server in started:
        text = server.log_text() if not server.log.closed else ""
        server.stop()
        print(server.folder.name, text[-4000:])
