import Foundation

/// What a `TenantKeyWatching` store hears about API keys, for the key caches
/// (`TenantKeyCache`): it now listens (changes made before may have been missed), a key
/// changed in some process (`relais tenants rotate-key`, another instance), or it stopped
/// hearing (the connection broke; it tries again).
public enum TenantKeyWatch: Sendable, Equatable {
    case listening
    case changed
    case lost

    /// The PostgreSQL channel a key change is announced on, when its transaction commits.
    static let channel = "relais_tenant_keys"
}
