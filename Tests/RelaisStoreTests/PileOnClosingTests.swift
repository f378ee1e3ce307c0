import Foundation
import RelaisCore
@testable import RelaisStore
import RelaisTestSupport
import Testing

/// Closing a pile-on: once, audited, told to the platform; what counts after it.
@Suite("Closing a pile-on")
struct PileOnClosingTests {
    let policy = ModerationPolicy(pileOn: PileOnPolicy(minimumAuthors: 3, window: 24 * 3600))

    /// A tenant, a moderator, and a pile-on of three authors against teen-7 opened at +120 s.
    func make() async throws -> (TestDatabase, Tenant, Moderator, PileOn) {
        let db = try await TestDatabase.make(moderation: policy)
        let (tenant, _) = try await db.storage.createTenant(name: "acme", now: moderationStart)
        let mia = try await db.storage.createModerator(name: "mia", tenantName: "acme", role: .moderator, now: moderationStart).0
        for (index, author) in ["a", "b", "c"].enumerated() {
            try await db.storage.file(tenant, targetedDraft(subject: "c-\(author)", author: "bully-\(author)", target: "teen-7"),
                at: moderationStart.addingTimeInterval(Double(index) * 60))
        }
        let pileOn = try #require(try await db.storage.pileOns(tenantId: tenant.id, limit: 50, offset: 0).first)
        return (db, tenant, mia, pileOn)
    }

    func count(_ db: TestDatabase, _ sql: String) async throws -> Int { try await db.int(sql) ?? -1 }

