import Foundation
import Testing

@testable import RelaisCore

/// Public holidays: the rules' dates, weekend substitution, and what a schedule does on a
/// holiday (closed, special hours, unknown, open), on fixture calendars.
@Suite("Public holidays")
struct HolidayCalendarTests {
    static func day(_ text: String) -> Int64 { DirectoryValidator.day(of: text)! }

    static func calendar(_ holidays: String, substitution: String = "null", country: String = "FR") throws -> HolidayCalendar {
        try Fixture.decode(HolidayCalendar.self, #"""
            {"country": "\#(country)", "sources": [{"url": "https://example.org/h", "checked": "2026-11-29", "backs": ["holidays"]}],
             "holidays": [\#(holidays)], "substitution": \#(substitution)}
            """#)
    }

    @Test(
        "Western and Orthodox Easter", arguments: [
            (2024, "2024-03-31", "2024-05-05"), (2025, "2025-04-20", "2025-04-20"), (2026, "2026-04-05", "2026-04-12"),
            (2027, "2027-03-28", "2027-05-02"), (2038, "2038-04-25", "2038-04-25"),
        ])
    func easter(_ year: Int, _ western: String, _ orthodox: String) {
        #expect(CivilDate.westernEaster(year) == Self.day(western))
        #expect(CivilDate.orthodoxEaster(year) == Self.day(orthodox))
    }

    @Test("each rule gives its day")
    func rules() throws {
        typealias Rule = HolidayCalendar.Rule
        #expect(Rule.fixed(month: 7, day: 14).day(in: 2026) == Self.day("2026-07-14"))
        #expect(Rule.fixed(month: 2, day: 29).day(in: 2026) == nil)
        #expect(Rule.easterOffset(1).day(in: 2026) == Self.day("2026-04-06"))  // Easter Monday
        #expect(Rule.easterOffset(-2).day(in: 2026) == Self.day("2026-04-03"))  // Good Friday
        #expect(Rule.orthodoxEasterOffset(-2).day(in: 2026) == Self.day("2026-04-10"))
        #expect(Rule.nthWeekday(month: 5, weekday: .mon, n: 1).day(in: 2026) == Self.day("2026-05-04"))
        #expect(Rule.nthWeekday(month: 5, weekday: .mon, n: -1).day(in: 2026) == Self.day("2026-05-25"))
        #expect(Rule.nthWeekday(month: 11, weekday: .thu, n: 4).day(in: 2026) == Self.day("2026-11-26"))
        #expect(Rule.nthWeekday(month: 2, weekday: .mon, n: 5).day(in: 2026) == nil)
        #expect(Rule.weekdayOnOrAfter(month: 6, day: 20, weekday: .sat).day(in: 2026) == Self.day("2026-06-20"))
        #expect(Rule.weekdayOnOrAfter(month: 6, day: 20, weekday: .sat).day(in: 2027) == Self.day("2027-06-26"))
    }

    @Test("a weekend holiday moves to the next free weekday when the source says so; regional ones are left out")
    func substitution() throws {
        let calendar = try Self.calendar(
            #"""
            {"key": "christmas", "name": {"en": "Christmas Day"}, "rule": {"fixed": "12-25"}},
            {"key": "boxing", "name": {"en": "Boxing Day"}, "rule": {"fixed": "12-26"}},
            {"key": "st_andrew", "name": {"en": "St Andrew's Day"}, "rule": {"fixed": "11-30"}, "regions": ["GB-SCT"]}
            """#, substitution: #"{"saturday": "next_monday", "sunday": "next_monday"}"#, country: "GB")
        let days = HolidayDays(calendar)
        // 2027: Christmas on a Saturday, Boxing Day on a Sunday → Monday 27 and Tuesday 28.
        for date in ["2027-12-25", "2027-12-26", "2027-12-27", "2027-12-28"] { #expect(days.contains(Self.day(date)), "\(date)") }
        #expect(!days.contains(Self.day("2027-12-29")))
        #expect(days.holiday(on: Self.day("2027-12-28"))?.key == "boxing")
        #expect(!days.contains(Self.day("2026-11-30")), "regional")
        let plain = HolidayDays(try Self.calendar(#"{"key": "christmas", "name": {"en": "Christmas"}, "rule": {"fixed": "12-25"}}"#))
        #expect(!plain.contains(Self.day("2027-12-27")), "no substitution unless the source gives one")
    }

    // MARK: - Schedules on a holiday

    static let france = HolidayDays(try! calendar(#"{"key": "christmas", "name": {"fr": "Noël", "en": "Christmas Day"}, "rule": {"fixed": "12-25"}}"#))

    static func weekdays(_ rule: String) -> OpeningHours {
        Fixture.hours(#"{"timeZone": "Europe/Paris", "weekly": [{"days": ["mon","tue","wed","thu","fri"], "open": "09:00", "close": "17:00"}], "publicHolidays": \#(rule)}"#)
    }

    /// Friday 25 December 2026, noon in Paris, and the Thursday before.
    static let christmasNoon = Fixture.instant("2026-12-25T12:00:00+01:00")
    static let thursdayNoon = Fixture.instant("2026-12-24T12:00:00+01:00")

    @Test("closed, special hours, unknown and open on a holiday")
    func holidayRules() {
        #expect(Self.weekdays(#""closed""#).state(at: Self.christmasNoon, holidays: Self.france) == .closed)
        #expect(Self.weekdays(#""closed""#).state(at: Self.thursdayNoon, holidays: Self.france) == .open)
        #expect(Self.weekdays(#""open""#).state(at: Self.christmasNoon, holidays: Self.france) == .open)
        #expect(Self.weekdays(#""unknown""#).state(at: Self.christmasNoon, holidays: Self.france) == .unknown)
        #expect(Self.weekdays(#""unknown""#).state(at: Fixture.instant("2026-12-25T20:00:00+01:00"), holidays: Self.france) == .closed)
        let special = Self.weekdays(#"{"open": "10:00", "close": "14:00"}"#)
        #expect(special.state(at: Self.christmasNoon, holidays: Self.france) == .open)
        #expect(special.state(at: Fixture.instant("2026-12-25T09:30:00+01:00"), holidays: Self.france) == .closed)
        #expect(special.rangesToday(at: Self.christmasNoon, holidays: Self.france).map(\.formatted) == ["10:00–14:00"])
        // Without a calendar, the weekly schedule alone.
        #expect(Self.weekdays(#""closed""#).state(at: Self.christmasNoon, holidays: .none) == .open)
    }

    @Test("the next opening skips a closed holiday and starts at a special one's hours")
    func nextOpening() {
        let closed = Self.weekdays(#""closed""#)
        let next = closed.nextOpening(after: Fixture.instant("2026-12-24T18:00:00+01:00"), holidays: Self.france)
        #expect(next == Fixture.instant("2026-12-28T09:00:00+01:00"))
        let special = Self.weekdays(#"{"open": "10:00", "close": "14:00"}"#)
        #expect(special.nextOpening(after: Fixture.instant("2026-12-24T18:00:00+01:00"), holidays: Self.france) == Fixture.instant("2026-12-25T10:00:00+01:00"))
        // Unknown holiday hours: no promise for that day.
        let unknown = Self.weekdays(#""unknown""#)
        #expect(unknown.nextOpening(after: Fixture.instant("2026-12-24T18:00:00+01:00"), holidays: Self.france) == Fixture.instant("2026-12-28T09:00:00+01:00"))
        #expect(Self.weekdays(#""open""#).nextOpening(after: Fixture.instant("2026-12-24T18:00:00+01:00"), holidays: Self.france) == Fixture.instant("2026-12-25T09:00:00+01:00"))
    }

    @Test("a regional holiday changes only a schedule that names its region")
    func regional() throws {
        let germany = HolidayDays(try Self.calendar(
            #"{"key": "epiphany", "name": {"de": "Heilige Drei Könige"}, "rule": {"fixed": "01-06"}, "regions": ["DE-BY", "DE-BW"]}"#,
            country: "DE"))
        let national = Fixture.hours(#"{"timeZone": "Europe/Berlin", "weekly": [{"days": ["tue"], "open": "09:00", "close": "17:00"}], "publicHolidays": "closed"}"#)
        let bavarian = Fixture.hours(#"{"timeZone": "Europe/Berlin", "weekly": [{"days": ["tue"], "open": "09:00", "close": "17:00"}], "publicHolidays": "closed", "holidayRegions": ["DE-BY"]}"#)
        let epiphany = Fixture.instant("2026-01-06T12:00:00+01:00")  // a Tuesday
        #expect(national.state(at: epiphany, holidays: germany) == .open)
        #expect(bavarian.state(at: epiphany, holidays: germany) == .closed)
        #expect(germany.holiday(on: Self.day("2026-01-06"), regions: ["DE-BY"])?.key == "epiphany")
        #expect(germany.holiday(on: Self.day("2026-01-06")) == nil)
    }

    @Test("the card names the holiday that changes a line's hours, in the reader's language")
    func cardNote() throws {
        let line = try Fixture.decode(Helpline.self, #"""
            {"id": "fr-day", "country": "FR", "name": {"fr": "Ligne de jour"}, "roles": ["youth_online_harm"], "topics": ["harassment"],
             "languages": ["fr"], "emergency": false, "verified": true,
             "channels": [{"kind": "phone", "value": "0 800 235 236", "hours": {"timeZone": "Europe/Paris", "weekly": [{"days": ["mon","tue","wed","thu","fri"], "open": "09:00", "close": "17:00"}], "publicHolidays": "closed"}}],
             "sources": [{"url": "https://example.org/day", "checked": "2026-11-29", "backs": ["name", "phone", "phone.hours"]}]}
            """#)
        let christmas = SupportPolicy.entry(for: line, presentation: .both, texts: .english, now: Self.christmasNoon, holidays: Self.france)
        #expect(christmas.open == false)
        #expect(christmas.holiday == "Public holiday (Christmas Day): closed today")
        #expect(christmas.hoursToday == "Closed today")
        #expect(christmas.opensAt == "2026-12-28T09:00:00+01:00")
        #expect(christmas.actions.isEmpty)
        let french = SupportPolicy.entry(for: line, presentation: .both, texts: .french, now: Self.christmasNoon, holidays: Self.france)
        #expect(french.holiday == "Jour férié (Noël) : fermé aujourd’hui")
        let thursday = SupportPolicy.entry(for: line, presentation: .both, texts: .english, now: Self.thursdayNoon, holidays: Self.france)
        #expect(thursday.open == true && thursday.holiday == nil)
    }
}
