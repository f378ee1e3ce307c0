import Foundation
import RelaisCore
@testable import RelaisStore
import RelaisTestSupport
import Testing

/// A report of `author`'s `subject` about `target`, by `reporter` (not the target).
func targetedDraft(subject: String, author: String?, target: String, reporter: String = "friend-1", category: ReportCategory = .harassment) -> ReportDraft {
    var draft = moderationDraft(subject: subject, reporter: reporter, category: category, isTarget: false, text: "SNAPSHOT-\(subject)", author: author)
    draft.target = target
    return draft
}

@Suite("Pile-ons on the person targeted")
struct PileOnStoreTests {
    /// Three authors within 24 hours, the defaults.
    let policy = ModerationPolicy(pileOn: PileOnPolicy(minimumAuthors: 3, window: 24 * 3600))

    func make() async throws -> (TestDatabase, Tenant) {
        let db = try await TestDatabase.make(moderation: policy)
        let (tenant, _) = try await db.storage.createTenant(name: "acme", now: moderationStart)
        return (db, tenant)
    }

    func pileOnCount(_ db: TestDatabase) async throws -> Int? { try await db.int("SELECT COUNT(*) FROM pile_ons") }

    @Test func theNthAuthorOpensOnePileOnAndTheOneBeforeDoesNot() async throws {
        let (db, tenant) = try await make()
        defer { db.removeLater() }
        let s = db.storage
        let a = try await s.file(tenant, targetedDraft(subject: "c-a", author: "bully-a", target: "teen-7"), at: moderationStart)
        let b = try await s.file(tenant, targetedDraft(subject: "c-b", author: "bully-b", target: "teen-7"), at: moderationStart.addingTimeInterval(60))
        #expect(try await pileOnCount(db) == 0)
        #expect(try await db.int("SELECT COUNT(*) FROM outbox_events WHERE type = 'target.pile_on'") == 0)
        let c = try await s.file(tenant, targetedDraft(subject: "c-c", author: "bully-c", target: "teen-7"), at: moderationStart.addingTimeInterval(120))
        let open = try await s.pileOns(tenantId: tenant.id, limit: 50, offset: 0)
        #expect(open.count == 1)
        let pileOn = try #require(open.first)
        #expect(pileOn.targetId == "teen-7" && pileOn.authorCount == 3 && pileOn.caseCount == 3)
        #expect(pileOn.firstReportAt == moderationStart && pileOn.lastReportAt == moderationStart.addingTimeInterval(120))
        // A fourth author extends the same pile-on; no second one, no second event.
        let d = try await s.file(tenant, targetedDraft(subject: "c-d", author: "bully-d", target: "teen-7"), at: moderationStart.addingTimeInterval(180))
        #expect(try await pileOnCount(db) == 1)
        let timeline = try #require(try await s.pileOn(id: pileOn.id, tenantId: tenant.id))
        #expect(timeline.pileOn.authorCount == 4)
        #expect(timeline.cases.map(\.caseId) == [a, b, c, d])
        #expect(timeline.cases.allSatisfy { $0.status == "open" && $0.reports.count == 1 })
        #expect(timeline.cases.map(\.authorId) == ["bully-a", "bully-b", "bully-c", "bully-d"])
        #expect(try await db.int("SELECT COUNT(*) FROM outbox_events WHERE type = 'target.pile_on'") == 1)
        #expect(try await db.int("SELECT COUNT(*) FROM cases WHERE pile_on_id IS NOT NULL") == 4)
    }

    @Test func theWindowCountsItsEdgeAndNotBeyond() async throws {
        let (db, tenant) = try await make()
        defer { db.removeLater() }
        let s = db.storage, end = moderationStart.addingTimeInterval(24 * 3600)
        // Just outside the window of the third report: one second too early.
        try await s.file(tenant, targetedDraft(subject: "old", author: "bully-old", target: "teen-1"), at: moderationStart.addingTimeInterval(-1))
        try await s.file(tenant, targetedDraft(subject: "b", author: "bully-b", target: "teen-1"), at: moderationStart.addingTimeInterval(600))
        try await s.file(tenant, targetedDraft(subject: "c", author: "bully-c", target: "teen-1"), at: end)
        #expect(try await pileOnCount(db) == 0)
        // Exactly at the edge counts.
        try await s.file(tenant, targetedDraft(subject: "edge", author: "bully-edge", target: "teen-2"), at: moderationStart)
        try await s.file(tenant, targetedDraft(subject: "e2", author: "bully-e2", target: "teen-2"), at: moderationStart.addingTimeInterval(600))
        try await s.file(tenant, targetedDraft(subject: "e3", author: "bully-e3", target: "teen-2"), at: end)
        let open = try await s.pileOns(tenantId: tenant.id, limit: 50, offset: 0)
        #expect(open.map(\.targetId) == ["teen-2"])
        #expect(open.first?.firstReportAt == moderationStart && open.first?.authorCount == 3)
    }

