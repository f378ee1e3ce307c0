import Foundation
import RelaisCore
@testable import RelaisStore
import RelaisTestSupport
import Testing

/// 2026-11-29 14:00 UTC.
let moderationStart = Date(timeIntervalSince1970: 1_795_960_800)

func moderationDraft(
    subject: String, reporter: String = "u-1", category: ReportCategory, age: AgeBracket = .adult, isTarget: Bool = true,
    trustedFlagger: String? = nil, text: String? = "content snapshot", author: String? = "author-1"
) -> ReportDraft {
    ReportDraft(
        surface: "web",
        reporter: .init(id: reporter, country: CountryCode(rawValue: "FR")!, locale: "fr-FR", ageBracket: age, isTarget: isTarget, trustedFlagger: trustedFlagger),
        subject: .init(kind: .comment, id: subject, authorId: author, text: text),
        category: category, details: "DETAILS-SNAPSHOT", goodFaith: true)
}

extension RelaisStorage {
    @discardableResult
    func file(_ tenant: Tenant, _ draft: ReportDraft, at date: Date) async throws -> ModerationCase.ID {
        let s = ReportSubmission(
            tenantId: tenant.id, reportId: UUID().uuidString.lowercased(), draft: draft, support: nil, receivedAt: date,
            idempotencyKey: nil, requestHash: "")
        guard case .created(let receipt) = try await submit(s) else { throw StorageError.tenantNotFound("submit failed") }
        return ModerationCase.ID(rawValue: receipt.caseId)
    }
}

let removal = Decision(
    restrictions: [.contentRemoved], ground: .incompatible, termsClause: "Community Guidelines 3.2",
    explanation: "Repeated insults aimed at a person.", facts: "A comment insulting the person it answers.",
    territorialScope: [CountryCode(rawValue: "FR")!], noteForReporter: "We removed it.", internalNote: "INTERNAL-ONLY-NOTE")

