import Foundation
import RelaisCore

/// The queue columns of a case, kept up to date as reports arrive, and the core's
/// `CaseFacts` read back from stored reports.
///
/// The columns are the core's `PriorityInputs` summary (`severity`, `involves_minor`,
/// `has_threat`, `trusted_flagger`, `distinct_reporters`) and what the claim orders by
/// (see `ModerationQueueRules`):
/// - `base_priority` is `CasePriority.assess(inputs, now: openedAt).score`: at the opening
///   instant nothing has waited and nothing is overdue, so this is exactly the sum of the
///   time-independent terms (severity, minor, trusted flagger, reporters);
/// - `target_seconds` and `due_at` are `DecisionTarget.forCase(inputs)`.
///
/// Each report updates them with `PriorityInputs.merging` in the transaction that stores it,
/// after one indexed lookup to know whether the reporter is new: a report costs the same in
/// a case of one report as in a raid of thousands.
enum CaseQueueColumns {
    /// Writes the summary and what the queue derives from it. The first author id a platform
    /// gives for the subject stays (the affected user of a decision).
    static func update(_ inputs: PriorityInputs, authorId: String?, caseId: ModerationCase.ID, weights: PriorityWeights) -> SQLStatement {
        let base = CasePriority.assess(inputs, weights: weights, now: inputs.openedAt)
        return """
            UPDATE cases SET severity = \(inputs.severity.rawValue), involves_minor = \(inputs.involvesMinor), \
            has_threat = \(inputs.hasThreat), trusted_flagger = \(inputs.hasTrustedFlaggerReport), \
            distinct_reporters = \(inputs.distinctReporterCount), new_reporters = \(inputs.newReporterCount), \
            low_weight_reports = \(inputs.deprioritizedReporterCount), base_priority = \(base.score), \
            target_seconds = \(base.target.duration), due_at = \(base.target.dueAt), author_id = COALESCE(author_id, \(authorId)) \
            WHERE id = \(caseId)
            """
    }

    /// The case with all its reports, in the order they arrived: for reading a case and for
    /// deciding it, never on the path of a new report. `nil` when there is no such case.
    static func facts(caseId: ModerationCase.ID, dialect: SQLDialect) -> StorePlan<CaseFacts?> {
        .first("SELECT subject_kind, first_report_at, pile_on_id FROM cases WHERE id = \(caseId)") { caseRow in
            guard let caseRow else { return .done(nil) }
            return .query("""
                SELECT \(raw: StoredRows.caseReportColumns) FROM reports WHERE case_id = \(caseId) ORDER BY received_at, \(raw: dialect.reportSequence)
                """) { reports in
                .first("SELECT COUNT(*) AS decisions FROM decisions WHERE case_id = \(caseId)") { count in
                    .done(try StoredRows.caseFacts(caseId: caseId.rawValue, caseRow: caseRow, reports: reports, priorDecisions: try count?.int("decisions") ?? 0))
                }
            }
        }
    }

    /// Fills the queue columns of cases opened before moderation existed, and recomputes the
    /// open cases when the configured weights changed: each case stores its time-independent
    /// priority, computed with the weights in force.
    static func backfill(weights: PriorityWeights, dialect: SQLDialect) throws -> StorePlan<Void> {
        let current = try ModerationPolicy(weights: weights).weightsFingerprint
        return .first("SELECT value FROM relais_settings WHERE key = 'priority_weights'") { stored in
            let storedValue = try stored?.string("value")
            let stale = storedValue == nil || storedValue == current ? "due_at IS NULL" : "status = 'open' OR due_at IS NULL"
            return .write(["""
                INSERT INTO relais_settings (key, value) VALUES ('priority_weights', \(current))
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """]) {
                .query("SELECT id FROM cases WHERE \(raw: stale)\(raw: dialect.lockRow)") { rows in
                    StorePlan<[Void]>.forEach(try rows.map { try $0.id("id") as ModerationCase.ID }) { id in
                        recompute(caseId: id, weights: weights, dialect: dialect)
                    }.then { _ in .done(()) }
                }
            }
        }
    }

    private static func recompute(caseId: ModerationCase.ID, weights: PriorityWeights, dialect: SQLDialect) -> StorePlan<Void> {
        facts(caseId: caseId, dialect: dialect).then { facts in
            guard let facts else { return .done(()) }
            return .first("""
                SELECT subject_author_id FROM reports WHERE case_id = \(caseId) AND subject_author_id IS NOT NULL
                ORDER BY received_at, \(raw: dialect.reportSequence) LIMIT 1
                """) { author in
                .write([update(PriorityInputs(facts), authorId: try author?.optionalString("subject_author_id"), caseId: caseId, weights: weights)],
                    answering: ())
            }
        }
    }
}
