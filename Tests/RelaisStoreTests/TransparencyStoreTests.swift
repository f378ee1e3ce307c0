import Foundation
import RelaisCore
@testable import RelaisStore
import RelaisTestSupport
import Testing

/// The Transparency Database queue on the backend under test: every statement queued in its
/// decision's transaction (a review's too), claims that two senders never share, and the
/// states the API shows.
@Suite("Transparency store")
struct TransparencyStoreTests {
    let appeals = AppealStoreTests()

    @Test func aDecisionAndADecisionOnReviewQueueTheirStatements() async throws {
        let d = try await appeals.decided()
        defer { d.db.removeLater() }
        let first = try #require(d.decision.statement)
        var states = try #require(try await d.storage.statementSubmissions(caseId: d.caseId, tenantId: d.tenant.id))
        #expect(states.map(\.puid) == [first.puid] && states[0].status == .queued && states[0].attempts == 0)

        let (_, replacing) = try await appeals.review(d, try AppealResolution.validate(json: AppealStoreTests.labelled(), reviewing: removal).get())
        let second = try #require(replacing?.statement)
        states = try #require(try await d.storage.statementSubmissions(caseId: d.caseId, tenantId: d.tenant.id))
        #expect(Set(states.map(\.puid)) == [first.puid, second.puid] && states.allSatisfy { $0.status == .queued })
        #expect(try await d.storage.transparencyCounts(tenantId: d.tenant.id) == TransparencyCounts(queued: 2, sent: 0, rejected: 0))
        // Another tenant does not see the case.
        let (other, _) = try await d.storage.createTenant(name: "other", now: moderationStart)
        #expect(try await d.storage.statementSubmissions(caseId: d.caseId, tenantId: other.id) == nil)
    }

