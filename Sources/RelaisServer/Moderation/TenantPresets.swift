import RelaisCore
import RelaisStore

/// A tenant's decision presets, found by tenant id (moderators carry the id; the config file
/// names tenants). The API and the console read presets through this one lookup.
struct TenantPresets: Sendable {
    let tenants: any TenantStore
    let config: RelaisConfig

    func callAsFunction(_ tenantId: Tenant.ID) async throws -> [DecisionPreset] {
        guard !config.presets.isEmpty, let tenant = try await tenants.tenant(id: tenantId) else { return [] }
        return config.presets(for: tenant)
    }
}
