"""Two real `relais serve` processes on one PostgreSQL database: what must stay true when
several stateless instances share it. Requests are released at the same instant from many
threads, alternately to each instance, so the database (not one process) has to keep the
rules: one case per subject, one report per idempotency key, one lease per case, one delivery
per outbox event."""
import json
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import requests

from postgres_support import TIMEOUT, bearer, concurrently, relais, report_body, wait_until
from webhook_testing import Receiver, signature_ok


def post_report(server, key, body, idempotency_key=None):
    headers = bearer(key)
    if idempotency_key is not None:
        headers["Idempotency-Key"] = idempotency_key
    return requests.post(server.url + "/v1/reports", json=body, headers=headers, timeout=TIMEOUT)


def created(responses):
    """The decoded 201 answers; fails with every other answer listed."""
    failures = [(r.status_code, r.text[:300]) for r in responses if r.status_code != 201]
    assert not failures, f"{len(failures)} of {len(responses)} reports were not created: {failures[:5]}"
    return [r.json() for r in responses]


def moderator(relais_bin, database, tenant_name, name):
    user = relais(relais_bin, "users", "create", name, "--tenant", tenant_name, "--role", "moderator",
                  database=database, json_output=True)
    return user["token"]


def test_concurrent_reports_on_one_subject_make_one_case(relais_bin, database, tenant, two_instances):
    tenant_name, key = tenant
    count = 40
    calls = [
        (lambda i=i: post_report(two_instances[i % 2], key, report_body("c-raid", f"reporter-{i}")))
        for i in range(count)
    ]
    receipts = created(concurrently(calls))

    case_ids = {receipt["caseId"] for receipt in receipts}
    assert len(case_ids) == 1, f"{count} reports about one subject opened {len(case_ids)} cases"
    case_id = case_ids.pop()
    report_ids = {receipt["id"] for receipt in receipts}
    assert len(report_ids) == count

    for server in two_instances:
        for report_id in sorted(report_ids)[:5] + sorted(report_ids)[-5:]:
            answer = requests.get(f"{server.url}/v1/reports/{report_id}", headers=bearer(key), timeout=TIMEOUT)
            assert answer.status_code == 200, answer.text
            assert answer.json()["caseId"] == case_id
            assert answer.json()["caseReportCount"] == count

    token = moderator(relais_bin, database, tenant_name, "mia")
    for server in two_instances:
        answer = requests.get(f"{server.url}/v1/moderation/cases/{case_id}", headers=bearer(token), timeout=TIMEOUT)
        assert answer.status_code == 200, answer.text
        case = answer.json()
        assert {r["id"] for r in case["reports"]} == report_ids
        assert case["priority"]["distinctReporters"] == count
    claimed = requests.post(two_instances[1].url + "/v1/moderation/next", headers=bearer(token), timeout=TIMEOUT)
    assert claimed.status_code == 200 and claimed.json()["id"] == case_id
    assert requests.post(two_instances[0].url + "/v1/moderation/next", headers=bearer(token), timeout=TIMEOUT).status_code == 204


