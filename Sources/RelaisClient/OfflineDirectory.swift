import Foundation
import RelaisCore

/// The tenant's directory as the device decides from it: decoded and indexed once, then read
/// by `SupportPolicy.decide` for every offline card.
public struct OfflineDirectory: Sendable {
    /// The document as served (or as the server would serve the bundled one).
    public let document: DirectoryDocument
    /// Fetched from Relais, or bundled with the library.
    public let source: HelpCard.DirectorySource
    let directory: HelplineDirectory
    let config: TenantSupportConfig

    init(document: DirectoryDocument, source: HelpCard.DirectorySource) {
        self.document = document
        self.source = source
        directory = document.offlineDirectory
        config = document.offlineConfig
    }

    /// The directory's version, shown on the cards decided from it.
    public var version: String { document.version }

    /// The card the server would decide for `request` at `now`, from this copy.
    func decide(_ request: SupportRequest, now: Date) -> SupportCard? {
        var request = request
        // The server buckets reporters by the tenant's name; the document carries it exactly
        // when the rollout needs it.
        request.tenant = document.tenant ?? ""
        return SupportPolicy.decide(request, config: config, directory: directory, now: now)
    }

    /// The directory shipped with RelaisCore, as the server shows it to a tenant without a
    /// configuration: verified lines only, the default rollout.
    static func bundled() throws -> OfflineDirectory {
        let shipped = try HelplineDirectory.bundled()
        return OfflineDirectory(document: DirectoryDocument(directory: shipped, settings: .default, tenant: nil), source: .bundled)
    }
}
