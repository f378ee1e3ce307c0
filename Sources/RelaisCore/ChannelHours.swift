import Foundation

/// The hours of one channel, as its own source gives them: no channel inherits another's.
///
/// JSON: `"always"` (the source says 24/7), `"unknown"` (no source gives hours), or a weekly
/// schedule (`OpeningHours`).
public enum ChannelHours: Sendable, Equatable, Codable {
    case always
    case unknown
    case schedule(OpeningHours)

    public func state(at instant: Date, holidays: HolidayDays) -> OpenState {
        switch self {
        case .always: .open
        case .unknown: .unknown
        case .schedule(let hours): hours.state(at: instant, holidays: holidays)
        }
    }

    public var schedule: OpeningHours? {
        if case .schedule(let hours) = self { return hours }
        return nil
    }

    public var isKnown: Bool { self != .unknown }

    public init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            switch text {
            case "always": self = .always
            case "unknown": self = .unknown
            default:
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath,
                    debugDescription: "'\(text)' is not channel hours: \"always\", \"unknown\" or a weekly schedule"))
            }
            return
        }
        self = .schedule(try OpeningHours(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .always:
            var c = encoder.singleValueContainer()
            try c.encode("always")
        case .unknown:
            var c = encoder.singleValueContainer()
            try c.encode("unknown")
        case .schedule(let hours): try hours.encode(to: encoder)
        }
    }
}
