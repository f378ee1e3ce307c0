"""Rate limits: 429 problem+json with Retry-After and the RateLimit headers; wrong keys
throttled per address; a raid from one account refused past its burst (nothing stored) while a
platform's burst of 2,000 genuine reports in 10 s passes; limits from the config file; with
several instances each enforces its own share (documented)."""
import json
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor

import requests

from postgres_testing import fresh_database
from relais_testing import RelaisServer


def report(reporter, subject="c-1"):
    return {"surface": "web", "category": "harassment", "goodFaith": True,
            "reporter": {"id": reporter, "country": "FR", "locale": "fr-FR", "ageBracket": "13-17", "isTarget": True},
            "subject": {"kind": "comment", "id": subject}}


def stored_reports(server):
    with sqlite3.connect(server.database.removeprefix("sqlite:")) as db:
        return db.execute("SELECT COUNT(*) FROM reports").fetchone()[0]


def test_wrong_keys_are_throttled_and_a_raid_from_one_account_is_refused(relais_bin):
    server = RelaisServer(relais_bin)
    try:
        session = requests.Session()
        answers = [session.get(server.url + "/v1/support?country=FR", headers={"Authorization": "Bearer rls_" + "0" * 64}, timeout=10)
                   for _ in range(300)]
        codes = [answer.status_code for answer in answers]
        assert codes[:20] == [401] * 20 and codes[-1] == 429 and codes.count(429) >= 270
        limited = answers[-1]
        assert limited.headers["Content-Type"] == "application/problem+json" and int(limited.headers["Retry-After"]) >= 1
        assert limited.headers["RateLimit-Limit"] == "20" and limited.headers["RateLimit-Remaining"] == "0"
        auth = {"Authorization": f"Bearer {server.key}"}
        assert session.get(server.url + "/v1/support?country=FR", headers=auth, timeout=10).status_code == 200, "the right key still works"

        raid = [session.post(server.url + "/v1/reports", json=report("raider", f"c-{n}"), headers=auth, timeout=10).status_code
                for n in range(30)]
        assert raid[:10] == [201] * 10 and set(raid[10:]) == {429}
        assert stored_reports(server) == 10, "a refused report stores nothing"
        assert session.post(server.url + "/v1/reports", json=report("someone-else"), headers=auth, timeout=10).status_code == 201
    finally:
        server.stop()


def test_a_platforms_burst_of_2000_genuine_reports_passes_with_default_limits(relais_bin):
    server = RelaisServer(relais_bin)
    try:
        auth = {"Authorization": f"Bearer {server.key}"}

        def send(chunk):
            session = requests.Session()
            return [session.post(server.url + "/v1/reports", json=report(f"u-{n}", f"c-{n % 50}"), headers=auth, timeout=30).status_code
                    for n in chunk]

        started = time.time()
        with ThreadPoolExecutor(16) as pool:
            codes = [code for part in pool.map(send, [range(i, 2000, 16) for i in range(16)]) for code in part]
        assert codes.count(201) == 2000, {code: codes.count(code) for code in set(codes)}
        assert stored_reports(server) == 2000
        print(f"2,000 reports in {time.time() - started:.1f} s")
    finally:
        server.stop()


def test_limits_come_from_the_config_file_and_each_instance_holds_its_share(relais_bin, tmp_path):
    config = tmp_path / "relais.json"
    config.write_text(json.dumps({"rateLimits": {"reporter": {"burst": 3, "perMinute": 1}}}))
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with fresh_database() as database:
        first = RelaisServer(relais_bin, tmp_path / "a", extra_args=("--config", str(config)), database=database)
        second = RelaisServer(relais_bin, tmp_path / "b", extra_args=("--config", str(config)), database=database)
        try:
            key = first.key or second.key
            auth = {"Authorization": f"Bearer {key}"}
            codes = {name: [requests.post(s.url + "/v1/reports", json=report("raider", f"c-{name}-{n}"), headers=auth, timeout=10).status_code
                            for n in range(5)] for name, s in (("a", first), ("b", second))}
            # The state is per instance (docs/configuration.md): each lets the burst through.
            assert codes == {"a": [201] * 3 + [429] * 2, "b": [201] * 3 + [429] * 2}
        finally:
            first.stop()
            second.stop()
