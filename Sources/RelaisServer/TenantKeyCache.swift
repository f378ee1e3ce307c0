import Foundation
import RelaisStore

/// The tenant behind an API key, read from the database at most once per `staleness` per key:
/// a report no longer pays a read (on PostgreSQL, a round trip) to learn who sent it.
///
/// The price is the bound: a key rotated or a tenant changed by another process (`relais
/// tenants rotate-key`, another instance) is still accepted by this instance for at most
/// `staleness` (2 s, docs/configuration.md); `tests/cli/test_cli.py` proves a rotated key
/// stops within it. Only keys that matched are kept, so a stream of wrong keys fills nothing
/// (and each still costs the read, behind the authentication rate limit). The instant is a
/// monotonic clock's: a test's fixed `RelaisClock` must not make entries eternal.
final class TenantKeyCache: @unchecked Sendable {
    static let defaultStaleness: Duration = .seconds(2)
    /// Far above any real number of tenants; past it the cache starts again empty.
    static let capacity = 10_000

    private let store: any TenantStore
    private let staleness: Duration
    private let clock = ContinuousClock()
    // Guarded by `lock`.
    private let lock = NSLock()
    private var entries: [String: (tenant: Tenant, readAt: ContinuousClock.Instant)] = [:]

    init(store: any TenantStore, staleness: Duration = TenantKeyCache.defaultStaleness) {
        self.store = store
        self.staleness = staleness
    }

    func tenant(apiKey: String) async throws -> Tenant? {
        let hash = APIKey.hash(apiKey)
        let now = clock.now
        if let known = lock.withLock({ entries[hash] }), now - known.readAt < staleness { return known.tenant }
        guard let tenant = try await store.tenant(apiKeyHash: hash) else {
            lock.withLock { _ = entries.removeValue(forKey: hash) }
            return nil
        }
        lock.withLock {
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[hash] = (tenant, now)
        }
        return tenant
    }

    /// Forgets every key: the next request of each tenant reads its row again.
    func forgetAll() { lock.withLock { entries.removeAll(keepingCapacity: true) } }
}
