"""`relais serve` options from flags, the environment and the config file's `serve` object, in
that order of precedence over the defaults; `--print-config` shows every effective value and
where it came from, with secrets redacted; and the values are the ones the server uses."""
import json
import re
import subprocess

import requests

from relais_testing import keep_log

# A valid value per option key, as a flag, an environment variable and a file value would give it.
VALUES = {"host": "127.0.0.2", "port": 9123, "databaseUrl": "sqlite:/tmp/relais-config-test.sqlite", "poolSize": 3,
          "logLevel": "debug", "logFormat": "json", "metricsToken": "metrics-token-for-config-tests", "durability": "full",
          "writeBatch": 7, "writeQueue": 99, "maxInFlight": 55, "testClock": "2026-11-29T23:30:00+01:00",
          "webhookPollInterval": 2.5, "webhookBatchSize": 4, "webhookMaxAttempts": 3, "dsaPollInterval": 7.5, "dsaClaimLease": 90.0}


def flag(key):
    return "--database" if key == "databaseUrl" else "--" + re.sub(r"([A-Z])", r"-\1", key).lower()


def env_name(key):
    return "RELAIS_" + re.sub(r"([A-Z])", r"_\1", key).upper()


def print_config(relais_bin, *args, env=None):
    clean = {k: v for k, v in __import__("os").environ.items() if not k.startswith("RELAIS_") or k == "RELAIS_BIN"}
    result = subprocess.run([str(relais_bin), "serve", *args, "--print-config"], capture_output=True, text=True, timeout=60,
                            env={**clean, **(env or {})})
    assert result.returncode == 0, result.stderr
    lines = {}
    for line in result.stdout.splitlines():
        m = re.fullmatch(r"(\w+) += (.*)  \((.*)\)", line)
        assert m, line
        lines[m.group(1)] = (m.group(2), m.group(3))
    return lines, result.stdout


def test_every_serve_option_comes_from_each_layer(relais_bin, tmp_path):
    help_text = subprocess.run([str(relais_bin), "serve", "--help"], capture_output=True, text=True, timeout=60).stdout
    options = set(re.findall(r"^\s+(--[a-z-]+)", help_text, re.M)) - {"--help", "--print-config", "--config"}
    assert options == {flag(key) for key in VALUES}, "every option of relais serve is a configurable key"

    defaults, _ = print_config(relais_bin)
    assert set(defaults) == set(VALUES) | {"config"}
    assert all(source == "default" for _, source in defaults.values())
    assert defaults["port"][0] == "8080" and defaults["writeQueue"][0] == "1024" and defaults["databaseUrl"][0] == "sqlite:relais-data/relais.sqlite"

    config = tmp_path / "relais.json"
    config.write_text(json.dumps({"serve": VALUES, "tenants": {}}))
    from_file, _ = print_config(relais_bin, "--config", str(config))
    from_env, _ = print_config(relais_bin, env={env_name(key): str(value) for key, value in VALUES.items()})
    flags = [part for key, value in VALUES.items() for part in (flag(key), str(value))]
    from_flags, _ = print_config(relais_bin, *flags)
    for key, value in VALUES.items():
        shown = "<redacted>" if key == "metricsToken" else str(value)
        assert from_file[key] == (shown, f"config file serve.{key}"), key
        assert from_env[key] == (shown, f"environment {env_name(key)}"), key
        assert from_flags[key] == (shown, f"flag {flag(key)}"), key


def test_precedence_flags_then_environment_then_file_then_default(relais_bin, tmp_path):
    config = tmp_path / "relais.json"
    config.write_text(json.dumps({"serve": {"port": 1111, "writeBatch": 11, "maxInFlight": 111}}))
    lines, _ = print_config(relais_bin, "--port", "3333", env={"RELAIS_CONFIG": str(config), "RELAIS_PORT": "2222", "RELAIS_WRITE_BATCH": "22"})
    assert lines["port"] == ("3333", "flag --port")
    assert lines["writeBatch"] == ("22", "environment RELAIS_WRITE_BATCH")
    assert lines["maxInFlight"] == ("111", "config file serve.maxInFlight")
    assert lines["writeQueue"] == ("1024", "default")
    assert lines["config"] == (str(config), "environment RELAIS_CONFIG")


def test_secrets_are_redacted(relais_bin):
    lines, text = print_config(relais_bin, "--database", "postgres://relais:hunter2-secret@db.example/relais",
                               env={"RELAIS_METRICS_TOKEN": "metrics-token-for-config-secret"})
    assert lines["databaseUrl"][0] == "postgres://relais:<redacted>@db.example/relais"
    assert lines["metricsToken"] == ("<redacted>", "environment RELAIS_METRICS_TOKEN")
    assert "hunter2" not in text and "metrics-token-for-config-secret" not in text


def test_wrong_values_are_refused_with_where_they_came_from(relais_bin, tmp_path):
    bad = subprocess.run([str(relais_bin), "serve", "--print-config"], capture_output=True, text=True, timeout=60,
                         env={"RELAIS_PORT": "eighty", "PATH": "/usr/bin:/bin"})
    assert bad.returncode != 0 and "RELAIS_PORT" in bad.stderr
    config = tmp_path / "relais.json"
    for serve, message in [({"port": "80"}, "serve.port must be an integer"), ({"prot": 80}, "serve.prot is not an option")]:
        config.write_text(json.dumps({"serve": serve}))
        bad = subprocess.run([str(relais_bin), "serve", "--config", str(config), "--print-config"], capture_output=True, text=True, timeout=60)
        assert bad.returncode != 0 and message in bad.stderr, bad.stderr


def test_the_server_uses_the_layered_values(relais_bin, tmp_path):
    """The config file alone sets the port, the database, JSON logs at info; the environment
    sets the metrics token: the running server does all of it."""
    config = tmp_path / "relais.json"
    database = tmp_path / "layered.sqlite"
    config.write_text(json.dumps({"serve": {"port": 0, "databaseUrl": f"sqlite:{database}", "logFormat": "json", "logLevel": "info"}}))
    token = "metrics-token-for-config-serve"
    log = tmp_path / "serve.log"
    with open(log, "w") as stderr:
        process = subprocess.Popen([str(relais_bin), "serve", "--config", str(config)], stdout=subprocess.PIPE, stderr=stderr, text=True,
                                   env={"PATH": "/usr/bin:/bin", "RELAIS_METRICS_TOKEN": token})
        try:
            url = None
            for line in process.stdout:
                if m := re.search(r"open (http://127\.0\.0\.1:\d+)/ ", line):
                    url = m.group(1)
                    break
            assert url, "the banner names the URL"
            assert requests.get(url + "/healthz", timeout=10).status_code == 200
            metrics = requests.get(url + "/metrics", headers={"Authorization": f"Bearer {token}"}, timeout=10)
            assert metrics.status_code == 200 and "relais_requests_in_flight" in metrics.text
        finally:
            process.terminate()
            process.wait(timeout=15)
    keep_log(log, "config-serve")
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    assert any(line["message"] == "request" and line["route"] == "/healthz" for line in lines), "JSON request lines at info"
    assert database.exists(), "the database the file named"
