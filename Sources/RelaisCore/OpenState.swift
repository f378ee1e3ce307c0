/// Whether a channel or a line is open at an instant. `unknown` is its own answer: a line
/// whose hours no source gives is never called open, nor closed.
public enum OpenState: String, Sendable, Equatable, Codable {
    case open
    case closed
    case unknown

    /// The card's JSON form: `true`, `false`, or `null` when unknown.
    public var asBool: Bool? {
        switch self {
        case .open: true
        case .closed: false
        case .unknown: nil
        }
    }

    /// Open beats unknown beats closed: a line is as open as its most open channel.
    func combined(with other: OpenState) -> OpenState {
        if self == .open || other == .open { return .open }
        if self == .unknown || other == .unknown { return .unknown }
        return .closed
    }
}
