import Foundation
import RelaisStore

/// The tenant behind an API key, read from the database at most once per `staleness` per key:
/// a report no longer pays a read (on PostgreSQL, a round trip) to learn who sent it.
///
/// The price is the bound: a key rotated or a tenant changed by another process (`relais
/// tenants rotate-key`, another instance) is still accepted by this instance for at most
/// `staleness` (2 s, docs/configuration.md); `tests/cli/test_cli.py` proves a rotated key
/// stops within it. On PostgreSQL the rotation is also announced (NOTIFY) and every instance
/// that hears it (`heard(_:)`, fed by `TenantKeyWatching`) forgets its keys at once; while it
/// listens, an entry lives `watchedStaleness` (a minute) instead, and when the connection
/// that listens breaks the cache forgets everything and falls back to the 2 s bound.
/// Only keys that matched are kept, so a stream of wrong keys fills nothing
/// (and each still costs the read, behind the authentication rate limit). The instant is a
/// monotonic clock's: a test's fixed `RelaisClock` must not make entries eternal.
final class TenantKeyCache: @unchecked Sendable {
    static let defaultStaleness: Duration = .seconds(2)
    /// While the database announces every key change: the bound on a missed announcement.
    static let watchedStaleness: Duration = .seconds(60)
    /// Far above any real number of tenants; past it the cache starts again empty.
    static let capacity = 10_000

    private let store: any TenantStore
    private let staleness: Duration
    private let clock = ContinuousClock()
    // Guarded by `lock`.
    private let lock = NSLock()
    private var entries: [String: (tenant: Tenant, readAt: ContinuousClock.Instant)] = [:]
    private var listening = false
    /// Counts what the watch heard: a read that began before an announcement must not store
    /// what it read after it (the row may be the rotated key's old one), or it would be kept
    /// for the watched minute.
    private var generation = 0

    init(store: any TenantStore, staleness: Duration = TenantKeyCache.defaultStaleness) {
        self.store = store
        self.staleness = staleness
    }

    func tenant(apiKey: String) async throws -> Tenant? {
        let hash = APIKey.hash(apiKey)
        let now = clock.now
        let (known, bound, readGeneration) = lock.withLock { (entries[hash], listening ? Self.watchedStaleness : staleness, generation) }
        if let known, now - known.readAt < bound { return known.tenant }
        guard let tenant = try await store.tenant(apiKeyHash: hash) else {
            lock.withLock { _ = entries.removeValue(forKey: hash) }
            return nil
        }
        lock.withLock {
            guard generation == readGeneration else { return }
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[hash] = (tenant, now)
        }
        return tenant
    }

    /// What the database's watch heard. Each event forgets every key: a change, or a span
    /// in which changes could have been missed (before listening, after losing the connection).
    func heard(_ event: TenantKeyWatch) {
        lock.withLock {
            entries.removeAll(keepingCapacity: true)
            generation += 1
            switch event {
            case .listening: listening = true
            case .lost: listening = false
            case .changed: break
            }
        }
    }
}
