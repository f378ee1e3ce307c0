import Foundation
import Testing

@testable import RelaisCore

/// Opening hours: the 3018's daily 09:00–23:00 in Europe/Paris, daylight-saving days,
/// ranges over midnight, 24:00 closes, 24/7 lines, closed days, and the ISO 8601 output.
@Suite("Opening hours")
struct OpeningHoursTests {
    /// The 3018's phone as its sources state it: every day 09:00–23:00 Paris time, holidays
    /// included. (The rules are tested on this fixture; the shipped data is checked apart.)
    static let line3018 = Fixture.hours(
        #"{"timeZone": "Europe/Paris", "weekly": [{"days": ["mon","tue","wed","thu","fri","sat","sun"], "open": "09:00", "close": "23:00"}], "publicHolidays": "open"}"#
    )

    @Test("the shipped 3018 phone is every day 09:00–23:00 Europe/Paris, holidays open")
    func shipped3018Schedule() throws {
        let phone = try #require(Fixture.bundled.helpline(id: "fr-3018")?.channels.first { $0.kind == .phone })
        let hours = try #require(phone.hours.schedule)
        #expect(hours.timeZone.identifier == "Europe/Paris")
        #expect(hours.weekly == Self.line3018.weekly)
        #expect(hours.publicHolidays == .open)
    }

    // MARK: - The 3018, open and closed at the edges

    /// Local Paris times with their explicit offset on that day, and whether the 3018 is open.
    static let edges3018: [(String, Bool)] = [
        // An ordinary winter day (Wednesday 14 January 2026, UTC+1).
        ("2026-01-14T08:59:00+01:00", false),
        ("2026-01-14T08:59:59+01:00", false),
        ("2026-01-14T09:00:00+01:00", true),
        ("2026-01-14T12:00:00+01:00", true),
        ("2026-01-14T22:59:00+01:00", true),
        ("2026-01-14T22:59:59+01:00", true),
        ("2026-01-14T23:00:00+01:00", false),
        ("2026-01-14T23:30:00+01:00", false),
        ("2026-01-14T00:00:00+01:00", false),
        // An ordinary summer day (Wednesday 15 July 2026, UTC+2): 08:59 local is 06:59Z.
        ("2026-07-15T08:59:00+02:00", false),
        ("2026-07-15T09:00:00+02:00", true),
        ("2026-07-15T22:59:00+02:00", true),
        ("2026-07-15T23:00:00+02:00", false),
        // Spring forward, Sunday 29 March 2026: 02:00 CET becomes 03:00 CEST; the day's hours are in UTC+2.
        ("2026-03-29T01:59:00+01:00", false),
        ("2026-03-29T03:00:00+02:00", false),
        ("2026-03-29T08:59:00+02:00", false),
        ("2026-03-29T09:00:00+02:00", true),
        ("2026-03-29T22:59:00+02:00", true),
        ("2026-03-29T23:00:00+02:00", false),
        // The day before, still UTC+1.
        ("2026-03-28T22:59:00+01:00", true),
        ("2026-03-28T23:00:00+01:00", false),
        // Fall back, Sunday 25 October 2026: 03:00 CEST becomes 02:00 CET; the day's hours are in UTC+1.
        ("2026-10-25T02:30:00+02:00", false),
        ("2026-10-25T02:30:00+01:00", false),
        ("2026-10-25T08:59:00+01:00", false),
        ("2026-10-25T09:00:00+01:00", true),
        ("2026-10-25T22:59:00+01:00", true),
        ("2026-10-25T23:00:00+01:00", false),
        // The day before, still UTC+2.
        ("2026-10-24T22:59:00+02:00", true),
        ("2026-10-24T23:00:00+02:00", false),
    ]

    @Test("3018 open from 09:00 and closed from 23:00 Paris time", arguments: edges3018)
    func edges(_ local: String, _ open: Bool) {
        #expect(Self.line3018.isOpen(at: Fixture.instant(local)) == open)
    }

