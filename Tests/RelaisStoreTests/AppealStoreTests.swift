import Foundation
import RelaisCore
@testable import RelaisStore
import RelaisTestSupport
import Testing

/// Complaints against decisions (DSA Art. 20) on the backend under test: the same contract on
/// SQLite and PostgreSQL.
@Suite("Appeal store")
struct AppealStoreTests {
    /// A decided case: two reporters, an author, decided by mia; noah reviews.
    struct Decided {
        let storage: any RelaisStorage
        let db: TestDatabase
        let tenant: Tenant
        let mia: Moderator
        let noah: Moderator
        let caseId: ModerationCase.ID
        let decision: RecordedDecision
    }

    func decided(_ decision: Decision = removal, policy: ModerationPolicy = .default) async throws -> Decided {
        let db = try await TestDatabase.make(moderation: policy)
        let storage = db.storage
        let (tenant, _) = try await storage.createTenant(name: "acme", now: moderationStart)
        let mia = try await storage.createModerator(name: "mia", tenantName: "acme", role: .moderator, now: moderationStart).0
        let noah = try await storage.createModerator(name: "noah", tenantName: "acme", role: .moderator, now: moderationStart).0
        let caseId = try await storage.file(tenant, moderationDraft(subject: "c", reporter: "reporter-a", category: .harassment), at: moderationStart)
        try await storage.file(tenant, moderationDraft(subject: "c", reporter: "reporter-b", category: .harassment), at: moderationStart)
        _ = try #require(try await storage.claimNextCase(for: mia, now: moderationStart))
        guard case .decided(let recorded) = try await storage.decide(caseId: caseId, decision: decision, by: mia, now: moderationStart) else {
            throw StorageError.tenantNotFound("not decided")
        }
        return Decided(storage: storage, db: db, tenant: tenant, mia: mia, noah: noah, caseId: caseId, decision: recorded)
    }

    func filing(_ d: Decided, party: AppealParty = .author, user: String = "author-1", at: Date = moderationStart.addingTimeInterval(3600),
        key: String? = nil, explanation: String = "It was a joke between friends.") -> AppealFiling {
        AppealFiling(
            tenantId: d.tenant.id, request: AppealRequest(decisionId: d.decision.id, party: party, userId: user, explanation: explanation),
            receivedAt: at, idempotencyKey: key, requestHash: "hash-" + explanation)
    }

    func fieldErrors(_ outcome: AppealFilingOutcome) -> [String] {
        guard case .refused(let failure) = outcome else { return [] }
        return failure.errors.map(\.field)
    }

    @Test func theAuthorAndEachReporterHaveStandingAStrangerHasNone() async throws {
        let d = try await decided()
        defer { d.db.removeLater() }
        guard case .created(let appeal) = try await d.storage.fileAppeal(filing(d)) else { Issue.record("the author appeals"); return }
        #expect(appeal.caseId == d.caseId && appeal.status == "open")
        #expect(appeal.dueAt == moderationStart.addingTimeInterval(3600 + 7 * 86400))
        guard case .created = try await d.storage.fileAppeal(filing(d, party: .reporter, user: "reporter-b")) else { Issue.record("a reporter appeals"); return }
        #expect(fieldErrors(try await d.storage.fileAppeal(filing(d, party: .author, user: "reporter-a"))) == ["userId"])
        #expect(fieldErrors(try await d.storage.fileAppeal(filing(d, party: .reporter, user: "stranger"))) == ["userId"])
        // Another tenant's decision does not exist for this one.
        let (other, _) = try await d.storage.createTenant(name: "other", now: moderationStart)
        var foreign = filing(d)
        foreign.tenantId = other.id
        #expect(fieldErrors(try await d.storage.fileAppeal(foreign)) == ["decisionId"])
        let stored = try await d.db.int("SELECT COUNT(*) FROM appeals")
        #expect(stored == 2)
        let events = try await d.db.rows("SELECT payload FROM outbox_events WHERE type = 'appeal.received'").compactMap { $0.string("payload") }
        #expect(events.count == 2 && !events.contains { $0.contains("joke") })
    }

