"""A rotated API key on PostgreSQL: `relais tenants rotate-key` announces itself (NOTIFY) and
every instance forgets its keys when it hears it, so the old key stops on both instances at
once, though each keeps a matched key for a minute while it listens (TenantKeyCache)."""
import hashlib
import json
import time

import requests

from postgres_support import TIMEOUT, bearer, relais
from postgres_testing import psql


def answer(server, key):
    return requests.get(server.url + "/v1/support?country=FR", headers=bearer(key), timeout=TIMEOUT).status_code


def test_a_change_without_an_announcement_is_kept_past_the_2_s_bound(database, tenant, two_instances):
    """The control: a key changed behind Relais's back (no NOTIFY) still works after 3 s, so
    the next test's prompt stop can only come from the announcement."""
    tenant_name, key = tenant
    time.sleep(0.5)  # both instances listening (a few milliseconds after their start)
    assert all(answer(server, key) == 200 for server in two_instances)
    new_hash = hashlib.sha256(b"rls_not-a-real-key").hexdigest()
    psql(database, f"UPDATE tenants SET api_key_hash = '{new_hash}' WHERE name = '{tenant_name}'")
    time.sleep(3)
    assert all(answer(server, key) == 200 for server in two_instances), "an instance read the key again before its minute"


def test_a_rotated_key_stops_on_every_instance_at_once(relais_bin, database, tenant, two_instances):
    tenant_name, key = tenant
    assert all(answer(server, key) == 200 for server in two_instances)
    rotated = relais(relais_bin, "tenants", "rotate-key", tenant_name, database=database, json_output=True)
    rotated_at = time.monotonic()
    for server in two_instances:
        while answer(server, key) == 200:
            assert time.monotonic() - rotated_at < 1.0, "the old key still works a second after the rotation"
            time.sleep(0.02)
        assert answer(server, key) == 401
        assert answer(server, rotated["apiKey"]) == 200
