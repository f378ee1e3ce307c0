import Foundation
import PostgresNIO

/// Webhook endpoints and delivery claims on PostgreSQL (see `WebhookStore` for the protocol
/// and `SQLiteWebhooks` for the rules).
extension PostgresStorage {
    public func setWebhookEndpoint(tenantName: String, url: String, rotateSecret: Bool, now: Date) async throws
        -> (WebhookEndpoint, newSecret: String?)
    {
        _ = try WebhookURL.validate(url)
        let candidate = WebhookSecret.generate()
        return try await write { db in
            guard let tenantId = try await db.scalar("SELECT id FROM tenants WHERE name = \(tenantName) FOR UPDATE", as: String.self) else {
                throw StorageError.tenantNotFound(tenantName)
            }
            let existing = try await db.scalar("SELECT secret FROM webhook_endpoints WHERE tenant_id = \(tenantId)", as: String.self)
            let secret = (rotateSecret ? nil : existing) ?? candidate
            try await db.execute("""
                INSERT INTO webhook_endpoints (tenant_id, url, secret, updated_at) VALUES (\(tenantId), \(url), \(secret), \(now))
                ON CONFLICT (tenant_id) DO UPDATE SET url = EXCLUDED.url, secret = EXCLUDED.secret, updated_at = EXCLUDED.updated_at
                """)
            let endpoint = WebhookEndpoint(tenantId: tenantId, tenantName: tenantName, url: url, secret: secret, updatedAt: now)
            return (endpoint, secret == existing ? nil : secret)
        }
    }

    public func webhookEndpoint(tenantName: String) async throws -> WebhookEndpoint? {
        try await read { db in
            let tenantId = try await Self.tenantId(tenantName, db)!
            return try await db.row("SELECT * FROM webhook_endpoints WHERE tenant_id = \(tenantId)").map {
                WebhookEndpoint(
                    tenantId: tenantId, tenantName: tenantName, url: try $0.string("url"), secret: try $0.string("secret"),
                    updatedAt: try $0.date("updated_at"))
            }
        }
    }

    /// One statement: the due events are chosen `FOR UPDATE SKIP LOCKED`, so workers on
    /// several instances take different events without waiting for each other, and the
    /// claim is written before anyone else can see them free.
    public func claimDueWebhooks(now: Date, leaseUntil: Date, worker: String, limit: Int) async throws -> [WebhookDelivery] {
        try await write { db in
            try await db.rows("""
                UPDATE outbox_events o SET claimed_by = \(worker), claimed_until = \(leaseUntil)
                FROM webhook_endpoints w
                WHERE w.tenant_id = o.tenant_id AND o.id IN (
                  SELECT e.id FROM outbox_events e JOIN webhook_endpoints x ON x.tenant_id = e.tenant_id
                  WHERE e.status = 'pending' AND e.next_attempt_at <= \(now) AND (e.claimed_until IS NULL OR e.claimed_until <= \(now))
                  ORDER BY e.next_attempt_at, e.id
                  LIMIT \(limit)
                  FOR UPDATE OF e SKIP LOCKED)
                RETURNING o.id, o.tenant_id, o.type, o.payload, o.attempts, o.next_attempt_at, w.url, w.secret
                """)
            .sorted { (try $0.date("next_attempt_at"), try $0.string("id")) < (try $1.date("next_attempt_at"), try $1.string("id")) }
            .map(StoredRows.delivery)
        }
    }

    public func markWebhookDelivered(eventId: String, at: Date) async throws {
        // Not guarded by the claim: a success is a success. Guarded by status, so a late
        // duplicate does not count twice.
        try await single { db in
            try await db.execute("""
                UPDATE outbox_events
                SET status = 'delivered', delivered_at = \(at), attempts = attempts + 1, last_error = NULL, claimed_by = NULL, claimed_until = NULL
                WHERE id = \(eventId) AND status = 'pending'
                """)
        }
    }