    @Test func theWindowIsSixMonthsFromWhenThePartyWasTold() async throws {
        let d = try await decided()
        defer { d.db.removeLater() }
        // Not told yet: the window has not started, so it cannot have closed.
        #expect(!fieldErrors(try await d.storage.fileAppeal(filing(d, party: .reporter, user: "reporter-a", at: moderationStart.addingTimeInterval(400 * 86400)))).contains("decisionId"))
        try await d.db.execute("DELETE FROM appeals")
        // The platform confirms it told the author a day after the decision.
        let toldAt = moderationStart.addingTimeInterval(86400)
        let recorded = try await d.storage.recordNotification(caseId: d.caseId, tenantId: d.tenant.id, PartyNotification(party: .author, userId: "author-1", informedAt: toldAt), now: toldAt)
        #expect(recorded == .recorded(decisionId: d.decision.id))
        // A later confirmation does not lengthen the window.
        _ = try await d.storage.recordNotification(caseId: d.caseId, tenantId: d.tenant.id, PartyNotification(party: .author, userId: nil, informedAt: toldAt.addingTimeInterval(86400)), now: toldAt.addingTimeInterval(86400))
        let closes = AppealWindow.closes(informedAt: toldAt)
        #expect(Timestamp.format(closes) == "2027-05-30T14:00:00.000Z")
        #expect(fieldErrors(try await d.storage.fileAppeal(filing(d, at: closes.addingTimeInterval(60)))) == ["decisionId"])
        guard case .created = try await d.storage.fileAppeal(filing(d, at: closes.addingTimeInterval(-60))) else { Issue.record("a minute before"); return }
        // Reporters: the delivery of the case.decided event starts theirs.
        let delivered = moderationStart.addingTimeInterval(120)
        try await d.db.execute("UPDATE outbox_events SET status = 'delivered', delivered_at = '\(d.db.dateLiteral(delivered))' WHERE type = 'case.decided'")
        let reporterCloses = AppealWindow.closes(informedAt: delivered)
        #expect(fieldErrors(try await d.storage.fileAppeal(filing(d, party: .reporter, user: "reporter-a", at: reporterCloses.addingTimeInterval(60)))) == ["decisionId"])
        guard case .created = try await d.storage.fileAppeal(filing(d, party: .reporter, user: "reporter-a", at: reporterCloses.addingTimeInterval(-60))) else {
            Issue.record("a reporter a minute before"); return
        }
        // The case's API view says when each window ends.
        let found = try #require(try await d.storage.moderationCase(id: d.caseId, tenantId: d.tenant.id, now: toldAt))
        let inForce = try #require(found.decisionInForce)
        #expect(inForce.complaintWindowCloses(party: .author, userId: nil) == closes)
        #expect(inForce.complaintWindowCloses(party: .reporter, userId: nil) == reporterCloses)
        // A confirmation before the decision is refused.
        let early = try await d.storage.recordNotification(caseId: d.caseId, tenantId: d.tenant.id, PartyNotification(party: .reporter, userId: nil, informedAt: moderationStart.addingTimeInterval(-3600)), now: toldAt)
        #expect(early == .informedBeforeDecision(decidedAt: moderationStart))
    }

