import GRDB

/// A named schema step. Once shipped it never changes: new needs get a new step.
typealias SQLiteMigration = (name: String, apply: @Sendable (Database) throws -> Void)

/// Versioned migrations of the SQLite schema, one list per concern (each in its own file),
/// applied in this order.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for step in intake + moderation + webhooks + console { migrator.registerMigration(step.name, migrate: step.apply) }
        return migrator
    }

    /// Report intake: tenants, reports, cases, idempotency keys, support events, the outbox.
    static let intake: [SQLiteMigration] = [
        ("v1 tenants, reports, cases, idempotency, support events", { db in
            try db.execute(sql: """
                CREATE TABLE tenants (
                  id TEXT PRIMARY KEY,
                  name TEXT NOT NULL UNIQUE,
                  api_key_hash TEXT NOT NULL UNIQUE,
                  key_prefix TEXT NOT NULL,
                  created_at DATETIME NOT NULL
                );
                CREATE TABLE cases (
                  id TEXT PRIMARY KEY,
                  tenant_id TEXT NOT NULL REFERENCES tenants(id),
                  subject_key TEXT NOT NULL,
                  subject_kind TEXT NOT NULL,
                  subject_id TEXT NOT NULL,
                  report_count INTEGER NOT NULL,
                  first_report_at DATETIME NOT NULL,
                  last_report_at DATETIME NOT NULL,
                  status TEXT NOT NULL,
                  UNIQUE (tenant_id, subject_key)
                );
                CREATE TABLE reports (
                  id TEXT PRIMARY KEY,
                  tenant_id TEXT NOT NULL REFERENCES tenants(id),
                  case_id TEXT NOT NULL REFERENCES cases(id),
                  received_at DATETIME NOT NULL,
                  status TEXT NOT NULL,
                  surface TEXT NOT NULL,
                  category TEXT NOT NULL,
                  reporter_id TEXT NOT NULL,
                  reporter_country TEXT NOT NULL,
                  reporter_locale TEXT NOT NULL,
                  reporter_age TEXT NOT NULL,
                  reporter_is_target BOOLEAN NOT NULL,
                  subject_kind TEXT NOT NULL,
                  subject_id TEXT NOT NULL,
                  subject_url TEXT,
                  subject_author_id TEXT,
                  subject_text TEXT,
                  subject_language TEXT,
                  subject_created_at TEXT,
                  details TEXT,
                  good_faith BOOLEAN NOT NULL,
                  support_json TEXT
                );
                CREATE INDEX reports_by_case ON reports(case_id);
                CREATE INDEX reports_by_tenant ON reports(tenant_id, received_at);
                CREATE TABLE idempotency_keys (
                  tenant_id TEXT NOT NULL REFERENCES tenants(id),
                  key TEXT NOT NULL,
                  request_hash TEXT NOT NULL,
                  report_id TEXT NOT NULL,
                  response_json TEXT NOT NULL,
                  created_at DATETIME NOT NULL,
                  PRIMARY KEY (tenant_id, key)
                );
                CREATE TABLE support_event_counts (
                  tenant_id TEXT NOT NULL REFERENCES tenants(id),
                  day TEXT NOT NULL,
                  surface TEXT NOT NULL,
                  country TEXT NOT NULL,
                  category TEXT NOT NULL,
                  helpline_id TEXT NOT NULL,
                  event TEXT NOT NULL,
                  count INTEGER NOT NULL,
                  PRIMARY KEY (tenant_id, day, surface, country, category, helpline_id, event)
                );
                """)
        }),
        ("v2 outbox", { db in try db.execute(sql: SQLiteOutbox.migration) }),
    ]
}
