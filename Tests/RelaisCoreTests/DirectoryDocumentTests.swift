import Foundation
import Testing

@testable import RelaisCore

/// The published directory (`GET /v1/directory`): what a device reads back decides the same
/// cards as the server's directory and settings.
@Suite("DirectoryDocument")
struct DirectoryDocumentTests {
    static let settings = TenantSupportConfig(
        rollout: SupportRollout(
            percentage: 40, countries: [CountryCode(rawValue: "FR")!, CountryCode(rawValue: "BE")!, CountryCode(rawValue: "DE")!],
            categories: [.harassment, .threat, .selfHarm], surfaces: ["ios": .init(presentation: .callButton)]),
        helplines: HelplineOverrides(hide: ["fr-17"], order: ["fr-119"]))

    static func encoded(_ document: DirectoryDocument) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(document)
    }

    @Test func aRoundTripDecidesTheSameCards() throws {
        let directory = Fixture.bundled.applying(Self.settings.helplines)
        let document = DirectoryDocument(directory: directory, settings: Self.settings, tenant: "acme")
        #expect(document.tenant == "acme", "a share of reporters: the device needs the name to bucket")
        let read = try JSONDecoder().decode(DirectoryDocument.self, from: try Self.encoded(document))
        #expect(read == document)
        let instant = Fixture.instant("2026-11-29T23:30:00+01:00")
        for country in ["FR", "BE", "DE", "GB"] {
            for category in [ReportCategory.harassment, .threat, .selfHarm, .grooming] {
                for reporter in (0..<10).map({ "r-\($0)" }) {
                    for surface in ["ios", nil] {
                        let request = SupportRequest(
                            tenant: "acme", reporterId: reporter, country: CountryCode(rawValue: country)!, category: category,
                            locale: LanguageTag("fr"), age: .teen, surface: surface)
                        let server = SupportPolicy.decide(request, config: Self.settings, directory: directory, now: instant)
                        let device = SupportPolicy.decide(request, config: read.offlineConfig, directory: read.offlineDirectory, now: instant)
                        #expect(server == device, "\(country) \(category) \(reporter) \(surface ?? "-")")
                    }
                }
            }
        }
    }

    @Test func theBytesDoNotDependOnSetOrder() throws {
        let directory = Fixture.bundled
        let first = try Self.encoded(DirectoryDocument(directory: directory, settings: Self.settings, tenant: "acme"))
        var shuffled = Self.settings
        shuffled.rollout.countries = Set(Self.settings.rollout.countries!.shuffled())
        let again = try Self.encoded(DirectoryDocument(directory: directory, settings: shuffled, tenant: "acme"))
        #expect(first == again)
        let text = String(decoding: first, as: UTF8.self)
        #expect(text.contains(#""countries":["BE","DE","FR"]"#))
    }

    @Test func theDefaultNeedsNoTenantAndShowsVerifiedLinesOnly() {
        let document = DirectoryDocument(directory: Fixture.bundled, settings: .default, tenant: "acme")
        #expect(document.tenant == nil, "every reporter is in: the name is not published")
        #expect(document.helplines.allSatisfy { $0.verified })
        #expect(document.offlineConfig == TenantSupportConfig(rollout: .default))
    }
}
