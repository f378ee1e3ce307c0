"""Upgrading a database made by an earlier release: the current build applies only the steps
the database lacks (nothing twice), keeps every row, and leaves a schema equal to a new
database's, on SQLite and on PostgreSQL. The fixtures are SQL dumps of databases seeded by
the release of 2026-11-29 (scripts/make-upgrade-fixture): a tenant, four reports on two cases,
a moderator, a decision with its statement of reasons, audit entries, outbox events."""
import sqlite3
import subprocess
import tempfile
from pathlib import Path

import pytest

from postgres_testing import fresh_database, psql, psql_binary

FIXTURES = Path(__file__).resolve().parents[2] / "Tests" / "Fixtures" / "upgrade"
RELEASES = ["2026-11-29"]
# What each fixture holds, counted once here: an upgrade must keep all of it.
ROWS = {"tenants": 1, "reports": 4, "cases": 2, "moderators": 1, "decisions": 1, "statements_of_reasons": 1,
        "idempotency_keys": 3}


def migrate(binary, database):
    result = subprocess.run([str(binary), "migrate", "--database", database], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def sqlite_schema(path):
    with sqlite3.connect(path) as db:
        return sorted(db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall(),
                      key=lambda row: (row[0], row[1]))


@pytest.mark.parametrize("release", RELEASES)
def test_a_sqlite_database_from_an_earlier_release_upgrades_to_the_current_schema(relais_bin, release):
    with tempfile.TemporaryDirectory(prefix="relais-upgrade-") as folder:
        old, new = Path(folder) / "old.sqlite", Path(folder) / "new.sqlite"
        with sqlite3.connect(old) as db:
            db.executescript((FIXTURES / f"sqlite-{release}.sql").read_text())
            applied_before = [row[0] for row in db.execute("SELECT identifier FROM grdb_migrations")]
        migrate(relais_bin, f"sqlite:{old}")
        migrate(relais_bin, f"sqlite:{new}")
        assert sqlite_schema(old) == sqlite_schema(new)
        with sqlite3.connect(old) as db:
            applied = [row[0] for row in db.execute("SELECT identifier FROM grdb_migrations")]
            counts = {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in ROWS}
            audit = db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
        with sqlite3.connect(new) as db:
            applied_new = [row[0] for row in db.execute("SELECT identifier FROM grdb_migrations")]
        assert len(applied) == len(set(applied)), "a step was recorded twice"
        assert applied[:len(applied_before)] == applied_before and sorted(applied) == sorted(applied_new)
        assert counts == ROWS and audit >= 3


def postgres_schema(url):
    dump = subprocess.run([str(Path(psql_binary()).with_name("pg_dump")), "--schema-only", "--no-owner", "--no-privileges", "-d", url],
                          capture_output=True, text=True, timeout=120, check=True).stdout
    # Comments and session settings differ between dumps; the DDL is what must be equal.
    return [line for line in dump.splitlines() if line and not line.startswith("--") and not line.startswith("SET ")
            and "set_config" not in line and not line.startswith("\\restrict") and not line.startswith("\\unrestrict")]


@pytest.mark.parametrize("release", RELEASES)
def test_a_postgres_database_from_an_earlier_release_upgrades_to_the_current_schema(relais_bin, release):
    with fresh_database() as old, fresh_database() as new:
        subprocess.run([psql_binary(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", old, "-f", str(FIXTURES / f"postgres-{release}.sql")],
                       capture_output=True, text=True, timeout=120, check=True)
        applied_before = psql(old, "SELECT name FROM relais_migrations ORDER BY name").split()
        migrate(relais_bin, old)
        migrate(relais_bin, new)
        assert postgres_schema(old) == postgres_schema(new)
        applied = psql(old, "SELECT name FROM relais_migrations ORDER BY name").splitlines()
        assert applied == psql(new, "SELECT name FROM relais_migrations ORDER BY name").splitlines()
        assert len(applied) == len(set(applied)) and set(" ".join(applied).split()) >= set(applied_before)
        counts = {table: int(psql(old, f"SELECT COUNT(*) FROM {table}")) for table in ROWS}
        assert counts == ROWS and int(psql(old, "SELECT COUNT(*) FROM audit_log")) >= 3
