import Foundation
import RelaisCore

/// Which decision answered each notice, written onto the notices when the decision is taken,
/// for the transparency report (`TransparencyReportRules`): the notices of the case received up
/// to the decision that no decision answered yet. A decision made on review of a complaint
/// answers the complaint, not the notices, so only a case's own decisions write here.
///
/// The report then counts from the notices alone. Before this (migration v19), it picked each
/// notice's decision with a correlated lookup and read its ground from the decision's JSON,
/// about 10 µs a notice.
enum NoticeAnswers {
    static func record(decisionId: String, caseId: ModerationCase.ID, decision: Decision, now: Date, dialect: SQLDialect) -> [SQLStatement] {
        let restrictive = !decision.isNoAction
        var statements: [SQLStatement] = [
            """
            UPDATE reports SET answered_by = \(decisionId), answered_at = \(now), answer_restrictive = \(restrictive),
              answer_ground = \(restrictive ? decision.ground?.rawValue : nil), answer_automated = \(decision.automatedDecision == .fully)
            WHERE case_id = \(caseId) AND answered_by IS NULL AND received_at <= \(now)
            """
        ]
        // The time to action counts only for a restriction.
        if restrictive {
            statements.append("""
                UPDATE reports SET answer_centi_hours = \(raw: centiHours(dialect)) WHERE case_id = \(caseId) AND answered_by = \(decisionId)
                """)
        }
        return statements
    }

    /// From receipt to answer in hundredths of an hour, computed by the database, rounded half
    /// up on both (PostgreSQL's `round` of a double would round half to even; of a NUMERIC it
    /// rounds like SQLite's). Migration v19 fills the notices stored before with the same.
    static func centiHours(_ dialect: SQLDialect) -> String {
        "CAST(ROUND(CAST(\(dialect.secondsBetween("received_at", "answered_at")) / 36.0 AS NUMERIC)) AS INTEGER)"
    }

    /// The report reads, per notice of the period, only these columns: an index holding them
    /// all in the order of the period's range is read alone, without the notices' rows (a tenth
    /// of the bytes). It takes the place of `reports_by_tenant (tenant_id, received_at)`, whose
    /// columns lead it, so a report does not write one index more.
    static let coveringIndex = """
        DROP INDEX reports_by_tenant;
        CREATE INDEX reports_by_tenant ON reports (tenant_id, received_at, category, reporter_trusted_flagger, answer_centi_hours, answer_ground,
          answer_automated);
        """
}