    @Test func targetsAreIndependentAndTheTargetNeedNotBeTheReporter() async throws {
        let (db, tenant) = try await make()
        defer { db.removeLater() }
        let s = db.storage
        // Two targets, two authors each so far: nothing.
        for (index, author) in ["x", "y"].enumerated() {
            for target in ["teen-1", "teen-2"] {
                try await s.file(tenant, targetedDraft(subject: "\(target)-\(author)", author: author, target: target),
                    at: moderationStart.addingTimeInterval(Double(index) * 60))
            }
        }
        #expect(try await pileOnCount(db) == 0)
        // The third author against teen-1, reported by a parent: teen-1 only.
        try await s.file(tenant, targetedDraft(subject: "teen-1-z", author: "z", target: "teen-1", reporter: "parent-1"), at: moderationStart.addingTimeInterval(300))
        #expect(try await s.pileOns(tenantId: tenant.id, limit: 50, offset: 0).map(\.targetId) == ["teen-1"])
        // The person targeted reporting for themselves counts the same (their own id).
        try await s.file(tenant, moderationDraft(subject: "teen-2-z", reporter: "teen-2", category: .harassment, isTarget: true, author: "z"),
            at: moderationStart.addingTimeInterval(360))
        #expect(Set(try await s.pileOns(tenantId: tenant.id, limit: 50, offset: 0).map(\.targetId)) == ["teen-1", "teen-2"])
    }

    @Test func oneAuthorsManyCommentsAreNoPileOn() async throws {
        let (db, tenant) = try await make()
        defer { db.removeLater() }
        for index in 0..<12 {
            try await db.storage.file(tenant, targetedDraft(subject: "comment-\(index)", author: "one-bully", target: "teen-1", reporter: "r-\(index)"),
                at: moderationStart.addingTimeInterval(Double(index) * 30))
        }
        // Reports without an author or without a target never count.
        try await db.storage.file(tenant, targetedDraft(subject: "anon-1", author: nil, target: "teen-1"), at: moderationStart.addingTimeInterval(400))
        try await db.storage.file(tenant, targetedDraft(subject: "anon-2", author: nil, target: "teen-1"), at: moderationStart.addingTimeInterval(400))
        try await db.storage.file(tenant, moderationDraft(subject: "untargeted", category: .harassment, isTarget: false, author: "other"),
            at: moderationStart.addingTimeInterval(400))
        #expect(try await pileOnCount(db) == 0)
        #expect(try await db.int("SELECT COUNT(*) FROM cases WHERE pile_on_id IS NOT NULL") == 0)
    }

