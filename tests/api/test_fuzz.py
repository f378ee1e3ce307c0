"""schemathesis (PyPI) over openapi.yaml against a live server, on SQLite and on PostgreSQL,
with a bounded number of generated requests per operation: no answer is a server error and
every answer matches the document's schema. The tenant routes run with the demo key, the
moderation routes with a moderator's token."""
import shutil
import subprocess

import pytest

from relais_testing import REPO

DOCUMENT = REPO / "Sources" / "RelaisServer" / "Resources" / "openapi.yaml"
EXAMPLES = "12"  # per operation and phase: enough to reach every validation branch, seconds in all


def schemathesis(url, token, *selection):
    binary = shutil.which("st")
    if binary is None:
        pytest.fail("schemathesis is missing: pip install -r tests/requirements.txt (scripts/test does)", pytrace=False)
    result = subprocess.run(
        [binary, "run", str(DOCUMENT), "--url", url, "-H", f"Authorization: Bearer {token}",
         "--checks", "not_a_server_error,response_schema_conformance", "--max-examples", EXAMPLES,
         "--phases", "examples,fuzzing", "--seed", "20261202", "--no-color", *selection],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout, "schemathesis generated requests"


def test_no_server_error_and_every_answer_matches_the_document(server, relais_bin):
    schemathesis(server.url, server.key, "--exclude-path-regex", "^/v1/moderation")
    created = subprocess.run([str(relais_bin), "users", "create", "fuzz", "--tenant", "demo", "--role", "moderator",
                              "--database", server.database, "--json"], capture_output=True, text=True, timeout=60)
    if created.returncode != 0 and "already exists" in created.stderr:
        created = subprocess.run([str(relais_bin), "users", "token", "fuzz", "--database", server.database, "--json"],
                                 capture_output=True, text=True, timeout=60)
    assert created.returncode == 0, created.stderr
    token = __import__("json").loads(created.stdout)["token"]
    schemathesis(server.url, token, "--include-path-regex", "^/v1/moderation")
