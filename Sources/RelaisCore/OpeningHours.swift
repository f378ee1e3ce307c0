import Foundation

/// A weekly schedule in an IANA time zone.
///
/// All questions take the instant as a parameter (`at:`); nothing here reads the clock.
/// Local time is derived from the zone's UTC offset at that instant, so daylight-saving
/// changes are handled by the time-zone database, and the arithmetic allocates nothing.
public struct OpeningHours: Sendable, Equatable, Codable {
    public var timeZone: TimeZone
    /// Open around the clock, every day.
    public var alwaysOpen: Bool
    /// Opening ranges; a range whose close is not after its open runs past midnight.
    public var weekly: [WeeklyRange]
    /// What the source says about public holidays (absent in the JSON: `unknown`).
    public var publicHolidays: HolidayPolicy
    /// ISO 3166-2 regions whose regional holidays this schedule also follows, where its
    /// source says the line is regional or keeps a region's holidays (`["DE-BY"]`).
    public var holidayRegions: [String]
    public var note: String?

    public init(
        timeZone: TimeZone, alwaysOpen: Bool = false, weekly: [WeeklyRange] = [],
        publicHolidays: HolidayPolicy = .unknown, holidayRegions: [String] = [], note: String? = nil
    ) {
        self.timeZone = timeZone
        self.alwaysOpen = alwaysOpen
        self.weekly = weekly
        self.publicHolidays = publicHolidays
        self.holidayRegions = holidayRegions
        self.note = note
    }