    @Test("the same UTC instants are judged by the Paris offset of the day")
    func utcInstantsAcrossTheChange() {
        // 07:30Z: 08:30 CET (closed) in winter, 09:30 CEST (open) in summer.
        #expect(Self.line3018.isOpen(at: Fixture.instant("2026-01-14T07:30:00Z")) == false)
        #expect(Self.line3018.isOpen(at: Fixture.instant("2026-07-15T07:30:00Z")) == true)
        // 21:30Z: 22:30 CET (open) in winter, 23:30 CEST (closed) in summer.
        #expect(Self.line3018.isOpen(at: Fixture.instant("2026-01-14T21:30:00Z")) == true)
        #expect(Self.line3018.isOpen(at: Fixture.instant("2026-07-15T21:30:00Z")) == false)
        // On the change days themselves.
        #expect(Self.line3018.isOpen(at: Fixture.instant("2026-03-29T07:00:00Z")) == true)
        #expect(Self.line3018.isOpen(at: Fixture.instant("2026-03-29T06:59:59Z")) == false)
        #expect(Self.line3018.isOpen(at: Fixture.instant("2026-10-25T08:00:00Z")) == true)
        #expect(Self.line3018.isOpen(at: Fixture.instant("2026-10-25T07:59:59Z")) == false)
        #expect(Self.line3018.isOpen(at: Fixture.instant("2026-10-25T07:00:00Z")) == false)
    }

    // MARK: - The next opening, across the daylight-saving changes

    /// (now, expected next opening as an instant, the same in Paris ISO 8601).
    static let nextOpenings3018: [(String, String, String)] = [
        // Spring forward: at 23:30 on 28 March the next opening is 09:00 CEST, i.e. 07:00Z.
        ("2026-03-28T23:30:00+01:00", "2026-03-29T07:00:00Z", "2026-03-29T09:00:00+02:00"),
        ("2026-03-29T00:30:00+01:00", "2026-03-29T07:00:00Z", "2026-03-29T09:00:00+02:00"),
        ("2026-03-29T01:59:59+01:00", "2026-03-29T07:00:00Z", "2026-03-29T09:00:00+02:00"),
        ("2026-03-29T03:00:00+02:00", "2026-03-29T07:00:00Z", "2026-03-29T09:00:00+02:00"),
        ("2026-03-29T08:59:00+02:00", "2026-03-29T07:00:00Z", "2026-03-29T09:00:00+02:00"),
        ("2026-03-29T23:00:00+02:00", "2026-03-30T07:00:00Z", "2026-03-30T09:00:00+02:00"),
        // Fall back: at 23:30 on 24 October the next opening is 09:00 CET, i.e. 08:00Z.
        ("2026-10-24T23:30:00+02:00", "2026-10-25T08:00:00Z", "2026-10-25T09:00:00+01:00"),
        ("2026-10-25T02:30:00+02:00", "2026-10-25T08:00:00Z", "2026-10-25T09:00:00+01:00"),
        ("2026-10-25T02:30:00+01:00", "2026-10-25T08:00:00Z", "2026-10-25T09:00:00+01:00"),
        ("2026-10-25T08:59:00+01:00", "2026-10-25T08:00:00Z", "2026-10-25T09:00:00+01:00"),
        ("2026-10-25T23:30:00+01:00", "2026-10-26T08:00:00Z", "2026-10-26T09:00:00+01:00"),
        // Ordinary days: closing time, just before opening, and while open (the next day's).
        ("2026-01-14T23:00:00+01:00", "2026-01-15T08:00:00Z", "2026-01-15T09:00:00+01:00"),
        ("2026-01-14T08:59:00+01:00", "2026-01-14T08:00:00Z", "2026-01-14T09:00:00+01:00"),
        ("2026-01-14T09:00:00+01:00", "2026-01-15T08:00:00Z", "2026-01-15T09:00:00+01:00"),
        ("2026-07-15T23:30:00+02:00", "2026-07-16T07:00:00Z", "2026-07-16T09:00:00+02:00"),
        ("2026-07-15T00:00:00+02:00", "2026-07-15T07:00:00Z", "2026-07-15T09:00:00+02:00"),
        // New Year's Eve into a new year.
        ("2026-12-31T23:30:00+01:00", "2027-01-01T08:00:00Z", "2027-01-01T09:00:00+01:00"),
    ]