    @Test func theWebhookIsQueuedOnceWithoutContentOrReporters() async throws {
        let (db, tenant) = try await make()
        defer { db.removeLater() }
        for author in ["a", "b", "c", "d"] {
            try await db.storage.file(tenant, targetedDraft(subject: "s-\(author)", author: "bully-\(author)", target: "teen-9", reporter: "reporter-\(author)"),
                at: moderationStart.addingTimeInterval(10))
        }
        let rows = try await db.rows("SELECT payload FROM outbox_events WHERE type = 'target.pile_on'")
        #expect(rows.count == 1)
        let payload = rows[0].string("payload") ?? ""
        let json = try #require(try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any])
        #expect(json["event"] as? String == "target.pile_on" && json["targetId"] as? String == "teen-9")
        #expect(json["authorCount"] as? Int == 3 && (json["caseIds"] as? [String])?.count == 3)
        #expect(json["pileOnId"] as? String != nil && json["firstReportAt"] as? String != nil && json["lastReportAt"] as? String != nil)
        for absent in ["SNAPSHOT", "DETAILS", "reporter-", "fr-FR"] { #expect(!payload.contains(absent), "\(absent)") }
    }

    @Test func tenantsAreIsolated() async throws {
        let (db, acme) = try await make()
        defer { db.removeLater() }
        let (other, _) = try await db.storage.createTenant(name: "other", now: moderationStart)
        // Two authors at each tenant about the same platform id: neither reaches three.
        for (tenant, authors) in [(acme, ["a", "b"]), (other, ["c", "d"])] {
            for author in authors {
                try await db.storage.file(tenant, targetedDraft(subject: "s-\(author)", author: author, target: "teen-1"), at: moderationStart)
            }
        }
        #expect(try await pileOnCount(db) == 0)
        try await db.storage.file(acme, targetedDraft(subject: "s-e", author: "e", target: "teen-1"), at: moderationStart.addingTimeInterval(5))
        let found = try #require(try await db.storage.pileOns(tenantId: acme.id, limit: 50, offset: 0).first)
        #expect(found.caseCount == 3)
        #expect(try await db.storage.pileOns(tenantId: other.id, limit: 50, offset: 0).isEmpty)
        #expect(try await db.storage.pileOn(id: found.id, tenantId: other.id) == nil)
    }

    @Test func theLinkedCasesComeFirstInTheQueue() async throws {
        let (db, tenant) = try await make()
        defer { db.removeLater() }
        let s = db.storage
        // An older case of the same category and weight, not part of anything.
        let alone = try await s.file(tenant, targetedDraft(subject: "alone", author: "someone", target: "adult-1"), at: moderationStart.addingTimeInterval(-60))
        var linked: [ModerationCase.ID] = []
        for author in ["a", "b", "c"] {
            linked.append(try await s.file(tenant, targetedDraft(subject: "p-\(author)", author: author, target: "teen-1"), at: moderationStart))
        }
        let now = moderationStart.addingTimeInterval(120)
        let queue = try await s.openCases(tenantId: tenant.id, filter: QueueFilter(), now: now, limit: 10)
        #expect(Set(queue.prefix(3).map(\.caseId)) == Set(linked))
        #expect(queue.last?.caseId == alone)
        #expect(queue[0].priority?.pileOnPoints == 20 && queue.last?.priority?.pileOnPoints == 0)
        let found = try #require(try await s.moderationCase(id: linked[0], tenantId: tenant.id, now: now))
        #expect(found.priority.pileOnPoints == 20 && PriorityLevel.reasons(of: found.priority).contains(.pileOn))
    }

    @Test func reportBombingAndAPileOnAreTellApartOnTheSameData() async throws {
        let (db, tenant) = try await make()
        defer { db.removeLater() }
        let s = db.storage
        // Twenty-five new accounts report one comment of one author about teen-1: coordinated
        // reporting on that case, and no pile-on (one author).
        var bombed: ModerationCase.ID?
        for index in 0..<25 {
            bombed = try await s.file(tenant, targetedDraft(subject: "bombed", author: "bully-a", target: "teen-1", reporter: "new-\(index)"),
                at: moderationStart.addingTimeInterval(Double(index)))
        }
        let now = moderationStart.addingTimeInterval(600)
        let bombedId = try #require(bombed)
        let raided = try #require(try await s.moderationCase(id: bombedId, tenantId: tenant.id, now: now))
        #expect(raided.priority.coordinatedReporting && raided.priority.pileOnPoints == 0)
        #expect(try await pileOnCount(db) == 0)
        // Two more authors about teen-1: now a pile-on, with the raided case among its cases.
        try await s.file(tenant, targetedDraft(subject: "b", author: "bully-b", target: "teen-1"), at: moderationStart.addingTimeInterval(100))
        try await s.file(tenant, targetedDraft(subject: "c", author: "bully-c", target: "teen-1"), at: moderationStart.addingTimeInterval(200))
        let pileOn = try #require(try await s.pileOns(tenantId: tenant.id, limit: 50, offset: 0).first)
        #expect(pileOn.authorCount == 3 && pileOn.caseCount == 3)
        let after = try #require(try await s.moderationCase(id: raided.id, tenantId: tenant.id, now: now))
        // Both recognised: the raid still weighs less, and the case is part of the pile-on.
        #expect(after.priority.coordinatedReporting && after.priority.pileOnPoints == 20)
    }

    @Test func reportsArrivingTogetherOnTwoInstancesOpenOnePileOn() async throws {
        let (db, tenant) = try await make()
        defer { db.removeLater() }
        let second = try db.openAnother(moderation: policy)
        // Twelve authors' comments about one person, reported at once through two instances:
        // whatever the interleaving, one pile-on, one event, every case linked and boosted.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<12 {
                let storage = index.isMultiple(of: 2) ? db.storage : second
                group.addTask {
                    try await storage.file(tenant, targetedDraft(subject: "c-\(index)", author: "bully-\(index)", target: "teen-1", reporter: "r-\(index)"),
                        at: moderationStart.addingTimeInterval(Double(index)))
                }
            }
            try await group.waitForAll()
        }
        #expect(try await pileOnCount(db) == 1)
        #expect(try await db.int("SELECT COUNT(*) FROM outbox_events WHERE type = 'target.pile_on'") == 1)
        let found = try #require(try await db.storage.pileOns(tenantId: tenant.id, limit: 50, offset: 0).first)
        #expect(found.authorCount == 12 && found.caseCount == 12)
        #expect(try await db.int("SELECT COUNT(*) FROM cases WHERE pile_on_id IS NOT NULL") == 12)
    }
}
