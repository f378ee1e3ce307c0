"""The `relais` command line: tenants, support, migrate, and the serve banner."""
import json
import time
import subprocess
import tempfile
from pathlib import Path

import pytest
import requests

from relais_testing import RelaisServer, answer_prompts


def run(binary, *args, check=True):
    result = subprocess.run([str(binary), *args], capture_output=True, text=True, timeout=120)
    if check and result.returncode != 0:
        raise AssertionError(f"relais {' '.join(args)} failed: {result.stderr}")
    return result


@pytest.fixture
def database():
    with tempfile.TemporaryDirectory(prefix="relais-cli-") as folder:
        yield f"sqlite:{Path(folder) / 'cli.sqlite'}"


def test_tenants_create_list_rotate(relais_bin, database):
    created = json.loads(run(relais_bin, "tenants", "create", "acme", "--database", database, "--json").stdout)
    assert created["tenant"] == "acme"
    assert created["apiKey"].startswith("rls_") and len(created["apiKey"]) == 68

    listed = json.loads(run(relais_bin, "tenants", "list", "--database", database, "--json").stdout)
    assert [t["name"] for t in listed] == ["acme"]
    assert created["apiKey"] not in json.dumps(listed), "keys are never listed"
    assert created["apiKey"].startswith(listed[0]["keyPrefix"])

    rotated = json.loads(run(relais_bin, "tenants", "rotate-key", "acme", "--database", database, "--json").stdout)
    assert rotated["apiKey"] != created["apiKey"]

    duplicate = run(relais_bin, "tenants", "create", "acme", "--database", database, check=False)
    assert duplicate.returncode != 0
    assert "already exists" in duplicate.stderr
    missing = run(relais_bin, "tenants", "rotate-key", "nobody", "--database", database, check=False)
    assert missing.returncode != 0 and "no tenant named 'nobody'" in missing.stderr
    human = run(relais_bin, "tenants", "create", "beta", "--database", database).stdout
    assert "rls_" in human and "shown only this once" in human


def test_rotated_key_works_on_a_running_server(relais_bin):
    with tempfile.TemporaryDirectory(prefix="relais-cli-") as folder:
        server = RelaisServer(relais_bin, Path(folder))
        try:
            old = {"Authorization": f"Bearer {server.key}"}
            assert requests.get(server.url + "/v1/support?country=FR", headers=old, timeout=10).status_code == 200
            new_key = json.loads(run(relais_bin, "tenants", "rotate-key", "demo", "--database", server.database, "--json").stdout)["apiKey"]
            # The server keeps each key's tenant for at most 2 s (TenantKeyCache): the old key
            # must stop within that bound, measured from the rotation's end.
            rotated_at = time.monotonic()
            while requests.get(server.url + "/v1/support?country=FR", headers=old, timeout=10).status_code == 200:
                assert time.monotonic() - rotated_at < 2.5, "the old key still works past the 2 s bound"
                time.sleep(0.05)
            assert requests.get(server.url + "/v1/support?country=FR", headers=old, timeout=10).status_code == 401
            new = {"Authorization": f"Bearer {new_key}"}
            assert requests.get(server.url + "/v1/support?country=FR", headers=new, timeout=10).status_code == 200
        finally:
            server.stop()


