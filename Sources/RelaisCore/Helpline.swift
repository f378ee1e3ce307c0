import Foundation

/// One helpline of the directory (format 2): facts only as its sources back them.
public struct Helpline: Sendable, Codable, Equatable, Identifiable {
    /// Stable id, `cc-slug` ("fr-3018"). Apps and support events refer to it.
    public var id: String
    public var country: CountryCode
    /// The name in each language its operator or the law gives.
    public var name: LocalizedNames
    /// What people call it, for sentences and buttons ("3018"); the name when absent.
    public var shortName: String?
    public var organisation: String?
    /// What the line is for; the policy picks lines by role (see `HelplineRole`).
    public var roles: [HelplineRole]
    /// Relais categories this line is a right answer for.
    public var topics: [ReportCategory]
    /// Who it serves, when a source says so.
    public var audience: Audience?
    /// Each channel with its own hours, audience and languages.
    public var channels: [Channel]
    /// ISO 639-1 codes, lower case; the first is the line's own language.
    public var languages: [String]
    /// `nil`: no source says.
    public var free: Bool?
    public var anonymous: Bool?
    public var confidential: Bool?
    public var emergency: Bool
    /// The entry's holiday rule as its source states it (each channel's schedule carries the
    /// rule it applies; this is the fact shown when they agree).
    public var publicHolidays: HolidayPolicy?
    public var sources: [Source]
    /// `false`: an entry no source fully confirms. Never shown unless a tenant opts in.
    public var verified: Bool
    /// Facts about the entry that a reader should know (caveats, partial hours).
    public var note: String?

    public init(
        id: String, country: CountryCode, name: LocalizedNames, shortName: String? = nil, organisation: String? = nil,
        roles: [HelplineRole], topics: [ReportCategory], audience: Audience? = nil, channels: [Channel],
        languages: [String] = [], free: Bool? = nil, anonymous: Bool? = nil, confidential: Bool? = nil,
        emergency: Bool = false, publicHolidays: HolidayPolicy? = nil, sources: [Source], verified: Bool = true, note: String? = nil
    ) {
        self.id = id
        self.country = country
        self.name = name
        self.shortName = shortName
        self.organisation = organisation
        self.roles = roles
        self.topics = topics
        self.audience = audience
        self.channels = channels
        self.languages = languages
        self.free = free
        self.anonymous = anonymous
        self.confidential = confidential
        self.emergency = emergency
        self.publicHolidays = publicHolidays
        self.sources = sources
        self.verified = verified
        self.note = note
    }

    /// The name for a reader of `language`, else in the line's own language.
    public func displayName(for language: String?) -> String {
        name.best(for: language, preferred: languages) ?? shortName ?? id
    }

    /// The line's first phone number, for "call {number}" sentences.
    public var phoneNumber: String? { channels.first { $0.kind == .phone }?.value }

    public struct Audience: Sendable, Codable, Equatable {
        public var minAge: Int?
        public var maxAge: Int?
        /// The source's own words.
        public var description: String?

        public init(minAge: Int? = nil, maxAge: Int? = nil, description: String? = nil) {
            self.minAge = minAge
            self.maxAge = maxAge
            self.description = description
        }

        /// Whether a reporter in `bracket` is served; unknown ages and open ranges fit.
        public func fits(_ bracket: AgeBracket) -> Bool {
            guard let range = bracket.ageRange else { return true }
            if let minAge, range.upperBound < minAge { return false }
            if let maxAge, range.lowerBound > maxAge { return false }
            return true
        }

        /// Whether a source states that adults are served (a maximum age of 18 or more).
        public var statesAdults: Bool { (maxAge ?? -1) >= 18 }

        var isEmpty: Bool { minAge == nil && maxAge == nil && description == nil }
    }

    public struct Channel: Sendable, Codable, Equatable {
        public var kind: Kind
        /// The fact key of this channel in `backs`: its kind, or an explicit key ("phone2")
        /// when the entry has two channels of one kind.
        public var key: String
        /// Dialable or openable form: `3018`, `+33 1 23 45 67 89`, `https://www.3018.fr`.
        public var value: String
        /// This channel's own hours; never inherited from another channel.
        public var hours: ChannelHours
        /// Who this channel serves, when it differs from the entry's audience.
        public var audience: Audience?
        /// Languages of this channel, when they differ from the entry's.
        public var languages: [String]?
        /// Text a person needs to use it ("Text HOME to 741741").
        public var note: String?
        /// For an SMS line that expects a keyword: the text to send ("HOME").
        public var body: String?

