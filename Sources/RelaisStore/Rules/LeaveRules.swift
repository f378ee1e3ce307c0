import Foundation
import RelaisCore

/// A moderator who signs out leaves nothing held: every case and complaint they hold a live
/// lease on goes back to the queue at once, each release audited as any other, instead of
/// waiting for the lease to run out while nobody works on it.
extension ModerationStore where Self: StoreDriver & AppealStore {
    public func releaseLeases(of moderator: Moderator, now: Date) async throws -> Int {
        let held = try await read(.query("""
            SELECT id, 'case' AS kind FROM cases WHERE lease_owner = \(moderator.id) AND status = 'open' AND lease_expires_at > \(now)
            UNION ALL
            SELECT id, 'appeal' AS kind FROM appeals WHERE lease_owner = \(moderator.id) AND status = 'open' AND lease_expires_at > \(now)
            """) { rows in .done(try rows.map { (id: try $0.string("id"), kind: try $0.string("kind")) }) })
        var released = 0
        for lease in held {
            let outcome = lease.kind == "case"
                ? try await releaseLease(caseId: ModerationCase.ID(rawValue: lease.id), by: moderator, now: now)
                : try await releaseAppealLease(id: Appeal.ID(rawValue: lease.id), by: moderator, now: now)
            if case .released = outcome { released += 1 }
        }
        return released
    }
}
