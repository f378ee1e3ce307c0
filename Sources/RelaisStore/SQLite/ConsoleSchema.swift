import GRDB

extension SQLiteSchema {
    /// The moderator console: sessions and the sign-in lock-out.
    static let console: [SQLiteMigration] = [
        ("console v1 sessions and sign-in lock-out", { db in
            // A session id is 256 random bits, sent only in the `relais_session` cookie and
            // stored as its SHA-256 (like API keys): a copy of the database signs nobody in.
            // The CSRF token of the session's forms lives beside it. Failed sign-ins are
            // counted on the moderator, so the lock-out holds across instances and restarts.
            try db.execute(sql: """
                CREATE TABLE console_sessions (
                  id_hash TEXT PRIMARY KEY,
                  moderator_id TEXT NOT NULL REFERENCES moderators(id),
                  csrf_token TEXT NOT NULL,
                  created_at DATETIME NOT NULL,
                  expires_at DATETIME NOT NULL,
                  ended_at DATETIME
                );
                CREATE INDEX console_sessions_by_moderator ON console_sessions(moderator_id);
                ALTER TABLE moderators ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE moderators ADD COLUMN locked_until DATETIME;
                """)
        }),
    ]
}