        public init(
            kind: Kind, key: String? = nil, value: String, hours: ChannelHours = .unknown, audience: Audience? = nil,
            languages: [String]? = nil, note: String? = nil, body: String? = nil
        ) {
            self.kind = kind
            self.key = key ?? kind.rawValue
            self.value = value
            self.hours = hours
            self.audience = audience
            self.languages = languages
            self.note = note
            self.body = body
        }

        public enum Kind: String, Sendable, Codable, CaseIterable {
            case phone, sms, chat, whatsapp, messenger, web, email, video, app

            /// A person answers, by voice or in writing, while the reporter waits: what a
            /// minor needs beside any web form.
            public var isConversation: Bool {
                switch self {
                case .phone, .sms, .chat, .whatsapp, .messenger, .video: true
                case .web, .email, .app: false
                }
            }
        }

        enum CodingKeys: String, CodingKey { case kind, key, value, hours, audience, languages, note, body }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            kind = try c.decode(Kind.self, forKey: .kind)
            key = try c.decodeIfPresent(String.self, forKey: .key) ?? kind.rawValue
            value = try c.decode(String.self, forKey: .value)
            // Required: a channel without hours would have to borrow them from another.
            hours = try c.decode(ChannelHours.self, forKey: .hours)
            audience = try c.decodeIfPresent(Audience.self, forKey: .audience)
            languages = try c.decodeIfPresent([String].self, forKey: .languages)
            note = try c.decodeIfPresent(String.self, forKey: .note)
            body = try c.decodeIfPresent(String.self, forKey: .body)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            if key != kind.rawValue { try c.encode(key, forKey: .key) }
            try c.encode(value, forKey: .value)
            try c.encode(hours, forKey: .hours)
            try c.encodeIfPresent(audience, forKey: .audience)
            try c.encodeIfPresent(languages, forKey: .languages)
            try c.encodeIfPresent(note, forKey: .note)
            try c.encodeIfPresent(body, forKey: .body)
        }
    }

    public struct Source: Sendable, Codable, Equatable {
        public var url: String
        /// The day the facts were checked against this source, `YYYY-MM-DD`.
        public var checked: String?
        /// What the page itself says about its date, when it says.
        public var pageDate: String?
        /// The operator's or the government's own page (not a copy elsewhere).
        public var operatorOwn: Bool?
        /// The fact keys this source backs (`name`, `free`, `phone`, `phone.hours`, …).
        public var backs: [String]
        public var note: String?

        public init(url: String, checked: String?, pageDate: String? = nil, operatorOwn: Bool? = nil, backs: [String], note: String? = nil) {
            self.url = url
            self.checked = checked
            self.pageDate = pageDate
            self.operatorOwn = operatorOwn
            self.backs = backs
            self.note = note
        }

        enum CodingKeys: String, CodingKey { case url, checked, pageDate, operatorOwn, backs, note }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            url = try c.decode(String.self, forKey: .url)
            checked = try c.decodeIfPresent(String.self, forKey: .checked)
            pageDate = try c.decodeIfPresent(String.self, forKey: .pageDate)
            operatorOwn = try c.decodeIfPresent(Bool.self, forKey: .operatorOwn)
            backs = try c.decodeIfPresent([String].self, forKey: .backs) ?? []
            note = try c.decodeIfPresent(String.self, forKey: .note)
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, country, name, shortName, organisation, roles, topics, audience, channels, languages, free, anonymous
        case confidential, emergency, publicHolidays, sources, verified, note
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        country = try c.decode(CountryCode.self, forKey: .country)
        name = try c.decode(LocalizedNames.self, forKey: .name)
        shortName = try c.decodeIfPresent(String.self, forKey: .shortName)
        organisation = try c.decodeIfPresent(String.self, forKey: .organisation)
        roles = try c.decode([HelplineRole].self, forKey: .roles)
        topics = try c.decode([ReportCategory].self, forKey: .topics)
        let audience = try c.decodeIfPresent(Audience.self, forKey: .audience)
        self.audience = audience?.isEmpty == true ? nil : audience
        channels = try c.decode([Channel].self, forKey: .channels)
        languages = try c.decodeIfPresent([String].self, forKey: .languages) ?? []
        free = try c.decodeIfPresent(Bool.self, forKey: .free)
        anonymous = try c.decodeIfPresent(Bool.self, forKey: .anonymous)
        confidential = try c.decodeIfPresent(Bool.self, forKey: .confidential)
        emergency = try c.decodeIfPresent(Bool.self, forKey: .emergency) ?? false
        publicHolidays = try c.decodeIfPresent(HolidayPolicy.self, forKey: .publicHolidays)
        sources = try c.decode([Source].self, forKey: .sources)
        verified = try c.decode(Bool.self, forKey: .verified)
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }
}
