import Foundation

/// The sourced directory of helplines: data loaded once, then read by the pure policy.
///
/// The JSON format is documented in `docs/directory.md`; the shipped file is
/// `Sources/RelaisCore/Resources/directory.json`. Only what a source backs is filled in:
/// an unknown fact is `null`, and the card then says less rather than something invented.
public struct HelplineDirectory: Sendable, Codable, Equatable {
    public var version: String
    /// Read-only: the per-country index is built from it at init.
    public private(set) var helplines: [Helpline]

    public init(version: String, helplines: [Helpline]) {
        self.version = version
        self.helplines = helplines
        reindex()
    }

    /// Entries per country, in file order (which is the order of preference within a role),
    /// with 112 added for EU and EEA countries that have no emergency line of their own.
    private var byCountry: [CountryCode: [Helpline]] = [:]

    /// The entries Relais adds to the file's: 112 where EU law guarantees it
    /// (`EuropeanEmergencyNumber`). Apps that cache the directory get them too.
    public private(set) var generated: [Helpline] = []

    /// The file's entries and the generated ones.
    public var allHelplines: [Helpline] { helplines + generated }

    enum CodingKeys: String, CodingKey { case version, helplines }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(String.self, forKey: .version)
        helplines = try container.decode([Helpline].self, forKey: .helplines)
        reindex()
    }

    private mutating func reindex() {
        var index = Dictionary(grouping: helplines, by: \.country)
        generated = CountryCode.euAndEEA.sorted().compactMap { code in
            let country = CountryCode(rawValue: code)!
            let lines = index[country] ?? []
            guard !lines.contains(where: { $0.roles.contains(.emergency) }) else { return nil }
            return EuropeanEmergencyNumber.entry(for: country)
        }
        for line in generated { index[line.country, default: []].append(line) }
        byCountry = index
    }

    public func helplines(in country: CountryCode) -> [Helpline] { byCountry[country] ?? [] }

    public var countries: Set<CountryCode> { Set(byCountry.keys) }

    public func helpline(id: String) -> Helpline? { helplines.first { $0.id == id } ?? generated.first { $0.id == id } }

    /// The directory as one tenant sees it: its own entries added, some hidden, some moved
    /// to the front of their country (the policy picks the first line of each role, so
    /// `order` decides which line leads). Check `add` with `DirectoryValidator` first.
    public func applying(_ overrides: HelplineOverrides) -> HelplineDirectory {
        guard !overrides.isEmpty else { return self }
        let hidden = Set(overrides.hide)
        var lines = (helplines + overrides.add).filter { !hidden.contains($0.id) }
        let rank = Dictionary(uniqueKeysWithValues: overrides.order.enumerated().map { ($1, $0) })
        // Stable: listed ids first in the given order, everything else as before.
        lines = lines.enumerated().sorted { a, b in
            let ra = rank[a.element.id] ?? Int.max, rb = rank[b.element.id] ?? Int.max
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
        return HelplineDirectory(version: version, helplines: lines)
    }

    /// Decodes a directory from JSON.
    public static func decode(_ data: Data) throws -> HelplineDirectory {
        try JSONDecoder().decode(HelplineDirectory.self, from: data)
    }

    /// Where the shipped directory file is.
    public static var bundledURL: URL? { Bundle.module.url(forResource: "directory", withExtension: "json") }

    /// The directory shipped with Relais.
    public static func bundled() throws -> HelplineDirectory {
        guard let url = bundledURL else { throw CocoaError(.fileNoSuchFile) }
        return try decode(Data(contentsOf: url))
    }
}

/// A tenant's changes to the shipped directory (its own safety centre, lines it hides, the
/// order it prefers), from the tenant config.
public struct HelplineOverrides: Sendable, Codable, Equatable {
    /// Entries to add, in the directory's format; validated like the shipped data.
    public var add: [Helpline]
    /// Ids to hide.
    public var hide: [String]
    /// Ids to put first, in this order, within their country.
    public var order: [String]

    public init(add: [Helpline] = [], hide: [String] = [], order: [String] = []) {
        self.add = add
        self.hide = hide
        self.order = order
    }

