import Foundation

/// A statement the Database holds: with its `uuid` and `permalink` when it created it now,
/// without them when it was found already there (`existing-puid`), which answers no uuid.
public struct SentStatement: Sendable, Equatable {
    public var puid: String
    public var uuid: String?
    public var permalink: String?

    public init(puid: String, uuid: String?, permalink: String?) {
        self.puid = puid
        self.uuid = uuid
        self.permalink = permalink
    }
}
