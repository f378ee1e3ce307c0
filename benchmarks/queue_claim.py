#!/usr/bin/env python3
"""Times the claim's pick at the SQL level on a seeded queue, before and after the exact pick.

    benchmarks/queue_claim.py --database sqlite:PATH|postgres://… [--tenant bench] [--claims 300] [--reference-claims 15]

"before" is the statement the claim ran until v17 (every free open case of the tenant ordered
by the score computed at the claim's instant: `QueuePick.reference`); "after" is the pick from
the group heads (`QueuePick.statement`), both as a moderator (not senior) sends them with the
default weights. Each claim is timed from the client as the server sends it (SQLite in
process, as the server opens it; PostgreSQL through psql over loopback, a round trip
included), then the chosen case is leased for five minutes (not timed), as a claim does, so
the next claim sees one case fewer. Every claim instant is a second after the previous one;
at each instant where both run, the script checks that they chose the same case, and stops
if not. Prints p50 / p99 / max in milliseconds for each. Seed the queue first, e.g.

    relais migrate --database sqlite:/tmp/q.sqlite
    scripts/seed-dsa-notices --database sqlite:/tmp/q.sqlite --notices 2000000 --open-every 1 \\
        --queue-until "$(date +%s)" --queue-days 30
"""
import argparse
import datetime
import re
import sqlite3
import subprocess
import sys
import time

W_ELAPSED, CAP, W_OVERDUE = 10.0, 3.0, 10.0  # PriorityWeights.default
FREE = "{p}status = 'open' AND {p}due_at IS NOT NULL AND {p}lease_expires_at IS NULL AND {p}escalated_at IS NULL"
LEASED = "status = 'open' AND due_at IS NOT NULL AND lease_expires_at IS NOT NULL"


def score(dialect, now):
    if dialect == "sqlite":
        since = f"(julianday({now}) - julianday(first_report_at)) * 86400.0"
        least, greatest = "MIN", "MAX"
    else:
        since = f"EXTRACT(EPOCH FROM ({now} - first_report_at))::float8"
        least, greatest = "LEAST", "GREATEST"
    return (f"(base_priority + {W_ELAPSED} * {least}({greatest}(0.0, {since}) / target_seconds, {CAP}) "
            f"+ (CASE WHEN due_at < {now} THEN {W_OVERDUE} ELSE 0.0 END))")


def reference(dialect, tenant, now, lock):
    return (f"SELECT id FROM cases WHERE tenant_id = {tenant} AND status = 'open' AND due_at IS NOT NULL "
            f"AND (lease_expires_at IS NULL OR lease_expires_at <= {now}) AND escalated_at IS NULL "
            f"ORDER BY {score(dialect, now)} DESC, due_at, first_report_at, id LIMIT 1{lock}")


def pick(dialect, tenant, now, lock):
    order = "target_seconds, base_priority, due_at, first_report_at, id"
    n_order = ", ".join("n." + c for c in order.split(", "))
    free, after = FREE.format(p="n."), "ORDER BY " + n_order + " LIMIT 1"
    heads = (f"heads(id) AS (SELECT (SELECT id FROM cases WHERE tenant_id = {tenant} AND {FREE.format(p='')} ORDER BY {order} LIMIT 1) "
             f"UNION ALL SELECT COALESCE("
             f"(SELECT n.id FROM cases n WHERE n.tenant_id = {tenant} AND {free} AND n.target_seconds = c.target_seconds "
             f"AND n.base_priority > c.base_priority {after}), "
             f"(SELECT n.id FROM cases n WHERE n.tenant_id = {tenant} AND {free} AND n.target_seconds > c.target_seconds {after})) "
             f"FROM heads h JOIN cases c ON c.id = h.id)")
    return (f"WITH RECURSIVE {heads} SELECT id FROM cases WHERE id IN (SELECT id FROM heads "
            f"UNION ALL SELECT id FROM cases WHERE tenant_id = {tenant} AND {LEASED} AND lease_expires_at <= {now} AND escalated_at IS NULL) "
            f"AND status = 'open' AND due_at IS NOT NULL "
            f"AND (lease_expires_at IS NULL OR lease_expires_at <= {now}) AND escalated_at IS NULL "
            f"ORDER BY {score(dialect, now)} DESC, due_at, first_report_at, id LIMIT 1{lock}")


