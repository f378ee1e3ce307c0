import Foundation

/// A Transparency Database token. Printed, interpolated or logged it shows as `<redacted>`:
/// only the `Authorization` header reads its value. Two tokens compare by value, so a token
/// file can be read again and told changed or not.
public struct TransparencyToken: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    let value: String

    public init(_ value: String) { self.value = value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}
