import Foundation
import RelaisCore

/// The claim's pick: the most urgent free case, exactly as ordering every free open case by
/// the score (`reference`) would choose it, without reading every open case.
///
/// **Why a group's oldest case is enough.** The score at `now` is
///
///     base_priority + perTargetElapsed × min(max(0, now − first_report_at) / target_seconds, cap)
///                   + overdue × [due_at < now]
///
/// so two cases with the same `target_seconds` and the same `base_priority` differ only by
/// their times, and the score cannot fall as a case gets older: each operation (the seconds
/// since, the division, `min`, `max`, the sum, the comparison with `now`) is monotone, in
/// floating point too. `due_at` is `first_report_at + target_seconds`, so within such a group
/// the case first by `(due_at, first_report_at, id)` has the highest score there, and wins
/// every tie the way the reference breaks it (earlier due time, earlier opening, smaller id).
/// The reference's first case is therefore the head of one group: the pick orders the group
/// heads by the reference's own expression and takes the first.
///
/// **How the heads are found.** The partial index `cases_free` holds the free open cases
/// (no lease) in `(tenant_id, target_seconds, base_priority, due_at, first_report_at, id)`
/// order; a recursive query hops from one group's head to the next (one or two index seeks each, a
/// loose index scan), so a claim reads as many rows as there are groups: the distinct
/// severity × minor × trusted flagger × reporter points × target time that occur, at most a
/// few hundred with the default weights, whatever the size of the queue. Escalated free
/// cases have their own index (`cases_free_escalated`), read only for a senior. Cases whose
/// lease has run out are free again; they are few (a lease is renewed, released or ends in a
/// decision), so each of them is a candidate, found by `cases_leased`.
///
/// On PostgreSQL the final pick ends in `FOR UPDATE SKIP LOCKED` like the reference, with the
/// eligibility checked again on the locked row. When every candidate is held by concurrent
/// claims, the claim falls back to the reference itself rather than answer "no case".
enum QueuePick {
    /// The free cases of a tenant's queue, and those with a lease, each served by a partial
    /// index (migration v17) whose predicate this is, for columns prefixed with `table`.
    static func freeCases(_ table: String = "") -> String {
        "\(table)status = 'open' AND \(table)due_at IS NOT NULL AND \(table)lease_expires_at IS NULL AND \(table)escalated_at IS NULL"
    }

    static func freeEscalatedCases(_ table: String = "") -> String {
        "\(table)status = 'open' AND \(table)due_at IS NOT NULL AND \(table)lease_expires_at IS NULL AND \(table)escalated_at IS NOT NULL"
    }

    static let leasedCases = "status = 'open' AND due_at IS NOT NULL AND lease_expires_at IS NOT NULL"

    /// The id of the case `moderator` should claim at `now`, or none.
    static func statement(tenantId: Tenant.ID, senior: Bool, now: Date, weights: PriorityWeights, dialect: SQLDialect) -> SQLStatement {
        let escalation = senior ? "" : " AND escalated_at IS NULL"
        let escalated: (heads: SQLStatement, union: String) =
            senior ? (", \(heads("escalated_heads", among: freeEscalatedCases, tenantId: tenantId))", " UNION ALL SELECT id FROM escalated_heads") : ("", "")
        return """
            WITH RECURSIVE \(heads("heads", among: freeCases, tenantId: tenantId))\(escalated.heads)
            SELECT id FROM cases
            WHERE id IN (
                SELECT id FROM heads\(raw: escalated.union)
                UNION ALL SELECT id FROM cases WHERE tenant_id = \(tenantId) AND \(raw: leasedCases) AND lease_expires_at <= \(now)\(raw: escalation))
              AND status = 'open' AND due_at IS NOT NULL AND (lease_expires_at IS NULL OR lease_expires_at <= \(now))\(raw: escalation)
            ORDER BY \(dialect.queueScore(at: now, weights: weights)) DESC, due_at, first_report_at, id
            LIMIT 1\(raw: dialect.skipLocked)
            """
    }

    /// Today's order over every free open case: what the pick must agree with, and the
    /// fallback when concurrent claims hold every candidate.
    static func reference(tenantId: Tenant.ID, senior: Bool, now: Date, weights: PriorityWeights, dialect: SQLDialect) -> SQLStatement {
        """
        SELECT id FROM cases
        WHERE tenant_id = \(tenantId) AND status = 'open' AND due_at IS NOT NULL
          AND (lease_expires_at IS NULL OR lease_expires_at <= \(now))\(raw: senior ? "" : " AND escalated_at IS NULL")
        ORDER BY \(dialect.queueScore(at: now, weights: weights)) DESC, due_at, first_report_at, id
        LIMIT 1\(raw: dialect.skipLocked)
        """
    }

    /// The head of each `(target_seconds, base_priority)` group of the cases matching
    /// `predicate`, in index order: the first, then repeatedly the first after the last
    /// head's group, in the same target time or else in the next (two seeks: a row-value
    /// comparison would let SQLite seek on the target time only and scan the rest). A `NULL`
    /// head ends the recursion: the join then finds no case.
    private static func heads(_ name: String, among predicate: (String) -> String, tenantId: Tenant.ID) -> SQLStatement {
        let qualified = predicate("n.")
        let next = { (after: String) -> SQLStatement in
            """
            (SELECT n.id FROM cases n WHERE n.tenant_id = \(tenantId) AND \(raw: qualified) AND \(raw: after)
              ORDER BY n.target_seconds, n.base_priority, n.due_at, n.first_report_at, n.id LIMIT 1)
            """
        }
        return """
            \(raw: name)(id) AS (
              SELECT (SELECT id FROM cases WHERE tenant_id = \(tenantId) AND \(raw: predicate(""))
                      ORDER BY target_seconds, base_priority, due_at, first_report_at, id LIMIT 1)
              UNION ALL
              SELECT COALESCE(\(next("n.target_seconds = c.target_seconds AND n.base_priority > c.base_priority")),
                              \(next("n.target_seconds > c.target_seconds")))
              FROM \(raw: name) h JOIN cases c ON c.id = h.id)
            """
    }
}
