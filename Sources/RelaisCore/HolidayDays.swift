/// One country's national public holidays over the years Relais serves, precomputed when
/// the directory loads so that a card asks one dictionary lookup per channel.
public struct HolidayDays: Sendable, Equatable {
    /// Local day number → index of the holiday in `calendar.holidays`.
    let days: [Int64: Int]
    /// The same for each region's own holidays (ISO 3166-2 code → days).
    let regional: [String: [Int64: Int]]
    public let calendar: HolidayCalendar?

    /// No known holiday: every day follows the weekly schedule.
    public static let none = HolidayDays(days: [:], regional: [:], calendar: nil)

    /// The years whose holidays are computed: far enough back for tests on past instants,
    /// far enough ahead for the life of a release.
    static let years = 2020...2045

    public init(_ calendar: HolidayCalendar) {
        self.days = calendar.days(years: Self.years)
        let regions = Set(calendar.holidays.flatMap { $0.regions ?? [] })
        self.regional = Dictionary(uniqueKeysWithValues: regions.map { ($0, calendar.days(years: Self.years, region: $0)) })
        self.calendar = calendar
    }

    private init(days: [Int64: Int], regional: [String: [Int64: Int]], calendar: HolidayCalendar?) {
        self.days = days
        self.regional = regional
        self.calendar = calendar
    }

    /// Whether a local day is a national holiday, or one of `regions`' own.
    public func contains(_ day: Int64, regions: [String] = []) -> Bool {
        if !days.isEmpty && days[day] != nil { return true }
        return regions.contains { regional[$0]?[day] != nil }
    }

    /// The holiday on a local day, if any (national first, then the regions').
    public func holiday(on day: Int64, regions: [String] = []) -> HolidayCalendar.Holiday? {
        guard let calendar else { return nil }
        if let index = days[day] ?? regions.lazy.compactMap({ regional[$0]?[day] }).first { return calendar.holidays[index] }
        return nil
    }
}
