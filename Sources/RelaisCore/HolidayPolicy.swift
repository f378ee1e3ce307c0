/// What a line does on a public holiday, as its source states it.
///
/// JSON: `"open"` (the weekly schedule holds), `"closed"`, `"unknown"` (no source says), or
/// `{ "open": "10:00", "close": "14:00" }` for special hours on every holiday.
public enum HolidayPolicy: Sendable, Equatable, Codable {
    case open
    case closed
    case unknown
    /// Special hours, minutes after local midnight; `close` may be 1440.
    case special(open: Int, close: Int)

    /// The name of the rule in the JSON and in `relais directory show`.
    public var label: String {
        switch self {
        case .open: "open"
        case .closed: "closed"
        case .unknown: "unknown"
        case .special(let open, let close): WeeklyRange.format(open) + "–" + WeeklyRange.format(close)
        }
    }

    enum CodingKeys: String, CodingKey { case open, close }

    public init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            switch text {
            case "open": self = .open
            case "closed": self = .closed
            case "unknown": self = .unknown
            default:
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath,
                    debugDescription: "'\(text)' is not a holiday rule: open, closed, unknown or {\"open\": \"HH:MM\", \"close\": \"HH:MM\"}"))
            }
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let openText = try c.decode(String.self, forKey: .open), closeText = try c.decode(String.self, forKey: .close)
        guard let open = WeeklyRange.parseTime(openText), let close = WeeklyRange.parseTime(closeText), open < close else {
            throw DecodingError.dataCorruptedError(
                forKey: .open, in: c, debugDescription: "holiday hours '\(openText)'–'\(closeText)' are not HH:MM with open before close")
        }
        self = .special(open: open, close: close)
    }

    public func encode(to encoder: any Encoder) throws {
        if case .special(let open, let close) = self {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(WeeklyRange.format(open), forKey: .open)
            try c.encode(WeeklyRange.format(close), forKey: .close)
        } else {
            var c = encoder.singleValueContainer()
            try c.encode(label)
        }
    }
}
