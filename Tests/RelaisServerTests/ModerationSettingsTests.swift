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
    /// New weights at a restart give every open case exactly what its reports would have given
    /// it under those weights from the start (the per-report path is the reference), across
    /// more cases than one statement of the recompute holds; a decided case keeps its figures.
    @Test func changedWeightsGiveOpenCasesWhatTheirReportsGiveUnderThemFromTheStart() async throws {
        var heavier = PriorityWeights.default
        heavier.perSeverityLevel = 50
        heavier.involvesMinor += 25
        heavier.trustedFlagger += 30
        heavier.maximumReporterPoints += 40
        heavier.targets.standard = 12 * 3600
        let reference = try await TestDatabase.make(moderation: ModerationPolicy(weights: heavier))
        let restarted = try await TestDatabase.make()
        defer {
            reference.removeLater()
            restarted.removeLater()
        }
        let categories: [ReportCategory] = [.hate, .spam, .threat, .harassment, .grooming, .scam, .doxxing]
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        for storage in [reference.storage, restarted.storage] {
            let (tenant, _) = try await storage.createTenant(name: "acme", now: start)
            let count = CaseQueueColumns.reprioritizeBatch + 7
            for index in 0..<count {
                let category = categories[index % categories.count]
                // Some subjects reported twice (two voices), some by a minor, some by a trusted flagger.
                for reporter in 0..<(index % 5 == 0 ? 2 : 1) {
                    let draft = ReportDraft(
                        surface: "web",
                        reporter: .init(
                            id: "u-\(index)-\(reporter)", country: CountryCode(rawValue: "FR")!, locale: "fr", ageBracket: index % 3 == 0 ? .teen : .adult,
                            isTarget: index % 2 == 0, trustedFlagger: index % 11 == 0 ? "e-enfance" : nil),
                        subject: .init(kind: .post, id: "p-\(index)"), category: category, details: nil, goodFaith: true)
                    _ = try await storage.submit(ReportSubmission(
                        tenantId: tenant.id, reportId: "r-\(index)-\(reporter)", draft: draft, support: nil,
                        receivedAt: start.addingTimeInterval(Double(index * 60 + reporter)), idempotencyKey: nil, requestHash: ""))
                }
            }
        }
        // One decided case on the restarted side: its figures stay as they were.
        let decided = try #require(try await restarted.rows("SELECT id, base_priority FROM cases WHERE subject_key LIKE '%p-3'").first)
        let decidedCase = ModerationCase.ID(rawValue: try #require(decided.string("id")))
        try await restarted.execute("UPDATE cases SET status = 'decided' WHERE id = '\(decidedCase.rawValue)'")
        let decidedBefore = try #require(decided.double("base_priority"))

        let second = try restarted.openAnother(moderation: ModerationPolicy(weights: heavier))
        try await second.migrate()

        func figures(_ database: TestDatabase) async throws -> [String: String] {
            var out: [String: String] = [:]
            for row in try await database.rows("SELECT subject_key, base_priority, target_seconds, due_at, status FROM cases") {
                let due = row.date("due_at")?.timeIntervalSince1970
                out[row.string("subject_key") ?? ""] = "\(row.double("base_priority") ?? -1) \(row.double("target_seconds") ?? -1) \(due ?? -1)"
            }
            return out
        }
        var expected = try await figures(reference), found = try await figures(restarted)
        #expect(expected.count == CaseQueueColumns.reprioritizeBatch + 7)
        let decidedKey = try #require(found.first { $0.key.hasSuffix("p-3") }?.key)
        #expect(try await restarted.rows("SELECT base_priority FROM cases WHERE status = 'decided'").first?.double("base_priority") == decidedBefore)
        expected[decidedKey] = nil
        found[decidedKey] = nil
        let differing = expected.keys.filter { expected[$0] != found[$0] }.sorted()
        #expect(differing.isEmpty, "\(differing.prefix(3).map { "\($0): \(expected[$0] ?? "") vs \(found[$0] ?? "")" })")
    }
}
