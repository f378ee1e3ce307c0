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
    /// `onlyIf`: a condition the row must also meet (a report's two candidate updates, see
    /// `ReportWritePlan.writes`).
    static func update(
        _ inputs: PriorityInputs, authorId: String?, caseId: ModerationCase.ID, weights: PriorityWeights, onlyIf condition: SQLStatement? = nil
    ) -> SQLStatement {
        let base = basePriority(inputs, weights: weights)
        let update: SQLStatement = """
            UPDATE cases SET severity = \(inputs.severity.rawValue), involves_minor = \(inputs.involvesMinor), \
            has_threat = \(inputs.hasThreat), trusted_flagger = \(inputs.hasTrustedFlaggerReport), \
            distinct_reporters = \(inputs.distinctReporterCount), new_reporters = \(inputs.newReporterCount), \
            low_weight_reports = \(inputs.deprioritizedReporterCount), base_priority = \(base.score), \
            target_seconds = \(base.target.duration), due_at = \(base.target.dueAt), author_id = COALESCE(author_id, \(authorId)) \
            WHERE id = \(caseId)
            """
        guard let condition else { return update }
        return "\(update) AND \(condition)"
    }

    /// The time-independent priority and the target time: the assessment at the opening
    /// instant, when nothing has waited and nothing is overdue.
    static func basePriority(_ inputs: PriorityInputs, weights: PriorityWeights) -> CasePriority {
        CasePriority.assess(inputs, weights: weights, now: inputs.openedAt)
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
    ///
    /// A case opened before moderation has no summary yet, so its reports are read
    /// (`recompute`). An open case with a summary needs only new weights applied to it: that is
    /// read from the cases alone and written back in statements of `reprioritizeBatch` cases
    /// each, so a change of weights over a large queue costs a scan, not five round trips a case.
    static func backfill(weights: PriorityWeights, dialect: SQLDialect) throws -> StorePlan<Void> {
        let current = try ModerationPolicy(weights: weights).weightsFingerprint
        return .first("SELECT value FROM relais_settings WHERE key = 'priority_weights'") { stored in
            let storedValue = try stored?.string("value")
            let weightsChanged = storedValue != nil && storedValue != current
            return .write(["""
                INSERT INTO relais_settings (key, value) VALUES ('priority_weights', \(current))
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """]) {
                .query("SELECT id FROM cases WHERE due_at IS NULL\(raw: dialect.lockRow)") { rows in
                    StorePlan<[Void]>.forEach(try rows.map { try $0.id("id") as ModerationCase.ID }) { id in
                        recompute(caseId: id, weights: weights, dialect: dialect)
                    }.then { _ in weightsChanged ? reprioritizeOpenCases(weights: weights, dialect: dialect) : .done(()) }
                }
            }
        }
    }

    /// Cases per statement when new weights are applied: 4 values each, far below either
    /// database's limit on bound values.
    static let reprioritizeBatch = 500

    /// New weights on every open case that has its summary: `basePriority` from the stored
    /// summary (`StoredRows.priorityInputs`), written with one `UPDATE … FROM (VALUES …)` per
    /// batch (both databases name a `VALUES` list's columns `column1`, `column2`…).
    private static func reprioritizeOpenCases(weights: PriorityWeights, dialect: SQLDialect) -> StorePlan<Void> {
        .query("""
            SELECT id, severity, involves_minor, has_threat, trusted_flagger, distinct_reporters, new_reporters, low_weight_reports,
              first_report_at, pile_on_id
            FROM cases WHERE status = 'open' AND due_at IS NOT NULL\(raw: dialect.lockRow)
            """) { rows in
            var values: [SQLStatement] = []
            values.reserveCapacity(rows.count)
            for row in rows {
                let base = basePriority(try StoredRows.priorityInputs(row), weights: weights)
                values.append("(\(try row.id("id") as ModerationCase.ID), \(base.score), \(base.target.duration), \(base.target.dueAt))")
            }
            let statements = stride(from: 0, to: values.count, by: reprioritizeBatch).map { start -> SQLStatement in
                let batch = SQLStatement.joined(values[start..<min(start + reprioritizeBatch, values.count)], separator: ", ")
                return """
                    UPDATE cases SET base_priority = v.column2, target_seconds = v.column3, due_at = v.column4
                    FROM (VALUES \(batch)) AS v WHERE cases.id = v.column1
                    """
            }
            return statements.isEmpty ? .done(()) : .write(statements, answering: ())
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
