import Foundation
import GRDB
import RelaisCore
import Testing

@testable import RelaisStore

/// The webhook claim runs every second inside SQLite's one writer, so its cost must not grow
/// with the events nobody can receive: every event of a tenant without a webhook stays
/// pending, and scanning them held the writer 260 ms a claim after 200,000 reports. (What a
/// claim takes, on both backends: `WebhookStoreTests.claimsTakeOnlyDueEventsOfTenantsWithAnEndpoint`.)
@Suite struct SQLiteWebhookClaimPlanTests {
    @Test func theClaimReadsOnlyTheDueEventsOfTheEndpoints() async throws {
        let now = Date()
        let claim = WebhookRules.claim(now: now, leaseUntil: now.addingTimeInterval(60), worker: "w", limit: 10, dialect: .sqlite)
        let plan = try await withSQLiteStorage { storage in
            try await storage.pool.read { db in
                let explain = try db.makeStatement(sql: "EXPLAIN QUERY PLAN " + claim.text)
                try explain.bind(claim.arguments)
                return try Row.fetchAll(explain).map { $0["detail"] as String }
            }
        }
        // Every read of the events is a search through one receiver's due events, never a scan
        // of the pending ones.
        let eventReads = plan.filter { $0.contains(" o ") || $0.hasSuffix(" o") }
        #expect(eventReads.count == 2, "\(plan)")
        #expect(eventReads.allSatisfy { $0.hasPrefix("SEARCH o USING INDEX outbox_webhooks_due") || $0.hasPrefix("SEARCH o USING INDEX outbox_flaggers_due") },
            "\(plan)")
        #expect(!plan.contains { $0.contains("outbox_due") }, "\(plan)")
    }
}