@Suite("Moderation store")
struct ModerationStoreTests {
    @Test func theQueueOrderIsTheCoreOrderAtEveryInstant() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let (tenant, _) = try await storage.createTenant(name: "acme", now: moderationStart)
        // Cases opened over two days, of every kind the formula distinguishes.
        let drafts: [(ReportDraft, TimeInterval)] = [
            (moderationDraft(subject: "spam", category: .spam), 0),
            (moderationDraft(subject: "harassment", category: .harassment), 3600),
            (moderationDraft(subject: "threat", category: .threat), 7200),
            (moderationDraft(subject: "minor", category: .hate, age: .teen), 10_000),
            (moderationDraft(subject: "flagged", category: .scam, isTarget: false, trustedFlagger: "e-Enfance"), 20_000),
            (moderationDraft(subject: "grooming", category: .grooming, isTarget: false), 40_000),
            (moderationDraft(subject: "other", category: .other), 50_000),
            (moderationDraft(subject: "doxxing", category: .doxxing), 90_000),
        ]
        for (draft, offset) in drafts { try await storage.file(tenant, draft, at: moderationStart.addingTimeInterval(offset)) }
        // Four more reporters on the spam case, one of them twice (one voice).
        for reporter in ["a", "b", "c", "d", "a"] {
            try await storage.file(tenant, moderationDraft(subject: "spam", reporter: reporter, category: .spam), at: moderationStart.addingTimeInterval(100))
        }
        // The summary kept report by report is the summary of all reports.
        for row in try await db.rows("SELECT * FROM cases") {
            let facts = try #require(try await storage.moderationCase(id: .init(rawValue: row.string("id")!), tenantId: tenant.id, now: moderationStart)).facts
            #expect(try StoredRows.priorityInputs(row) == PriorityInputs(facts))
        }
        let moderator = try await storage.createModerator(name: "mia", tenantName: "acme", role: .moderator, now: moderationStart).0
        // At several instants, three claims take the three cases the core ranks first among
        // those nobody holds (the leases of earlier instants have expired by then).
        for hours in [3.0, 26, 30, 60, 200] {
            let now = moderationStart.addingTimeInterval(hours * 3600)
            var facts: [CaseFacts] = []
            for row in try await db.rows("SELECT id, lease_expires_at FROM cases WHERE status = 'open'") {
                guard row.date("lease_expires_at").map({ $0 <= now }) ?? true else { continue }
                facts.append(try #require(try await storage.moderationCase(id: .init(rawValue: row.string("id")!), tenantId: tenant.id, now: now)).facts)
            }
            let expected = CasePriority.ordered(facts, now: now).prefix(3).map(\.caseId)
            var claimed: [String] = []
            for _ in 0..<3 { claimed.append(try #require(try await storage.claimNextCase(for: moderator, now: now)).id.rawValue) }
            #expect(claimed == expected, "at +\(hours) h")
        }
    }

    @Test func theAuditLogCannotBeRewritten() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let (tenant, _) = try await storage.createTenant(name: "acme", now: moderationStart)
        let moderator = try await storage.createModerator(name: "mia", tenantName: "acme", role: .moderator, now: moderationStart).0
        let caseId = try await storage.file(tenant, moderationDraft(subject: "c", category: .hate), at: moderationStart)
        _ = try await storage.claimNextCase(for: moderator, now: moderationStart)
        guard case .decided = try await storage.decide(caseId: caseId, decision: removal, by: moderator, now: moderationStart) else {
            Issue.record("not decided"); return
        }
        let entries = try await storage.auditLog(tenantId: tenant.id)
        #expect(entries.map(\.action) == ["moderator.created", "case.claimed", "case.decided"])
        let decided = try #require(entries.last)
        #expect(decided.actor == "mia" && decided.caseId == caseId)
        #expect(decided.before?.contains("\"leaseOwner\":\"mia\"") == true)
        #expect(decided.after?.contains("\"status\":\"decided\"") == true)

        await #expect(throws: (any Error).self) { try await db.execute("UPDATE audit_log SET actor = 'someone else'") }
        await #expect(throws: (any Error).self) { try await db.execute("DELETE FROM audit_log") }
        #expect(try await storage.auditLog(tenantId: tenant.id) == entries)
    }

    @Test func aDecisionWritesExactlyOneCaseDecidedEventWithoutContentOrInternalNote() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let (tenant, _) = try await storage.createTenant(name: "acme", now: moderationStart)
        let moderator = try await storage.createModerator(name: "mia", tenantName: "acme", role: .moderator, now: moderationStart).0
        let caseId = try await storage.file(
            tenant, moderationDraft(subject: "c", reporter: "reporter-a", category: .hate, text: "CONTENT-SNAPSHOT"), at: moderationStart)
        try await storage.file(
            tenant, moderationDraft(subject: "c", reporter: "reporter-b", category: .harassment, text: "CONTENT-SNAPSHOT"), at: moderationStart)
        _ = try await storage.claimNextCase(for: moderator, now: moderationStart)
        // A refused decision writes no event.
        var invalid = removal
        invalid.facts = nil
        guard case .refused = try await storage.decide(caseId: caseId, decision: invalid, by: moderator, now: moderationStart) else {
            Issue.record("expected a refusal"); return
        }
        guard case .decided(let recorded) = try await storage.decide(caseId: caseId, decision: removal, by: moderator, now: moderationStart) else {
            Issue.record("not decided"); return
        }
        let payloads = try await db.rows("SELECT payload FROM outbox_events WHERE type = 'case.decided'").compactMap { $0.string("payload") }
        #expect(payloads.count == 1)
        let payload = try #require(payloads.first)
        #expect(!payload.contains("CONTENT-SNAPSHOT") && !payload.contains("DETAILS-SNAPSHOT") && !payload.contains("INTERNAL-ONLY-NOTE"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any])
        #expect(json["caseId"] as? String == caseId.rawValue)
        #expect(json["decisionId"] as? String == recorded.id)
        #expect(json["reporterIds"] as? [String] == ["reporter-a", "reporter-b"])
        #expect((json["reportIds"] as? [String])?.count == 2)
        #expect(json["affectedAuthorId"] as? String == "author-1")
        #expect(json["outcome"] as? String == "restricted")
        #expect(json["restrictions"] as? [String] == ["content_removed"])
        #expect(json["noteForReporter"] as? String == "We removed it.")
        #expect((json["statementOfReasons"] as? [String: Any])?["puid"] as? String == recorded.statement?.puid)
        let contest = try #require(json["contest"] as? [String: Any])
        #expect(contest["internalComplaintUntil"] as? String == "2027-05-29")
    }