def test_serve_creates_the_demo_tenant_once(relais_bin):
    with tempfile.TemporaryDirectory(prefix="relais-cli-") as folder:
        first = RelaisServer(relais_bin, Path(folder))
        first.stop()
        second = subprocess.Popen(
            [str(relais_bin), "serve", "--port", "0", "--database", first.database],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            banner = second.stdout.readline()
            assert "Relais is running: open http://127.0.0.1:" in banner
            second.terminate()
            rest = second.communicate(timeout=15)[0]
            assert "rls_" not in banner + rest, "the demo key is printed only on first start"
        finally:
            if second.poll() is None:
                second.kill()


def test_support_card_json_at_an_instant(relais_bin):
    open_card = json.loads(run(relais_bin, "support", "--country", "FR", "--category", "harassment",
                               "--at", "2026-11-29T15:00:00+01:00", "--locale", "fr-FR", "--json").stdout)
    assert open_card["helplines"][0]["id"] == "fr-3018"
    assert open_card["helplines"][0]["open"] is True
    call = {"kind": "call", "uri": "tel:3018", "label": "Appeler le 3018", "open": True, "channel": "phone"}
    assert call in open_card["helplines"][0]["actions"]

    closed = json.loads(run(relais_bin, "support", "--country", "FR", "--category", "harassment",
                            "--at", "2026-11-29T22:30:00+01:00", "--age", "13-17", "--json").stdout)
    assert closed["helplines"][0]["id"] == "fr-3018" and closed["helplines"][0]["open"] is True, "22:30 is before 23:00"

    late = json.loads(run(relais_bin, "support", "--country", "FR", "--at", "2026-11-29T23:00:00+01:00",
                          "--age", "13-17", "--json").stdout)
    # The emergency line whose topics name harassment: the 17 (the 112's research names threats).
    assert [h["id"] for h in late["helplines"]] == ["fr-119", "fr-3018", "fr-17"]
    assert late["helplines"][1]["opensAt"] == "2026-11-30T09:00:00+01:00"


def test_support_card_for_a_person(relais_bin):
    text = run(relais_bin, "support", "--country", "FR", "--category", "threat", "--at", "2026-11-29T12:00:00Z", "--locale", "en").stdout
    assert text.splitlines()[0] == "If you are in danger"
    # 112 first (its topics name threats), named in English as EU law names it.
    assert "1. 112 – European emergency number — OPEN" in text
    assert "tel:3018" in text
    none = run(relais_bin, "support", "--country", "FR", "--category", "spam").stdout
    assert "does not show one" in none


def test_support_with_a_tenant_config(relais_bin, tmp_path):
    config = tmp_path / "relais.json"
    config.write_text(json.dumps({"tenants": {"tiktok": {"rollout": {"surfaces": {"app": {"presentation": "link"}}}}}}))
    card = json.loads(run(relais_bin, "support", "--country", "FR", "--surface", "app", "--config", str(config),
                          "--tenant", "tiktok", "--at", "2026-11-29T15:00:00+01:00", "--json").stdout)
    assert card["presentation"] == "link"
    assert all(a["kind"] != "call" for a in card["helplines"][0]["actions"])
    config.write_text(json.dumps({"tenants": {"tiktok": {"rollout": {"percentage": 140}}}}))
    bad = run(relais_bin, "support", "--country", "FR", "--config", str(config), "--tenant", "tiktok", check=False)
    assert bad.returncode != 0 and "percentage" in bad.stderr


@pytest.mark.parametrize("args, message", [
    (["--country", "XX"], "not an ISO 3166-1"),
    (["--country", "FR", "--category", "bullying"], "is not one of"),
    (["--country", "FR", "--at", "tomorrow"], "--at"),
    (["--country", "FR", "--age", "12"], "--age"),
])
def test_support_rejects_bad_arguments(relais_bin, args, message):
    result = run(relais_bin, "support", *args, check=False)
    assert result.returncode != 0
    assert message in result.stderr


def test_migrate_and_database_errors(relais_bin, database):
    assert "is up to date" in run(relais_bin, "migrate", "--database", database).stdout
    assert "is up to date" in run(relais_bin, "migrate", "--database", database).stdout
    bad = run(relais_bin, "migrate", "--database", "mysql://x", check=False)
    assert bad.returncode != 0 and "unsupported database" in bad.stderr


def test_users_create_token_list(relais_bin, database):
    run(relais_bin, "tenants", "create", "acme", "--database", database)
    created = json.loads(run(relais_bin, "users", "create", "mia", "--tenant", "acme", "--role", "moderator", "--database", database, "--json").stdout)
    assert created["name"] == "mia" and created["tenant"] == "acme" and created["role"] == "moderator"
    assert created["token"].startswith("rlm_") and len(created["token"]) == 68

    fresh = json.loads(run(relais_bin, "users", "token", "mia", "--database", database, "--json").stdout)
    assert fresh["token"] != created["token"]

    listed = json.loads(run(relais_bin, "users", "list", "--database", database, "--json").stdout)
    assert [(u["name"], u["tenant"], u["role"]) for u in listed] == [("mia", "acme", "moderator")]
    assert fresh["token"].startswith(listed[0]["tokenPrefix"])
    assert fresh["token"] not in json.dumps(listed), "tokens are never listed"

    for args in (["users", "create", "x", "--tenant", "acme", "--role", "boss"], ["users", "create", "x", "--tenant", "nobody"],
                 ["users", "create", "mia", "--tenant", "acme"], ["users", "token", "ghost"]):
        refused = run(relais_bin, *args, "--database", database, check=False)
        assert refused.returncode != 0 and "Error" in refused.stderr


def test_users_password_from_stdin(relais_bin, database):
    run(relais_bin, "tenants", "create", "acme", "--database", database)
    run(relais_bin, "users", "create", "mia", "--tenant", "acme", "--database", database)
    ok = subprocess.run([str(relais_bin), "users", "password", "mia", "--database", database],
                        input="a long enough password\n", capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert "Password set for 'mia'" in ok.stdout and "a long enough password" not in ok.stdout
    for name, password, message in (("mia", "too short\n", "at least 12 characters"),
                                    ("ghost", "a long enough password\n", "no user named 'ghost'")):
        refused = subprocess.run([str(relais_bin), "users", "password", name, "--database", database],
                                 input=password, capture_output=True, text=True, timeout=120)
        assert refused.returncode != 0 and message in refused.stderr


def test_users_password_asks_twice_without_echo_on_a_terminal(relais_bin, database):
    run(relais_bin, "tenants", "create", "demo", "--database", database)
    run(relais_bin, "users", "create", "mia", "--tenant", "demo", "--database", database)
    cmd = f"'{relais_bin}' users password mia --database '{database}'"
    status, output = answer_prompts(cmd, None, None, "a long enough password")
    assert status == 0, output
    assert "New console password for 'mia'" in output and "The same password again" in output
    assert "a long enough password" not in output, "the password is not echoed"
    assert "Password set for 'mia'" in output
    # Two different answers: refused, nothing changed.
    answers = iter(["a long enough password", "another long password"])
    status, output = answer_prompts(cmd, None, None, lambda: next(answers, ""))
    assert status != 0 and "the two passwords differ" in output
