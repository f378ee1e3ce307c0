import Foundation
import GRDB
import RelaisCore
import Testing

@testable import RelaisStore

/// Every index on the tables a report writes (`reports`, `cases`, `outbox_events`,
/// `reporter_standing`) is one more B-tree update in SQLite's single writer, so migration v25
/// dropped the ones another index serves as well or no statement reads. These plans are what
/// the remaining indexes must still serve: each read of the big tables is a search through an
/// index, never a scan. (The webhook claim's plan: `SQLiteWebhookClaimPlanTests`.)
@Suite struct SQLiteIndexPlanTests {
    let now = Date(timeIntervalSince1970: 1_795_960_800)

    /// The query plan's details, for `statement` with its values bound.
    private func plan(_ statement: SQLStatement, in storage: SQLiteStorage) async throws -> [String] {
        try await storage.pool.read { db in
            let explain = try db.makeStatement(sql: "EXPLAIN QUERY PLAN " + statement.text)
            try explain.bind(statement.arguments)
            return try Row.fetchAll(explain).map { $0["detail"] as String }
        }
    }

    /// The lines of `plan` that read the table named `alias` ("SEARCH r USING …", "SCAN r").
    static func reads(of alias: String, in plan: [String]) -> [String] {
        plan.filter { line in
            let words = line.split(separator: " ")
            return words.count > 1 && (words[0] == "SEARCH" || words[0] == "SCAN") && words[1] == Substring(alias)
        }
    }

    /// The pile-on plan's statements: the window's query, then (answered with reports by
    /// three authors, and no open pile-on) the writes, among them the author count.
    private func pileOnStatements() throws -> (window: SQLStatement, authorCount: SQLStatement) {
        let detection = PileOnDetection(
            tenantId: "t-1", targetId: "u-1", reportId: "r-3", receivedAt: now, policy: .default, weights: .default, dialect: .sqlite)
        var queried: [SQLStatement] = []
        let (_, writes) = try runScripted(detection.plan) { statement in
            queried.append(statement)
            guard queried.count == 1 else { return [] }
            return (1...3).map { n in
                ScriptedRow(values: [
                    "id": .text("r-\(n)"), "case_id": .text("c-\(n)"), "subject_author_id": .text("a-\(n)"),
                    "received_at": .date(now.addingTimeInterval(Double(n - 3))),
                ])
            }
        }
        let authorCount = try #require(writes.first { $0.text.contains("COUNT(DISTINCT r.subject_author_id)") }, "\(writes.map(\.text))")
        return (try #require(queried.first), authorCount)
    }

    @Test func thePersonsReportsAreReadFromOneIndex() async throws {
        let (window, authorCount) = try pileOnStatements()
        // The pile-on timeline's reports (`PileOnStore.pileOn(id:tenantId:)`).
        let timeline = PileOnRules.timeline(pileOnId: "p-1", targetId: "u-1", tenantId: "t-1", dialect: .sqlite)
        try await withSQLiteStorage { storage in
            let windowPlan = try await plan(window, in: storage)
            // The window from the index alone, as with `reports_by_target_author` before.
            #expect(windowPlan.contains { $0.hasPrefix("SEARCH reports USING COVERING INDEX reports_by_target_covering (tenant_id=? AND target_id=?") },
                "\(windowPlan)")
            for statement in [authorCount, timeline] {
                let found = try await plan(statement, in: storage)
                let reportReads = Self.reads(of: "r", in: found)
                #expect(reportReads.count == 1, "\(found) \(reportReads)")
                #expect(reportReads.allSatisfy { $0.hasPrefix("SEARCH r USING COVERING INDEX reports_by_target_covering (tenant_id=? AND target_id=?)") || $0.hasPrefix("SEARCH r USING INDEX reports_by_target_covering (tenant_id=? AND target_id=?)") },
                    "\(found)")
            }
        }
    }

    @Test func theOutboxAndTheQueueKeepTheirSearches() async throws {
        // `WebhookStore.webhookStatus`: the dead events, and the counts by status.
        let dead = WebhookRules.deadEvents(tenantId: nil), counts = WebhookRules.statusCounts(tenantId: nil)
        // The console's queue list (`ConsoleStore.openCases`).
        let queue = ConsoleRules.openCases(tenantId: "t-1", filter: QueueFilter(), now: now, limit: 50, weights: .default, dialect: .sqlite)
        try await withSQLiteStorage { storage in
            let deadPlan = try await plan(dead, in: storage)
            #expect(deadPlan.contains { $0.hasPrefix("SEARCH o USING INDEX outbox_due (status=?)") }, "\(deadPlan)")
            // A pass over every event either way, in status order, without a sort or a read of the rows.
            let countsPlan = try await plan(counts, in: storage)
            #expect(countsPlan == ["SCAN outbox_events USING INDEX outbox_due"], "\(countsPlan)")
            let queuePlan = try await plan(queue, in: storage)
            #expect(queuePlan.contains { $0.hasPrefix("SEARCH c USING INDEX cases_queue (tenant_id=? AND status=?)") }, "\(queuePlan)")
        }
    }

    @Test func theRedundantIndexesAreGone() async throws {
        let indexes = try await withSQLiteStorage { storage in
            try await storage.pool.read { db in
                try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
                    .reduce(into: [String: String]()) { $0[$1["name"]] = $1["sql"] }
            }
        }
        for dropped in ["reports_by_target", "reports_by_target_author", "outbox_by_tenant_status"] {
            #expect(indexes[dropped] == nil, "\(dropped) is still there")
        }
        #expect(indexes["reports_by_target_covering"]?.contains("WHERE target_id IS NOT NULL") == true)
        #expect(indexes["reports_by_target_covering"]?.contains("subject_author_id IS NOT NULL") == false)
        for kept in ["outbox_due", "outbox_webhooks_due", "outbox_flaggers_due", "cases_queue", "cases_free", "cases_free_escalated", "cases_leased"] {
            #expect(indexes[kept] != nil, "\(kept) is missing")
        }
    }
}
