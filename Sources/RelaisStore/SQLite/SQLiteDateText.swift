import Foundation
import GRDB
import RelaisCore

/// A date as SQLite stores it: GRDB's UTC text `yyyy-MM-dd HH:mm:ss.SSS`, to the nearest
/// millisecond, written here by arithmetic instead of GRDB's `DateFormatter` (3% of a report's
/// time, through ICU). The text must be exactly GRDB's, since stored dates are compared as
/// text: `SQLiteDateTextTests` checks it against GRDB over random instants. Outside the years
/// 1900–2999 (`Date.distantPast`, a test's far future) GRDB writes it, where ICU's calendar
/// (Julian before 1582) is the one that counts.
enum SQLiteDateText {
    /// 1900-01-01T00:00:00Z ..< 3000-01-01T00:00:00Z, in seconds since 1970.
    static let arithmeticRange: Range<TimeInterval> = -2_208_988_800 ..< 32_503_680_000

    static func text(_ date: Date) -> String {
        // The same double arithmetic as Foundation's formatter before ICU floors it: the
        // instant to the nearest millisecond, from the reference date.
        let udate = (date.timeIntervalSinceReferenceDate + 978_307_200) * 1000 + 0.5
        // GRDB stores every date as text, so its value always reads back as a string.
        guard arithmeticRange.contains(udate / 1000) else { return String.fromDatabaseValue(date.databaseValue)! }
        let milliseconds = Int64(udate.rounded(.down))
        let (days, inDay) = floorDivision(milliseconds, 86_400_000)
        let (year, month, day) = CivilDate.civil(days)
        // Written in place: the writer binds a few of these for every report.
        return String(unsafeUninitializedCapacity: 23) { text in
            put(Int64(year), 4, at: 0, in: text)
            text[4] = UInt8(ascii: "-")
            put(Int64(month), 2, at: 5, in: text)
            text[7] = UInt8(ascii: "-")
            put(Int64(day), 2, at: 8, in: text)
            text[10] = UInt8(ascii: " ")
            put(inDay / 3_600_000, 2, at: 11, in: text)
            text[13] = UInt8(ascii: ":")
            put(inDay / 60_000 % 60, 2, at: 14, in: text)
            text[16] = UInt8(ascii: ":")
            put(inDay / 1000 % 60, 2, at: 17, in: text)
            text[19] = UInt8(ascii: ".")
            put(inDay % 1000, 3, at: 20, in: text)
            return 23
        }
    }

    /// The instant of a text in exactly that form (23 characters, within the years of
    /// `arithmeticRange`), as GRDB reads it; nil for any other text, which GRDB then reads.
    static func date(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            guard bytes.count == 23, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: " "),
                bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: ".")
            else { return nil }
            func number(_ start: Int, _ width: Int) -> Int? {
                var value = 0
                for index in start..<start + width {
                    let digit = Int(bytes[index]) - Int(UInt8(ascii: "0"))
                    guard (0...9).contains(digit) else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            guard let year = number(0, 4), (1900...2999).contains(year), let month = number(5, 2), (1...12).contains(month),
                let day = number(8, 2), day >= 1, day <= CivilDate.daysIn(month: month, year: year),
                let hour = number(11, 2), hour < 24, let minute = number(14, 2), minute < 60, let second = number(17, 2), second < 60,
                let millisecond = number(20, 3)
            else { return nil }
            let seconds = CivilDate.days(year: year, month: month, day: day) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
            // From the reference date, as Foundation's calendar adds the fraction (from 1970 the
            // sum rounds differently for one instant in ten).
            return Date(timeIntervalSinceReferenceDate: Double(seconds - 978_307_200) + Double(millisecond) / 1000)
        }
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value / divisor, remainder = value % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

    private static func put(_ value: Int64, _ width: Int, at start: Int, in text: UnsafeMutableBufferPointer<UInt8>) {
        var rest = value
        for index in stride(from: start + width - 1, through: start, by: -1) {
            text[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
    }
}
