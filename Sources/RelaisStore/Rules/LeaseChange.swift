import Foundation
import RelaisCore

/// A change to a lease by the moderator who holds it, on a case or a complaint (`LeasedQueue`):
/// renewing or releasing. The rule: only the holder of a live lease on an open item may
/// change it (`LeaseCheck`), and the change and its audit entry are one transaction, the row
/// locked first.
struct LeaseChange: Sendable {
    enum Kind: Sendable { case renew, release }
    enum Result: Sendable, Equatable { case changed, notFound, notLeasedByCaller }

    let kind: Kind
    /// The case's id, or the complaint's in the appeal queue.
    let caseId: ModerationCase.ID
    let moderator: Moderator
    let now: Date
    let leaseDuration: TimeInterval
    var queue: LeasedQueue = .cases

    var action: String { queue.auditPrefix + (kind == .renew ? ".lease_renewed" : ".released") }

    /// The complaint's id in the audit entry, when the lease is on the appeal queue.
    var appealId: String? { queue == .appeals ? caseId.rawValue : nil }

    /// What the change writes: the lease columns and the audit's "after".
    var update: (statement: SQLStatement, after: String) {
        switch kind {
        case .renew:
            let expiresAt = now.addingTimeInterval(leaseDuration)
            return (
                "UPDATE \(raw: queue.table) SET lease_expires_at = \(expiresAt) WHERE id = \(caseId)",
                AuditJSON.lease(owner: moderator.name, expiresAt: expiresAt, appealId: appealId))
        case .release:
            return (
                "UPDATE \(raw: queue.table) SET lease_owner = NULL, lease_expires_at = NULL WHERE id = \(caseId)",
                AuditJSON.lease(owner: nil, expiresAt: nil, appealId: appealId))
        }
    }

    func plan(dialect: SQLDialect) -> StorePlan<Result> {
        let change = self
        return LeaseChange.check(caseId: caseId, moderator: moderator, now: now, dialect: dialect, queue: queue).then { check in
            switch check {
            case .notFound: return .done(.notFound)
            case .notLeasedByCaller: return .done(.notLeasedByCaller)
            case .held:
                return LeaseChange.state(caseId: change.caseId, queue: change.queue).then { state in
                    let update = change.update
                    return .write([
                        update.statement,
                        SharedStatements.audit(
                            tenantId: change.moderator.tenantId, actor: change.moderator.name, at: change.now, action: change.action,
                            caseId: state.caseId, before: state.json, after: update.after),
                    ], answering: .changed)
                }
            }
        }
    }

    /// Leases a free item (picked by the queue's own order) to the moderator, with its audit
    /// entry: the claim's writes, the same on both queues.
    static func claim(_ id: ModerationCase.ID, queue: LeasedQueue, moderator: Moderator, now: Date, leaseDuration: TimeInterval) -> StorePlan<ModerationCase.ID> {
        let expiresAt = now.addingTimeInterval(leaseDuration)
        return state(caseId: id, queue: queue).then { state in
            let after = AuditJSON.lease(owner: moderator.name, expiresAt: expiresAt, appealId: queue == .appeals ? id.rawValue : nil)
            return .write([
                "UPDATE \(raw: queue.table) SET lease_owner = \(moderator.id), lease_expires_at = \(expiresAt) WHERE id = \(id)",
                SharedStatements.audit(
                    tenantId: moderator.tenantId, actor: moderator.name, at: now, action: queue.auditPrefix + ".claimed", caseId: state.caseId,
                    before: state.json, after: after),
            ], answering: id)
        }
    }

    /// Locks the case row for the rest of the transaction (PostgreSQL), then checks the
    /// caller's lease.
    static func check(caseId: ModerationCase.ID, moderator: Moderator, now: Date, dialect: SQLDialect, queue: LeasedQueue = .cases) -> StorePlan<LeaseCheck> {
        .first("""
            SELECT status, lease_owner, lease_expires_at FROM \(raw: queue.table) \
            WHERE id = \(caseId) AND tenant_id = \(moderator.tenantId)\(raw: dialect.lockRow)
            """) { row in .done(try StoredRows.leaseCheck(row, moderator: moderator, now: now)) }
    }

    /// The case's lease state for the audit log's "before".
    static func state(caseId: ModerationCase.ID) -> StorePlan<String?> {
        state(caseId: caseId, queue: .cases).then { .done($0.json) }
    }

    /// An item's lease state for the audit log's "before", and the case it belongs to.
    static func state(caseId id: ModerationCase.ID, queue: LeasedQueue) -> StorePlan<State> {
        .first("""
            SELECT c.status, m.name AS owner, c.lease_expires_at, c.\(raw: queue.caseColumn) AS owning_case FROM \(raw: queue.table) c \
            LEFT JOIN moderators m ON m.id = c.lease_owner WHERE c.id = \(id)
            """) { row in .done(State(json: try row.map(StoredRows.leaseStateJSON), caseId: try row?.optionalID("owning_case"))) }
    }

    /// An item's lease for the audit log, and its case.
    struct State: Sendable {
        var json: String?
        var caseId: ModerationCase.ID?
    }
}
