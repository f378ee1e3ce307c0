import GRDB

extension SQLiteSchema {
    /// Webhooks: endpoints and secrets per tenant, delivery state.
    static let webhooks: [SQLiteMigration] = []
}