def test_one_idempotency_key_stores_one_report_across_instances(relais_bin, database, tenant, two_instances):
    tenant_name, key = tenant
    token = moderator(relais_bin, database, tenant_name, "mia")
    rounds, copies = 5, 8
    for round_ in range(rounds):
        idempotency_key = str(uuid.uuid4())
        body = report_body(f"c-idem-{round_}", f"reporter-{round_}")
        answers = concurrently([
            (lambda i=i: post_report(two_instances[i % 2], key, body, idempotency_key)) for i in range(copies)
        ])
        receipts = created(answers)
        assert len({receipt["id"] for receipt in receipts}) == 1, f"round {round_}: {copies} copies stored several reports"
        assert len({answer.content for answer in answers}) == 1, "a replay returns the first answer byte for byte"
        assert len({answer.headers.get("Location") for answer in answers}) == 1
        replayed = [answer.headers.get("Idempotent-Replayed") for answer in answers]
        assert Counter(replayed) == Counter({"true": copies - 1, None: 1}), \
            f"round {round_}: exactly one first answer and {copies - 1} replays, got {replayed}"
        report = receipts[0]

        changed = dict(body, category="hate")
        for server in two_instances:
            refused = post_report(server, key, changed, idempotency_key)
            assert refused.status_code == 422, refused.text
            assert "Idempotency-Key" in refused.text

        for server in two_instances:
            stored = requests.get(f"{server.url}/v1/reports/{report['id']}", headers=bearer(key), timeout=TIMEOUT)
            assert stored.status_code == 200 and stored.json()["caseReportCount"] == 1, stored.text
            case = requests.get(f"{server.url}/v1/moderation/cases/{report['caseId']}", headers=bearer(token), timeout=TIMEOUT)
            assert case.status_code == 200 and [r["id"] for r in case.json()["reports"]] == [report["id"]], case.text

    # One report.received event per report: no endpoint is set, so they all wait.
    status = relais(relais_bin, "webhooks", "status", tenant_name, database=database, json_output=True)
    assert (status["pending"], status["delivered"], status["dead"]) == (rounds, 0, 0), status


def test_concurrent_claims_never_lease_a_case_twice(relais_bin, database, tenant, two_instances):
    tenant_name, key = tenant
    cases = 16
    receipts = created(concurrently([
        (lambda i=i: post_report(two_instances[i % 2], key, report_body(f"c-queue-{i}", f"reporter-{i}")))
        for i in range(cases)
    ]))
    case_ids = {receipt["caseId"] for receipt in receipts}
    assert len(case_ids) == cases

    names = [f"mod{i}" for i in range(4)]
    tokens = {name: moderator(relais_bin, database, tenant_name, name) for name in names}
    # Every moderator claims through both instances at once: 8 claimers, until the queue is empty.
    claimers = [(name, server) for name in names for server in two_instances]

    def claim_until_empty(name, server):
        claims, problems = [], []
        for _ in range(cases + 5):
            answer = requests.post(server.url + "/v1/moderation/next", headers=bearer(tokens[name]), timeout=TIMEOUT)
            if answer.status_code == 204:
                return claims, problems
            if answer.status_code != 200:
                problems.append((answer.status_code, answer.text[:300]))
                return claims, problems
            case = answer.json()
            claims.append((case["id"], name, (case.get("lease") or {}).get("moderator")))
        problems.append("still claiming after more claims than cases")
        return claims, problems

    def claim_round():
        results = concurrently([(lambda n=n, s=s: claim_until_empty(n, s)) for n, s in claimers])
        problems = [p for _, ps in results for p in ps]
        assert not problems, problems
        claims = [c for cs, _ in results for c in cs]
        twice = {case_id: n for case_id, n in Counter(c[0] for c in claims).items() if n > 1}
        assert not twice, f"cases leased more than once: {twice}; claims {claims}"
        assert {c[0] for c in claims} == case_ids and len(claims) == cases
        assert all(lease_holder == name for _, name, lease_holder in claims), claims
        # What the database says agrees with what each claimer was told.
        for case_id, name, _ in claims:
            case = requests.get(f"{two_instances[0].url}/v1/moderation/cases/{case_id}",
                                headers=bearer(tokens[name]), timeout=TIMEOUT).json()
            assert case["lease"]["moderator"] == name, case.get("lease")
        for server in two_instances:
            assert requests.post(server.url + "/v1/moderation/next", headers=bearer(tokens[names[0]]),
                                 timeout=TIMEOUT).status_code == 204
        return claims

    claims = claim_round()
    # Everything given back at once through both instances, then claimed again.
    released = concurrently([
        (lambda c=c, i=i: requests.post(f"{two_instances[i % 2].url}/v1/moderation/cases/{c[0]}/release",
                                        headers=bearer(tokens[c[1]]), timeout=TIMEOUT))
        for i, c in enumerate(claims)
    ])
    assert [r.status_code for r in released] == [204] * cases, [r.text[:200] for r in released if r.status_code != 204]
    claim_round()