    enum CodingKeys: String, CodingKey { case timeZone, alwaysOpen, weekly, publicHolidays, holidayRegions, note }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let zone = try c.decode(String.self, forKey: .timeZone)
        guard let tz = TimeZone(identifier: zone) else {
            throw DecodingError.dataCorruptedError(
                forKey: .timeZone, in: c, debugDescription: "unknown IANA time zone '\(zone)'")
        }
        timeZone = tz
        alwaysOpen = try c.decodeIfPresent(Bool.self, forKey: .alwaysOpen) ?? false
        weekly = try c.decodeIfPresent([WeeklyRange].self, forKey: .weekly) ?? []
        publicHolidays = try c.decodeIfPresent(HolidayPolicy.self, forKey: .publicHolidays) ?? .unknown
        holidayRegions = try c.decodeIfPresent([String].self, forKey: .holidayRegions) ?? []
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(timeZone.identifier, forKey: .timeZone)
        try c.encode(alwaysOpen, forKey: .alwaysOpen)
        try c.encode(weekly, forKey: .weekly)
        try c.encode(publicHolidays, forKey: .publicHolidays)
        if !holidayRegions.isEmpty { try c.encode(holidayRegions, forKey: .holidayRegions) }
        try c.encodeIfPresent(note, forKey: .note)
    }

    // MARK: - Questions about an instant

    /// Whether the line is open at `instant` by its weekly schedule alone, as if no day were
    /// a public holiday.
    public func isOpen(at instant: Date) -> Bool { state(at: instant, holidays: .none) == .open }

    /// The line's state at `instant`, with the holiday rule applied on a day of `holidays`.
    /// On a holiday whose rule no source gives, a line the weekly schedule calls open is
    /// `unknown`: saying "open" would be a guess.
    public func state(at instant: Date, holidays: HolidayDays) -> OpenState {
        if alwaysOpen { return .open }
        let local = LocalTime(instant, in: timeZone)
        if holidays.contains(local.dayNumber, regions: holidayRegions) {
            switch publicHolidays {
            case .closed: return .closed
            case .special(let open, let close):
                return local.minute >= open && local.minute < close ? .open : .closed
            case .unknown: return weeklyOpen(local) ? .unknown : .closed
            case .open: break
            }
        }
        return weeklyOpen(local) ? .open : .closed
    }

    private func weeklyOpen(_ local: LocalTime) -> Bool {
        let yesterday = local.weekday.previous
        for range in weekly {
            if range.crossesMidnight {
                if range.days.contains(local.weekday) && local.minute >= range.open { return true }
                if range.days.contains(yesterday) && local.minute < range.close { return true }
            } else if range.days.contains(local.weekday) && local.minute >= range.open && local.minute < range.close {
                return true
            }
        }
        return false
    }

    /// Today's opening ranges in local time, in order ("09:00–23:00"); empty when closed all
    /// day. On a holiday with special hours, those hours; on a closed holiday, none.
    public func rangesToday(at instant: Date, holidays: HolidayDays = .none) -> [WeeklyRange] {
        let local = LocalTime(instant, in: timeZone)
        if holidays.contains(local.dayNumber, regions: holidayRegions) {
            switch publicHolidays {
            case .closed: return []
            case .special(let open, let close): return [WeeklyRange(days: [local.weekday], open: open, close: close)]
            case .open, .unknown: break
            }
        }
        return weekly.filter { $0.days.contains(local.weekday) }.sorted { $0.open < $1.open }
    }

    /// The next instant after `instant` at which the line is known to open, holidays applied
    /// (a closed or unknown holiday is skipped, a special one opens at its own time); `nil`
    /// when it is always open or has no schedule.
    public func nextOpening(after instant: Date, holidays: HolidayDays = .none) -> Date? {
        if alwaysOpen || weekly.isEmpty { return nil }
        let local = LocalTime(instant, in: timeZone)
        let nowLocal = local.localSeconds
        // Two weeks: a closed holiday can hide a weekly line's only day.
        for dayOffset in 0...14 {
            let day = local.dayNumber + Int64(dayOffset)
            let weekday = Weekday(dayNumber: day)
            var opens: [Int] = []
            if holidays.contains(day, regions: holidayRegions) {
                switch publicHolidays {
                // A holiday whose hours no source gives is skipped too: "opens tomorrow at
                // 14:00" must not be promised for a day nobody knows it opens.
                case .closed, .unknown: continue
                case .special(let open, _): opens = [open]
                case .open: opens = weekly.filter { $0.days.contains(weekday) }.map(\.open)
                }
            } else {
                opens = weekly.filter { $0.days.contains(weekday) }.map(\.open)
            }
            let best = opens.map { day * 86_400 + Int64($0) * 60 }.filter { $0 > nowLocal }.min()
            if let best { return LocalTime.instant(forLocalSeconds: best, in: timeZone, near: instant) }
        }
        return nil
    }

    /// The first instant after `instant` at which an answer of this schedule may change: a
    /// range or a holiday's special hours opening or closing, local midnight (a new day, with
    /// its own ranges and maybe a holiday), or the zone changing its offset. Every answer
    /// above is a function of the local day and minute, which are constant until then.
    public func nextBoundary(after instant: Date) -> Date {
        let local = LocalTime(instant, in: timeZone)
        let minute = local.minute
        var next = 1440  // midnight
        func consider(_ boundary: Int) { if boundary > minute && boundary < next { next = boundary } }
        if !alwaysOpen {
            for range in weekly {
                consider(range.open)
                consider(range.close)
            }
        }
        if case .special(let open, let close) = publicHolidays {
            consider(open)
            consider(close)
        }
        let boundary = Date(timeIntervalSince1970: TimeInterval(local.dayNumber * 86_400 + Int64(next) * 60 - Int64(local.offsetSeconds)))
        if let shift = timeZone.nextDaylightSavingTimeTransition(after: instant), shift < boundary { return shift }
        return boundary
    }
}

/// Days and a time range, in local time. `open`/`close` are minutes after midnight;
/// `close` may be 1440 ("24:00").
public struct WeeklyRange: Sendable, Equatable, Codable {
    public var days: Set<Weekday>
    public var open: Int
    public var close: Int

    public init(days: Set<Weekday>, open: Int, close: Int) {
        self.days = days
        self.open = open
        self.close = close
    }

    /// A range such as 22:00–02:00 runs into the next day.
    public var crossesMidnight: Bool { close <= open }

    /// "09:00–23:00".
    public var formatted: String { "\(Self.format(open))–\(Self.format(close))" }

    static func format(_ minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }

