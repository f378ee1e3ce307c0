import Foundation

/// What the audit log says about a webhook replay, wherever it was asked for (the console's
/// button, `relais webhooks replay`). Written here once; each backend only runs the SQL, in
/// the transaction that puts the events back to pending (`WebhookRules.replay`), so a replay cannot be committed
/// without its entry.
public enum WebhookReplayAudit {
    public static let action = "webhook.replayed"

    public struct Entry: Sendable, Equatable {
        public var tenantId: Tenant.ID
        public var before: String
        public var after: String
    }

    /// One entry per tenant whose events went back to pending, with how many. A replay scoped
    /// to one tenant is on record even when it found nothing to send again.
    static func entries(_ selection: WebhookReplay, scopedTo tenantId: Tenant.ID?, replayedTenantIds: [Tenant.ID]) -> [Entry] {
        var counts: [Tenant.ID: Int] = [:]
        for id in replayedTenantIds { counts[id, default: 0] += 1 }
        if let tenantId, counts[tenantId] == nil { counts[tenantId] = 0 }
        let event: String
        switch selection {
        case .dead: event = "all dead"
        case .event(let id): event = id
        }
        return counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { id, count in
            Entry(
                tenantId: id, before: AuditJSON.make(["status": "dead", "event": event]),
                after: AuditJSON.make(["status": "pending", "replayed": String(count)]))
        }
    }
}
