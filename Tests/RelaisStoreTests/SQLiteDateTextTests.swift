import Foundation
import GRDB
import Testing

@testable import RelaisStore

/// Stored dates are compared as text, so the arithmetic text must be GRDB's to the byte.
@Suite struct SQLiteDateTextTests {
    static func grdb(_ date: Date) -> String { String.fromDatabaseValue(date.databaseValue)! }
    static func ours(_ date: Date) -> String { SQLiteDateText.text(date) }

    @Test func randomInstantsAreWrittenAsGRDBWritesThem() {
        var generator = SplitMix64(seed: 3_12_2026)
        let range = SQLiteDateText.arithmeticRange
        var mismatches: [String] = []
        for _ in 0..<100_000 {
            let seconds = Double.random(in: range, using: &generator)
            let date = Date(timeIntervalSince1970: seconds)
            if Self.ours(date) != Self.grdb(date) { mismatches.append("\(seconds): \(Self.ours(date)) ≠ \(Self.grdb(date))") }
        }
        #expect(mismatches.count == 0, "\(mismatches.count) differ, such as \(Array(mismatches.prefix(3)))")
    }

    @Test func instantsAtTheEdgesOfAMillisecondADayAndAYear() {
        var instants: [Double] = [0, -0.0005, -1, 951_782_400, 4_107_542_400, 1_796_083_200]  // 1970, leap days 2000 and 2100, 2026-12-01
        for base in [0.0, 1_764_633_599, 1_767_225_599, 1_772_323_199, -2_208_988_800, 32_503_679_999] {
            for fraction in [0.0, 0.0001, 0.0009999, 0.001, 0.1234, 0.5, 0.9994999, 0.9995, 0.999_999_9] {
                instants.append(base + fraction)
            }
        }
        for seconds in instants where SQLiteDateText.arithmeticRange.contains(seconds) {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Self.ours(date) == Self.grdb(date), "at \(seconds)")
        }
        #expect(Self.ours(Date(timeIntervalSince1970: 1_796_083_200.25)) == "2026-12-01 00:00:00.250")
        #expect(Self.ours(Date(timeIntervalSince1970: 1_796_083_200.2496)) == "2026-12-01 00:00:00.250", "to the nearest millisecond")
    }

    @Test func outsideTheArithmeticRangeGRDBWritesTheText() {
        for date in [Date.distantPast, Date.distantFuture, Date(timeIntervalSince1970: -2_208_988_800.001)] {
            #expect(Self.ours(date) == Self.grdb(date))
        }
    }

    /// Read back, a stored text is the instant GRDB reads from it, to the bit: the pile-on
    /// window compares instants read from rows with each other.
    @Test func storedTextsAreReadAsGRDBReadsThem() {
        var generator = SplitMix64(seed: 4_12_2026)
        var mismatches: [String] = []
        for _ in 0..<100_000 {
            let text = Self.grdb(Date(timeIntervalSince1970: Double.random(in: SQLiteDateText.arithmeticRange, using: &generator)))
            let grdb = Date.fromDatabaseValue(text.databaseValue)
            if SQLiteDateText.date(text) != grdb { mismatches.append("\(text): \(String(describing: SQLiteDateText.date(text))) ≠ \(String(describing: grdb))") }
        }
        #expect(mismatches.count == 0, "\(mismatches.count) differ, such as \(Array(mismatches.prefix(3)))")
    }

    @Test func otherTextsAreLeftToGRDB() throws {
        for text in [
            "2026-12-01 00:00:00", "2026-12-01T00:00:00.000", "2026-12-01 00:00:00.000Z", "2026-02-29 00:00:00.000",
            "2026-13-01 00:00:00.000", "2026-12-01 24:00:00.000", "1899-12-31 23:59:59.999", "3000-01-01 00:00:00.000",
            "2026-12-0a 00:00:00.000", "",
        ] {
            #expect(SQLiteDateText.date(text) == nil, "\(text)")
        }
        let leapDay = try #require(SQLiteDateText.date("2000-02-29 12:34:56.789"))
        #expect(abs(leapDay.timeIntervalSince1970 - 951_827_696.789) < 1e-6)
        #expect(leapDay == Date.fromDatabaseValue("2000-02-29 12:34:56.789".databaseValue))
    }
}
