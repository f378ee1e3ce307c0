import Foundation
import RelaisCore
import RelaisStore

/// The help card as each tenant gets it: its configuration (rollout, presentation, opt-ins)
/// and its directory (the shipped one with the tenant's overrides applied), prepared once at
/// start. Routes that show help hold this, not the whole environment.
struct HelpCards: Sendable {
    let config: RelaisConfig
    /// The directory as each configured tenant sees it, and as every other tenant does.
    private let snapshots: [String: DirectorySnapshot]
    private let defaultSnapshot: DirectorySnapshot

    init(directory: HelplineDirectory, config: RelaisConfig) {
        self.config = config
        // Overrides are applied and the cacheable JSON encoded once, here, not per request.
        defaultSnapshot = DirectorySnapshot(directory: directory, settings: .default)
        snapshots = Dictionary(
            uniqueKeysWithValues: config.tenants.map { name, settings in
                (name, DirectorySnapshot(directory: directory.applying(settings.helplines), settings: settings, tenant: name))
            })
    }

    func snapshot(for tenant: Tenant) -> DirectorySnapshot { snapshots[tenant.name] ?? defaultSnapshot }

    /// The directory the help-card policy reads for this tenant.
    func directory(for tenant: Tenant) -> HelplineDirectory { snapshot(for: tenant).directory }

    /// The card for a request at `now` (pure: the policy over data loaded once).
    func decide(_ request: SupportRequest, for tenant: Tenant, now: Date) -> SupportCard? {
        SupportPolicy.decide(request, config: config.support(for: tenant), directory: directory(for: tenant), now: now)
    }
}
