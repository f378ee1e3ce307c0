import Foundation
import PostgresNIO
import RelaisCore

/// The queue columns of a case on PostgreSQL: the same summary and derived columns as
/// `SQLiteCaseFacts` (which explains them), with the same core functions.
enum PostgresCaseFacts {
    /// The case with all its reports in arrival order; `nil` when there is no such case.
    static func facts(_ db: PostgresSession, caseId: String) async throws -> CaseFacts? {
        guard let row = try await db.row("SELECT subject_kind, first_report_at FROM cases WHERE id = \(caseId)") else { return nil }
        let reports = try await db.rows(
            "SELECT \(unescaped: StoredRows.caseReportColumns) FROM reports WHERE case_id = \(caseId) ORDER BY received_at, seq")
        let prior = try await db.scalar("SELECT COUNT(*) FROM decisions WHERE case_id = \(caseId)", as: Int.self) ?? 0
        return try StoredRows.caseFacts(caseId: caseId, caseRow: row, reports: reports, priorDecisions: prior)
    }

    /// Writes the summary and what the queue derives from it; the first author id stays.
    static func write(_ db: PostgresSession, _ inputs: PriorityInputs, authorId: String?, caseId: String, weights: PriorityWeights) async throws {
        try await db.execute("\(caseFactsUpdate: inputs, authorId: authorId, caseId: caseId, weights: weights)")
    }

    /// Recomputes the stored priorities when the configured weights changed (and fills any
    /// case without them), as `SQLiteCaseFacts.backfill` does.
    static func backfill(_ db: PostgresSession, weights: PriorityWeights, fingerprint: String) async throws {
        let stored = try await db.scalar("SELECT value FROM relais_settings WHERE key = 'priority_weights'", as: String.self)
        let stale = stored == nil || stored == fingerprint ? "due_at IS NULL" : "status = 'open' OR due_at IS NULL"
        try await db.execute("""
            INSERT INTO relais_settings (key, value) VALUES ('priority_weights', \(fingerprint))
            ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
            """)
        for row in try await db.rows("SELECT id FROM cases WHERE \(unescaped: stale) FOR UPDATE") {
            let id = try row.string("id")
            guard let facts = try await facts(db, caseId: id) else { continue }
            let author = try await db.scalar("""
                SELECT subject_author_id FROM reports WHERE case_id = \(id) AND subject_author_id IS NOT NULL ORDER BY received_at, seq LIMIT 1
                """, as: String.self)
            try await write(db, PriorityInputs(facts), authorId: author, caseId: id, weights: weights)
        }
    }
}

extension PostgresQuery.StringInterpolation {
    /// `UPDATE cases SET …` with the summary and what the queue derives from it: one
    /// statement, also usable inside a larger one (the report's `WITH`).
    mutating func appendInterpolation(caseFactsUpdate inputs: PriorityInputs, authorId: String?, caseId: String, weights: PriorityWeights) {
        let base = CasePriority.assess(inputs, weights: weights, now: inputs.openedAt)
        appendLiteral("UPDATE cases SET severity = ")
        appendInterpolation(inputs.severity.rawValue)
        appendLiteral(", involves_minor = ")
        appendInterpolation(inputs.involvesMinor)
        appendLiteral(", has_threat = ")
        appendInterpolation(inputs.hasThreat)
        appendLiteral(", trusted_flagger = ")
        appendInterpolation(inputs.hasTrustedFlaggerReport)
        appendLiteral(", distinct_reporters = ")
        appendInterpolation(inputs.distinctReporterCount)
        appendLiteral(", base_priority = ")
        appendInterpolation(base.score)
        appendLiteral(", target_seconds = ")
        appendInterpolation(base.target.duration)
        appendLiteral(", due_at = ")
        appendInterpolation(base.target.dueAt)
        appendLiteral(", author_id = COALESCE(author_id, ")
        appendInterpolation(authorId)
        appendLiteral(") WHERE id = ")
        appendInterpolation(caseId)
    }

    /// `INSERT INTO outbox_events …` for a new pending event.
    mutating func appendInterpolation(outboxInsert event: OutboxEvent) {
        appendLiteral("INSERT INTO outbox_events (id, tenant_id, type, payload, created_at, status, attempts, next_attempt_at) VALUES (")
        appendInterpolation(event.id)
        appendLiteral(", ")
        appendInterpolation(event.tenantId)
        appendLiteral(", ")
        appendInterpolation(event.type)
        appendLiteral(", ")
        appendInterpolation(event.payload)
        appendLiteral(", ")
        appendInterpolation(event.createdAt)
        appendLiteral(", 'pending', 0, ")
        appendInterpolation(event.createdAt)
        appendLiteral(")")
    }
}
