import Foundation
import RelaisCore
@testable import RelaisStore
import RelaisTestSupport
import Testing

/// Tags, comments and escalation: the contract both backends pass.
@Suite("Case notes and escalation store")
struct CaseNotesStoreTests {
    @Test func tagsAndCommentsStayOnTheirCaseAndAreAudited() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let (tenant, _) = try await storage.createTenant(name: "acme", now: moderationStart)
        _ = try await storage.createTenant(name: "other", now: moderationStart)
        let mia = try await storage.createModerator(name: "mia", tenantName: "acme", role: .moderator, now: moderationStart).0
        let olga = try await storage.createModerator(name: "olga", tenantName: "other", role: .moderator, now: moderationStart).0
        let id = try await storage.file(tenant, moderationDraft(subject: "c", category: .harassment), at: moderationStart)
        #expect(try await storage.caseNotes(caseId: id, tenantId: tenant.id) == CaseNotes(tags: [], comments: [], escalation: nil))

        #expect(try await storage.tagCase(caseId: id, tag: "needs-context", by: mia, now: moderationStart))
        #expect(try await storage.tagCase(caseId: id, tag: "needs-context", by: mia, now: moderationStart), "a tag added twice is kept once")
        #expect(try await storage.tagCase(caseId: id, tag: "legal", by: mia, now: moderationStart))
        #expect(try await storage.commentOnCase(caseId: id, comment: "Second account of the same person?", by: mia, now: moderationStart))
        #expect(try await storage.commentOnCase(caseId: id, comment: "Checked: yes.", by: mia, now: moderationStart.addingTimeInterval(60)))
        // Another tenant's moderator finds nothing and writes nothing.
        #expect(try await storage.tagCase(caseId: id, tag: "spam", by: olga, now: moderationStart) == false)
        #expect(try await storage.commentOnCase(caseId: id, comment: "x", by: olga, now: moderationStart) == false)
        #expect(try await storage.caseNotes(caseId: id, tenantId: olga.tenantId) == nil)

        var notes = try #require(try await storage.caseNotes(caseId: id, tenantId: tenant.id))
        #expect(notes.tags == ["legal", "needs-context"])
        #expect(notes.comments.map(\.body) == ["Second account of the same person?", "Checked: yes."])
        #expect(notes.comments.allSatisfy { $0.author == "mia" })
        #expect(try await storage.untagCase(caseId: id, tag: "legal", by: mia, now: moderationStart))
        notes = try #require(try await storage.caseNotes(caseId: id, tenantId: tenant.id))
        #expect(notes.tags == ["needs-context"])

        let actions = try await storage.auditLog(tenantId: tenant.id).filter { $0.caseId == id }.map(\.action)
        #expect(actions.filter { $0 == "case.tagged" }.count == 3)
        #expect(actions.filter { $0 == "case.commented" }.count == 2)
        #expect(actions.contains("case.untagged"))
        // The audit names a comment, never its text.
        #expect(try await storage.auditLog(tenantId: tenant.id).allSatisfy { !($0.after ?? "").contains("Checked: yes.") })
    }

    @Test func anEscalatedCaseWaitsForASenior() async throws {
        let (storage, db) = try await makeStorage()
        defer { db.removeLater() }
        let (tenant, _) = try await storage.createTenant(name: "acme", now: moderationStart)
        let mia = try await storage.createModerator(name: "mia", tenantName: "acme", role: .moderator, now: moderationStart).0
        let lou = try await storage.createModerator(name: "lou", tenantName: "acme", role: .moderator, now: moderationStart).0
        let ada = try await storage.createModerator(name: "ada", tenantName: "acme", role: .admin, now: moderationStart).0
        let id = try await storage.file(tenant, moderationDraft(subject: "c", category: .threat), at: moderationStart)

        // Only the lease holder escalates.
        guard case .notLeasedByCaller = try await storage.escalateCase(caseId: id, reason: "Credible threat?", by: mia, now: moderationStart) else {
            Issue.record("escalated without a lease"); return
        }
        #expect(try await storage.claimNextCase(for: mia, now: moderationStart)?.id == id)
        guard case .released = try await storage.escalateCase(caseId: id, reason: "Credible threat? Needs a senior.", by: mia, now: moderationStart) else {
            Issue.record("not escalated"); return
        }
        let notes = try #require(try await storage.caseNotes(caseId: id, tenantId: tenant.id))
        #expect(notes.escalation == CaseEscalation(by: "mia", reason: "Credible threat? Needs a senior.", at: moderationStart))
        let entry = try #require(try await storage.auditLog(tenantId: tenant.id).last { $0.action == "case.escalated" })
        #expect(entry.actor == "mia" && entry.caseId == id && (entry.after ?? "").contains("Needs a senior") && (entry.after ?? "").contains("admin"))

        // Moderators no longer get it, by claim-next or by choice; the admin does.
        #expect(try await storage.claimNextCase(for: lou, now: moderationStart) == nil)
        #expect(try await storage.claimNextCase(for: mia, now: moderationStart) == nil)
        guard case .notLeasedByCaller = try await storage.claimCase(id: id, for: lou, now: moderationStart) else {
            Issue.record("a moderator claimed an escalated case"); return
        }
        #expect(try await storage.claimNextCase(for: ada, now: moderationStart)?.id == id)
        guard case .decided = try await storage.decide(caseId: id, decision: removal, by: ada, now: moderationStart) else {
            Issue.record("the senior could not decide"); return
        }
    }
}