    @Test("3018 next opening is the next 09:00 Paris time", arguments: nextOpenings3018)
    func nextOpening(_ now: String, _ expected: String, _ iso: String) throws {
        let hours = Self.line3018
        let next = try #require(hours.nextOpening(after: Fixture.instant(now)))
        #expect(next == Fixture.instant(expected))
        #expect(LocalTime.iso8601(next, in: hours.timeZone) == iso)
        // It is an opening: open then, closed the second before, and after now.
        #expect(hours.isOpen(at: next))
        #expect(!hours.isOpen(at: next.addingTimeInterval(-1)))
        #expect(next > Fixture.instant(now))
    }

    // MARK: - Ranges over midnight

    /// Every day 22:00–02:00.
    static let nightly = Fixture.hours(
        #"{"timeZone": "Europe/Paris", "weekly": [{"days": ["mon","tue","wed","thu","fri","sat","sun"], "open": "22:00", "close": "02:00"}]}"#
    )

    @Test(
        "a daily range 22:00–02:00 runs past midnight",
        arguments: [
            ("2026-01-14T21:59:00+01:00", false),
            ("2026-01-14T22:00:00+01:00", true),
            ("2026-01-14T23:59:59+01:00", true),
            ("2026-01-15T00:00:00+01:00", true),
            ("2026-01-15T01:59:00+01:00", true),
            ("2026-01-15T02:00:00+01:00", false),
            ("2026-01-15T12:00:00+01:00", false),
            // Summer, and the night of the spring change (02:00 local never happens).
            ("2026-07-15T23:00:00+02:00", true),
            ("2026-07-16T02:00:00+02:00", false),
            ("2026-03-29T01:30:00+01:00", true),
            ("2026-03-29T03:00:00+02:00", false),
        ])
    func nightlyRange(_ local: String, _ open: Bool) {
        #expect(Self.nightly.isOpen(at: Fixture.instant(local)) == open)
    }

    /// Fridays and Saturdays 22:00–02:00: the early hours of Saturday and Sunday only.
    static let weekendNights = Fixture.hours(
        #"{"timeZone": "Europe/Paris", "weekly": [{"days": ["fri","sat"], "open": "22:00", "close": "02:00"}]}"#
    )

    @Test(
        "a Friday/Saturday night range is open into Saturday and Sunday mornings only",
        arguments: [
            // 2026-01-15 is a Thursday, 16 Friday, 17 Saturday, 18 Sunday, 19 Monday.
            ("2026-01-15T22:30:00+01:00", false),  // Thursday night: not a listed day
            ("2026-01-16T01:00:00+01:00", false),  // Friday early hours belong to Thursday
            ("2026-01-16T21:59:00+01:00", false),
            ("2026-01-16T22:00:00+01:00", true),
            ("2026-01-17T00:00:00+01:00", true),
            ("2026-01-17T01:59:00+01:00", true),
            ("2026-01-17T02:00:00+01:00", false),
            ("2026-01-17T22:00:00+01:00", true),
            ("2026-01-18T01:00:00+01:00", true),  // Sunday early hours belong to Saturday
            ("2026-01-18T02:00:00+01:00", false),
            ("2026-01-18T22:00:00+01:00", false),  // Sunday night: not a listed day
            ("2026-01-19T01:00:00+01:00", false),
        ])
    func weekendNightRange(_ local: String, _ open: Bool) {
        #expect(Self.weekendNights.isOpen(at: Fixture.instant(local)) == open)
    }

    @Test("next opening of a night range")
    func nightRangeNextOpening() throws {
        let hours = Self.weekendNights
        let fromSaturdayMorning = try #require(hours.nextOpening(after: Fixture.instant("2026-01-17T02:00:00+01:00")))
        #expect(fromSaturdayMorning == Fixture.instant("2026-01-17T22:00:00+01:00"))
        let fromSundayMorning = try #require(hours.nextOpening(after: Fixture.instant("2026-01-18T02:30:00+01:00")))
        #expect(fromSundayMorning == Fixture.instant("2026-01-23T22:00:00+01:00"))
        #expect(LocalTime.iso8601(fromSundayMorning, in: hours.timeZone) == "2026-01-23T22:00:00+01:00")
    }

