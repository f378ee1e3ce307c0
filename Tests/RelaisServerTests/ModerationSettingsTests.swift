import Foundation
import RelaisTestSupport
import GRDB
import RelaisCore
import RelaisServer
@testable import RelaisStore
import Testing

@Suite("Moderation settings in the config file")
struct ModerationSettingsTests {
    func decode(_ json: String) throws -> RelaisConfig { try JSONDecoder().decode(RelaisConfig.self, from: Data(json.utf8)) }

    @Test func partialSettingsKeepTheDefaultsForTheRest() throws {
        let config = try decode(#"""
            {"moderation": {"weights": {"trustedFlagger": 40}, "targetHours": {"threat": 0.5},
                            "leaseMinutes": 15, "repeatOffenders": {"threshold": 2, "windowDays": 90}}}
            """#)
        var expected = PriorityWeights.default
        expected.trustedFlagger = 40
        expected.targets.threat = 1800
        #expect(config.moderation.weights == expected)
        #expect(config.moderation.leaseDuration == 900)
        #expect(config.moderation.repeatOffenders.threshold == 2)
        #expect(config.moderation.repeatOffenders.window == 90 * 24 * 3600)
        #expect(try decode("{}").moderation == .default)
    }

    @Test func pileOnSettingsAreRead() throws {
        let config = try decode(#"{"moderation": {"pileOn": {"minimumAuthors": 5, "windowHours": 6}, "weights": {"pileOn": 35}}}"#)
        #expect(config.moderation.pileOn == PileOnPolicy(minimumAuthors: 5, window: 6 * 3600))
        #expect(config.moderation.weights.pileOn == 35)
        #expect(try decode("{}").moderation.pileOn == .default)
    }

    @Test(arguments: [
        (#"{"moderation": {"weights": {"overdue": -1}}}"#, "must not be negative"),
        (#"{"moderation": {"targetHours": {"standard": 0}}}"#, "more than 0 hours"),
        (#"{"moderation": {"leaseMinutes": 0}}"#, "between 1 and 240"),
        (#"{"moderation": {"repeatOffenders": {"threshold": 0}}}"#, "at least 1"),
        (#"{"moderation": {"pileOn": {"minimumAuthors": 1}}}"#, "at least 2"),
        (#"{"moderation": {"pileOn": {"windowHours": 0}}}"#, "at most 2160 hours"),
        (#"{"moderation": {"weights": {"pileOn": -5}}}"#, "must not be negative"),
    ])
    func badSettingsAreNamed(_ json: String, _ message: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("relais-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(json.utf8).write(to: file)
        #expect { try RelaisConfig.load(path: file.path) } throws: { error in
            "\(error)".contains(message) && "\(error)".contains("moderation")
        }
    }

    @Test func changedWeightsRecomputeOpenCasesAtStart() async throws {
        let database = try await TestDatabase.make()
        defer { database.removeLater() }
        let first = database.storage
        let (tenant, _) = try await first.createTenant(name: "acme", now: Date())
        let draft = ReportDraft(
            surface: "web",
            reporter: .init(id: "u", country: CountryCode(rawValue: "FR")!, locale: "fr", ageBracket: .adult, isTarget: false),
            subject: .init(kind: .post, id: "p-1"), category: .hate, details: nil, goodFaith: true)
        _ = try await first.submit(ReportSubmission(
            tenantId: tenant.id, reportId: UUID().uuidString, draft: draft, support: nil, receivedAt: Date(), idempotencyKey: nil, requestHash: ""))
        func basePriority() async throws -> Double {
            try #require(try await database.rows("SELECT base_priority FROM cases").first?.double("base_priority"))
        }
        let before = try await basePriority()

        var heavier = PriorityWeights.default
        heavier.perSeverityLevel = 50
        // A restart with other weights: another storage on the same data, migrated at start.
        let second = try database.openAnother(moderation: ModerationPolicy(weights: heavier))
        try await second.migrate()
        let after = try await basePriority()
        #expect(after > before, "hate (severity 3) weighs more with 50 points a level")
        #expect(after - before == 3 * (50 - PriorityWeights.default.perSeverityLevel))
    }
}
