import Foundation

/// Counts of a directory for its README and for reviewers (`relais directory stats`):
/// countries, entries, entries per role and channels per kind, and the share of facts that
/// a source checked within the last 12 months backs. Pure: `today` is an argument.
public struct DirectoryStats: Sendable, Equatable {
    public var countries: Int
    public var entries: Int
    public var verifiedEntries: Int
    public var entriesPerRole: [(role: HelplineRole, count: Int)]
    public var channelsPerKind: [(kind: Helpline.Channel.Kind, count: Int)]
    public var holidayCalendars: Int
    /// Verified entries with at least one source that is the operator's or the government's own page.
    public var entriesWithOwnSource: Int
    /// Facts shown by verified entries (see `Helpline.factKeys`).
    public var facts: Int
    /// Of those, the facts named by a source whose `checked` date is within 12 months.
    public var factsWithRecentSource: Int

    public init(_ directory: HelplineDirectory, today: Date) {
        let lines = directory.helplines
        countries = Set(lines.map(\.country)).count
        entries = lines.count
        verifiedEntries = lines.filter(\.verified).count
        entriesPerRole = HelplineRole.allCases.map { role in (role, lines.filter { $0.roles.contains(role) }.count) }
        channelsPerKind = Helpline.Channel.Kind.allCases.map { kind in (kind, lines.flatMap(\.channels).filter { $0.kind == kind }.count) }
        holidayCalendars = directory.holidays.count
        entriesWithOwnSource = lines.filter { $0.verified && $0.sources.contains { $0.operatorOwn == true } }.count
        let now = LocalTime(today, in: TimeZone(identifier: "UTC")!).dayNumber
        var facts = 0, recent = 0
        for line in lines where line.verified {
            let fresh = Set(line.sources.filter { source in
                guard let checked = source.checked, let day = DirectoryValidator.day(of: checked) else { return false }
                return now - day <= 365
            }.flatMap(\.backs))
            for key in line.factKeys {
                facts += 1
                if Helpline.isBacked(key, by: fresh) { recent += 1 }
            }
        }
        self.facts = facts
        factsWithRecentSource = recent
    }

    public static func == (a: DirectoryStats, b: DirectoryStats) -> Bool { a.lines == b.lines }

    /// The report, one line per figure, as the README quotes it.
    public var lines: [String] {
        let share = facts == 0 ? 0 : Double(factsWithRecentSource) * 100 / Double(facts)
        var out = [
            "countries: \(countries)",
            "entries: \(entries) (\(verifiedEntries) verified)",
            "holiday calendars: \(holidayCalendars)",
            "verified entries with an operator's or government's own page among their sources: \(entriesWithOwnSource)",
            "facts shown by verified entries: \(facts); backed by a source checked within 12 months: \(factsWithRecentSource) ("
                + String(format: "%.1f", share) + "%)",
            "entries per role:",
        ]
        out += entriesPerRole.map { "  \($0.role.rawValue): \($0.count)" }
        out.append("channels per kind:")
        out += channelsPerKind.map { "  \($0.kind.rawValue): \($0.count)" }
        return out
    }
}
