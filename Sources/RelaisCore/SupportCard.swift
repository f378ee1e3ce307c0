/// The help card an app shows after a report: the answer of `SupportPolicy.decide`.
/// Its JSON form is the `SupportCard` schema of `openapi.yaml`.
public struct SupportCard: Sendable, Codable, Equatable {
    public var title: String
    public var message: String
    /// The language the texts are in ("fr", "en").
    public var locale: String
    public var presentation: Presentation
    /// Most relevant first.
    public var helplines: [Entry]
    public var directoryVersion: String

    /// How the surface shows help: a call button (phones), links, or both.
    public enum Presentation: String, Sendable, Codable, CaseIterable {
        case callButton = "call_button"
        case link
        case both
    }

    public struct Entry: Sendable, Codable, Equatable {
        public var id: String
        public var name: String
        public var organisation: String?
        /// `nil` when no source gives the hours.
        public var open: Bool?
        public var hoursToday: String
        /// When closed: the next opening, ISO 8601 with the helpline's UTC offset.
        public var opensAt: String?
        /// `nil`: no source says.
        public var free: Bool?
        public var anonymous: Bool?
        public var confidential: Bool?
        public var emergency: Bool
        public var actions: [Action]
    }

    public struct Action: Sendable, Codable, Equatable {
        public var kind: Kind
        public var uri: String
        public var label: String

        public enum Kind: String, Sendable, Codable, CaseIterable {
            case call, sms, chat, link, app
        }
    }
}