    @Test func oneOpenAppealPerPartyAndARetryFilesOnce() async throws {
        let d = try await decided()
        defer { d.db.removeLater() }
        guard case .created(let first) = try await d.storage.fileAppeal(filing(d, key: "k-1")) else { Issue.record("created"); return }
        guard case .replayed(let again) = try await d.storage.fileAppeal(filing(d, key: "k-1")) else { Issue.record("replayed"); return }
        #expect(again.id == first.id)
        #expect(try await d.storage.fileAppeal(filing(d, key: "k-1", explanation: "Something else.")) == .keyReusedWithDifferentRequest)
        #expect(fieldErrors(try await d.storage.fileAppeal(filing(d, key: "k-2"))) == ["party"])
        #expect(try await d.db.int("SELECT COUNT(*) FROM appeals") == 1)
        #expect(try await d.db.int("SELECT COUNT(*) FROM outbox_events WHERE type = 'appeal.received'") == 1)
        // Concurrent first filings with distinct keys: one complaint.
        let d2 = try await decided()
        defer { d2.db.removeLater() }
        let outcomes = try await withThrowingTaskGroup(of: AppealFilingOutcome.self) { group in
            for index in 0..<6 { group.addTask { try await d2.storage.fileAppeal(filing(d2, key: "key-\(index)")) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { if case .created = $0 { true } else { false } }.count == 1)
        #expect(try await d2.db.int("SELECT COUNT(*) FROM appeals") == 1)
    }

    @Test func theModeratorWhoDecidedNeverReviews() async throws {
        let d = try await decided()
        defer { d.db.removeLater() }
        guard case .created(let appeal) = try await d.storage.fileAppeal(filing(d)) else { Issue.record("created"); return }
        let now = moderationStart.addingTimeInterval(7200)
        #expect(try await d.storage.claimNextAppeal(for: d.mia, now: now) == nil)
        // Even holding a lease (written by hand), mia cannot decide it.
        try await d.db.execute("UPDATE appeals SET lease_owner = '\(d.mia.id.rawValue)', lease_expires_at = '\(d.db.dateLiteral(now.addingTimeInterval(600)))'")
        let upheld = AppealResolution(outcome: .upheld, textForAppellant: "The removal stands.")
        guard case .reviewerDecidedOriginal = try await d.storage.decideAppeal(id: appeal.id, upheld, by: d.mia, outOfCourt: nil, now: now) else {
            Issue.record("refused"); return
        }
        try await d.db.execute("UPDATE appeals SET lease_owner = NULL, lease_expires_at = NULL")
        let claimed = try #require(try await d.storage.claimNextAppeal(for: d.noah, now: now))
        #expect(claimed.appeal.id == appeal.id && claimed.decision.id == d.decision.id && claimed.moderationCase.reports.count == 2)
    }

    @Test func twoReviewersClaimingOneAppealGetItOnce() async throws {
        let d = try await decided()
        defer { d.db.removeLater() }
        guard case .created = try await d.storage.fileAppeal(filing(d)) else { Issue.record("created"); return }
        var reviewers: [Moderator] = []
        for index in 0..<5 {
            reviewers.append(try await d.storage.createModerator(name: "rev\(index)", tenantName: "acme", role: .moderator, now: moderationStart).0)
        }
        let now = moderationStart.addingTimeInterval(7200)
        let claims = try await withThrowingTaskGroup(of: AppealReview?.self) { group in
            for reviewer in reviewers { group.addTask { try await d.storage.claimNextAppeal(for: reviewer, now: now) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(claims.compactMap { $0 }.count == 1)
        #expect(try await d.db.int("SELECT COUNT(*) FROM audit_log WHERE action = 'appeal.claimed'") == 1)
    }

    func review(_ d: Decided, _ resolution: AppealResolution, party: AppealParty = .author, user: String = "author-1")
        async throws -> (Appeal, RecordedDecision?)
    {
        guard case .created(let appeal) = try await d.storage.fileAppeal(filing(d, party: party, user: user)) else { throw StorageError.unavailable }
        let now = moderationStart.addingTimeInterval(7200)
        _ = try #require(try await d.storage.claimNextAppeal(for: d.noah, now: now))
        let body = OutOfCourtBody(name: "Appeals Centre Europe", url: "https://www.appealscentre.eu")
        guard case .decided(let decided, let newDecision) = try await d.storage.decideAppeal(id: appeal.id, resolution, by: d.noah, outOfCourt: body, now: now) else {
            throw StorageError.unavailable
        }
        return (decided, newDecision)
    }

    @Test func aReversalLiftsTheRestrictionEverywhereThePlatformReads() async throws {
        let d = try await decided()
        defer { d.db.removeLater() }
        let resolution = try AppealResolution.validate(
            json: ["outcome": "reversed", "textForAppellant": "On review, the comment was banter between friends.", "internalNote": "REVIEW-NOTE"],
            reviewing: removal).get()
        let (appeal, newDecision) = try await review(d, resolution)
        #expect(appeal.review?.outcome == .reversed && appeal.review?.newDecisionId == newDecision?.id)
        let replaced = try #require(newDecision)
        #expect(replaced.decision.isNoAction && replaced.statement == nil && replaced.replacesDecisionId == d.decision.id)
        let found = try #require(try await d.storage.moderationCase(id: d.caseId, tenantId: d.tenant.id, now: moderationStart.addingTimeInterval(8000)))
        #expect(found.decisionInForce?.id == replaced.id && found.decisionInForce?.decision.restrictions == [])
        #expect(found.decisions.first?.supersededBy == replaced.id)
        // A reversed restriction no longer counts against the author.
        #expect(found.repeatOffender.restrictedDecisionCount == 0)
        let payload = try #require(try await d.db.rows("SELECT payload FROM outbox_events WHERE type = 'appeal.decided'").first?.string("payload"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any])
        #expect(json["outcome"] as? String == "reversed")
        let inForce = try #require(json["decisionInForce"] as? [String: Any])
        #expect(inForce["outcome"] as? String == "no_action" && (inForce["restrictions"] as? [String]) == [])
        #expect(((json["redress"] as? [String: Any])?["outOfCourtDisputeSettlement"] as? [String: Any])?["name"] as? String == "Appeals Centre Europe")
        #expect(!payload.contains("REVIEW-NOTE") && !payload.contains("INTERNAL-ONLY-NOTE"))
        // The contested decision is replaced: a new complaint goes against the new one.
        #expect(fieldErrors(try await d.storage.fileAppeal(filing(d, party: .reporter, user: "reporter-a"))) == ["decisionId"])
        let audit = try await d.db.rows("SELECT action FROM audit_log WHERE case_id = '\(d.caseId.rawValue)' ORDER BY seq").compactMap { $0.string("action") }
        #expect(audit.suffix(3) == ["appeal.received", "appeal.claimed", "appeal.decided"])
    }

    @Test func aReporterCanContestNoActionAndAReversalRestricts() async throws {
        let noAction = Decision(restrictions: [], ground: nil, explanation: "No breach of the guidelines found.", facts: nil, territorialScope: [])
        let d = try await decided(noAction)
        defer { d.db.removeLater() }
        var restricted = removal
        restricted.internalNote = nil
        let body: [String: Any] = [
            "outcome": "reversed", "textForAppellant": "You were right: the comment insults you and is removed.",
            "decision": [
                "restrictions": ["content_removed"], "ground": "incompatible", "termsClause": "Community Guidelines 3.2",
                "explanation": "Repeated insults aimed at a person.", "facts": "A comment insulting the person it answers.",
                "automatedDetection": false, "automatedDecision": "not_automated", "territorialScope": ["FR"],
            ],
        ]
        #expect(throws: ValidationFailure.self) {
            try AppealResolution.validate(json: ["outcome": "reversed", "textForAppellant": "x"], reviewing: noAction).get()
        }
        let resolution = try AppealResolution.validate(json: body, reviewing: noAction).get()
        #expect(resolution.imposesNewRestriction(over: noAction))
        let (_, newDecision) = try await review(d, resolution, party: .reporter, user: "reporter-a")
        let statement = try #require(newDecision?.statement)
        #expect(statement.decisionFacts.hasPrefix("Replaces a decision not to act (\(d.decision.id)) after an internal complaint"))
        let found = try #require(try await d.storage.moderationCase(id: d.caseId, tenantId: d.tenant.id, now: moderationStart.addingTimeInterval(8000)))
        #expect(found.decisionInForce?.decision.restrictions == [.contentRemoved])
        let stats = try await d.storage.appealStatistics(tenantId: d.tenant.id, from: moderationStart, to: moderationStart.addingTimeInterval(86400))
        #expect(stats.total.received == 1 && stats.total.decided == 1 && stats.reversals == 1 && stats.restrictionsNewlyImposed == 1)
        #expect(stats.byBasis["no_action"]?.received == 1 && stats.byParty["reporter"]?.outcomes["reversed"] == 1)
        #expect(stats.total.medianHoursToDecide == 1)
    }

    /// A review that keeps the comment visible, labelled: a new restrictive decision with its own statement.
    static func labelled() -> [String: Any] {
        [
            "outcome": "modified", "textForAppellant": "The comment stays visible, labelled.",
            "decision": [
                "restrictions": ["content_labelled"], "ground": "incompatible", "termsClause": "Community Guidelines 3.2",
                "explanation": "Insulting, but part of a heated exchange.", "facts": "A comment in a heated exchange.",
                "automatedDetection": false, "automatedDecision": "not_automated", "territorialScope": ["FR"],
            ],
        ]
    }

    @Test func aModificationNamesTheStatementItReplaces() async throws {
        let d = try await decided()
        defer { d.db.removeLater() }
        let (appeal, newDecision) = try await review(d, try AppealResolution.validate(json: Self.labelled(), reviewing: removal).get())
        #expect(appeal.review?.outcome == .modified)
        let statement = try #require(newDecision?.statement)
        let earlier = try #require(d.decision.statement?.puid)
        #expect(statement.decisionFacts.hasPrefix("Replaces the statement of reasons \(earlier) after an internal complaint (DSA Art. 20)."))
        #expect(statement.puid != earlier)
        #expect(try await d.storage.statements(caseId: d.caseId, tenantId: d.tenant.id)?.count == 2)
    }

    @Test func upheldAndInadmissibleLeaveTheDecisionInForce() async throws {
        let d = try await decided()
        defer { d.db.removeLater() }
        let (upheld, none) = try await review(d, AppealResolution(outcome: .upheld, textForAppellant: "The removal stands: the comment insults you."))
        #expect(upheld.review?.outcome == .upheld && none == nil)
        let invalid = AppealResolution.validate(json: ["outcome": "rejected_inadmissible", "textForAppellant": "…"], reviewing: removal)
        guard case .failure(let failure) = invalid else { Issue.record("a reason is required"); return }
        #expect(failure.errors.map(\.field) == ["reason"])
        let rejected = try AppealResolution.validate(
            json: ["outcome": "rejected_inadmissible", "textForAppellant": "This complaint does not say what is wrong.", "reason": "empty complaint"],
            reviewing: removal).get()
        let (inadmissible, _) = try await review(d, rejected, party: .reporter, user: "reporter-b")
        #expect(inadmissible.review?.reason == "empty complaint")
        let found = try #require(try await d.storage.moderationCase(id: d.caseId, tenantId: d.tenant.id, now: moderationStart.addingTimeInterval(8000)))
        #expect(found.decisionInForce?.id == d.decision.id && found.decisions.count == 1)
    }

    @Test func aNewReportReopensANoActionCaseOnlyWithSomethingNew() async throws {
        let noAction = Decision(restrictions: [], ground: nil, explanation: "No breach found.", facts: nil, territorialScope: [])
        let d = try await decided(noAction, policy: ModerationPolicy(reopening: ReopeningRule(newReporterThreshold: 2)))
        defer { d.db.removeLater() }
        func status() async throws -> String? { try await d.db.rows("SELECT status FROM cases").first?.string("status") }
        let later = moderationStart.addingTimeInterval(3600)
        // The same reporters again, same category: attached.
        try await d.storage.file(d.tenant, moderationDraft(subject: "c", reporter: "reporter-a", category: .harassment), at: later)
        #expect(try await status() == "decided")
        // Two new reporters are not more than two: attached.
        try await d.storage.file(d.tenant, moderationDraft(subject: "c", reporter: "new-1", category: .harassment), at: later)
        try await d.storage.file(d.tenant, moderationDraft(subject: "c", reporter: "new-2", category: .harassment), at: later)
        #expect(try await status() == "decided")
        // A third: reopened, the reason in the audit log.
        try await d.storage.file(d.tenant, moderationDraft(subject: "c", reporter: "new-3", category: .harassment), at: later)
        #expect(try await status() == "open")
        let reason = try await d.db.rows("SELECT after_json FROM audit_log WHERE action = 'case.reopened'").first?.string("after_json")
        #expect(reason?.contains("new_reporters") == true)
        // Decided again, a report of another category reopens it too; a trusted flagger also.
        _ = try #require(try await d.storage.claimNextCase(for: d.mia, now: later))
        guard case .decided = try await d.storage.decide(caseId: d.caseId, decision: noAction, by: d.mia, now: later) else { Issue.record("decided"); return }
        let found = try #require(try await d.storage.moderationCase(id: d.caseId, tenantId: d.tenant.id, now: later))
        #expect(found.decisions.count == 2 && found.decisions[0].supersededBy == found.decisions[1].id)
        try await d.storage.file(d.tenant, moderationDraft(subject: "c", reporter: "reporter-a", category: .threat), at: later.addingTimeInterval(60))
        #expect(try await status() == "open")
    }

    @Test func reportsOnARestrictedCaseAreAttachedWithoutReopening() async throws {
        let d = try await decided()
        defer { d.db.removeLater() }
        for index in 0..<8 {
            try await d.storage.file(d.tenant, moderationDraft(subject: "c", reporter: "late-\(index)", category: .threat, trustedFlagger: index == 0 ? "e-Enfance" : nil), at: moderationStart.addingTimeInterval(60))
        }
        #expect(try await d.db.rows("SELECT status FROM cases").first?.string("status") == "decided")
        #expect(try await d.db.int("SELECT COUNT(*) FROM reports WHERE status = 'decided'") == 10)
    }
}
