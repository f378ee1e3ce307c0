import Foundation
import GRDB
import RelaisCore
import Testing

@testable import RelaisStore

/// The webhook claim runs every second inside SQLite's one writer, so its cost must not grow
/// with the events nobody can receive: every event of a tenant without a webhook stays
/// pending, and scanning them held the writer 260 ms a claim after 200,000 reports.
@Suite struct SQLiteWebhookClaimPlanTests {
    @Test func theClaimReadsOnlyTheDueEventsOfTheEndpoints() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relais-claim-plan-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let storage = try SQLiteStorage(path: folder.appendingPathComponent("c.sqlite").path, writeBatch: 1)
        try await storage.migrate()
        let now = Date()
        let claim = WebhookRules.claim(now: now, leaseUntil: now.addingTimeInterval(60), worker: "w", limit: 10, dialect: .sqlite)
        let plan = try await storage.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + claim.text, arguments: claim.sqliteArguments).map { $0["detail"] as String }
        }
        // Every read of the events is a search through one receiver's due events, never a scan
        // of the pending ones.
        let eventReads = plan.filter { $0.contains(" o ") || $0.hasSuffix(" o") }
        #expect(eventReads.count == 2, "\(plan)")
        #expect(eventReads.allSatisfy { $0.hasPrefix("SEARCH o USING INDEX outbox_webhooks_due") || $0.hasPrefix("SEARCH o USING INDEX outbox_flaggers_due") },
            "\(plan)")
        #expect(!plan.contains { $0.contains("outbox_due") }, "\(plan)")
    }

    @Test func eventsOfATenantWithoutAWebhookAreNotClaimedAndTheOthersAre() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relais-claim-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let storage = try SQLiteStorage(path: folder.appendingPathComponent("c.sqlite").path, writeBatch: 1)
        try await storage.migrate()
        let (quiet, _) = try await storage.createTenant(name: "quiet", now: Date())
        let (listening, _) = try await storage.createTenant(name: "listening", now: Date())
        _ = try await storage.setWebhookEndpoint(tenantName: "listening", url: "https://example.org/hook", rotateSecret: false, now: Date())
        for index in 0..<20 { _ = try await storage.submit(submission(index % 2 == 0 ? quiet : listening, draft(subject: "c-\(index)"))) }
        let claimed = try await storage.claimDueWebhooks(now: Date().addingTimeInterval(1), leaseUntil: Date().addingTimeInterval(60), worker: "w", limit: 50)
        #expect(claimed.count == 10)
        #expect(claimed.allSatisfy { $0.tenantId == listening.id })
    }
}