    @Test func trustedFlaggersAndMinorsAreKeptOnTheCase() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let (tenant, _) = try await storage.createTenant(name: "acme", now: moderationStart)
        let caseId = try await storage.file(tenant, moderationDraft(subject: "c", category: .spam), at: moderationStart)
        let before = try await storage.moderationCase(id: caseId, tenantId: tenant.id, now: moderationStart)
        #expect(before?.priority.score == 0)
        try await storage.file(
            tenant, moderationDraft(subject: "c", reporter: "ngo", category: .harassment, isTarget: false, trustedFlagger: "e-Enfance"),
            at: moderationStart.addingTimeInterval(60))
        let after = try #require(try await storage.moderationCase(id: caseId, tenantId: tenant.id, now: moderationStart))
        #expect(after.facts.hasTrustedFlaggerReport)
        #expect(after.facts.reports.last?.trustedFlaggerName == "e-Enfance")
        #expect(after.reports.last?.draft.reporter.trustedFlagger == "e-Enfance")
        // The stored queue columns follow: severity 3 × 20 + trusted flagger 20 + two reporters 5.
        let base = try await db.rows("SELECT base_priority FROM cases WHERE id = '\(caseId)'").first?.double("base_priority")
        #expect(base == 85)
    }

    @Test func aChosenCaseIsClaimedOnlyWhenNobodyElseHoldsIt() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let (tenant, _) = try await storage.createTenant(name: "acme", now: moderationStart)
        _ = try await storage.createTenant(name: "other", now: moderationStart)
        let mia = try await storage.createModerator(name: "mia", tenantName: "acme", role: .moderator, now: moderationStart).0
        let lou = try await storage.createModerator(name: "lou", tenantName: "acme", role: .moderator, now: moderationStart).0
        let olga = try await storage.createModerator(name: "olga", tenantName: "other", role: .moderator, now: moderationStart).0
        _ = try await storage.file(tenant, moderationDraft(subject: "threat", category: .threat), at: moderationStart)
        let spam = try await storage.file(tenant, moderationDraft(subject: "spam", category: .spam), at: moderationStart)
        // Not the most urgent case: the one chosen.
        guard case .leased(let claimed) = try await storage.claimCase(id: spam, for: mia, now: moderationStart) else {
            Issue.record("the free case was not claimed"); return
        }
        #expect(claimed.id == spam && claimed.lease?.moderatorName == "mia")
        #expect(try await storage.auditLog(tenantId: tenant.id).contains { $0.action == "case.claimed" && $0.caseId == spam && $0.actor == "mia" })
        // Held by mia: refused to lou, granted again to mia (a renewal), unknown to another tenant.
        guard case .notLeasedByCaller = try await storage.claimCase(id: spam, for: lou, now: moderationStart.addingTimeInterval(60)) else {
            Issue.record("a held case was handed to a second moderator"); return
        }
        guard case .leased = try await storage.claimCase(id: spam, for: mia, now: moderationStart.addingTimeInterval(60)) else {
            Issue.record("the holder could not claim again"); return
        }
        guard case .notFound = try await storage.claimCase(id: spam, for: olga, now: moderationStart) else {
            Issue.record("another tenant's case was found"); return
        }
        // Once the lease expired, lou may take it; once decided, nobody may.
        let later = moderationStart.addingTimeInterval(ModerationPolicy.default.leaseDuration + 120)
        guard case .leased = try await storage.claimCase(id: spam, for: lou, now: later) else { Issue.record("an expired lease kept the case"); return }
        guard case .decided = try await storage.decide(caseId: spam, decision: removal, by: lou, now: later) else { Issue.record("not decided"); return }
        guard case .notLeasedByCaller = try await storage.claimCase(id: spam, for: mia, now: later) else { Issue.record("a decided case was claimed"); return }
    }

    @Test func moderatorTokensAreHashedAndOnlyPersonalTokensAuthenticate() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let (_, tenantKey) = try await storage.createTenant(name: "acme", now: moderationStart)
        let (moderator, token) = try await storage.createModerator(name: "mia", tenantName: "acme", role: .compliance, now: moderationStart)
        #expect(token.hasPrefix("rlm_") && token.count == 68)
        #expect(try await storage.moderator(token: token)?.id == moderator.id)
        #expect(try await storage.moderator(token: tenantKey) == nil)
        #expect(try await storage.tenant(apiKey: token) == nil)
        #expect(try await db.stores(moderator.tokenPrefix!), "the check can see what is stored")
        #expect(try await db.stores(token) == false)
        await #expect(throws: ModerationError.moderatorExists("mia")) {
            try await storage.createModerator(name: "mia", tenantName: "acme", role: .admin, now: moderationStart)
        }
        await #expect(throws: StorageError.tenantNotFound("nobody")) {
            try await storage.createModerator(name: "x", tenantName: "nobody", role: .admin, now: moderationStart)
        }
        await #expect(throws: ModerationError.moderatorNotFound("ghost")) { try await storage.issueToken(moderatorName: "ghost", now: moderationStart) }
    }
}

/// Raw rows read by the storage's own mappings, to compare what is stored with the core.
extension TestRow: ColumnReading {
    func value<T>(_ column: String, _ read: (String) -> T?) throws -> T {
        guard let value = read(column) else { throw TestDatabaseError(description: "no \(T.self) in column \(column)") }
        return value
    }
    public func string(_ column: String) throws -> String { try value(column, string) }
    public func optionalString(_ column: String) throws -> String? { string(column) }
    public func bool(_ column: String) throws -> Bool { try value(column, bool) }
    public func int(_ column: String) throws -> Int { try value(column, int) }
    public func double(_ column: String) throws -> Double { try value(column, double) }
    public func date(_ column: String) throws -> Date { try value(column, date) }
    public func optionalDate(_ column: String) throws -> Date? { date(column) }
}
