import Foundation

/// A country's public holidays, from its law or its government's page (`sources`), as rules
/// that give the dates of any year: fixed dates, days counted from Easter, the n-th weekday
/// of a month, the first weekday on or after a date.
///
/// JSON: an element of the directory's `holidays` array (see `docs/directory.md`).
public struct HolidayCalendar: Sendable, Equatable, Codable {
    public var country: CountryCode
    public var sources: [Helpline.Source]
    public var holidays: [Holiday]
    /// How a holiday that falls on a weekend is moved, when the source says it is.
    public var substitution: Substitution?
    public var note: String?

    public init(country: CountryCode, sources: [Helpline.Source], holidays: [Holiday], substitution: Substitution? = nil, note: String? = nil) {
        self.country = country
        self.sources = sources
        self.holidays = holidays
        self.substitution = substitution
        self.note = note
    }

    public struct Holiday: Sendable, Equatable, Codable {
        public var key: String
        public var name: LocalizedNames
        public var rule: Rule
        /// ISO 3166-2 codes where the holiday is regional; `nil` for a national holiday.
        /// Only national holidays change a national line's hours.
        public var regions: [String]?

        public init(key: String, name: LocalizedNames, rule: Rule, regions: [String]? = nil) {
            self.key = key
            self.name = name
            self.rule = rule
            self.regions = regions
        }
    }

    /// When a holiday falls: `{"fixed": "MM-DD"}`, `{"easterOffset": n}`,
    /// `{"orthodoxEasterOffset": n}`, `{"nthWeekday": {"month", "weekday", "n"}}` (n = -1: the
    /// last), `{"weekdayOnOrAfter": {"date": "MM-DD", "weekday"}}`.
    public enum Rule: Sendable, Equatable, Codable {
        case fixed(month: Int, day: Int)
        case easterOffset(Int)
        case orthodoxEasterOffset(Int)
        case nthWeekday(month: Int, weekday: Weekday, n: Int)
        case weekdayOnOrAfter(month: Int, day: Int, weekday: Weekday)

