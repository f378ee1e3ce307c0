import Foundation
import GRDB

enum SQLiteOutbox {
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
