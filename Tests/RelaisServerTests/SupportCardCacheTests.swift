import Foundation
@testable import RelaisCore
@testable import RelaisServer
import RelaisStore
import Testing

/// The server's card cache answers what the pure policy answers, whatever the order of the
/// instants it is asked about (requests do not arrive in clock order, and a clock can step
/// back): random keys at random instants of 2026, each compared with `SupportPolicy.decide`
/// and with the JSON the store would write. `CardStabilityTests` proves the bound the
/// cache relies on; this proves the cache uses it rightly.
@Suite("The help-card cache")
struct SupportCardCacheTests {
    @Test func answersWhatThePolicyAnswersAtAnyInstantInAnyOrder() throws {
        let directory = try HelplineDirectory.bundled()
        let cache = SupportCardCache(config: .default, directory: directory, encode: HelpCards.encode)
        let countries = Array(directory.countries).sorted { $0.rawValue < $1.rawValue } + [CountryCode(rawValue: "JP")!]
        let categories = ReportCategory.allCases
        let languages = ["fr", "en-GB", "de-AT", "es", "it", "nl-BE", "pt", nil]
        let start = TimeInterval(CivilDate.days(year: 2026, month: 1, day: 1) * 86_400)
        var random = SeededGenerator(seed: 20_261_202)
        for round in 0..<6_000 {
            // Mostly forward in small steps (as a raid's requests do), sometimes a jump anywhere.
            let base = start + Double(round) * 5_200
            let instant = Date(timeIntervalSince1970: (round % 10 == 9 ? start + Double(random.next() % 31_536_000) : base + Double(random.next() % 600)).rounded(.down))
            let request = SupportRequest(
                tenant: "acme", reporterId: "reporter-\(random.next() % 50)", country: countries[Int(random.next() % UInt64(countries.count))],
                category: categories[Int(random.next() % UInt64(categories.count))],
                locale: languages[Int(random.next() % UInt64(languages.count))].flatMap(LanguageTag.init),
                age: AgeBracket.allCases[Int(random.next() % UInt64(AgeBracket.allCases.count))], surface: round % 3 == 0 ? "dm" : nil)
            let expected = SupportPolicy.decide(request, config: .default, directory: directory, now: instant)
            let entry = cache.card(for: request, now: instant)
            #expect(entry?.card == expected, "\(request) at \(instant)")
            #expect(entry?.json == (try expected.map(ReceiptCodec.encodeCard)))
        }
    }

    @Test func aReporterOutsideTheRolloutGetsNoCardEvenWhenTheKeyIsCached() throws {
        var config = TenantSupportConfig.default
        config.rollout.percentage = 50
        let directory = try HelplineDirectory.bundled()
        let cache = SupportCardCache(config: config, directory: directory, encode: HelpCards.encode)
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        var shown = 0, withheld = 0
        for reporter in 0..<200 {
            let request = SupportRequest(
                tenant: "acme", reporterId: "r\(reporter)", country: CountryCode(rawValue: "FR")!, category: .harassment,
                locale: LanguageTag("fr"), age: .teen, surface: nil)
            let expected = SupportPolicy.decide(request, config: config, directory: directory, now: now)
            #expect(cache.card(for: request, now: now)?.card == expected)
            if expected == nil { withheld += 1 } else { shown += 1 }
        }
        #expect(shown > 50 && withheld > 50)
    }
}

/// A small deterministic generator (SplitMix64), so a failure can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
