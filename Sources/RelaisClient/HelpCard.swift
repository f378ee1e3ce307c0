import Foundation
import RelaisCore

/// A help card and where it was decided: by Relais, or on this device from the cached
/// directory because Relais could not be reached.
public struct HelpCard: Sendable, Equatable {
    /// The card, exactly as `SupportPolicy.decide` builds it (the `SupportCard` of the API).
    public var card: SupportCard
    /// Relais, or this device.
    public var origin: Origin
    /// The instant it was decided at (the device clock for an offline card).
    public var decidedAt: Date

    /// Who decided the card.
    public enum Origin: Sendable, Equatable {
        /// The server's answer.
        case server
        /// Decided on the device; `directory` says which copy of the directory it read.
        case device(directory: DirectorySource)
    }

    /// Which copy of the directory an offline card was decided from.
    public enum DirectorySource: String, Sendable, Equatable {
        /// The tenant's directory as last fetched from `GET /v1/directory`.
        case cached
        /// No copy was ever fetched (a fresh install offline): the one shipped with the
        /// library, with the default rollout; its version is the card's `directoryVersion`.
        case bundled
    }

    /// A card as the client returns it; apps build one only for previews and tests.
    public init(card: SupportCard, origin: Origin, decidedAt: Date) {
        self.card = card
        self.origin = origin
        self.decidedAt = decidedAt
    }

    /// Whether the card was decided on the device, not by Relais.
    public var decidedOffline: Bool { origin != .server }
}