    public var isEmpty: Bool { add.isEmpty && hide.isEmpty && order.isEmpty }

    enum CodingKeys: String, CodingKey { case add, hide, order }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        add = try c.decodeIfPresent([Helpline].self, forKey: .add) ?? []
        hide = try c.decodeIfPresent([String].self, forKey: .hide) ?? []
        order = try c.decodeIfPresent([String].self, forKey: .order) ?? []
    }
}

/// One helpline of the directory.
public struct Helpline: Sendable, Codable, Equatable, Identifiable {
    /// Stable id, `cc-slug` ("fr-3018"). Apps and support events refer to it.
    public var id: String
    public var country: CountryCode
    public var name: String
    /// What people call it, for sentences and buttons ("3018"); `name` when absent.
    public var shortName: String?
    public var organisation: String?
    /// What the line is for; the policy picks lines by role (see `HelplineRole`).
    public var roles: [HelplineRole]
    /// Relais categories this line is a right answer for.
    public var topics: [ReportCategory]
    /// Who it serves, when a source says so.
    public var audience: Audience?
    public var channels: [Channel]
    /// `nil` when no source gives the hours.
    public var hours: OpeningHours?
    /// ISO 639-1 codes, lower case.
    public var languages: [String]
    /// `nil`: no source says.
    public var free: Bool?
    public var anonymous: Bool?
    public var confidential: Bool?
    public var emergency: Bool
    public var sources: [Source]
    /// `false`: an entry no source fully confirms. Never shown unless a tenant opts in.
    public var verified: Bool
    /// Facts about the entry that a reader should know (caveats, partial hours).
    public var notes: String?

    public struct Audience: Sendable, Codable, Equatable {
        public var minAge: Int?
        public var maxAge: Int?
        /// The source's own words.
        public var description: String?

        /// Whether a reporter in `bracket` is served; unknown ages and open ranges fit.
        public func fits(_ bracket: AgeBracket) -> Bool {
            guard let range = bracket.ageRange else { return true }
            if let minAge, range.upperBound < minAge { return false }
            if let maxAge, range.lowerBound > maxAge { return false }
            return true
        }
    }

    public struct Channel: Sendable, Codable, Equatable {
        public var kind: Kind
        /// Dialable or openable form: `3018`, `+33 1 23 45 67 89`, `https://www.3018.fr`.
        public var value: String
        /// Hours of this channel when they differ from the helpline's.
        public var hours: OpeningHours?
        /// Text a person needs to use it ("Text HOME to 741741").
        public var note: String?
        /// For an SMS line that expects a keyword: the text to send ("HOME").
        public var body: String?

        public init(kind: Kind, value: String, hours: OpeningHours? = nil, note: String? = nil, body: String? = nil) {
            self.kind = kind
            self.value = value
            self.hours = hours
            self.note = note
            self.body = body
        }

        public enum Kind: String, Sendable, Codable, CaseIterable {
            case phone, sms, chat, web, app, email
        }
    }

    public struct Source: Sendable, Codable, Equatable {
        public var url: String
        /// The date the facts were checked against this source (`YYYY-MM-DD` or `YYYY`).
        public var checked: String?
        /// Which facts this source backs, when it backs only some.
        public var backs: String?
    }
}

/// What a helpline is for, as the policy uses it.
public enum HelplineRole: String, Sendable, Codable, CaseIterable {
    /// Online harm and cyber-harassment for young people (France's 3018).
    case youthOnlineHarm = "youth_online_harm"
    /// A general child and youth helpline (116 111 in most of Europe).
    case childHelpline = "child_helpline"
    /// Children in danger, abuse (France's 119).
    case childProtection = "child_protection"
    /// Suicide prevention (France's 3114).
    case suicidePrevention = "suicide_prevention"
    /// An emergency number (17, 112).
    case emergency
    /// Health and well-being line for young people.
    case youthWellbeing = "youth_wellbeing"
    /// Accessible emergency contact (SMS, video) for deaf or hard-of-hearing people.
    case accessibleEmergency = "accessible_emergency"
}