    @Test("a night range is listed today on its opening day, formatted 22:00–02:00")
    func nightRangeToday() {
        let friday = Self.weekendNights.rangesToday(at: Fixture.instant("2026-01-16T12:00:00+01:00"))
        #expect(friday.map(\.formatted) == ["22:00–02:00"])
        #expect(friday.first?.crossesMidnight == true)
        let thursday = Self.weekendNights.rangesToday(at: Fixture.instant("2026-01-15T12:00:00+01:00"))
        #expect(thursday.isEmpty)
    }

    // MARK: - A close of 24:00

    static let evening = Fixture.hours(
        #"{"timeZone": "Europe/Paris", "weekly": [{"days": ["mon","tue","wed","thu","fri","sat","sun"], "open": "18:00", "close": "24:00"}]}"#
    )

    @Test(
        "a range closing at 24:00 is open until midnight and not after",
        arguments: [
            ("2026-01-14T17:59:00+01:00", false),
            ("2026-01-14T18:00:00+01:00", true),
            ("2026-01-14T23:59:00+01:00", true),
            ("2026-01-14T23:59:59+01:00", true),
            ("2026-01-15T00:00:00+01:00", false),
            ("2026-01-15T00:30:00+01:00", false),
        ])
    func closeAtMidnight(_ local: String, _ open: Bool) {
        #expect(Self.evening.isOpen(at: Fixture.instant(local)) == open)
    }

    @Test("a 24:00 close decodes as 1440 minutes, does not cross midnight, and formats as 24:00")
    func closeAtMidnightShape() throws {
        let range = try #require(Self.evening.weekly.first)
        #expect(range.close == 1440)
        #expect(range.open == 1080)
        #expect(!range.crossesMidnight)
        #expect(range.formatted == "18:00–24:00")
        let next = try #require(Self.evening.nextOpening(after: Fixture.instant("2026-01-15T00:00:00+01:00")))
        #expect(next == Fixture.instant("2026-01-15T18:00:00+01:00"))
    }

    @Test("a range 00:00–24:00 every day is open at any minute")
    func wholeDays() {
        let hours = Fixture.hours(
            #"{"timeZone": "Europe/Paris", "weekly": [{"days": ["mon","tue","wed","thu","fri","sat","sun"], "open": "00:00", "close": "24:00"}]}"#
        )
        for local in ["2026-01-14T00:00:00+01:00", "2026-01-14T12:00:00+01:00", "2026-01-14T23:59:59+01:00", "2026-03-29T03:30:00+02:00"] {
            #expect(hours.isOpen(at: Fixture.instant(local)), "\(local)")
        }
        #expect(SupportPolicy.hoursToday(.schedule(hours), texts: .english, moment: .init(now: Fixture.instant("2026-01-14T12:00:00+01:00"))) == "Open 24/7")
    }

    // MARK: - 24/7

    @Test("an always-open line is open at every instant and has no next opening")
    func alwaysOpen() throws {
        let hours = OpeningHours(timeZone: Fixture.paris, alwaysOpen: true)
        for local in ["2026-01-14T03:00:00+01:00", "2026-03-29T02:00:00+01:00", "2026-10-25T02:30:00+01:00", "2026-11-29T23:30:00+01:00"] {
            #expect(hours.isOpen(at: Fixture.instant(local)), "\(local)")
            #expect(hours.nextOpening(after: Fixture.instant(local)) == nil)
        }
        #expect(hours.rangesToday(at: Fixture.instant("2026-01-14T12:00:00+01:00")).isEmpty)
        #expect(SupportPolicy.hoursToday(.schedule(hours), texts: .french, moment: .init(now: .now)) == "24 h/24, 7 j/7")
        #expect(SupportPolicy.hoursToday(.schedule(hours), texts: .english, moment: .init(now: .now)) == "Open 24/7")
    }

