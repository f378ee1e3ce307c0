import Foundation
import Testing

@testable import RelaisCore

/// `SupportPolicy.nextChange` is what lets the server reuse a card (`SupportCardCache`): over
/// `[t, nextChange(t))` the card must not change. Walked over the whole of 2026 for every
/// country of the shipped directory, interval after interval: the card at the start of each
/// interval, a second before its end and at a point inside it must be the same card, for
/// every key the interval's turn picks (the keys go round, so every category, age and
/// language of a country is checked in many intervals of the year). Where a bound came late,
/// the card a second before it would differ.
@Suite("The help card holds until its next change")
struct CardStabilityTests {
    static let directory = Fixture.bundled
    static let keys: [(ReportCategory, AgeBracket, Int)] = ReportCategory.allCases.filter(\.triggersSupport).flatMap { category in
        AgeBracket.allCases.flatMap { age in SupportTexts.all.indices.map { (category, age, $0) } }
    }

    @Test("every country, every interval of 2026", arguments: Array(directory.countries).sorted { $0.rawValue < $1.rawValue })
    func holdsUntilNextChange(country: CountryCode) {
        let config = TenantSupportConfig.default
        let start = Date(timeIntervalSince1970: TimeInterval(CivilDate.days(year: 2026, month: 1, day: 1) * 86_400))
        let end = Date(timeIntervalSince1970: TimeInterval(CivilDate.days(year: 2027, month: 1, day: 1) * 86_400))
        var t = start, turn = 0, intervals = 0
        while t < end {
            let until = SupportPolicy.nextChange(in: country, config: config, directory: Self.directory, after: t)
            #expect(until > t)
            let (category, age, language) = Self.keys[turn % Self.keys.count]
            turn += 1
            let key = SupportCardKey(country: country, category: category, language: language, age: age, presentation: .both)
            func card(at instant: Date) -> SupportCard? { SupportPolicy.card(for: key, config: config, directory: Self.directory, now: instant) }
            let first = card(at: t)
            let inside = t.addingTimeInterval(until.timeIntervalSince(t) * Double(turn % 7 + 1) / 8).rounded()
            #expect(card(at: inside) == first, "\(country) \(category) \(age) at \(inside), inside [\(t), \(until))")
            #expect(card(at: until.addingTimeInterval(-1)) == first, "\(country) \(category) \(age) changed before \(until)")
            // The card `decide` gives a reporter is the keyed card (checked on some turns: the
            // suite's time is in the decisions).
            if turn % 8 == 0 {
                    let request = SupportRequest(
                    tenant: "t", reporterId: "r", country: country, category: category,
                    locale: LanguageTag(SupportTexts.all[language].language), age: age, surface: nil)
                #expect(SupportPolicy.decide(request, config: config, directory: Self.directory, now: t) == first)
            }
            intervals += 1
            t = until
        }
        // The bound is at most a day away, so a year is at least 365 intervals.
        #expect(intervals >= 365)
    }
}

extension Date {
    /// Whole seconds: the decision's arithmetic reads the clock to the second.
    fileprivate func rounded() -> Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
