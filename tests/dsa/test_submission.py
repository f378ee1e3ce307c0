"""Statements of reasons sent to the DSA Transparency Database by `relais serve` and
`relais dsa submit`, against the stand-in (tdb_standin.py) on loopback: batches of at most
100, all-or-nothing 422s, duplicate puids, 401, 429 and 5xx, restarts, and no personal data
in anything sent."""
import os
import signal
import subprocess

import requests

from dsa_testing import make_statements, moderator, scan_for_personal_data, submissions, wait_until, write_config


def test_every_statement_is_sent_once_in_batches_of_at_most_100_with_nothing_personal(serve, standin, relais_bin):
    server = serve()
    mod = moderator(relais_bin, server.database)
    cases = make_statements(server, server.key, mod, 130)
    assert wait_until(lambda: len(standin.stored) == 130, timeout=90), f"{len(standin.stored)} of 130 stored"
    assert max(standin.batch_sizes) <= 100 and sum(standin.batch_sizes) >= 130
    assert set(standin.created_count.values()) == {1}
    shown = wait_until(lambda: all(s["status"] == "sent" for s in submissions(server, mod, cases[0])) and submissions(server, mod, cases[0]))
    stored = standin.stored[shown[0]["puid"]]
    assert shown[0]["uuid"] == stored["uuid"] and shown[0]["permalink"] == stored["permalink"] and shown[0]["sentAt"]
    scan_for_personal_data(standin.bodies)
    assert standin.token not in server.log_text()


def test_a_refused_statement_is_held_with_reasons_and_the_rest_of_the_batch_is_sent(serve, standin, relais_bin):
    server = serve(extra=["--dsa-poll-interval", "3600"])  # only the first poll, at start: nothing due then
    mod = moderator(relais_bin, server.database)
    cases = make_statements(server, server.key, mod, 5)
    server.stop()
    puids = {case: submissions_offline(relais_bin, server, case) for case in cases}
    refused = puids[cases[2]]
    standin.refuse[refused] = {"category_specification": ["The selected category specification is invalid."]}
    config = write_config(server.folder.parent, standin)
    result = dsa_submit(relais_bin, server.database, config, standin)
    assert result.returncode == 0, result.stderr
    assert "4 sent" in result.stdout and "1 rejected" in result.stdout, result.stdout
    assert set(standin.stored) == set(puids.values()) - {refused}
    # The first call was refused whole (422 statement_2), the second carried the other four.
    assert standin.batch_sizes[:2] == [5, 4]
    again = serve(extra=["--dsa-poll-interval", "3600"])
    state = submissions(again, mod, cases[2])[0]
    assert state["status"] == "rejected" and state["reasons"] == standin.refuse[refused]
    # Fixed (here: the Database accepts it now) and resent: sent, once.
    del standin.refuse[refused]
    resent = subprocess.run([str(relais_bin), "dsa", "resend", "--tenant", "demo", "--database", server.database],
                            capture_output=True, text=True, timeout=60)
    assert resent.returncode == 0 and "1 statement queued again" in resent.stdout, resent.stderr
    result = dsa_submit(relais_bin, server.database, config, standin)
    assert "1 sent" in result.stdout, result.stdout
    assert refused in standin.stored and set(standin.created_count.values()) == {1}
    again.stop()


def test_429_and_5xx_are_retried_and_an_unanswered_send_is_found_by_existing_puid(serve, standin, relais_bin):
    standin.fail_next = [429, 503, "drop", 500]
    server = serve()
    mod = moderator(relais_bin, server.database)
    cases = make_statements(server, server.key, mod, 3)
    assert wait_until(lambda: all(s["status"] == "sent" for c in cases for s in submissions(server, mod, c)), timeout=90)
    assert set(standin.created_count.values()) == {1} and len(standin.stored) == 3
    statuses = [c[2] for c in standin.calls]
    assert 429 in statuses and 503 in statuses and "dropped" in statuses and 500 in statuses
    # After the dropped answer the statements were already there: found with existing-puid, marked sent.
    assert any(method == "GET" and "existing-puid" in path and status == 302 for method, path, status in standin.calls)
    states = [s for c in cases for s in submissions(server, mod, c)]
    assert all(s["attempts"] >= 2 for s in states)
    scan_for_personal_data(standin.bodies)


def test_a_refused_token_stops_sending_for_the_tenant_and_says_so(serve, standin, relais_bin):
    metrics = "metrics-token-for-tests-0123456789"
    server = serve(token="1|wrong-token", extra=["--metrics-token", metrics])
    mod = moderator(relais_bin, server.database)
    cases = make_statements(server, server.key, mod, 2)
    assert wait_until(lambda: standin.count(401) >= 1)
    state = wait_until(lambda: submissions(server, mod, cases[0])[0].get("lastError"))
    assert "401" in state and "stopped" in state
    calls = standin.count()
    make_statements(server, server.key, mod, 1)
    import time
    time.sleep(1.5)  # several polls
    assert standin.count() == calls, "nothing more is sent after a 401"
    assert not standin.stored
    log = server.log_text()
    assert "refused the token" in log and "wrong-token" not in log
    assert all(s["status"] == "queued" for s in submissions(server, mod, cases[0]))
    scraped = requests.get(server.url + "/metrics", headers={"Authorization": f"Bearer {metrics}"}, timeout=10).text
    assert 'relais_dsa_submission_stopped{tenant="demo"} 1' in scraped, [line for line in scraped.splitlines() if "dsa" in line]


