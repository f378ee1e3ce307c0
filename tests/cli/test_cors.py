"""CORS for browser callers of the API: a tenant names the origins allowed to call with its
key (tenants.NAME.api.allowedOrigins); preflights are answered for those, answers (errors too)
carry Access-Control-Allow-Origin only for the tenant that allows the origin."""
import json
import subprocess

import requests

from relais_testing import RelaisServer

APP, OTHER = "https://app.example", "https://other.example"
REPORT = {"surface": "web", "category": "harassment", "goodFaith": True,
          "reporter": {"id": "u-1", "country": "FR", "locale": "fr-FR", "ageBracket": "13-17", "isTarget": True},
          "subject": {"kind": "comment", "id": "c-1"}}


def test_the_tenants_origins_get_cors_answers_and_others_do_not(relais_bin, tmp_path):
    config = tmp_path / "relais.json"
    config.write_text(json.dumps({"tenants": {"demo": {"api": {"allowedOrigins": [APP]}}}}))
    server = RelaisServer(relais_bin, tmp_path, extra_args=("--config", str(config)))
    try:
        preflight = requests.options(server.url + "/v1/reports", timeout=10, headers={
            "Origin": APP, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization, idempotency-key"})
        assert preflight.status_code == 204 and preflight.headers["Access-Control-Allow-Origin"] == APP
        assert "Idempotency-Key" in preflight.headers["Access-Control-Allow-Headers"] and "POST" in preflight.headers["Access-Control-Allow-Methods"]
        refused = requests.options(server.url + "/v1/reports", timeout=10, headers={"Origin": OTHER, "Access-Control-Request-Method": "POST"})
        assert refused.status_code == 404 and "Access-Control-Allow-Origin" not in refused.headers

        auth = {"Authorization": f"Bearer {server.key}"}
        created = requests.post(server.url + "/v1/reports", json=REPORT, headers={**auth, "Origin": APP}, timeout=10)
        assert created.status_code == 201 and created.headers["Access-Control-Allow-Origin"] == APP
        assert "Location" in created.headers["Access-Control-Expose-Headers"] and created.headers["Vary"] == "Origin"
        invalid = requests.post(server.url + "/v1/reports", json={"surface": "web"}, headers={**auth, "Origin": APP}, timeout=10)
        assert invalid.status_code == 422 and invalid.headers["Access-Control-Allow-Origin"] == APP, "a browser can read the field errors"
        assert invalid.json()["errors"], "the problem's body is kept"
        elsewhere = requests.post(server.url + "/v1/reports", json=REPORT, headers={**auth, "Origin": OTHER}, timeout=10)
        assert elsewhere.status_code == 201 and "Access-Control-Allow-Origin" not in elsewhere.headers
    finally:
        server.stop()


def test_a_wildcard_or_a_plain_http_origin_is_refused_at_start(relais_bin, tmp_path):
    for origin in ["https://*.app.example", "http://app.example"]:
        config = tmp_path / "bad.json"
        config.write_text(json.dumps({"tenants": {"demo": {"api": {"allowedOrigins": [origin]}}}}))
        result = subprocess.run([str(relais_bin), "serve", "--port", "0", "--database", f"sqlite:{tmp_path / 'x.sqlite'}",
                                 "--config", str(config)], capture_output=True, text=True, timeout=60)
        assert result.returncode != 0 and "allowedOrigins" in result.stderr and origin in result.stderr
