import Foundation
import GRDB
import RelaisCore

/// Builds the core's `CaseFacts` from stored reports, and keeps the queue columns of a case
/// up to date as reports arrive.
///
/// The queue columns are the core's `PriorityInputs` summary (`severity`, `involves_minor`,
/// `has_threat`, `trusted_flagger`, `distinct_reporters`) and what the claim orders by
/// (see `SQLiteModerationQueue`):
/// - `base_priority` is `CasePriority.assess(inputs, now: openedAt).score`: at the opening
///   instant nothing has waited and nothing is overdue, so this is exactly the sum of the
///   time-independent terms (severity, minor, trusted flagger, reporters);
/// - `target_seconds` and `due_at` are `DecisionTarget.forCase(inputs)`.
///
/// Each report updates them with `PriorityInputs.merging` in the transaction that stores it,
/// after one indexed lookup to know whether the reporter is new: a report costs the same in
/// a case of one report as in a raid of thousands.
enum SQLiteCaseFacts {
    /// The case with all its reports, in the order they arrived: for reading a case and for
    /// deciding it, never on the path of a new report.
    static func facts(_ db: Database, caseId: String) throws -> CaseFacts? {
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT subject_kind, first_report_at FROM cases WHERE id = ?"), arguments: [caseId])
        else { return nil }
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT \(StoredRows.caseReportColumns) FROM reports WHERE case_id = ? ORDER BY received_at, rowid"),
            arguments: [caseId])
        let priorDecisions = try Int.fetchOne(
            db.cachedStatement(sql: "SELECT COUNT(*) FROM decisions WHERE case_id = ?"), arguments: [caseId]) ?? 0
        return try StoredRows.caseFacts(caseId: caseId, caseRow: row, reports: rows, priorDecisions: priorDecisions)
    }

    /// Whether this reporter has not reported the case yet (asked before the report is stored).
    static func isNewReporter(_ db: Database, caseId: String, reporterId: String) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT 1 FROM reports WHERE case_id = ? AND reporter_id = ? LIMIT 1"), arguments: [caseId, reporterId])
            != true
    }

    /// Adds one report to the case's queue columns.
    static func record(
        _ db: Database, report: CaseReport, isNewReporter: Bool, authorId: String?, caseId: String, weights: PriorityWeights
    ) throws {
        guard let current = try inputs(db, caseId: caseId) else { return }
        try write(db, current.merging(report, isNewReporter: isNewReporter), authorId: authorId, caseId: caseId, weights: weights)
    }

    /// The summary as stored on the case.
    static func inputs(_ db: Database, caseId: String) throws -> PriorityInputs? {
        try Row.fetchOne(
            db.cachedStatement(sql: """
                SELECT severity, involves_minor, has_threat, trusted_flagger, distinct_reporters, first_report_at FROM cases WHERE id = ?
                """), arguments: [caseId]
        ).map(StoredRows.priorityInputs)
    }

    /// Writes the summary and what the queue derives from it. The first author id a platform
    /// gives for the subject stays (the affected user of a decision).
    private static func write(_ db: Database, _ inputs: PriorityInputs, authorId: String?, caseId: String, weights: PriorityWeights) throws {
        let base = CasePriority.assess(inputs, weights: weights, now: inputs.openedAt)
        try db.cachedStatement(sql: """
            UPDATE cases SET severity = ?, involves_minor = ?, has_threat = ?, trusted_flagger = ?, distinct_reporters = ?,
              base_priority = ?, target_seconds = ?, due_at = ?, author_id = COALESCE(author_id, ?)
            WHERE id = ?
            """).execute(arguments: [
                inputs.severity.rawValue, inputs.involvesMinor, inputs.hasThreat, inputs.hasTrustedFlaggerReport,
                inputs.distinctReporterCount, base.score, base.target.duration, base.target.dueAt, authorId, caseId,
            ])
    }

    /// Fills the queue columns of cases opened before moderation existed (migration v5),
    /// from all their reports.
    static func backfill(_ db: Database, weights: PriorityWeights) throws {
        // Each case stores its time-independent priority, computed with the weights in force.
        // When the configured weights change, every open case is recomputed with the new ones.
        let current = try ModerationPolicy(weights: weights).weightsFingerprint
        let stored = try String.fetchOne(db, sql: "SELECT value FROM relais_settings WHERE key = 'priority_weights'")
        let stale = stored == nil || stored == current ? "due_at IS NULL" : "status = 'open' OR due_at IS NULL"
        try db.execute(
            sql: "INSERT INTO relais_settings (key, value) VALUES ('priority_weights', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            arguments: [current])
        for id in try String.fetchAll(db, sql: "SELECT id FROM cases WHERE \(stale)") {
            guard let facts = try facts(db, caseId: id) else { continue }
            let author = try String.fetchOne(db, sql: """
                SELECT subject_author_id FROM reports WHERE case_id = ? AND subject_author_id IS NOT NULL ORDER BY received_at, rowid LIMIT 1
                """, arguments: [id])
            try write(db, PriorityInputs(facts), authorId: author, caseId: id, weights: weights)
        }
    }
}
