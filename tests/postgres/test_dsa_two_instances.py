"""Two `relais serve` instances on one PostgreSQL database, both sending the tenant's
statements of reasons to the stand-in Transparency Database: every statement is created
there exactly once, in batches of at most 100, and both instances show it sent."""
from dsa_testing import make_statements, moderator, scan_for_personal_data, submissions, wait_until, write_config
from tdb_standin import TransparencyDatabase


def test_two_instances_never_send_one_statement_twice(start_instance, tenant, relais_bin, database, tmp_path):
    name, key = tenant
    standin = TransparencyDatabase()
    try:
        standin.fail_next = ["drop", 503]
        config = write_config(tmp_path, standin, tenant=name)
        args = ("--config", str(config), "--dsa-poll-interval", "0.05", "--dsa-claim-lease", "5")
        import os
        os.environ["RELAIS_TEST_TDB_TOKEN"] = standin.token
        first, second = start_instance(*args), start_instance(*args)
        mod = moderator(relais_bin, database, tenant=name)
        half = make_statements(first, key, mod, 110)
        other = make_statements(second, key, mod, 110)
        assert wait_until(lambda: len(standin.stored) == 220, timeout=120), len(standin.stored)
        assert set(standin.created_count.values()) == {1}
        assert max(standin.batch_sizes) <= 100
        for server, case in ((first, other[0]), (second, half[0])):
            assert wait_until(lambda: submissions(server, mod, case)[0]["status"] == "sent")
        scan_for_personal_data(standin.bodies)
    finally:
        standin.close()
