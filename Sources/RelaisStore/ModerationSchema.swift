import GRDB

extension SQLiteSchema {
    /// Moderation: queue leases, decisions, statements of reasons, users, audit log.
    static let moderation: [SQLiteMigration] = []
}
