"""GET /metrics: Prometheus's text format for a scraper with the metrics token, refused
without it, absent when no token is set; request counts by route, reports and help cards by
category and country, the group commit's batch sizes, the webhook backlog; no label holds a
tenant, an id or anything a caller typed."""
import re
import time

import pytest
import requests

from relais_testing import RelaisServer

TOKEN = "metrics-token-for-tests-0123456789"
REPORT = {"surface": "web", "category": "harassment", "goodFaith": True,
          "reporter": {"id": "SEEDED-REPORTER-METRICS", "country": "FR", "locale": "fr-FR", "ageBracket": "13-17", "isTarget": True},
          "subject": {"kind": "comment", "id": "c-1", "text": "SEEDED-TEXT-METRICS"}}


def test_metrics_for_the_token_holder_only(relais_bin):
    server = RelaisServer(relais_bin, env={"RELAIS_METRICS_TOKEN": TOKEN})
    try:
        auth = {"Authorization": f"Bearer {server.key}"}
        for n in range(3):
            body = {**REPORT, "subject": {**REPORT["subject"], "id": f"c-{n}"}}
            assert requests.post(server.url + "/v1/reports", json=body, headers=auth, timeout=10).status_code == 201
        assert requests.get(server.url + "/metrics", timeout=10).status_code == 401
        assert requests.get(server.url + "/metrics", headers={"Authorization": "Bearer " + TOKEN + "x"}, timeout=10).status_code == 401
        time.sleep(0.2)
        answer = requests.get(server.url + "/metrics", headers={"Authorization": "Bearer " + TOKEN}, timeout=10)
        assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("text/plain")
        text = answer.text
        assert re.search(r'^relais_reports_total\{.*category="harassment".*country="FR".*\} 3$', text, re.M), text[:2000]
        assert re.search(r'^relais_help_cards_total\{.*country="FR".*\} 3$', text, re.M)
        assert re.search(r'^relais_outbox_events\{status="pending"\} 3(\.0)?$', text, re.M), "three report.received events wait (no endpoint)"
        assert "relais_group_commit_batch_size" in text
        assert re.search(r'^hb_requests\{http_route="/v1/reports",http_request_method="POST",http_response_status_code="201"\} 3$', text, re.M)
        assert re.search(r'^http_server_request_duration_count\{http_route="/v1/reports",', text, re.M), "latency histograms"
        for seeded in ["SEEDED-REPORTER-METRICS", "SEEDED-TEXT-METRICS", server.key, "demo"]:
            assert seeded not in text, f"{seeded} is in the metrics"
    finally:
        server.stop()


def test_no_token_no_metrics_route(relais_bin):
    server = RelaisServer(relais_bin)
    try:
        assert requests.get(server.url + "/metrics", headers={"Authorization": "Bearer " + TOKEN}, timeout=10).status_code == 404
    finally:
        server.stop()


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_grafana_dashboard_queries_only_exported_metrics(relais_bin, tmp_path, backend):
    """Every metric docs/grafana-dashboard.json queries is in a live server's /metrics (histograms
    by their _bucket/_sum/_count series), and every panel queries at least one; the pool gauges
    are the backend's (SQLite's writer batch, PostgreSQL's --pool-size)."""
    import contextlib
    import json
    from pathlib import Path
    from postgres_testing import fresh_database
    dashboard = json.loads((Path(__file__).resolve().parents[2] / "docs" / "grafana-dashboard.json").read_text())
    with contextlib.ExitStack() as stack:
        database = stack.enter_context(fresh_database()) if backend == "postgres" else None
        server = RelaisServer(relais_bin, tmp_path, database=database, env={"RELAIS_METRICS_TOKEN": TOKEN},
                              extra_args=("--pool-size", "7"))
        try:
            text = exercised_metrics(server)
        finally:
            server.stop()
    check_dashboard(dashboard, text, capacity=64 if backend == "sqlite" else 7, sqlite=backend == "sqlite")


def exercised_metrics(server):
    """/metrics after a report and a help-card query."""
    auth = {"Authorization": f"Bearer {server.key}"}
    assert requests.post(server.url + "/v1/reports", json=REPORT, headers=auth, timeout=10).status_code == 201
    assert requests.get(server.url + "/v1/support?country=FR&locale=fr-FR", headers=auth, timeout=10).status_code == 200
    return requests.get(server.url + "/metrics", headers={"Authorization": "Bearer " + TOKEN}, timeout=10).text


def check_dashboard(dashboard, text, capacity, sqlite):
    exported = {line.split("{")[0].split(" ")[0] for line in text.splitlines() if line and not line.startswith("#")}
    assert {"relais_queue_open_cases", "relais_queue_oldest_open_case_age_seconds", "relais_webhook_delivery_failures_total",
            "relais_database_pool", "relais_storage_write_failures_total", "relais_requests_in_flight"} <= exported, sorted(exported)
    assert re.search(r'^relais_queue_open_cases 1(\.0)?$', text, re.M), "the one report opened one case"
    assert re.search(rf'^relais_database_pool\{{state="capacity"\}} {capacity}(\.0)?$', text, re.M), "the backend's capacity"
    queried = set()
    for panel in dashboard["panels"]:
        names = {name for target in panel["targets"]
                 for name in re.findall(r"\b(?:relais|hb|http_server)_[a-z_]+\b", target["expr"])}
        assert names, f"panel {panel['title']!r} queries no Relais metric"
        queried |= names
    # Group commit is SQLite's: on PostgreSQL that panel is empty, and its series are absent.
    sqlite_only = set() if sqlite else {n for n in queried if n.startswith("relais_group_commit_batch_size")}
    missing = sorted(name for name in queried - sqlite_only if name not in exported)
    assert not missing, f"the dashboard queries metrics /metrics does not export: {missing}"
    assert len(queried) >= 12
