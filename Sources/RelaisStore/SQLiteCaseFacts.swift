import Foundation
import GRDB
import RelaisCore

/// Builds the core's `CaseFacts` from stored reports, and keeps the queue columns of a case
/// (`base_priority`, `target_seconds`, `due_at`, `author_id`) up to date with them.
///
/// The queue columns are what the claim orders by (see `SQLiteModerationQueue`). They are
/// recomputed in the transaction that stores each report, with the core's formula, so the
/// queue never disagrees with `CasePriority`:
/// - `base_priority` is `CasePriority.assess(facts, now: openedAt).score`: at the opening
///   instant nothing has waited and nothing is overdue, so this is exactly the sum of the
///   time-independent terms (severity, minor, trusted flagger, reporters);
/// - `target_seconds` and `due_at` are `DecisionTarget.forCase(facts)`.
enum SQLiteCaseFacts {
    /// The case's reports with only what moderation needs, oldest first.
    ///
    /// This reads every report of the case on each new report: a narrow indexed scan, a few
    /// milliseconds for thousands of reports. Should raids on one subject grow far beyond
    /// that, keep running aggregates instead (categories seen, distinct reporters).
    static func facts(_ db: Database, caseId: String) throws -> CaseFacts? {
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT subject_kind, first_report_at FROM cases WHERE id = ?"), arguments: [caseId])
        else { return nil }
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT reporter_id, category, reporter_age, reporter_is_target, reporter_trusted_flagger, received_at,
              subject_created_at, subject_language
            FROM reports WHERE case_id = ? ORDER BY received_at, rowid
            """), arguments: [caseId])
        var createdAt: Date?
        var language: String?
        let reports = rows.map { r -> CaseReport in
            let flagger: String? = r["reporter_trusted_flagger"]
            let category: String = r["category"], age: String = r["reporter_age"]
            // The earliest report that says when the content was posted, or its language, wins.
            if createdAt == nil, let text: String = r["subject_created_at"] { createdAt = Timestamp.parse(text) }
            if language == nil { language = r["subject_language"] }
            return CaseReport(
                reporterId: r["reporter_id"], category: ReportCategory(rawValue: category) ?? .other,
                ageBracket: AgeBracket(rawValue: age) ?? .unknown, isTarget: r["reporter_is_target"],
                isTrustedFlagger: flagger != nil, trustedFlaggerName: flagger, receivedAt: r["received_at"])
        }
        let kind: String = row["subject_kind"]
        let priorDecisions = try Int.fetchOne(
            db.cachedStatement(sql: "SELECT COUNT(*) FROM decisions WHERE case_id = ?"), arguments: [caseId]) ?? 0
        return CaseFacts(
            caseId: caseId, subjectKind: ReportDraft.SubjectKind(rawValue: kind) ?? .other, contentCreatedAt: createdAt,
            contentLanguage: language, openedAt: row["first_report_at"], reports: reports, priorDecisionCount: priorDecisions)
    }

    /// Recomputes the queue columns of a case from its reports, with the storage's weights.
    static func refreshQueueColumns(_ db: Database, caseId: String, weights: PriorityWeights) throws {
        guard let facts = try facts(db, caseId: caseId) else { return }
        let base = CasePriority.assess(facts, weights: weights, now: facts.openedAt)
        let author = try String.fetchOne(
            db.cachedStatement(sql: """
                SELECT subject_author_id FROM reports WHERE case_id = ? AND subject_author_id IS NOT NULL ORDER BY received_at, rowid LIMIT 1
                """), arguments: [caseId])
        try db.cachedStatement(sql: "UPDATE cases SET base_priority = ?, target_seconds = ?, due_at = ?, author_id = ? WHERE id = ?")
            .execute(arguments: [base.score, base.target.duration, base.target.dueAt, author, caseId])
    }

    /// Fills the queue columns of cases opened before moderation existed (migration v5).
    static func backfill(_ db: Database, weights: PriorityWeights) throws {
        for id in try String.fetchAll(db, sql: "SELECT id FROM cases WHERE due_at IS NULL") {
            try refreshQueueColumns(db, caseId: id, weights: weights)
        }
    }
}
