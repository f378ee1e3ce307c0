import Foundation
import RelaisCore
@testable import RelaisStore
import RelaisTestSupport
import Testing

/// User management and the audit log's filters: the contract both backends pass.
@Suite("Console users and audit filters store")
struct ConsoleUserStoreTests {
    @Test func anAdminManagesTheUsersOfTheirTenantOnlyAndEveryChangeIsAudited() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let (tenant, _) = try await storage.createTenant(name: "acme", now: moderationStart)
        _ = try await storage.createTenant(name: "other", now: moderationStart)
        let ada = try await storage.createModerator(name: "ada", tenantName: "acme", role: .admin, now: moderationStart).0
        let (olga, olgaToken) = try await storage.createModerator(name: "olga", tenantName: "other", role: .moderator, now: moderationStart)

        let mia = try await storage.createConsoleUser(name: "mia", role: .moderator, passwordHash: "HASH-1", by: ada, now: moderationStart)
        #expect(mia.tenantId == tenant.id)
        await #expect(throws: ModerationError.moderatorExists("mia")) {
            try await storage.createConsoleUser(name: "mia", role: .admin, passwordHash: "x", by: ada, now: moderationStart)
        }
        await #expect(throws: ModerationError.invalidModeratorName("m i a")) {
            try await storage.createConsoleUser(name: "m i a", role: .admin, passwordHash: "x", by: ada, now: moderationStart)
        }
        #expect(try await storage.changeRole(userName: "mia", to: .compliance, by: ada, now: moderationStart) == .changed)
        #expect(try await storage.changeRole(userName: "ada", to: .moderator, by: ada, now: moderationStart) == .refusedOnSelf)
        #expect(try await storage.disableUser(userName: "olga", by: ada, now: moderationStart) == .notFound, "another tenant's user")
        #expect(try await storage.moderator(token: olgaToken)?.id == olga.id)

        // Disabled: no password, no sessions; a new password enables again.
        try await storage.createConsoleSession(idHash: "S1", moderatorId: mia.id, csrfToken: "c", now: moderationStart, expiresAt: moderationStart.addingTimeInterval(3600))
        #expect(try await storage.disableUser(userName: "mia", by: ada, now: moderationStart) == .changed)
        #expect(try await storage.consoleSession(idHash: "S1", now: moderationStart) == nil)
        #expect(try await storage.consoleCredentials(name: "mia")?.passwordHash == nil)
        var row = try #require(try await storage.consoleUsers(tenantId: tenant.id).first { $0.name == "mia" })
        #expect(row.role == .compliance && row.disabledAt != nil)
        #expect(try await storage.resetPassword(userName: "mia", passwordHash: "HASH-2", by: ada, now: moderationStart) == .changed)
        row = try #require(try await storage.consoleUsers(tenantId: tenant.id).first { $0.name == "mia" })
        #expect(row.disabledAt == nil && row.hasPassword)
        #expect(try await storage.consoleUsers(tenantId: tenant.id).map(\.name) == ["ada", "mia"])

        let actions = try await storage.auditLog(tenantId: tenant.id).filter { $0.actor == "ada" }.map(\.action)
        #expect(actions == ["moderator.created", "moderator.role_changed", "moderator.disabled", "moderator.password_set"])
    }

    @Test func theAuditLogIsFilteredByActorActionCaseAndPeriodAndPagedByEntry() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let (tenant, _) = try await storage.createTenant(name: "acme", now: moderationStart)
        let mia = try await storage.createModerator(name: "mia", tenantName: "acme", role: .moderator, now: moderationStart).0
        let lou = try await storage.createModerator(name: "lou", tenantName: "acme", role: .moderator, now: moderationStart).0
        let one = try await storage.file(tenant, moderationDraft(subject: "one", category: .harassment), at: moderationStart)
        let two = try await storage.file(tenant, moderationDraft(subject: "two", category: .harassment), at: moderationStart)
        let day = 86_400.0
        for offset in 0..<3 { _ = try await storage.revealContent(caseId: one, by: mia, now: moderationStart.addingTimeInterval(Double(offset) * day)) }
        _ = try await storage.revealContent(caseId: two, by: lou, now: moderationStart)
        _ = try await storage.tagCase(caseId: two, tag: "legal", by: mia, now: moderationStart)

        func entries(_ filter: AuditFilter, limit: Int = 100) async throws -> [AuditEntry] {
            try await storage.auditEntries(tenantId: tenant.id, filter: filter, limit: limit)
        }
        #expect(try await entries(AuditFilter(actor: "mia")).count == 4)
        #expect(try await entries(AuditFilter(actor: "mia", action: "case.content_revealed")).count == 3)
        #expect(try await entries(AuditFilter(caseId: two)).map(\.actor).sorted() == ["lou", "mia"])
        let secondDay = AuditFilter(actor: "mia", from: moderationStart.addingTimeInterval(day), until: moderationStart.addingTimeInterval(2 * day))
        #expect(try await entries(secondDay).count == 1)
        // Newest first; the next page starts after the last entry shown, and nothing is shown twice.
        let first = try await entries(AuditFilter(actor: "mia"), limit: 2)
        #expect(first.count == 2 && first[0].seq > first[1].seq)
        let rest = try await entries(AuditFilter(actor: "mia", beforeSeq: first[1].seq), limit: 2)
        #expect(rest.count == 2 && Set(rest.map(\.seq)).isDisjoint(with: first.map(\.seq)))
    }
}