def test_each_outbox_event_is_delivered_once(relais_bin, database, tenant, start_instance):
    tenant_name, key = tenant
    fast = ("--webhook-poll-interval", "0.05", "--webhook-batch-size", "4")
    servers = start_instance(*fast), start_instance(*fast)
    # Each answer takes a moment, so both workers are busy at once and must skip each other's claims.
    receiver = Receiver(delay=0.1)
    receiver.senders = [server.process.pid for server in servers]
    try:
        # A backlog first: no endpoint yet, so every event waits for both workers at once.
        backlog, live = 40, 20
        receipts = created(concurrently([
            (lambda i=i: post_report(servers[i % 2], key, report_body(f"c-hook-{i}", f"reporter-{i}")))
            for i in range(backlog)
        ]))
        status = relais(relais_bin, "webhooks", "status", tenant_name, database=database, json_output=True)
        assert (status["pending"], status["delivered"]) == (backlog, 0), status

        secret = relais(relais_bin, "webhooks", "set", tenant_name, receiver.url,
                        database=database, json_output=True)["secret"]
        # More reports while both workers are delivering.
        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(
                lambda i: post_report(servers[i % 2], key, report_body(f"c-hook-{i}", f"reporter-{i}")),
                range(backlog, backlog + live)))
        receipts += created(answers)
        total = backlog + live

        arrived = wait_until(lambda: len(set(receiver.event_ids())) >= total, timeout=TIMEOUT)
        assert arrived, f"{len(set(receiver.event_ids()))} of {total} events arrived within {TIMEOUT} s"
        # Let any second sending of an event land before taking stock.
        time.sleep(5)
        deliveries = receiver.received()
        event_ids = [headers.get("Relais-Event-Id") for headers, _ in deliveries]
        twice = {event_id: n for event_id, n in Counter(event_ids).items() if n > 1}
        assert not twice, f"events delivered more than once: {twice}"
        assert len(deliveries) == total

        payloads = [json.loads(body) for _, body in deliveries]
        assert sorted(p["reportId"] for p in payloads) == sorted(r["id"] for r in receipts)
        assert all(p["event"] == "report.received" for p in payloads)
        assert all(signature_ok(secret, headers, body) for headers, body in deliveries)
        per_instance = Counter(receiver.sender_of)
        assert all(per_instance[pid] > 0 for pid in receiver.senders), \
            f"both instances deliver (events sent per pid, None = not attributed): {dict(per_instance)}"

        def settled():
            status = relais(relais_bin, "webhooks", "status", tenant_name, database=database, json_output=True)
            return status if (status["pending"], status["delivered"], status["dead"]) == (0, total, 0) else None

        assert wait_until(settled, timeout=30, interval=0.5), \
            relais(relais_bin, "webhooks", "status", tenant_name, database=database, json_output=True)
    finally:
        receiver.close()


def test_demo_tenant_is_created_once_when_two_instances_start_together(relais_bin, database, start_instance):
    servers = concurrently([start_instance, start_instance])
    keys = [server.key for server in servers]
    assert sum(key is not None for key in keys) == 1, f"exactly one instance prints the demo key: {keys}"
    key = next(k for k in keys if k is not None)
    for server in servers:
        answer = requests.get(server.url + "/v1/support?country=FR&locale=fr-FR", headers=bearer(key), timeout=TIMEOUT)
        assert answer.status_code == 200, answer.text
    tenants = relais(relais_bin, "tenants", "list", database=database, json_output=True)
    assert [t["name"] for t in tenants] == ["demo"]
    # A third instance, started later, prints no key either.
    assert start_instance().key is None
