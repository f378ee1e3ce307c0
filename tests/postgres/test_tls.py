"""TLS to PostgreSQL, as libpq's sslmode reads it, against the throwaway cluster's
self-signed certificate for `localhost` (RELAIS_TEST_POSTGRES_CA): the certificate and the
host name are checked when asked, refusals say why, and a server run with sslmode=verify-full
really talks TLS."""
import os
import subprocess
from urllib.parse import urlsplit

import pytest
import requests

from postgres_support import TIMEOUT, bearer, report_body
from postgres_testing import psql, server_url
from relais_testing import RelaisServer

CA_VARIABLE = "RELAIS_TEST_POSTGRES_CA"


def ca_file() -> str:
    path = os.environ.get(CA_VARIABLE, "").strip()
    if not path or not os.path.exists(path):
        pytest.fail(f"{CA_VARIABLE} must name the cluster's certificate (scripts/test sets it)", pytrace=False)
    return path


def url_for(database: str, host: str, query: str) -> str:
    parts = urlsplit(database)
    return f"postgres://{parts.username}@{host}:{parts.port}{parts.path}?{query}"


def migrate(relais_bin, url):
    return subprocess.run([str(relais_bin), "migrate", "--database", url], capture_output=True, text=True, timeout=TIMEOUT)


@pytest.mark.parametrize("host, query, accepted, reason", [
    ("localhost", "sslmode=verify-full&sslrootcert={ca}", True, None),
    ("127.0.0.1", "sslmode=verify-ca&sslrootcert={ca}", True, None),
    ("127.0.0.1", "sslmode=require", True, None),
    # The certificate names localhost only: the name check fails for the address.
    ("127.0.0.1", "sslmode=verify-full&sslrootcert={ca}", False, "Hostname"),
    # Without the root, the self-signed certificate is not trusted.
    ("localhost", "sslmode=verify-full", False, "CERTIFICATE_VERIFY_FAILED"),
    ("localhost", "sslmode=sometimes", False, "sslmode=sometimes"),
])
def test_sslmode_is_read_as_libpq_reads_it(relais_bin, database, host, query, accepted, reason):
    url = url_for(database, host, query.format(ca=ca_file()))
    result = migrate(relais_bin, url)
    if accepted:
        assert result.returncode == 0, result.stderr
        assert "is up to date" in result.stdout
    else:
        assert result.returncode != 0, result.stdout
        assert reason in result.stderr, result.stderr
        assert result.stderr.startswith("Error: "), result.stderr
        if "sslmode=sometimes" not in url:  # a bad option is a usage mistake; the rest are not
            assert "Usage" not in result.stderr, "a database problem is not a usage mistake"


def test_a_password_never_appears_in_messages(relais_bin, database):
    url = url_for(database, "127.0.0.1", "sslmode=disable").replace("postgres@", "nobody:hunter2-secret@")
    result = migrate(relais_bin, url)
    assert result.returncode != 0
    assert 'role "nobody" does not exist' in result.stderr
    assert "hunter2-secret" not in result.stderr + result.stdout


def test_a_server_with_verify_full_talks_tls(relais_bin, database, tmp_path):
    url = url_for(database, "localhost", f"sslmode=verify-full&sslrootcert={ca_file()}")
    server = RelaisServer(relais_bin, tmp_path, database=url)
    try:
        assert "sslmode=verify-full" in server.banner
        response = requests.post(server.url + "/v1/reports", json=report_body("c-tls", "u-tls"),
                                 headers=bearer(server.key), timeout=TIMEOUT)
        assert response.status_code == 201, response.text
        name = urlsplit(database).path.lstrip("/")
        encrypted = psql(server_url(), f"""
            SELECT count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
            WHERE a.datname = '{name}' AND s.ssl""").strip()
        plain = psql(server_url(), f"""
            SELECT count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
            WHERE a.datname = '{name}' AND NOT s.ssl""").strip()
        assert int(encrypted) >= 1 and int(plain) == 0, (encrypted, plain)
    finally:
        server.stop()