class SQLite:
    dialect = "sqlite"

    def __init__(self, path):
        self.db = sqlite3.connect(path, isolation_level=None)

    @staticmethod
    def instant(t):
        return "'" + datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3] + "'"

    def timed(self, sql):
        start = time.perf_counter()
        self.db.execute("BEGIN IMMEDIATE")
        row = self.db.execute(sql).fetchone()
        self.db.execute("COMMIT")
        return (time.perf_counter() - start) * 1000, row[0] if row else None

    def execute(self, sql):
        self.db.execute(sql)

    def moderator(self, tenant):
        return self.db.execute(f"SELECT id FROM moderators WHERE tenant_id = (SELECT id FROM tenants WHERE name = '{tenant}') LIMIT 1").fetchone()[0]

    def tenant_id(self, tenant):
        return self.db.execute(f"SELECT id FROM tenants WHERE name = '{tenant}'").fetchone()[0]


class Postgres:
    """psql as a coprocess: one connection, `\\timing` per statement, as the server sends them."""
    dialect = "postgres"

    def __init__(self, url):
        self.psql = subprocess.Popen(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", url], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, bufsize=1)
        self.lines("\\timing on")

    @staticmethod
    def instant(t):
        return "'" + datetime.datetime.fromtimestamp(t, datetime.timezone.utc).isoformat() + "'::timestamptz"

    def lines(self, command):
        self.psql.stdin.write(command + "\n\\echo __done__\n")
        self.psql.stdin.flush()
        out = []
        while (line := self.psql.stdout.readline()) and line.strip() != "__done__":
            out.append(line.rstrip("\n"))
        if not line:
            sys.exit("psql stopped")
        return out

    def timed(self, sql):
        # BEGIN and COMMIT as the claim's transaction has them; the statement's own time is timed.
        self.lines("BEGIN;")
        out = self.lines(sql + ";")
        self.lines("COMMIT;")
        ms = [float(m.group(1)) for line in out if (m := re.match(r"Time: ([0-9.]+) ms", line))]
        values = [line for line in out if line and not line.startswith("Time:")]
        return ms[-1], values[0] if values else None

    def execute(self, sql):
        self.lines(sql + ";")

    def moderator(self, tenant):
        return [l for l in self.lines(f"SELECT id FROM moderators WHERE tenant_id = (SELECT id FROM tenants WHERE name = '{tenant}') LIMIT 1;") if l and not l.startswith("Time:")][0]

    def tenant_id(self, tenant):
        return [l for l in self.lines(f"SELECT id FROM tenants WHERE name = '{tenant}';") if l and not l.startswith("Time:")][0]


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--tenant", default="bench")
    parser.add_argument("--claims", type=int, default=300, help="claims timed with the pick")
    parser.add_argument("--reference-claims", type=int, default=15, help="of those, how many also time the reference first")
    args = parser.parse_args()
    store = SQLite(args.database[len("sqlite:"):]) if args.database.startswith("sqlite:") else Postgres(args.database)
    lock = "" if store.dialect == "sqlite" else " FOR UPDATE SKIP LOCKED"
    tenant = "'" + store.tenant_id(args.tenant) + "'"
    moderator = store.moderator(args.tenant)
    now = time.time()
    before, after = [], []
    every = max(1, args.claims // max(1, args.reference_claims))
    for k in range(args.claims):
        now += 1
        instant = store.instant(now)
        if k % every == 0 and len(before) < args.reference_claims:
            ms, expected = store.timed(reference(store.dialect, tenant, instant, lock))
            before.append(ms)
        else:
            expected = None
        ms, chosen = store.timed(pick(store.dialect, tenant, instant, lock))
        after.append(ms)
        if expected is not None and chosen != expected:
            sys.exit(f"claim {k}: the pick chose {chosen}, the reference {expected}")
        if chosen is None:
            sys.exit(f"claim {k}: no case")
        store.execute(f"UPDATE cases SET lease_owner = '{moderator}', lease_expires_at = {store.instant(now + 300)} WHERE id = '{chosen}'")
    open_cases = store.timed(f"SELECT COUNT(*) FROM cases WHERE status = 'open'")[1]
    for name, values in (("before (reference order)", before), ("after (group heads)", after)):
        print(f"{store.dialect} open={open_cases} {name}: claims={len(values)} p50_ms={percentile(values, 50):.2f} "
              f"p99_ms={percentile(values, 99):.2f} max_ms={max(values):.2f}")
    print(f"{store.dialect}: the pick chose the reference's case at all {len(before)} instants where both ran")


if __name__ == "__main__":
    main()
