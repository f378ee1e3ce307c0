import Foundation
import RelaisCore
@testable import RelaisStore
import RelaisTestSupport
import Testing

/// Signing out of the console hands back what the moderator held, on the backend under test.
@Suite("Leaving the console")
struct LeaveTests {
    @Test func releasingOnLeaveFreesEveryLiveLeaseOfTheModeratorAndNoOneElses() async throws {
        let db = try await TestDatabase.make()
        defer { db.removeLater() }
        let storage = db.storage
        let (tenant, _) = try await storage.createTenant(name: "acme", now: moderationStart)
        let mia = try await storage.createModerator(name: "mia", tenantName: "acme", role: .moderator, now: moderationStart).0
        let lou = try await storage.createModerator(name: "lou", tenantName: "acme", role: .moderator, now: moderationStart).0
        for index in 0..<3 {
            _ = try await storage.file(tenant, moderationDraft(subject: "s-\(index)", reporter: "r-\(index)", category: .harassment), at: moderationStart)
        }
        let first = try #require(try await storage.claimNextCase(for: mia, now: moderationStart))
        let second = try #require(try await storage.claimNextCase(for: mia, now: moderationStart))
        let lous = try #require(try await storage.claimNextCase(for: lou, now: moderationStart))

        let later = moderationStart.addingTimeInterval(60)
        #expect(try await storage.releaseLeases(of: mia, now: later) == 2)
        for id in [first.id, second.id] {
            let freed = try #require(try await storage.moderationCase(id: id, tenantId: tenant.id, now: later))
            #expect(freed.lease == nil && freed.status == "open")
        }
        #expect(try await storage.moderationCase(id: lous.id, tenantId: tenant.id, now: later)?.lease?.moderatorId == lou.id)
        #expect(try await db.int("SELECT COUNT(*) FROM audit_log WHERE action = 'case.released' AND actor = 'mia'") == 2)
        // Nothing left to release; an expired lease is not counted either.
        #expect(try await storage.releaseLeases(of: mia, now: later) == 0)
        #expect(try await storage.releaseLeases(of: lou, now: later.addingTimeInterval(86_400)) == 0)
    }
}
