import Foundation
import GRDB

/// Webhook endpoints and delivery claims on SQLite (`WebhookStore`, part of `RelaisStorage`).
///
/// A claim is a guarded UPDATE (`… WHERE id = ? AND the claim is free`) inside one write
/// transaction. GRDB opens pool writes with BEGIN IMMEDIATE, so the transaction holds
/// SQLite's single write lock from its first statement: two processes on one file are
/// serialised and the second sees the first one's claims. The guard in the UPDATE keeps the
/// claim correct even without that (a row changed by someone else is simply not claimed).
/// `PostgresWebhooks` does the same in one `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP
/// LOCKED)`, where SKIP LOCKED lets workers on several instances take different rows without
/// waiting for each other.
extension SQLiteStorage {
    public func setWebhookEndpoint(tenantName: String, url: String, rotateSecret: Bool, now: Date) async throws
        -> (WebhookEndpoint, newSecret: String?)
    {
        _ = try WebhookURL.validate(url)
        let candidate = WebhookSecret.generate()
        return try await pool.write { db in
            guard let tenantId = try String.fetchOne(db, sql: "SELECT id FROM tenants WHERE name = ?", arguments: [tenantName]) else {
                throw StorageError.tenantNotFound(tenantName)
            }
            let existing = try String.fetchOne(db, sql: "SELECT secret FROM webhook_endpoints WHERE tenant_id = ?", arguments: [tenantId])
            let secret = (rotateSecret ? nil : existing) ?? candidate
            try db.execute(sql: """
                INSERT INTO webhook_endpoints (tenant_id, url, secret, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (tenant_id) DO UPDATE SET url = excluded.url, secret = excluded.secret, updated_at = excluded.updated_at
                """, arguments: [tenantId, url, secret, now])
            let endpoint = WebhookEndpoint(tenantId: tenantId, tenantName: tenantName, url: url, secret: secret, updatedAt: now)
            return (endpoint, secret == existing ? nil : secret)
        }
    }

    public func webhookEndpoint(tenantName: String) async throws -> WebhookEndpoint? {
        try await pool.read { db in
            guard let tenantId = try String.fetchOne(db, sql: "SELECT id FROM tenants WHERE name = ?", arguments: [tenantName]) else {
                throw StorageError.tenantNotFound(tenantName)
            }
            return try Row.fetchOne(db, sql: "SELECT * FROM webhook_endpoints WHERE tenant_id = ?", arguments: [tenantId]).map {
                WebhookEndpoint(tenantId: tenantId, tenantName: tenantName, url: $0["url"], secret: $0["secret"], updatedAt: $0["updated_at"])
            }
        }
    }