    @Test("a line with no schedule is never open and has no next opening")
    func noSchedule() {
        let hours = OpeningHours(timeZone: Fixture.paris)
        #expect(!hours.isOpen(at: Fixture.instant("2026-01-14T12:00:00+01:00")))
        #expect(hours.nextOpening(after: Fixture.instant("2026-01-14T12:00:00+01:00")) == nil)
    }

    // MARK: - Closed days

    /// Monday to Friday, 09:00–17:00.
    static let weekdays = Fixture.hours(
        #"{"timeZone": "Europe/Paris", "weekly": [{"days": ["mon","tue","wed","thu","fri"], "open": "09:00", "close": "17:00"}], "publicHolidays": "closed"}"#
    )

    @Test(
        "a Monday–Friday line is closed all weekend",
        arguments: [
            ("2026-01-16T16:59:00+01:00", true),  // Friday
            ("2026-01-16T17:00:00+01:00", false),
            ("2026-01-17T08:59:00+01:00", false),  // Saturday
            ("2026-01-17T09:00:00+01:00", false),
            ("2026-01-17T12:00:00+01:00", false),
            ("2026-01-18T12:00:00+01:00", false),  // Sunday
            ("2026-01-19T08:59:00+01:00", false),  // Monday
            ("2026-01-19T09:00:00+01:00", true),
        ])
    func weekdaysOnly(_ local: String, _ open: Bool) {
        #expect(Self.weekdays.isOpen(at: Fixture.instant(local)) == open)
    }

    @Test(
        "on a weekend the next opening of a Monday–Friday line is Monday 09:00",
        arguments: [
            ("2026-01-16T17:00:00+01:00", "2026-01-19T09:00:00+01:00"),  // Friday closing time
            ("2026-01-17T12:00:00+01:00", "2026-01-19T09:00:00+01:00"),  // Saturday
            ("2026-01-18T23:59:00+01:00", "2026-01-19T09:00:00+01:00"),  // Sunday night
            // The weekend of the spring change: Saturday in CET, Monday in CEST.
            ("2026-03-28T12:00:00+01:00", "2026-03-30T09:00:00+02:00"),
            ("2026-03-29T12:00:00+02:00", "2026-03-30T09:00:00+02:00"),
            // The weekend of the autumn change: Saturday in CEST, Monday in CET.
            ("2026-10-24T12:00:00+02:00", "2026-10-26T09:00:00+01:00"),
            ("2026-10-25T12:00:00+01:00", "2026-10-26T09:00:00+01:00"),
        ])
    func weekendNextOpening(_ now: String, _ expected: String) throws {
        let next = try #require(Self.weekdays.nextOpening(after: Fixture.instant(now)))
        #expect(next == Fixture.instant(expected))
        #expect(LocalTime.iso8601(next, in: Fixture.paris) == expected)
    }

    @Test("rangesToday lists nothing on a closed day and the day's ranges otherwise")
    func rangesTodayOnClosedDays() {
        #expect(Self.weekdays.rangesToday(at: Fixture.instant("2026-01-17T12:00:00+01:00")).isEmpty)
        #expect(Self.weekdays.rangesToday(at: Fixture.instant("2026-01-18T12:00:00+01:00")).isEmpty)
        #expect(Self.weekdays.rangesToday(at: Fixture.instant("2026-01-19T12:00:00+01:00")).map(\.formatted) == ["09:00–17:00"])
        let saturday = Fixture.instant("2026-01-17T12:00:00+01:00")
        #expect(SupportPolicy.hoursToday(.schedule(Self.weekdays), texts: .english, moment: .init(now: saturday)) == "Closed today")
        #expect(SupportPolicy.hoursToday(.schedule(Self.weekdays), texts: .french, moment: .init(now: saturday)) == "Fermé aujourd’hui")
    }

