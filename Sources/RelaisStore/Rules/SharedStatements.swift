import Foundation
import RelaisCore

/// Statements that several operations write, each written once.
enum SharedStatements {
    /// One entry of the append-only audit log, in the transaction of the action itself, so a
    /// change without its audit entry cannot be committed (triggers refuse UPDATE and DELETE).
    static func audit(
        tenantId: Tenant.ID, actor: String, at: Date, action: String, caseId: ModerationCase.ID? = nil, before: String? = nil, after: String? = nil
    ) -> SQLStatement {
        """
        INSERT INTO audit_log (tenant_id, actor, at, action, case_id, before_json, after_json)
        VALUES (\(tenantId), \(actor), \(at), \(action), \(caseId), \(before), \(after))
        """
    }

    /// A new pending outbox event, in the transaction of the change that caused it.
    static func outbox(_ event: OutboxEvent) -> SQLStatement {
        """
        INSERT INTO outbox_events (id, tenant_id, type, payload, created_at, status, attempts, next_attempt_at, flagger_id)
        VALUES (\(event.id), \(event.tenantId), \(event.type), \(event.payload), \(event.createdAt), 'pending', 0, \(event.createdAt), \(event.flaggerId))
        """
    }
}