    public func claimDueWebhooks(now: Date, leaseUntil: Date, worker: String, limit: Int) async throws -> [WebhookDelivery] {
        try await pool.write { db in
            let due = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT o.id, o.tenant_id, o.type, o.payload, o.attempts, w.url, w.secret
                FROM outbox_events o JOIN webhook_endpoints w ON w.tenant_id = o.tenant_id
                WHERE o.status = 'pending' AND o.next_attempt_at <= ? AND (o.claimed_until IS NULL OR o.claimed_until <= ?)
                ORDER BY o.next_attempt_at, o.id
                LIMIT ?
                """), arguments: [now, now, limit])
            let claim = try db.cachedStatement(sql: """
                UPDATE outbox_events SET claimed_by = ?, claimed_until = ?
                WHERE id = ? AND status = 'pending' AND (claimed_until IS NULL OR claimed_until <= ?)
                """)
            var claimed: [WebhookDelivery] = []
            for row in due {
                let id: String = row["id"]
                try claim.execute(arguments: [worker, leaseUntil, id, now])
                guard db.changesCount == 1 else { continue }
                claimed.append(try StoredRows.delivery(row))
            }
            return claimed
        }
    }

    public func markWebhookDelivered(eventId: String, at: Date) async throws {
        // Not guarded by the claim: a success is a success, even from a worker whose lease
        // ran out. Guarded by status, so a late duplicate does not count twice.
        try await pool.write { db in
            try db.cachedStatement(sql: """
                UPDATE outbox_events
                SET status = 'delivered', delivered_at = ?, attempts = attempts + 1, last_error = NULL,
                    claimed_by = NULL, claimed_until = NULL
                WHERE id = ? AND status = 'pending'
                """).execute(arguments: [at, eventId])
        }
    }

    @discardableResult
    public func markWebhookFailed(eventId: String, worker: String, failure: WebhookFailure) async throws -> Bool {
        try await pool.write { db in
            try db.cachedStatement(sql: """
                UPDATE outbox_events
                SET status = ?, attempts = ?, last_error = ?, next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL
                WHERE id = ? AND status = 'pending' AND claimed_by = ?
                """).execute(arguments: [
                    failure.dead ? OutboxStatus.dead.rawValue : OutboxStatus.pending.rawValue,
                    failure.attempts, failure.error, failure.nextAttemptAt, eventId, worker,
                ])
            return db.changesCount == 1
        }
    }

    public func webhookStatus(tenantName: String?) async throws -> WebhookStatus {
        try await pool.read { db in
            let tenantId = try Self.tenantId(tenantName, db)
            let filter = tenantId == nil ? "" : "WHERE o.tenant_id = ?"
            let arguments: StatementArguments = tenantId.map { [$0] } ?? []
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT o.status, COUNT(*) AS n FROM outbox_events o \(filter) GROUP BY o.status", arguments: arguments) {
                counts[row["status"]] = row["n"]
            }
            let deadFilter = tenantId == nil ? "" : "AND o.tenant_id = ?"
            let dead = try Row.fetchAll(db, sql: """
                SELECT o.id, t.name, o.type, o.attempts, o.last_error, o.created_at
                FROM outbox_events o JOIN tenants t ON t.id = o.tenant_id
                WHERE o.status = 'dead' \(deadFilter) ORDER BY o.created_at, o.id
                """, arguments: arguments).map(StoredRows.deadEvent)
            return WebhookStatus(pending: counts["pending"] ?? 0, delivered: counts["delivered"] ?? 0, dead: counts["dead"] ?? 0, deadEvents: dead)
        }
    }

    public func replayWebhooks(_ selection: WebhookReplay, tenantName: String?, actor: String, now: Date) async throws -> Int {
        try await pool.write { db in
            let tenantId = try Self.tenantId(tenantName, db)
            // Attempts start again from zero so a replayed event gets the whole retry
            // schedule. An event under a live claim is left alone: it is being sent now.
            let reset = """
                UPDATE outbox_events
                SET status = 'pending', attempts = 0, next_attempt_at = ?, last_error = NULL, delivered_at = NULL,
                    claimed_by = NULL, claimed_until = NULL
                WHERE (claimed_until IS NULL OR claimed_until <= ?)
                """
            var arguments: StatementArguments = [now, now]
            var sql = reset
            switch selection {
            case .dead: sql += " AND status = 'dead'"
            case .event(let id):
                sql += " AND id = ?"
                arguments += [id]
            }
            if let tenantId {
                sql += " AND tenant_id = ?"
                arguments += [tenantId]
            }
            let replayed = try String.fetchAll(db, sql: sql + " RETURNING tenant_id", arguments: arguments)
            if case .event(let id) = selection, replayed.isEmpty {
                var exists = "SELECT 1 FROM outbox_events WHERE id = ?"
                var existsArguments: StatementArguments = [id]
                if let tenantId {
                    exists += " AND tenant_id = ?"
                    existsArguments += [tenantId]
                }
                if try Bool.fetchOne(db, sql: exists, arguments: existsArguments) == true { throw WebhookError.eventInFlight(id) }
                throw WebhookError.eventNotFound(id)
            }
            for entry in WebhookReplayAudit.entries(selection, scopedTo: tenantId, replayedTenantIds: replayed) {
                try SQLiteAudit.append(
                    db, tenantId: entry.tenantId, actor: actor, at: now, action: WebhookReplayAudit.action, caseId: nil,
                    before: entry.before, after: entry.after)
            }
            return replayed.count
        }
    }

    private static func tenantId(_ name: String?, _ db: Database) throws -> String? {
        guard let name else { return nil }
        guard let id = try String.fetchOne(db, sql: "SELECT id FROM tenants WHERE name = ?", arguments: [name]) else {
            throw StorageError.tenantNotFound(name)
        }
        return id
    }
}
