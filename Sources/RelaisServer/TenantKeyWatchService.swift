import RelaisStore
import ServiceLifecycle

/// Runs the store's key watch beside the server (PostgreSQL), feeding the key cache; it
/// stops at graceful shutdown.
struct TenantKeyWatchService: Service {
    let store: any TenantKeyWatching
    let cache: TenantKeyCache

    func run() async throws {
        let cache = self.cache
        await cancelWhenGracefulShutdown {
            await store.watchTenantKeys { event in cache.heard(event) }
        }
    }
}
