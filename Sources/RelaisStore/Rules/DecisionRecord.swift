import Foundation
import RelaisCore

/// The rows of one recorded decision, whichever path took it (a case decided from the queue,
/// or a decision made on review of a complaint): the decision with who took it and the event
/// that tells the platform, its statement of reasons when one is due, and the decision it
/// replaces marked so. Written once, so a
/// decision made on review goes through the same rules as any other.
enum DecisionRecord {
    static func writes(
        id: String, tenantId: Tenant.ID, caseId: ModerationCase.ID, moderatorId: Moderator.ID, decision: Decision, statement: StatementOfReasons?,
        author: String?, now: Date, noticeEventId: String, replaces: String? = nil, appealId: Appeal.ID? = nil
    ) throws -> [SQLStatement] {
        var statements: [SQLStatement] = [
            """
            INSERT INTO decisions (id, tenant_id, case_id, moderator_id, decision_json, restrictive, solely_automated, author_id, decided_at,
              notice_event_id, replaces_decision_id, appeal_id)
            VALUES (\(id), \(tenantId), \(caseId), \(moderatorId), \(try StoredRows.decisionJSON(decision)), \(!decision.isNoAction), \
            \(decision.automatedDecision == .fully), \(author), \(now), \(noticeEventId), \(replaces), \(appealId?.rawValue))
            """
        ]
        if let statement {
            statements.append("""
                INSERT INTO statements_of_reasons (puid, tenant_id, case_id, decision_id, statement_json, created_at)
                VALUES (\(statement.puid), \(tenantId), \(caseId), \(id), \(String(decoding: try statement.jsonData(), as: UTF8.self)), \(now))
                """)
            // Queued for the Transparency Database in the same transaction (TransparencyRules).
            statements.append(TransparencyRules.queue(puid: statement.puid, tenantId: tenantId, caseId: caseId, now: now))
        }
        // The decision in force until now (the one a complaint contested, or the one a new
        // report reopened the case after) is replaced by this one.
        statements.append("UPDATE decisions SET superseded_by = \(id) WHERE case_id = \(caseId) AND superseded_by IS NULL AND id <> \(id)")
        return statements
    }
}
