import Foundation
import RelaisCore

/// A change to a case's lease by the moderator who holds it: renewing or releasing. The
/// rule: only the holder of a live lease on an open case may change it (`LeaseCheck`), and
/// the change and its audit entry are one transaction, the case row locked first.
struct LeaseChange: Sendable {
    enum Kind: Sendable { case renew, release }
    enum Result: Sendable, Equatable { case changed, notFound, notLeasedByCaller }

    let kind: Kind
    let caseId: ModerationCase.ID
    let moderator: Moderator
    let now: Date
    let leaseDuration: TimeInterval

    var action: String { kind == .renew ? "case.lease_renewed" : "case.released" }

    /// What the change writes: the lease columns and the audit's "after".
    var update: (statement: SQLStatement, after: String) {
        switch kind {
        case .renew:
            let expiresAt = now.addingTimeInterval(leaseDuration)
            return ("UPDATE cases SET lease_expires_at = \(expiresAt) WHERE id = \(caseId)", AuditJSON.lease(owner: moderator.name, expiresAt: expiresAt))
        case .release:
            return ("UPDATE cases SET lease_owner = NULL, lease_expires_at = NULL WHERE id = \(caseId)", AuditJSON.lease(owner: nil, expiresAt: nil))
        }
    }

    func plan(dialect: SQLDialect) -> StorePlan<Result> {
        let change = self
        return LeaseChange.check(caseId: caseId, moderator: moderator, now: now, dialect: dialect).then { check in
            switch check {
            case .notFound: return .done(.notFound)
            case .notLeasedByCaller: return .done(.notLeasedByCaller)
            case .held:
                return LeaseChange.state(caseId: change.caseId).then { before in
                    let update = change.update
                    return .write([
                        update.statement,
                        SharedStatements.audit(
                            tenantId: change.moderator.tenantId, actor: change.moderator.name, at: change.now, action: change.action,
                            caseId: change.caseId, before: before, after: update.after),
                    ], answering: .changed)
                }
            }
        }
    }

    /// Locks the case row for the rest of the transaction (PostgreSQL), then checks the
    /// caller's lease.
    static func check(caseId: ModerationCase.ID, moderator: Moderator, now: Date, dialect: SQLDialect) -> StorePlan<LeaseCheck> {
        .first("""
            SELECT status, lease_owner, lease_expires_at FROM cases WHERE id = \(caseId) AND tenant_id = \(moderator.tenantId)\(raw: dialect.lockRow)
            """) { row in .done(try StoredRows.leaseCheck(row, moderator: moderator, now: now)) }
    }

    /// The case's lease state for the audit log's "before".
    static func state(caseId: ModerationCase.ID) -> StorePlan<String?> {
        .first("""
            SELECT c.status, m.name AS owner, c.lease_expires_at FROM cases c LEFT JOIN moderators m ON m.id = c.lease_owner WHERE c.id = \(caseId)
            """) { row in .done(try row.map(StoredRows.leaseStateJSON)) }
    }
}
