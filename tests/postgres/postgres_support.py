"""Helpers for the PostgreSQL suite: a fresh database per test in the throwaway cluster that
scripts/test starts (its URL in RELAIS_TEST_POSTGRES_URL), the `relais` command line against
it, and requests fired at several instances at the same instant (the database itself: postgres_testing.py;
the webhook receiver: webhook_testing.py)."""
import json
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor

import relais_testing
from postgres_testing import TIMEOUT


def relais(binary, *args, database: str, json_output=False):
    """`relais ARGS --database DB`; the decoded JSON with json_output, else the completed process."""
    command = [str(binary), *args, "--database", database] + (["--json"] if json_output else [])
    result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
    if result.returncode != 0:
        raise AssertionError(f"relais {' '.join(args)} failed ({result.returncode}): {result.stderr}")
    return json.loads(result.stdout) if json_output else result


def concurrently(calls):
    """Runs every call in its own thread, all released at the same instant; their results in
    order. The first exception is raised once all have finished."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait(timeout=TIMEOUT)
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        futures = [pool.submit(run, call) for call in calls]
        return [future.result(timeout=4 * TIMEOUT) for future in futures]


def report_body(subject_id: str, reporter_id: str, text="you are worthless", category="harassment") -> dict:
    return {
        "surface": "web", "category": category, "goodFaith": True,
        "reporter": {"id": reporter_id, "country": "FR", "locale": "fr-FR", "ageBracket": "13-17", "isTarget": True},
        "subject": {"kind": "comment", "id": subject_id, "authorId": "u-author", "text": text},
    }


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def wait_until(predicate, timeout=TIMEOUT, interval=0.1):
    """Polls predicate until it is truthy or the timeout passes; its last value."""
    return relais_testing.wait_until(predicate, timeout, interval)
