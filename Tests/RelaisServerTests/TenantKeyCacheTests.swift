import Foundation
import Testing

@testable import RelaisServer
@testable import RelaisStore

/// How long the key cache keeps a tenant: its own bound alone, or a minute while the
/// database announces key changes, and never past an announcement or a lost connection.
@Suite struct TenantKeyCacheTests {
    /// A tenant store that counts the key lookups that reach it; with `holdingFirstLookup`,
    /// the first waits until the test calls `answer()`.
    final class CountingTenants: TenantStore, @unchecked Sendable {
        let tenant = Tenant(id: "t-1", name: "acme", keyPrefix: "rls_1234", createdAt: Date(timeIntervalSince1970: 0))
        // Guarded by `lock`.
        private let lock = NSLock()
        private var lookups = 0
        private var holding: Bool
        private var held: CheckedContinuation<Void, Never>?
        private var arrived: CheckedContinuation<Void, Never>?
        var reads: Int { lock.withLock { lookups } }

        init(holdingFirstLookup: Bool = false) { holding = holdingFirstLookup }

        /// Returns once a lookup waits to be answered.
        func untilALookupWaits() async {
            await withCheckedContinuation { continuation in
                lock.withLock { if held != nil { continuation.resume() } else { arrived = continuation } }
            }
        }

        func answer() { lock.withLock { holding = false; held?.resume(); held = nil } }

        func tenant(apiKeyHash: String) async throws -> Tenant? {
            if lock.withLock({ holding }) {
                await withCheckedContinuation { continuation in
                    lock.withLock {
                        held = continuation
                        arrived?.resume()
                        arrived = nil
                    }
                }
            }
            lock.withLock { lookups += 1 }
            return apiKeyHash == APIKey.hash("rls_good") ? tenant : nil
        }
        func createTenant(name: String, now: Date) async throws -> (Tenant, apiKey: String) { fatalError("not used") }
        func rotateKey(tenantName: String) async throws -> (Tenant, apiKey: String) { fatalError("not used") }
        func tenants() async throws -> [Tenant] { [tenant] }
        func tenant(named name: String) async throws -> Tenant? { nil }
        func tenant(id: Tenant.ID) async throws -> Tenant? { nil }
        func tenant(apiKey: String) async throws -> Tenant? { try await tenant(apiKeyHash: APIKey.hash(apiKey)) }
    }

    @Test func withoutAWatchEveryLookupPastTheBoundReadsTheDatabase() async throws {
        let store = CountingTenants()
        let cache = TenantKeyCache(store: store, staleness: .zero)
        #expect(try await cache.tenant(apiKey: "rls_good") == store.tenant)
        #expect(try await cache.tenant(apiKey: "rls_good") == store.tenant)
        #expect(store.reads == 2)
    }

    @Test func whileListeningAKeyIsKeptUntilAChangeIsHeard() async throws {
        let store = CountingTenants()
        let cache = TenantKeyCache(store: store, staleness: .zero)
        cache.heard(.listening)
        _ = try await cache.tenant(apiKey: "rls_good")
        _ = try await cache.tenant(apiKey: "rls_good")
        #expect(store.reads == 1, "kept for the watched minute, not the cache's own zero bound")
        cache.heard(.changed)
        _ = try await cache.tenant(apiKey: "rls_good")
        #expect(store.reads == 2, "a change forgets every key")
        _ = try await cache.tenant(apiKey: "rls_good")
        #expect(store.reads == 2)
    }

    @Test func aLostWatchForgetsEveryKeyAndFallsBackToTheBound() async throws {
        let store = CountingTenants()
        let cache = TenantKeyCache(store: store, staleness: .zero)
        cache.heard(.listening)
        _ = try await cache.tenant(apiKey: "rls_good")
        cache.heard(.lost)
        _ = try await cache.tenant(apiKey: "rls_good")
        _ = try await cache.tenant(apiKey: "rls_good")
        #expect(store.reads == 3)
    }

    @Test func aReadThatBeganBeforeAnAnnouncementIsNotKept() async throws {
        let store = CountingTenants(holdingFirstLookup: true)
        let cache = TenantKeyCache(store: store)
        cache.heard(.listening)
        async let first = cache.tenant(apiKey: "rls_good")
        await store.untilALookupWaits()
        cache.heard(.changed)  // the key rotated while the row was being read
        store.answer()
        _ = try await first
        _ = try await cache.tenant(apiKey: "rls_good")
        #expect(store.reads == 2, "what the first read found is not kept past the announcement")
    }

    @Test func aKeyThatNeverMatchedIsNeverKept() async throws {
        let store = CountingTenants()
        let cache = TenantKeyCache(store: store)
        cache.heard(.listening)
        #expect(try await cache.tenant(apiKey: "rls_wrong") == nil)
        #expect(try await cache.tenant(apiKey: "rls_wrong") == nil)
        #expect(store.reads == 2)
    }
}