    @Test func closingWritesOnceWithItsReasonAndASecondCloseWritesNothing() async throws {
        let (db, tenant, mia, pileOn) = try await make()
        defer { db.removeLater() }
        let at = moderationStart.addingTimeInterval(3600)
        guard case .closed(let closed) = try await db.storage.closePileOn(id: pileOn.id, by: mia, reason: "Authors suspended.", now: at) else {
            Issue.record("not closed"); return
        }
        #expect(closed.status == "closed" && !closed.isOpen && closed.closedAt == at && closed.closedBy == "mia" && closed.closingReason == "Authors suspended.")
        #expect(try await db.storage.pileOns(tenantId: tenant.id, limit: 50, offset: 0).isEmpty)
        #expect(try await db.storage.pileOns(tenantId: tenant.id, status: "closed", limit: 50, offset: 0).map(\.id) == [pileOn.id])
        #expect(try await count(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'pile_on.closed'") == 1)
        let events = try await db.rows("SELECT payload FROM outbox_events WHERE type = 'target.pile_on_closed'")
        #expect(events.count == 1)
        let payload = events.first?.string("payload") ?? ""
        let json = try #require(try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any])
        #expect(json["pileOnId"] as? String == pileOn.id.rawValue && json["targetId"] as? String == "teen-7")
        #expect((json["caseIds"] as? [String])?.count == 3 && json["authorCount"] as? Int == 3 && json["closedAt"] as? String != nil)
        // Never the reason (it may quote the content), the moderator or any content.
        for absent in ["suspended", "mia", "SNAPSHOT", "friend-1"] { #expect(!payload.contains(absent), "\(absent)") }
        // Closing again (a retry, or a colleague a moment later) writes nothing more.
        guard case .alreadyClosed(let again) = try await db.storage.closePileOn(id: pileOn.id, by: mia, reason: "Other words.", now: at.addingTimeInterval(60))
        else { Issue.record("closed twice"); return }
        #expect(again.closedAt == at && again.closingReason == "Authors suspended.")
        #expect(try await count(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'pile_on.closed'") == 1)
        #expect(try await count(db, "SELECT COUNT(*) FROM outbox_events WHERE type = 'target.pile_on_closed'") == 1)
        // The cases stay as they were: open, linked, still boosted in the queue.
        #expect(try await count(db, "SELECT COUNT(*) FROM cases WHERE pile_on_id IS NOT NULL AND status = 'open'") == 3)
    }

    @Test func reportsUpToTheCloseNeverCountAgainAndANewAttackOpensANewPileOn() async throws {
        let (db, tenant, mia, pileOn) = try await make()
        defer { db.removeLater() }
        let closedAt = moderationStart.addingTimeInterval(600)
        _ = try await db.storage.closePileOn(id: pileOn.id, by: mia, reason: "Handled.", now: closedAt)
        // Two new authors after the close, within the window of the three before it: the old
        // reports do not count, so two authors are not yet a pile-on.
        for (index, author) in ["d", "e"].enumerated() {
            try await db.storage.file(tenant, targetedDraft(subject: "c-\(author)", author: "bully-\(author)", target: "teen-7"),
                at: closedAt.addingTimeInterval(Double(index + 1) * 60))
        }
        #expect(try await db.storage.pileOns(tenantId: tenant.id, limit: 50, offset: 0).isEmpty)
        #expect(try await count(db, "SELECT COUNT(*) FROM outbox_events WHERE type = 'target.pile_on'") == 1)
        // A third new author: a new attack, a new pile-on with only the new cases, a new event.
        let third = try await db.storage.file(tenant, targetedDraft(subject: "c-f", author: "bully-f", target: "teen-7"), at: closedAt.addingTimeInterval(180))
        let open = try await db.storage.pileOns(tenantId: tenant.id, limit: 50, offset: 0)
        #expect(open.count == 1 && open.first?.id != pileOn.id)
        let fresh = try #require(open.first)
        #expect(fresh.authorCount == 3 && fresh.caseCount == 3 && fresh.firstReportAt > closedAt)
        let timeline = try #require(try await db.storage.pileOn(id: fresh.id, tenantId: tenant.id))
        #expect(timeline.cases.last?.caseId == third)
        #expect(try await count(db, "SELECT COUNT(*) FROM outbox_events WHERE type = 'target.pile_on'") == 2)
        // The closed one keeps its own three cases.
        #expect(try await db.storage.pileOn(id: pileOn.id, tenantId: tenant.id)?.cases.count == 3)
    }

    /// A report filed through another instance while the close was being written joins the
    /// pile-on with an instant after the close; it never counts towards the next one.
    @Test func aReportThePileOnHeldWithALaterInstantThanTheCloseNeverCountsAgain() async throws {
        let (db, tenant, mia, pileOn) = try await make()
        defer { db.removeLater() }
        let closedAt = moderationStart.addingTimeInterval(600)
        try await db.storage.file(tenant, targetedDraft(subject: "c-d", author: "bully-d", target: "teen-7"), at: closedAt.addingTimeInterval(5))
        #expect(try #require(try await db.storage.pileOn(id: pileOn.id, tenantId: tenant.id)).cases.count == 4)
        _ = try await db.storage.closePileOn(id: pileOn.id, by: mia, reason: "Handled.", now: closedAt)
        // Two new authors after the close: with the held report they would be three.
        for author in ["e", "f"] {
            try await db.storage.file(tenant, targetedDraft(subject: "c-\(author)", author: "bully-\(author)", target: "teen-7"), at: closedAt.addingTimeInterval(60))
        }
        #expect(try await db.storage.pileOns(tenantId: tenant.id, limit: 50, offset: 0).isEmpty, "the held report counted a second time")
        try await db.storage.file(tenant, targetedDraft(subject: "c-g", author: "bully-g", target: "teen-7"), at: closedAt.addingTimeInterval(120))
        let next = try await db.storage.pileOns(tenantId: tenant.id, limit: 50, offset: 0)
        #expect(next.count == 1 && next.first?.caseCount == 3, "three new authors make a new pile-on")
    }

    @Test func anotherTenantsModeratorFindsNothingToClose() async throws {
        let (db, tenant, _, pileOn) = try await make()
        defer { db.removeLater() }
        _ = try await db.storage.createTenant(name: "other", now: moderationStart)
        let stranger = try await db.storage.createModerator(name: "eve", tenantName: "other", role: .moderator, now: moderationStart).0
        guard case .notFound = try await db.storage.closePileOn(id: pileOn.id, by: stranger, reason: "Mine now.", now: moderationStart.addingTimeInterval(900))
        else { Issue.record("closed across tenants"); return }
        #expect(try await db.storage.pileOns(tenantId: tenant.id, limit: 50, offset: 0).map(\.id) == [pileOn.id])
        #expect(try await count(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'pile_on.closed'") == 0)
    }

    @Test func twoInstancesClosingAtOnceCloseOnceAndReportsMeanwhileLandOnOneSide() async throws {
        let (db, tenant, mia, pileOn) = try await make()
        defer { db.removeLater() }
        let second = try db.openAnother(moderation: policy)
        let lou = try await db.storage.createModerator(name: "lou", tenantName: "acme", role: .moderator, now: moderationStart).0
        let at = moderationStart.addingTimeInterval(600)
        // Two moderators close at once through two instances while reports about the person
        // keep arriving through both.
        let outcomes = try await withThrowingTaskGroup(of: PileOnClosing?.self) { group in
            group.addTask { try await db.storage.closePileOn(id: pileOn.id, by: mia, reason: "Handled.", now: at) }
            group.addTask { try await second.closePileOn(id: pileOn.id, by: lou, reason: "Handled too.", now: at) }
            for index in 0..<6 {
                let storage = index.isMultiple(of: 2) ? db.storage : second
                group.addTask {
                    try await storage.file(tenant, targetedDraft(subject: "late-\(index)", author: "late-\(index)", target: "teen-7", reporter: "r-\(index)"),
                        at: at.addingTimeInterval(Double(index + 1)))
                    return nil
                }
            }
            var all: [PileOnClosing] = []
            for try await outcome in group { if let outcome { all.append(outcome) } }
            return all
        }
        let closings = outcomes.filter { if case .closed = $0 { true } else { false } }
        #expect(closings.count == 1 && outcomes.count == 2)
        #expect(try await count(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'pile_on.closed'") == 1)
        #expect(try await count(db, "SELECT COUNT(*) FROM outbox_events WHERE type = 'target.pile_on_closed'") == 1)
        // Every late report is either in the closed pile-on or in at most one new open one.
        let open = try await db.storage.pileOns(tenantId: tenant.id, limit: 50, offset: 0)
        #expect(open.count <= 1)
        let closedCases = try #require(try await db.storage.pileOn(id: pileOn.id, tenantId: tenant.id)).cases.count
        let openCases = open.first?.caseCount ?? 0
        #expect(closedCases >= 3 && closedCases + openCases <= 9)
        #expect(try await count(db, "SELECT COUNT(*) FROM pile_ons WHERE status = 'open'") == open.count)
    }
}
