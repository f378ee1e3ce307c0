import Foundation
import RelaisCore

/// `GET /v1/helplines`: one country's lines as a card shows them now.
public struct HelplineList: Sendable, Equatable, Decodable {
    /// The country asked for.
    public var country: String
    /// The version of the directory the lines come from.
    public var directoryVersion: String
    /// Each line's card entry (the answer carries more facts per line; the directory has them
    /// all, for apps that need them).
    public var helplines: [SupportCard.Entry]
}