    @discardableResult
    public func markWebhookFailed(eventId: String, worker: String, failure: WebhookFailure) async throws -> Bool {
        let status = failure.dead ? OutboxStatus.dead.rawValue : OutboxStatus.pending.rawValue
        return try await single { db in
            try await db.row("""
                UPDATE outbox_events
                SET status = \(status), attempts = \(failure.attempts), last_error = \(failure.error),
                    next_attempt_at = \(failure.nextAttemptAt), claimed_by = NULL, claimed_until = NULL
                WHERE id = \(eventId) AND status = 'pending' AND claimed_by = \(worker)
                RETURNING id
                """) != nil
        }
    }

    public func webhookStatus(tenantName: String?) async throws -> WebhookStatus {
        try await read { db in
            let tenantId = try await Self.tenantId(tenantName, db)
            var counts: [String: Int] = [:]
            for row in try await db.rows("""
                SELECT status, COUNT(*) AS n FROM outbox_events WHERE (\(tenantId)::text IS NULL OR tenant_id = \(tenantId)) GROUP BY status
                """)
            {
                counts[try row.string("status")] = try row.int("n")
            }
            let dead = try await db.rows("""
                SELECT o.id, t.name, o.type, o.attempts, o.last_error, o.created_at
                FROM outbox_events o JOIN tenants t ON t.id = o.tenant_id
                WHERE o.status = 'dead' AND (\(tenantId)::text IS NULL OR o.tenant_id = \(tenantId)) ORDER BY o.created_at, o.id
                """).map(StoredRows.deadEvent)
            return WebhookStatus(pending: counts["pending"] ?? 0, delivered: counts["delivered"] ?? 0, dead: counts["dead"] ?? 0, deadEvents: dead)
        }
    }

    public func replayWebhooks(_ selection: WebhookReplay, tenantName: String?, actor: String, now: Date) async throws -> Int {
        try await write { db in
            let tenantId = try await Self.tenantId(tenantName, db)
            var eventId: String?
            var deadOnly = false
            switch selection {
            case .dead: deadOnly = true
            case .event(let id): eventId = id
            }
            // Attempts start again from zero; an event under a live claim is left alone.
            let replayed = try await db.rows("""
                UPDATE outbox_events
                SET status = 'pending', attempts = 0, next_attempt_at = \(now), last_error = NULL, delivered_at = NULL,
                    claimed_by = NULL, claimed_until = NULL
                WHERE (claimed_until IS NULL OR claimed_until <= \(now))
                  AND (NOT \(deadOnly) OR status = 'dead')
                  AND (\(eventId)::text IS NULL OR id = \(eventId))
                  AND (\(tenantId)::text IS NULL OR tenant_id = \(tenantId))
                RETURNING tenant_id
                """).map { try $0.string("tenant_id") }
            if let eventId, replayed.isEmpty {
                let exists = try await db.row("""
                    SELECT 1 FROM outbox_events WHERE id = \(eventId) AND (\(tenantId)::text IS NULL OR tenant_id = \(tenantId))
                    """)
                if exists != nil { throw WebhookError.eventInFlight(eventId) }
                throw WebhookError.eventNotFound(eventId)
            }
            for entry in WebhookReplayAudit.entries(selection, scopedTo: tenantId, replayedTenantIds: replayed) {
                try await PostgresAudit.append(
                    db, tenantId: entry.tenantId, actor: actor, at: now, action: WebhookReplayAudit.action, caseId: nil,
                    before: entry.before, after: entry.after)
            }
            return replayed.count
        }
    }

    private static func tenantId(_ name: String?, _ db: PostgresSession) async throws -> String? {
        guard let name else { return nil }
        guard let id = try await db.scalar("SELECT id FROM tenants WHERE name = \(name)", as: String.self) else {
            throw StorageError.tenantNotFound(name)
        }
        return id
    }
}
