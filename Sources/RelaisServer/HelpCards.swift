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
    /// Each tenant's cards, computed once per key until they may change.
    private let caches: [String: SupportCardCache]
    private let defaultCache: SupportCardCache

    init(directory: HelplineDirectory, config: RelaisConfig) {
        self.config = config
        // Overrides are applied and the cacheable JSON encoded once, here, not per request.
        defaultSnapshot = DirectorySnapshot(directory: directory, settings: .default)
        let snapshots = Dictionary(
            uniqueKeysWithValues: config.tenants.map { name, settings in
                (name, DirectorySnapshot(directory: directory.applying(settings.helplines), settings: settings, tenant: name))
            })
        self.snapshots = snapshots
        defaultCache = SupportCardCache(config: .default, directory: defaultSnapshot.directory, encode: Self.encode)
        caches = Dictionary(
            uniqueKeysWithValues: config.tenants.map { name, settings in
                (name, SupportCardCache(config: settings, directory: snapshots[name]!.directory, encode: Self.encode))
            })
    }

    /// A card's JSON as the store writes it, so a cached card is what a receipt would hold.
    @Sendable static func encode(_ card: SupportCard) -> String? { try? ReceiptCodec.encodeCard(card) }

    func snapshot(for tenant: Tenant) -> DirectorySnapshot { snapshots[tenant.name] ?? defaultSnapshot }

    /// The directory the help-card policy reads for this tenant.
    func directory(for tenant: Tenant) -> HelplineDirectory { snapshot(for: tenant).directory }

    /// The card for a request at `now`: the pure policy over data loaded once, through the
    /// tenant's cache (the same card as `SupportPolicy.decide`, computed once per change).
    func decide(_ request: SupportRequest, for tenant: Tenant, now: Date) -> SupportCard? {
        decideEncoded(request, for: tenant, now: now)?.card
    }

    /// The card with its JSON, encoded once for everyone who sees it.
    func decideEncoded(_ request: SupportRequest, for tenant: Tenant, now: Date) -> SupportCardCache.Entry? {
        guard let entry = (caches[tenant.name] ?? defaultCache).card(for: request, now: now), entry.card != nil else { return nil }
        return entry
    }
}
