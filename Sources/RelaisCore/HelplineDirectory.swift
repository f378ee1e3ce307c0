import Foundation

/// The sourced directory of helplines and public holidays: data loaded once, then read by
/// the pure policy.
///
/// The JSON format (format 2) is documented in `docs/directory.md`; the shipped file is
/// `Sources/RelaisCore/Resources/directory.json`. Only what a source backs is filled in:
/// an unknown fact is `null`, and the card then says less rather than something invented.
public struct HelplineDirectory: Sendable, Codable, Equatable {
    /// The format this build reads. Format 1 (one set of hours per entry, free-text `backs`)
    /// is refused: its facts could not be checked against their sources.
    public static let format = 2

    public var version: String
    /// Read-only: the per-country indexes are built from them at init.
    public private(set) var helplines: [Helpline]
    public private(set) var holidays: [HolidayCalendar]

    /// Entries per country, in file order (which is the order of preference within a role).
    private var byCountry: [CountryCode: [Helpline]] = [:]
    private var byId: [String: Helpline] = [:]
    /// Each country's national holidays, computed once for the years Relais serves.
    private var holidayDays: [CountryCode: HolidayDays] = [:]

    public init(version: String, helplines: [Helpline], holidays: [HolidayCalendar] = []) {
        self.version = version
        self.helplines = helplines
        self.holidays = holidays
        reindex()
    }

    /// The file's entries. (Format 1 added 112 entries of its own; format 2 reads every
    /// emergency number from the data, with its source.)
    public var allHelplines: [Helpline] { helplines }

    enum CodingKeys: String, CodingKey { case format, version, holidays, helplines }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try Self.checkFormat(try container.decodeIfPresent(Int.self, forKey: .format), in: container)
        version = try container.decode(String.self, forKey: .version)
        holidays = try container.decodeIfPresent([HolidayCalendar].self, forKey: .holidays) ?? []
        helplines = try container.decode([Helpline].self, forKey: .helplines)
        reindex()
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.format, forKey: .format)
        try c.encode(version, forKey: .version)
        try c.encode(holidays, forKey: .holidays)
        try c.encode(helplines, forKey: .helplines)
    }

    /// The message for a file in another format, shared with the validator.
    static func formatProblem(_ found: Int?) -> String? {
        guard found != format else { return nil }
        let what = found.map { "format \($0)" } ?? "a format-1 file (it has no 'format' field)"
        return "this is \(what); this Relais reads directory format \(format) only (per-channel hours, "
            + "fact keys in 'backs', dated sources: see docs/directory.md). Convert it with scripts/directory-import."
    }

    private static func checkFormat(_ found: Int?, in container: KeyedDecodingContainer<CodingKeys>) throws {
        if let problem = formatProblem(found) {
            throw DecodingError.dataCorruptedError(forKey: .format, in: container, debugDescription: problem)
        }
    }

    private mutating func reindex() {
        byCountry = Dictionary(grouping: helplines, by: \.country)
        byId = Dictionary(helplines.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        holidayDays = Dictionary(holidays.map { ($0.country, HolidayDays($0)) }, uniquingKeysWith: { first, _ in first })
    }

    public func helplines(in country: CountryCode) -> [Helpline] { byCountry[country] ?? [] }

    /// The country's national holidays; `.none` when the directory has no calendar for it.
    public func holidays(in country: CountryCode) -> HolidayDays { holidayDays[country] ?? .none }

    public func calendar(for country: CountryCode) -> HolidayCalendar? { holidayDays[country]?.calendar }

    public var countries: Set<CountryCode> { Set(byCountry.keys) }

    public func helpline(id: String) -> Helpline? { byId[id] }

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
        return HelplineDirectory(version: version, helplines: lines, holidays: holidays)
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
