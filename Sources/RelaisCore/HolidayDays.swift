/// One country's national public holidays over the years Relais serves, precomputed when
/// the directory loads so that a card asks one dictionary lookup per channel.
public struct HolidayDays: Sendable, Equatable {
    /// Local day number → index of the holiday in `calendar.holidays`.
    let days: [Int64: Int]
    public let calendar: HolidayCalendar?

    /// No known holiday: every day follows the weekly schedule.
    public static let none = HolidayDays(days: [:], calendar: nil)

    /// The years whose holidays are computed: far enough back for tests on past instants,
    /// far enough ahead for the life of a release.
    static let years = 2020...2045

    public init(_ calendar: HolidayCalendar) {
        self.days = calendar.days(years: Self.years)
        self.calendar = calendar
    }

    private init(days: [Int64: Int], calendar: HolidayCalendar?) {
        self.days = days
        self.calendar = calendar
    }

    public func contains(_ day: Int64) -> Bool { !days.isEmpty && days[day] != nil }

    /// The holiday on a local day, if any.
    public func holiday(on day: Int64) -> HolidayCalendar.Holiday? {
        guard let calendar, let index = days[day] else { return nil }
        return calendar.holidays[index]
    }
}
