import Foundation
import RelaisCore

/// What differs in the SQL of the two databases, as small fragments the shared statements
/// put where they need them. Everything else in a statement is the same on both.
public struct SQLDialect: Sendable {
    /// Appended to a read that the rest of its transaction depends on: PostgreSQL locks the
    /// row until commit; SQLite has one writer, so the transaction already excludes others.
    let lockRow: String
    /// Appended to a claim: PostgreSQL skips rows another claim has locked instead of
    /// waiting for them; SQLite serializes claims through its writer.
    let skipLocked: String
    /// The scalar functions that pick the smaller / larger of two values.
    let least: String
    let greatest: String
    /// `DISTINCT column` joined with commas, as an aggregate.
    let distinctList: @Sendable (String) -> String
    /// Seconds from the timestamp column to the bound instant, as a double.
    let secondsSince: @Sendable (_ column: String, _ instant: Date) -> SQLStatement
    /// True where the JSON text column has `key` set to true.
    let jsonFlag: @Sendable (_ column: String, _ key: String) -> String
    /// The column that orders reports received in the same instant (insertion order).
    let reportSequence: String
    /// Seconds from one timestamp column to another, as a double.
    let secondsBetween: @Sendable (_ start: String, _ end: String) -> String
    /// The text at `key` of the JSON text column (NULL where absent).
    let jsonText: @Sendable (_ column: String, _ key: String) -> String
    /// Holds a lock named by `key` until the transaction ends, for a rule over rows that do
    /// not exist yet (the reports about one person): PostgreSQL's advisory lock; nil on
    /// SQLite, whose single writer already serializes the transactions.
    let transactionLock: @Sendable (_ key: String) -> SQLStatement?
    /// Tells every other process on the database, when the transaction commits, that
    /// something on `channel` changed (PostgreSQL's NOTIFY, heard by `TenantKeyWatch`); nil on
    /// SQLite, which has no such signal: there the readers' staleness bound is the guarantee.
    let notify: @Sendable (_ channel: String) -> SQLStatement?
    /// Whether a sub-select in the `RETURNING` of a write that waited for a row's lock reads
    /// what the transaction holding the lock wrote: on SQLite nothing commits while a
    /// statement runs (one writer); PostgreSQL's sub-selects read the statement's snapshot,
    /// taken before the wait, so a read that must see the other transaction's rows is a
    /// statement of its own there.
    let returningReadsAfterRowLock: Bool

    /// `CasePriority.score` at `now` in SQL: the stored time-independent part plus the two
    /// terms of time, with the same weights as the core (see `ModerationQueue`).
    func queueScore(at now: Date, weights: PriorityWeights, table prefix: String = "") -> SQLStatement {
        """
        (\(raw: prefix)base_priority + \(weights.perTargetElapsed) * \(raw: least)(\(raw: greatest)(0.0, \
        \(secondsSince(prefix + "first_report_at", now))) / \(raw: prefix)target_seconds, \(weights.maximumTargetsElapsed)) \
        + (CASE WHEN \(raw: prefix)due_at < \(now) THEN \(weights.overdue) ELSE 0.0 END))
        """
    }
}

// The two dialects side by side: every difference between the databases that a shared
// statement needs is here, and nowhere else.
extension SQLDialect {
    /// SQLite: one writer, so no row locks; dates are GRDB's UTC text, read by `julianday`.
    public static let sqlite = SQLDialect(
        lockRow: "", skipLocked: "", least: "MIN", greatest: "MAX",
        distinctList: { "GROUP_CONCAT(DISTINCT \($0))" },
        secondsSince: { column, instant in "(julianday(\(instant)) - julianday(\(raw: column))) * 86400.0" },
        jsonFlag: { column, key in "json_extract(\(column), '$.\(key)') = 1" },
        reportSequence: "rowid",
        secondsBetween: { start, end in "((julianday(\(end)) - julianday(\(start))) * 86400.0)" },
        jsonText: { column, key in "json_extract(\(column), '$.\(key)')" },
        transactionLock: { _ in nil },
        notify: { _ in nil },
        returningReadsAfterRowLock: true)
}

extension SQLDialect {
    /// PostgreSQL: several instances write at once, so reads that decide a write lock their
    /// row, and claims skip the rows another claim holds.
    public static let postgres = SQLDialect(
        lockRow: " FOR UPDATE", skipLocked: " FOR UPDATE SKIP LOCKED", least: "LEAST", greatest: "GREATEST",
        distinctList: { "string_agg(DISTINCT \($0), ',')" },
        secondsSince: { column, instant in "EXTRACT(EPOCH FROM (\(instant) - \(raw: column)))::float8" },
        jsonFlag: { column, key in "(\(column)::jsonb ->> '\(key)') = 'true'" },
        reportSequence: "seq",
        secondsBetween: { start, end in "EXTRACT(EPOCH FROM (\(end) - \(start)))::float8" },
        jsonText: { column, key in "(\(column)::jsonb ->> '\(key)')" },
        transactionLock: { key in "SELECT pg_advisory_xact_lock(hashtextextended(\(key), 0))" },
        notify: { channel in "SELECT pg_notify(\(channel), '')" },
        returningReadsAfterRowLock: false)
}