def test_a_new_token_in_the_token_file_resumes_sending_without_a_restart(serve, standin, relais_bin, tmp_path):
    metrics = "metrics-token-for-tests-0123456789"
    token_file = tmp_path / "tdb.token"
    token_file.write_text("1|revoked-token\n")
    server = serve(token_file=token_file, extra=["--metrics-token", metrics, "--log-level", "info"])
    mod = moderator(relais_bin, server.database)
    cases = make_statements(server, server.key, mod, 3)
    assert wait_until(lambda: standin.count(401) >= 1)
    gauge = lambda: requests.get(server.url + "/metrics", headers={"Authorization": f"Bearer {metrics}"}, timeout=10).text
    assert wait_until(lambda: 'relais_dsa_submission_stopped{tenant="demo"} 1' in gauge())
    assert not standin.stored
    token_file.write_text(standin.token + "\n")  # the platform generated a new token and wrote it
    assert wait_until(lambda: len(standin.stored) == 3, timeout=60), f"{len(standin.stored)} of 3 stored after the new token"
    assert set(standin.created_count.values()) == {1}
    assert wait_until(lambda: all(s["status"] == "sent" for c in cases for s in submissions(server, mod, c)))
    assert 'relais_dsa_submission_stopped{tenant="demo"} 0' in gauge()
    log = server.log_text()
    assert "sending resumed" in log and standin.token not in log and "revoked-token" not in log


def test_statements_are_sent_exactly_once_across_a_crash_and_a_restart(serve, standin, relais_bin):
    standin.fail_next = ["drop"]  # the Database stores the first batch, then the process dies before hearing back
    first = serve(extra=["--dsa-poll-interval", "3600"])
    mod = moderator(relais_bin, first.database)
    key = first.key
    make_statements(first, key, mod, 120)
    first.stop()
    crashing = serve()
    assert wait_until(lambda: standin.count("dropped") == 1, timeout=30)
    crashing.process.send_signal(signal.SIGKILL)
    crashing.process.wait(timeout=10)
    restarted = serve()
    assert wait_until(lambda: len(standin.stored) == 120, timeout=90), len(standin.stored)
    assert set(standin.created_count.values()) == {1}
    counts = wait_until(lambda: counts_of(relais_bin, restarted.database) == {"sent": 120}, timeout=30)
    assert counts
    scan_for_personal_data(standin.bodies)


def test_dsa_submit_dry_run_checks_and_sends_nothing_and_rerunning_is_harmless(serve, standin, relais_bin, tmp_path):
    server = serve(extra=["--dsa-poll-interval", "3600"])
    mod = moderator(relais_bin, server.database)
    make_statements(server, server.key, mod, 4)
    server.stop()
    config = write_config(tmp_path, standin)
    dry = dsa_submit(relais_bin, server.database, config, standin, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "4 queued statements checked, 0 would be refused; nothing sent" in dry.stdout
    assert standin.count() == 0
    sent = dsa_submit(relais_bin, server.database, config, standin, "--since", "2020-01-01")
    assert "4 sent" in sent.stdout and "demo: 4 sent" in sent.stderr.splitlines()[-1] or "4 sent" in sent.stdout
    again = dsa_submit(relais_bin, server.database, config, standin)
    assert again.returncode == 0 and "0 sent" in again.stdout
    assert len(standin.stored) == 4 and set(standin.created_count.values()) == {1}
    later = dsa_submit(relais_bin, server.database, config, standin, "--since", "2099-01-01", "--dry-run")
    assert "0 queued statements checked" in later.stdout


def test_a_dry_run_names_a_stored_statement_the_database_would_refuse(serve, standin, relais_bin, tmp_path):
    """A statement stored by an earlier release, before a rule Relais now knows: the dry run
    names it and its field, exits 1, and sends nothing."""
    import json
    import sqlite3
    server = serve(extra=["--dsa-poll-interval", "3600"])
    mod = moderator(relais_bin, server.database)
    make_statements(server, server.key, mod, 2)
    server.stop()
    with sqlite3.connect(server.database.removeprefix("sqlite:")) as db:
        puid, text = db.execute("SELECT puid, statement_json FROM statements_of_reasons ORDER BY puid LIMIT 1").fetchone()
        statement = json.loads(text)
        statement["territorial_scope"] = ["EL"]  # Greece is GR for the Database
        db.execute("UPDATE statements_of_reasons SET statement_json = ? WHERE puid = ?", (json.dumps(statement), puid))
    dry = dsa_submit(relais_bin, server.database, write_config(tmp_path, standin), standin, "--dry-run")
    assert dry.returncode == 1
    assert "2 queued statements checked, 1 would be refused; nothing sent" in dry.stdout
    assert f"{puid}: territorial_scope.0" in dry.stdout
    assert standin.count() == 0


def dsa_submit(relais_bin, database, config, standin, *extra):
    return subprocess.run(
        [str(relais_bin), "dsa", "submit", "--config", str(config), "--tenant", "demo", "--database", database, *extra],
        capture_output=True, text=True, timeout=120, env={**os.environ, "RELAIS_TEST_TDB_TOKEN": standin.token})


def submissions_offline(relais_bin, server, case_id):
    """The puid of the case's statement, read from the database file (the server is stopped)."""
    import sqlite3
    path = server.database.removeprefix("sqlite:")
    with sqlite3.connect(path) as db:
        return db.execute("SELECT puid FROM tdb_submissions WHERE case_id = ?", (case_id,)).fetchone()[0]


def counts_of(relais_bin, database):
    import sqlite3
    with sqlite3.connect(database.removeprefix("sqlite:")) as db:
        return dict(db.execute("SELECT status, COUNT(*) FROM tdb_submissions GROUP BY status").fetchall())
