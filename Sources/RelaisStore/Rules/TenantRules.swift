import Foundation
import RelaisCore

/// Tenants and their API keys (stored only as SHA-256 hashes), on either backend.
extension TenantStore where Self: StoreDriver {
    public func createTenant(name: String, now: Date) async throws -> (Tenant, apiKey: String) {
        guard AccountName.isValid(name) else { throw StorageError.invalidTenantName(name) }
        let key = APIKey.generate()
        let tenant = Tenant(id: Tenant.ID(rawValue: UUID().uuidString.lowercased()), name: name, keyPrefix: APIKey.displayPrefix(key), createdAt: now)
        // Two instances creating the same tenant at once: one insert wins, the other is told so.
        let inserted = try await write(StorePlan.single("""
            INSERT INTO tenants (id, name, api_key_hash, key_prefix, created_at)
            VALUES (\(tenant.id), \(name), \(APIKey.hash(key)), \(tenant.keyPrefix), \(now)) ON CONFLICT (name) DO NOTHING RETURNING id
            """) { !$0.isEmpty })
        guard inserted else { throw StorageError.tenantExists(name) }
        return (tenant, key)
    }

    public func rotateKey(tenantName: String) async throws -> (Tenant, apiKey: String) {
        let key = APIKey.generate()
        let notify = dialect.notify(TenantKeyWatch.channel)
        let tenant = try await write(.first("""
            UPDATE tenants SET api_key_hash = \(APIKey.hash(key)), key_prefix = \(APIKey.displayPrefix(key)) WHERE name = \(tenantName) RETURNING *
            """) { row in
            let tenant = try row.map(StoredRows.tenant)
            // Every instance's key cache forgets the old key when this commits.
            guard let tenant, let notify else { return .done(tenant) }
            return .write([notify], answering: tenant)
        })
        guard let tenant else { throw StorageError.tenantNotFound(tenantName) }
        return (tenant, key)
    }

    public func tenants() async throws -> [Tenant] {
        try await read(StorePlan.single("SELECT * FROM tenants ORDER BY created_at, name") { try $0.map(StoredRows.tenant) })
    }

    public func tenant(named name: String) async throws -> Tenant? {
        try await read(StorePlan.single("SELECT * FROM tenants WHERE name = \(name)") { try $0.first.map(StoredRows.tenant) })
    }

    public func tenant(id: Tenant.ID) async throws -> Tenant? {
        try await read(StorePlan.single("SELECT * FROM tenants WHERE id = \(id)") { try $0.first.map(StoredRows.tenant) })
    }

    public func tenant(apiKey: String) async throws -> Tenant? { try await tenant(apiKeyHash: APIKey.hash(apiKey)) }

    public func tenant(apiKeyHash: String) async throws -> Tenant? {
        try await read(StorePlan.single("SELECT * FROM tenants WHERE api_key_hash = \(apiKeyHash)") {
            try $0.first.map(StoredRows.tenant)
        })
    }
}

/// The secret that signs form tokens, made once per database (see `RelaisStorage.sharedSecret`).
extension RelaisStorage where Self: StoreDriver {
    public func sharedSecret(named name: String) async throws -> Data {
        try await write(SharedSecret.plan(named: name))
    }

    /// A read; while writes fail (`writeHealth`), a write instead: a real one, as large as the
    /// largest request body (a row of `relais_settings` rewritten), so readiness comes back
    /// only when the database takes a report again, not when a few bytes are free.
    public func ping() async throws {
        guard writeHealth.failure != nil else {
            _ = try await read(StorePlan.single("SELECT 1 AS one") { _ in true })
            return
        }
        let key = "write-probe", value = String(Int(Date().timeIntervalSince1970)) + String(repeating: "-", count: Self.probeBytes)
        try await write(
            StorePlan.write(
                ["INSERT INTO relais_settings (key, value) VALUES (\(key), \(value)) ON CONFLICT (key) DO UPDATE SET value = excluded.value"],
                answering: ()))
    }

    /// What the readiness probe writes while writes fail: more than a report's transaction
    /// writes. That is its largest body (64 KiB) and, in the write-ahead log, a whole page for
    /// every page it touches: the report's row and each of its indexes, its case's row and
    /// indexes (three partial ones for the claim since v17), the pile-on index, the outbox and
    /// the idempotency key — some thirty pages. A 64 KiB probe fit where a report no longer did,
    /// so readiness came back while reports still failed.
    static var probeBytes: Int { 256 * 1024 }

    public func queueGauges() async throws -> QueueGauges {
        try await read(StorePlan.single("SELECT COUNT(*) AS n, MIN(first_report_at) AS oldest FROM cases WHERE status = 'open'") { rows in
            QueueGauges(openCases: try rows.first?.int("n") ?? 0, oldestOpenSince: try rows.first?.optionalDate("oldest"))
        })
    }
}