    @Test func claimsAreExclusiveAndEachStateIsKept() async throws {
        let d = try await appeals.decided()
        defer { d.db.removeLater() }
        let puid = try #require(d.decision.statement?.puid)
        let now = moderationStart.addingTimeInterval(60)
        let claimed = try await d.storage.claimQueuedStatements(tenantId: d.tenant.id, since: nil, now: now, leaseUntil: now + 30, worker: "a", limit: 100)
        #expect(claimed.map(\.puid) == [puid])
        let stored = try JSONDecoder().decode(StatementOfReasons.self, from: Data(claimed[0].statementJSON.utf8))
        #expect(stored == d.decision.statement)
        #expect(try await d.storage.claimQueuedStatements(tenantId: d.tenant.id, since: nil, now: now, leaseUntil: now + 30, worker: "b", limit: 100).isEmpty)

        // A sender that is not the holder cannot release it; the holder can, with a backoff.
        try await d.storage.releaseStatements(puids: [puid], worker: "b", error: "HTTP 500", nextAttemptAt: now + 10, countAttempt: true)
        try await d.storage.releaseStatements(puids: [puid], worker: "a", error: "HTTP 429 (rate limited)", nextAttemptAt: now + 10, countAttempt: true)
        var state = try #require(try await d.storage.statementSubmissions(caseId: d.caseId, tenantId: d.tenant.id)?.first)
        #expect(state.status == .queued && state.attempts == 1 && state.lastError == "HTTP 429 (rate limited)" && state.nextAttemptAt == now + 10)
        #expect(try await d.storage.transparencyCounts(tenantId: d.tenant.id).stoppedByRefusedToken == 0)
        #expect(try await d.storage.claimQueuedStatements(tenantId: d.tenant.id, since: nil, now: now + 9, leaseUntil: now + 39, worker: "b", limit: 100).isEmpty)
        // `since` after the statement leaves it out.
        #expect(try await d.storage.claimQueuedStatements(
            tenantId: d.tenant.id, since: now + 1000, now: now + 10, leaseUntil: now + 40, worker: "b", limit: 100).isEmpty)
        #expect(try await d.storage.queuedStatements(tenantId: d.tenant.id, since: nil, afterPuid: nil, limit: 10).map(\.puid) == [puid])

        // Rejected with the Database's reasons, held (never claimed), then resent and sent.
        _ = try await d.storage.claimQueuedStatements(tenantId: d.tenant.id, since: nil, now: now + 10, leaseUntil: now + 40, worker: "b", limit: 100)
        let reasons = ["category_specification": ["The selected category specification is invalid."]]
        try await d.storage.markStatementRejected(puid: puid, reasons: reasons, at: now + 11)
        state = try #require(try await d.storage.statementSubmissions(caseId: d.caseId, tenantId: d.tenant.id)?.first)
        #expect(state.status == .rejected && state.reasons == reasons && state.attempts == 2)
        #expect(try await d.storage.rejectedStatements(tenantId: d.tenant.id, limit: 10).map(\.puid) == [puid])
        #expect(try await d.storage.rejectedStatements(tenantId: try await d.storage.createTenant(name: "other", now: now).0.id, limit: 10).isEmpty)
        #expect(try await d.storage.claimQueuedStatements(tenantId: d.tenant.id, since: nil, now: now + 99, leaseUntil: now + 129, worker: "b", limit: 100).isEmpty)
        #expect(try await d.storage.resendRejected(tenantId: d.tenant.id, puid: nil, actor: "cli", now: now + 100) == 1)
        #expect(try await d.db.int("SELECT COUNT(*) FROM audit_log WHERE action = 'statement.resent'") == 1)
        _ = try #require(try await d.storage.claimQueuedStatements(
            tenantId: d.tenant.id, since: nil, now: now + 100, leaseUntil: now + 130, worker: "b", limit: 100).first)
        try await d.storage.markStatementsSent([SentStatement(puid: puid, uuid: "u-1", permalink: "https://tdb.example/statement/u-1")], at: now + 101)
        try await d.storage.markStatementsSent([SentStatement(puid: puid, uuid: "u-2", permalink: nil)], at: now + 102)  // a late duplicate changes nothing
        state = try #require(try await d.storage.statementSubmissions(caseId: d.caseId, tenantId: d.tenant.id)?.first)
        #expect(state.status == .sent && state.uuid == "u-1" && state.permalink == "https://tdb.example/statement/u-1" && state.sentAt == now + 101)
        #expect(state.reasons == nil && state.lastError == nil && state.nextAttemptAt == nil)
        #expect(try await d.storage.transparencyCounts(tenantId: d.tenant.id) == TransparencyCounts(queued: 0, sent: 1, rejected: 0))
    }

    @Test func concurrentSendersSplitTheQueueWithoutOverlap() async throws {
        let d = try await appeals.decided()
        defer { d.db.removeLater() }
        for index in 0..<30 {
            let caseId = try await d.storage.file(d.tenant, moderationDraft(subject: "s-\(index)", reporter: "r-\(index)", category: .harassment), at: moderationStart)
            _ = try #require(try await d.storage.claimNextCase(for: d.mia, now: moderationStart))
            guard case .decided = try await d.storage.decide(caseId: caseId, decision: removal, by: d.mia, now: moderationStart) else {
                Issue.record("decided")
                return
            }
        }
        let now = moderationStart.addingTimeInterval(60)
        let batches = try await withThrowingTaskGroup(of: [String].self) { group in
            for worker in ["a", "b", "c", "d"] {
                group.addTask {
                    try await d.storage.claimQueuedStatements(tenantId: d.tenant.id, since: nil, now: now, leaseUntil: now + 30, worker: worker, limit: 10)
                        .map(\.puid)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let all = batches.flatMap { $0 }
        #expect(all.count == 31 && Set(all).count == 31, "31 statements, each claimed once")
    }

    @Test func statementsHeldByARefusedTokenAreCountedApart() async throws {
        let d = try await appeals.decided()
        defer { d.db.removeLater() }
        let puid = try #require(d.decision.statement?.puid)
        let now = moderationStart.addingTimeInterval(60)
        _ = try await d.storage.claimQueuedStatements(tenantId: d.tenant.id, since: nil, now: now, leaseUntil: now + 30, worker: "a", limit: 100)
        try await d.storage.releaseStatements(
            puids: [puid], worker: "a", error: "HTTP 403: token refused; sending stopped for this tenant", nextAttemptAt: now, countAttempt: false)
        #expect(try await d.storage.transparencyCounts(tenantId: d.tenant.id) == TransparencyCounts(queued: 1, sent: 0, rejected: 0, stoppedByRefusedToken: 1))
        _ = try await d.storage.claimQueuedStatements(tenantId: d.tenant.id, since: nil, now: now, leaseUntil: now + 30, worker: "a", limit: 100)
        try await d.storage.markStatementsSent([SentStatement(puid: puid, uuid: nil, permalink: nil)], at: now + 1)
        #expect(try await d.storage.transparencyCounts(tenantId: d.tenant.id) == TransparencyCounts(queued: 0, sent: 1, rejected: 0, stoppedByRefusedToken: 0))
    }
}
