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
        /// In the reader's language when the operator or the law gives one.
        public var name: String
        public var organisation: String?
        /// Open when one of its channels is open; `nil` when none is open and some channel's
        /// hours are not known.
        public var open: Bool?
        /// Whether the hours that decide `open` come from a source.
        public var hoursKnown: Bool
        /// The hours of the line's main channel today, in words.
        public var hoursToday: String
        /// When closed: the next opening of any channel, ISO 8601 with the line's UTC offset.
        public var opensAt: String?
        /// Today is a public holiday that changes (or may change) this line's hours: a
        /// sentence naming it; `nil` on other days.
        public var holiday: String?
        /// `nil`: no source says.
        public var free: Bool?
        public var anonymous: Bool?
        public var confidential: Bool?
        public var emergency: Bool
        /// What the reporter can use now: the channels that are open or whose hours are not
        /// known, never a closed one, never two with the same address.
        public var actions: [Action]
        /// Every channel with its own state and hours today, closed ones included.
        public var channels: [ChannelState]
    }

    public struct Action: Sendable, Codable, Equatable {
        public var kind: Kind
        public var uri: String
        public var label: String
        /// This channel's own state: `true` open, `nil` hours not known (never `false`:
        /// a closed channel is not offered).
        public var open: Bool?
        /// The channel this action opens (its `kind` in the directory).
        public var channel: Helpline.Channel.Kind

        public enum Kind: String, Sendable, Codable, CaseIterable {
            case call, sms, chat, link, app
        }
    }

    public struct ChannelState: Sendable, Codable, Equatable {
        public var kind: Helpline.Channel.Kind
        public var value: String
        public var open: Bool?
        public var hoursKnown: Bool
        public var hoursToday: String
        public var opensAt: String?
    }
}