        enum CodingKeys: String, CodingKey { case fixed, easterOffset, orthodoxEasterOffset, nthWeekday, weekdayOnOrAfter }
        enum NthKeys: String, CodingKey { case month, weekday, n }
        enum OnOrAfterKeys: String, CodingKey { case date, weekday }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            func monthDay(_ text: String, _ key: CodingKeys) throws -> (Int, Int) {
                let parts = text.split(separator: "-")
                guard parts.count == 2, let m = Int(parts[0]), let d = Int(parts[1]), (1...12).contains(m), (1...31).contains(d) else {
                    throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "'\(text)' is not a date MM-DD")
                }
                return (m, d)
            }
            if let text = try c.decodeIfPresent(String.self, forKey: .fixed) {
                let (m, d) = try monthDay(text, .fixed)
                self = .fixed(month: m, day: d)
            } else if let offset = try c.decodeIfPresent(Int.self, forKey: .easterOffset) {
                self = .easterOffset(offset)
            } else if let offset = try c.decodeIfPresent(Int.self, forKey: .orthodoxEasterOffset) {
                self = .orthodoxEasterOffset(offset)
            } else if c.contains(.nthWeekday) {
                let n = try c.nestedContainer(keyedBy: NthKeys.self, forKey: .nthWeekday)
                let month = try n.decode(Int.self, forKey: .month), count = try n.decode(Int.self, forKey: .n)
                guard (1...12).contains(month), count == -1 || (1...5).contains(count) else {
                    throw DecodingError.dataCorruptedError(forKey: .nthWeekday, in: c, debugDescription: "month 1–12 and n 1–5 or -1")
                }
                self = .nthWeekday(month: month, weekday: try n.decode(Weekday.self, forKey: .weekday), n: count)
            } else if c.contains(.weekdayOnOrAfter) {
                let n = try c.nestedContainer(keyedBy: OnOrAfterKeys.self, forKey: .weekdayOnOrAfter)
                let (m, d) = try monthDay(try n.decode(String.self, forKey: .date), .weekdayOnOrAfter)
                self = .weekdayOnOrAfter(month: m, day: d, weekday: try n.decode(Weekday.self, forKey: .weekday))
            } else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath,
                    debugDescription: "a holiday rule is one of fixed, easterOffset, orthodoxEasterOffset, nthWeekday, weekdayOnOrAfter"))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            func two(_ v: Int) -> String { (v < 10 ? "0" : "") + String(v) }
            switch self {
            case .fixed(let m, let d): try c.encode(two(m) + "-" + two(d), forKey: .fixed)
            case .easterOffset(let n): try c.encode(n, forKey: .easterOffset)
            case .orthodoxEasterOffset(let n): try c.encode(n, forKey: .orthodoxEasterOffset)
            case .nthWeekday(let month, let weekday, let n):
                var inner = c.nestedContainer(keyedBy: NthKeys.self, forKey: .nthWeekday)
                try inner.encode(month, forKey: .month)
                try inner.encode(weekday, forKey: .weekday)
                try inner.encode(n, forKey: .n)
            case .weekdayOnOrAfter(let m, let d, let weekday):
                var inner = c.nestedContainer(keyedBy: OnOrAfterKeys.self, forKey: .weekdayOnOrAfter)
                try inner.encode(two(m) + "-" + two(d), forKey: .date)
                try inner.encode(weekday, forKey: .weekday)
            }
        }

        /// The local day number (days since 1970-01-01) of the holiday in `year`; `nil` when
        /// the rule has no such day that year (a fifth Monday, 30 February).
        public func day(in year: Int) -> Int64? {
            switch self {
            case .fixed(let m, let d):
                guard d <= CivilDate.daysIn(month: m, year: year) else { return nil }
                return CivilDate.days(year: year, month: m, day: d)
            case .easterOffset(let n): return CivilDate.westernEaster(year) + Int64(n)
            case .orthodoxEasterOffset(let n): return CivilDate.orthodoxEaster(year) + Int64(n)
            case .nthWeekday(let month, let weekday, let n):
                if n > 0 {
                    let first = CivilDate.days(year: year, month: month, day: 1)
                    let day = CivilDate.onOrAfter(first, weekday) + Int64(7 * (n - 1))
                    return CivilDate.civil(day).month == month ? day : nil
                }
                let last = CivilDate.days(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))
                return CivilDate.onOrAfter(last - 6, weekday)
            case .weekdayOnOrAfter(let m, let d, let weekday):
                return CivilDate.onOrAfter(CivilDate.days(year: year, month: m, day: d), weekday)
            }
        }
    }

    /// Where a holiday that falls on a Saturday or a Sunday is observed instead.
    public struct Substitution: Sendable, Equatable, Codable {
        public var saturday: Move?
        public var sunday: Move?

        public enum Move: String, Sendable, Codable {
            case nextMonday = "next_monday"
            case previousFriday = "previous_friday"
        }
    }

    /// The national holidays of the years `years` (or one region's), as local day numbers with the holiday's
    /// index in `holidays`. A substituted day is added beside the weekend day itself; when it
    /// is already a holiday, the next free weekday is taken (Christmas and Boxing Day in GB).
    /// With `region`, that region's own holidays only (the national ones are asked apart).
    public func days(years: ClosedRange<Int>, region: String? = nil) -> [Int64: Int] {
        var result: [Int64: Int] = [:]
        for year in years {
            var moved: [(Int64, Int)] = []
            for (index, holiday) in holidays.enumerated()
            where region.map { holiday.regions?.contains($0) ?? false } ?? (holiday.regions == nil) {
                guard let day = holiday.rule.day(in: year) else { continue }
                result[day] = result[day] ?? index
                let weekday = Weekday(dayNumber: day)
                let move = weekday == .sat ? substitution?.saturday : weekday == .sun ? substitution?.sunday : nil
                if let move { moved.append((move == .nextMonday ? CivilDate.onOrAfter(day, .mon) : day - (weekday == .sat ? 1 : 2), index)) }
            }
            for (day, index) in moved {
                var target = day
                while result[target] != nil || [.sat, .sun].contains(Weekday(dayNumber: target)) { target += 1 }
                result[target] = index
            }
        }
        return result
    }
}
