import GRDB

extension SQLiteSchema {
    /// Webhooks: endpoints and secrets per tenant, delivery state.
    static let webhooks: [SQLiteMigration] = [
        ("webhooks v1 endpoints and delivery claims", { db in
            // The secret is stored as is: signing needs it (an HMAC key cannot be hashed
            // like an API key). One endpoint per tenant.
            //
            // claimed_by / claimed_until: a worker's short lease on an event while it sends
            // it, so several `relais serve` processes on one database never send the same
            // event at the same time. An expired lease (a crashed worker) is free again.
            try db.execute(sql: """
                CREATE TABLE webhook_endpoints (
                  tenant_id TEXT PRIMARY KEY REFERENCES tenants(id),
                  url TEXT NOT NULL,
                  secret TEXT NOT NULL,
                  updated_at DATETIME NOT NULL
                );
                ALTER TABLE outbox_events ADD COLUMN claimed_by TEXT;
                ALTER TABLE outbox_events ADD COLUMN claimed_until DATETIME;
                CREATE INDEX outbox_by_tenant_status ON outbox_events(tenant_id, status);
                """)
        }),
    ]
}
