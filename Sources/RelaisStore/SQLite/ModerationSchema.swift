import GRDB

extension SQLiteSchema {
    /// Moderation: queue facts on cases, moderators, leases, decisions, statements of
    /// reasons, and the audit log.
    static let moderation: [SQLiteMigration] = [
        ("v3 trusted flaggers on reports", { db in
            // The organisation behind a trusted-flagger notice (DSA Art. 22); NULL for others.
            try db.execute(sql: "ALTER TABLE reports ADD COLUMN reporter_trusted_flagger TEXT")
        }),
        ("v4 moderators", { db in
            // A moderator belongs to one tenant. Personal tokens are stored as SHA-256 hashes,
            // like tenant keys; password_hash waits for the console's sign-in (bcrypt).
            try db.execute(sql: """
                CREATE TABLE moderators (
                  id TEXT PRIMARY KEY,
                  tenant_id TEXT NOT NULL REFERENCES tenants(id),
                  name TEXT NOT NULL UNIQUE,
                  role TEXT NOT NULL CHECK (role IN ('admin', 'moderator', 'compliance')),
                  token_hash TEXT UNIQUE,
                  token_prefix TEXT,
                  password_hash TEXT,
                  created_at DATETIME NOT NULL
                );
                CREATE INDEX moderators_by_tenant ON moderators(tenant_id);
                """)
        }),
        ("v5 queue facts and leases on cases", { db in
            // What the queue orders by, kept up to date in the report's transaction (see
            // SQLiteCaseFacts): the core's `PriorityInputs` summary, the time-independent part
            // of the priority score, the target time, the due time; then the lease, and when
            // the case was decided.
            try db.execute(sql: """
                ALTER TABLE cases ADD COLUMN severity INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE cases ADD COLUMN involves_minor BOOLEAN NOT NULL DEFAULT 0;
                ALTER TABLE cases ADD COLUMN has_threat BOOLEAN NOT NULL DEFAULT 0;
                ALTER TABLE cases ADD COLUMN trusted_flagger BOOLEAN NOT NULL DEFAULT 0;
                ALTER TABLE cases ADD COLUMN distinct_reporters INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE cases ADD COLUMN base_priority REAL NOT NULL DEFAULT 0;
                ALTER TABLE cases ADD COLUMN target_seconds REAL NOT NULL DEFAULT 86400;
                ALTER TABLE cases ADD COLUMN due_at DATETIME;
                ALTER TABLE cases ADD COLUMN author_id TEXT;
                ALTER TABLE cases ADD COLUMN lease_owner TEXT REFERENCES moderators(id);
                ALTER TABLE cases ADD COLUMN lease_expires_at DATETIME;
                ALTER TABLE cases ADD COLUMN decided_at DATETIME;
                CREATE INDEX cases_queue ON cases(tenant_id, status, base_priority DESC, due_at);
                CREATE INDEX reports_by_case_reporter ON reports(case_id, reporter_id);
                """)
        }),
        ("v6 decisions and statements of reasons", { db in
            try db.execute(sql: """
                CREATE TABLE decisions (
                  id TEXT PRIMARY KEY,
                  tenant_id TEXT NOT NULL REFERENCES tenants(id),
                  case_id TEXT NOT NULL REFERENCES cases(id),
                  moderator_id TEXT NOT NULL REFERENCES moderators(id),
                  decision_json TEXT NOT NULL,
                  restrictive BOOLEAN NOT NULL,
                  author_id TEXT,
                  decided_at DATETIME NOT NULL
                );
                CREATE INDEX decisions_by_case ON decisions(case_id, decided_at);
                -- Repeat offenders: restrictive decisions against one author, per tenant.
                CREATE INDEX decisions_by_author ON decisions(tenant_id, author_id, decided_at);
                CREATE TABLE statements_of_reasons (
                  puid TEXT PRIMARY KEY,
                  tenant_id TEXT NOT NULL REFERENCES tenants(id),
                  case_id TEXT NOT NULL REFERENCES cases(id),
                  decision_id TEXT NOT NULL UNIQUE REFERENCES decisions(id),
                  statement_json TEXT NOT NULL,
                  created_at DATETIME NOT NULL
                );
                CREATE INDEX statements_by_case ON statements_of_reasons(case_id, created_at);
                """)
        }),
        ("v7 append-only audit log", { db in
            // Who did what, when, to which case, with the state before and after. Triggers
            // refuse UPDATE and DELETE, so neither the console nor a bug can rewrite history.
            try db.execute(sql: """
                CREATE TABLE audit_log (
                  seq INTEGER PRIMARY KEY AUTOINCREMENT,
                  tenant_id TEXT NOT NULL REFERENCES tenants(id),
                  actor TEXT NOT NULL,
                  at DATETIME NOT NULL,
                  action TEXT NOT NULL,
                  case_id TEXT,
                  before_json TEXT,
                  after_json TEXT
                );
                CREATE INDEX audit_by_case ON audit_log(case_id, seq);
                CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
                CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
                """)
        }),
        ("v8 settings the stored priorities were computed with", { db in
            try db.execute(sql: "CREATE TABLE relais_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        }),
    ]
}
