import Foundation
import GRDB

enum SQLiteOutbox {
    /// Appends an event inside the caller's transaction.
    static func append(_ event: OutboxEvent, in db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO outbox_events (id, tenant_id, type, payload, created_at, status, attempts, next_attempt_at)
            VALUES (?, ?, ?, ?, ?, 'pending', 0, ?)
            """).execute(arguments: [event.id, event.tenantId, event.type, event.payload, event.createdAt, event.createdAt])
    }

    static let migration = """
        CREATE TABLE outbox_events (
          id TEXT PRIMARY KEY,
          tenant_id TEXT NOT NULL REFERENCES tenants(id),
          type TEXT NOT NULL,
          payload TEXT NOT NULL,
          created_at DATETIME NOT NULL,
          status TEXT NOT NULL,
          attempts INTEGER NOT NULL,
          next_attempt_at DATETIME NOT NULL,
          delivered_at DATETIME,
          last_error TEXT
        );
        CREATE INDEX outbox_due ON outbox_events(status, next_attempt_at);
        """
}