    /// Parses "HH:MM", 00:00 to 24:00.
    public static func parseTime(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
            let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0...59).contains(m),
            h < 24 || m == 0
        else { return nil }
        return h * 60 + m
    }

    enum CodingKeys: String, CodingKey { case days, open, close }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        days = Set(try c.decode([Weekday].self, forKey: .days))
        let openText = try c.decode(String.self, forKey: .open)
        let closeText = try c.decode(String.self, forKey: .close)
        guard let open = Self.parseTime(openText), open < 1440 else {
            throw DecodingError.dataCorruptedError(forKey: .open, in: c, debugDescription: "'\(openText)' is not a time HH:MM before 24:00")
        }
        guard let close = Self.parseTime(closeText) else {
            throw DecodingError.dataCorruptedError(forKey: .close, in: c, debugDescription: "'\(closeText)' is not a time HH:MM")
        }
        self.open = open
        self.close = close
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Weekday.allCases.filter(days.contains), forKey: .days)
        try c.encode(Self.format(open), forKey: .open)
        try c.encode(Self.format(close), forKey: .close)
    }
}

public enum Weekday: String, Sendable, Codable, CaseIterable, Hashable {
    case mon, tue, wed, thu, fri, sat, sun

    /// Day number 0 is 1970-01-01, a Thursday.
    public init(dayNumber: Int64) {
        let index = Int(((dayNumber % 7) + 7 + 3) % 7)  // 0 = Monday
        self = Weekday.allCases[index]
    }

    public var previous: Weekday {
        let all = Weekday.allCases
        return all[(all.firstIndex(of: self)! + 6) % 7]
    }
}

/// Wall-clock time in a zone at an instant, computed from the zone's offset.
struct LocalTime {
    /// Seconds since 1970-01-01T00:00 local time.
    let localSeconds: Int64
    let offsetSeconds: Int

    init(_ instant: Date, in zone: TimeZone) {
        offsetSeconds = zone.secondsFromGMT(for: instant)
        localSeconds = Int64(instant.timeIntervalSince1970.rounded(.down)) + Int64(offsetSeconds)
    }

    var dayNumber: Int64 { localSeconds >= 0 ? localSeconds / 86_400 : (localSeconds - 86_399) / 86_400 }
    var minute: Int { Int((localSeconds - dayNumber * 86_400) / 60) }
    var weekday: Weekday { Weekday(dayNumber: dayNumber) }

    /// The instant whose local time is `local`. In the hour skipped by a daylight-saving change
    /// the result is the first valid instant after it.
    static func instant(forLocalSeconds local: Int64, in zone: TimeZone, near hint: Date) -> Date {
        let guessOffset = zone.secondsFromGMT(for: hint)
        var utc = local - Int64(guessOffset)
        let actual = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utc)))
        if actual != guessOffset {
            utc = local - Int64(actual)
            // Neither offset gives back `local`: it is in a skipped hour, which ends at the
            // transition after the earlier of the two candidates.
            if zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utc))) != actual {
                let earlier = local - Int64(max(guessOffset, actual))
                let later = local - Int64(min(guessOffset, actual))
                return zone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: TimeInterval(earlier)))
                    ?? Date(timeIntervalSince1970: TimeInterval(later))
            }
        }
        return Date(timeIntervalSince1970: TimeInterval(utc))
    }

    /// ISO 8601 with the zone's offset at `instant`: "2026-11-30T09:00:00+01:00".
    static func iso8601(_ instant: Date, in zone: TimeZone) -> String {
        let local = LocalTime(instant, in: zone)
        let (y, m, d) = civil(fromDays: local.dayNumber)
        let secondsOfDay = Int(local.localSeconds - local.dayNumber * 86_400)
        let off = abs(local.offsetSeconds) / 60
        func two(_ v: Int) -> String { (v < 10 ? "0" : "") + String(v) }
        var text = String(y) + "-" + two(m) + "-" + two(d)
        text += "T" + two(secondsOfDay / 3600) + ":" + two(secondsOfDay / 60 % 60) + ":" + two(secondsOfDay % 60)
        text += (local.offsetSeconds < 0 ? "-" : "+") + two(off / 60) + ":" + two(off % 60)
        return text
    }

    /// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian).
    static func civil(fromDays days: Int64) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (Int(y), Int(m), Int(d))
    }
}