    @Test("the weekday is the local one, not UTC's")
    func localWeekday() {
        // Monday 19 January 2026 09:30 in Auckland (UTC+13) is Sunday 20:30Z.
        let hours = Fixture.hours(
            #"{"timeZone": "Pacific/Auckland", "weekly": [{"days": ["mon","tue","wed","thu","fri"], "open": "09:00", "close": "17:00"}]}"#
        )
        let mondayMorning = Fixture.instant("2026-01-18T20:30:00Z")
        #expect(hours.isOpen(at: mondayMorning))
        #expect(hours.rangesToday(at: mondayMorning).map(\.formatted) == ["09:00–17:00"])
        // Saturday 12:00Z is Sunday 01:00 in Auckland: closed, next opening Monday 09:00 NZDT = Sunday 20:00Z.
        #expect(hours.nextOpening(after: Fixture.instant("2026-01-17T12:00:00Z")) == Fixture.instant("2026-01-18T20:00:00Z"))
    }

    // MARK: - rangesToday with several ranges

    @Test("several ranges a day are listed in order and the gap between them is closed")
    func splitDay() throws {
        let hours = Fixture.hours(
            #"{"timeZone": "Europe/Paris", "weekly": [{"days": ["wed"], "open": "14:00", "close": "18:00"}, {"days": ["wed"], "open": "09:00", "close": "12:00"}]}"#
        )
        let wednesday = Fixture.instant("2026-01-14T13:00:00+01:00")
        #expect(hours.rangesToday(at: wednesday).map(\.formatted) == ["09:00–12:00", "14:00–18:00"])
        #expect(SupportPolicy.hoursToday(.schedule(hours), texts: .english, moment: .init(now: wednesday)) == "09:00–12:00, 14:00–18:00")
        #expect(!hours.isOpen(at: wednesday))
        #expect(hours.isOpen(at: Fixture.instant("2026-01-14T11:59:00+01:00")))
        #expect(hours.isOpen(at: Fixture.instant("2026-01-14T14:00:00+01:00")))
        #expect(hours.nextOpening(after: wednesday) == Fixture.instant("2026-01-14T14:00:00+01:00"))
        #expect(hours.nextOpening(after: Fixture.instant("2026-01-14T08:00:00+01:00")) == Fixture.instant("2026-01-14T09:00:00+01:00"))
        #expect(hours.nextOpening(after: Fixture.instant("2026-01-14T18:00:00+01:00")) == Fixture.instant("2026-01-21T09:00:00+01:00"))
    }

    @Test("3018 today is 09:00–23:00 on every day of the week")
    func rangesToday3018() {
        for day in 12...18 {  // Monday 12 to Sunday 18 January 2026
            let noon = Fixture.instant("2026-01-\(day)T12:00:00+01:00")
            #expect(Self.line3018.rangesToday(at: noon).map(\.formatted) == ["09:00–23:00"])
        }
    }

    // MARK: - An opening inside the hour skipped in spring

    @Test("an opening time that does not exist on the spring-forward day is the first instant after the gap")
    func openingInsideTheSkippedHour() throws {
        // Every day 02:30–04:00. On 29 March 2026 local time jumps from 02:00 to 03:00 (01:00Z),
        // so the line opens at 03:00 CEST, the first instant it is open.
        let hours = Fixture.hours(
            #"{"timeZone": "Europe/Paris", "weekly": [{"days": ["mon","tue","wed","thu","fri","sat","sun"], "open": "02:30", "close": "04:00"}]}"#
        )
        let now = Fixture.instant("2026-03-29T01:45:00+01:00")  // 00:45Z
        let next = try #require(hours.nextOpening(after: now))
        #expect(next > now)
        #expect(next == Fixture.instant("2026-03-29T01:00:00Z"))
        #expect(hours.isOpen(at: next))
        #expect(!hours.isOpen(at: next.addingTimeInterval(-1)))
        #expect(LocalTime.iso8601(next, in: hours.timeZone) == "2026-03-29T03:00:00+02:00")
    }

    // MARK: - ISO 8601 formatting

