/// The reporter's age bracket, as the platform knows it. Relais never asks for a birth date.
public enum AgeBracket: String, CaseIterable, Codable, Sendable, Hashable {
    case under13
    case teen = "13-17"
    case adult = "18+"
    case unknown

    /// Whether the reporter may be a minor: unknown counts as possibly a minor, so a child
    /// whose platform does not know their age still sees the lines for children.
    public var mayBeMinor: Bool { self != .adult }

    /// The youngest and oldest age in the bracket, for matching helpline audiences.
    var ageRange: ClosedRange<Int>? {
        switch self {
        case .under13: 0...12
        case .teen: 13...17
        case .adult: 18...130
        case .unknown: nil
        }
    }
}