    @Test(
        "LocalTime.iso8601 writes local time with the zone's offset at that instant",
        arguments: [
            ("2026-11-30T08:00:00Z", "Europe/Paris", "2026-11-30T09:00:00+01:00"),
            ("2026-07-15T07:00:00Z", "Europe/Paris", "2026-07-15T09:00:00+02:00"),
            ("2026-03-29T00:59:59Z", "Europe/Paris", "2026-03-29T01:59:59+01:00"),
            ("2026-03-29T01:00:00Z", "Europe/Paris", "2026-03-29T03:00:00+02:00"),
            ("2026-10-25T00:30:00Z", "Europe/Paris", "2026-10-25T02:30:00+02:00"),
            ("2026-10-25T01:30:00Z", "Europe/Paris", "2026-10-25T02:30:00+01:00"),
            ("2026-01-15T12:00:00Z", "UTC", "2026-01-15T12:00:00+00:00"),
            ("2026-01-15T12:00:00Z", "America/St_Johns", "2026-01-15T08:30:00-03:30"),
            ("2026-01-15T00:00:00Z", "Asia/Kolkata", "2026-01-15T05:30:00+05:30"),
            ("2027-01-01T04:30:00Z", "America/New_York", "2026-12-31T23:30:00-05:00"),
            ("2028-02-29T23:59:59Z", "UTC", "2028-02-29T23:59:59+00:00"),
            ("1969-12-31T23:59:59Z", "UTC", "1969-12-31T23:59:59+00:00"),
            ("2000-03-01T00:00:00Z", "UTC", "2000-03-01T00:00:00+00:00"),
        ])
    func iso8601(_ utc: String, _ zone: String, _ expected: String) throws {
        let tz = try #require(TimeZone(identifier: zone))
        let instant = Fixture.instant(utc)
        let text = LocalTime.iso8601(instant, in: tz)
        #expect(text == expected)
        // The text names the same instant.
        #expect(Fixture.instant(text) == instant)
    }

    // MARK: - Parsing and decoding

    @Test(
        "parseTime accepts HH:MM from 00:00 to 24:00 and nothing else",
        arguments: [
            ("00:00", 0), ("09:00", 540), ("23:59", 1439), ("24:00", 1440), ("12:30", 750),
            ("24:01", nil), ("25:00", nil), ("9:00", nil), ("09:60", nil), ("0900", nil), ("09:00:00", nil),
            ("", nil), ("-1:00", nil), ("ab:cd", nil),
        ] as [(String, Int?)])
    func parseTime(_ text: String, _ minutes: Int?) {
        #expect(WeeklyRange.parseTime(text) == minutes)
    }

    @Test("decoding rejects an unknown time zone, an opening at 24:00 and malformed times")
    func decodingErrors() {
        #expect(throws: DecodingError.self) {
            try Fixture.decode(OpeningHours.self, #"{"timeZone": "Europe/Atlantis", "alwaysOpen": true}"#)
        }
        #expect(throws: DecodingError.self) {
            try Fixture.decode(OpeningHours.self, #"{"timeZone": "Europe/Paris", "weekly": [{"days": ["mon"], "open": "24:00", "close": "02:00"}]}"#)
        }
        #expect(throws: DecodingError.self) {
            try Fixture.decode(OpeningHours.self, #"{"timeZone": "Europe/Paris", "weekly": [{"days": ["mon"], "open": "09:00", "close": "25:00"}]}"#)
        }
        #expect(throws: DecodingError.self) {
            try Fixture.decode(OpeningHours.self, #"{"timeZone": "Europe/Paris", "weekly": [{"days": ["monday"], "open": "09:00", "close": "17:00"}]}"#)
        }
    }

    @Test("decoding applies defaults and encoding round-trips")
    func decodingDefaultsAndRoundTrip() throws {
        let minimal = try Fixture.decode(OpeningHours.self, #"{"timeZone": "Europe/Paris"}"#)
        #expect(minimal.alwaysOpen == false)
        #expect(minimal.weekly.isEmpty)
        #expect(minimal.publicHolidays == .unknown)
        #expect(minimal.note == nil)

        let original = Self.weekendNights
        let data = try JSONEncoder().encode(original)
        let decoded = try JSONDecoder().decode(OpeningHours.self, from: data)
        #expect(decoded == original)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""open":"22:00""#))
        #expect(text.contains(#""close":"02:00""#))
        #expect(text.contains(#""timeZone":"Europe\/Paris""#) || text.contains(#""timeZone":"Europe/Paris""#))
    }


}
