import Foundation
import RelaisCore
@testable import RelaisStore
import RelaisTestSupport
import Testing

/// Evidence packs from the backend under test: what a pack holds of one reporter's report
/// (and nothing of another's), that it verifies, and that any changed byte fails.
@Suite("Evidence packs")
struct EvidencePackTests {
    struct Filed {
        let storage: any RelaisStorage
        let db: TestDatabase
        let tenant: Tenant
        let reportA: String
        let reportB: String
        let caseId: ModerationCase.ID
    }

    func draft(reporter: String, text: String, details: String) -> ReportDraft {
        var draft = moderationDraft(subject: "c-1", reporter: reporter, category: .harassment, text: text, author: "author-9")
        draft.details = details
        return draft
    }

    func submit(_ storage: any RelaisStorage, _ tenant: Tenant, _ draft: ReportDraft, id: String, at: Date) async throws -> ModerationCase.ID {
        let s = ReportSubmission(tenantId: tenant.id, reportId: id, draft: draft, support: nil, receivedAt: at, idempotencyKey: nil, requestHash: "")
        guard case .created(let receipt) = try await storage.submit(s) else { throw StorageError.tenantNotFound("submit failed") }
        return ModerationCase.ID(rawValue: receipt.caseId)
    }

    /// Two reporters on one case, decided by mia.
    func filedAndDecided() async throws -> Filed {
        let db = try await TestDatabase.make()
        let storage = db.storage
        let (tenant, _) = try await storage.createTenant(name: "acme", now: moderationStart)
        let mia = try await storage.createModerator(name: "mia", tenantName: "acme", role: .moderator, now: moderationStart).0
        let caseId = try await submit(storage, tenant, draft(reporter: "reporter-a", text: "tu es nul 😡\n<b>", details: "A-OWN-WORDS"), id: "report-a", at: moderationStart)
        _ = try await submit(storage, tenant, draft(reporter: "reporter-b", text: "B-SNAPSHOT", details: "B-OWN-WORDS"), id: "report-b", at: moderationStart.addingTimeInterval(60))
        _ = try #require(try await storage.claimNextCase(for: mia, now: moderationStart.addingTimeInterval(120)))
        guard case .decided = try await storage.decide(caseId: caseId, decision: removal, by: mia, now: moderationStart.addingTimeInterval(180)) else {
            throw StorageError.tenantNotFound("not decided")
        }
        return Filed(storage: storage, db: db, tenant: tenant, reportA: "report-a", reportB: "report-b", caseId: caseId)
    }

    func pack(_ f: Filed, report id: String) async throws -> (EvidenceDocument, Data) {
        let report = try #require(try await f.storage.report(id: id, tenantId: f.tenant.id))
        let found = try #require(try await f.storage.moderationCase(id: report.caseId, tenantId: f.tenant.id, now: moderationStart.addingTimeInterval(240)))
        let document = EvidenceDocument.of(
            report: report, platform: f.tenant.name, decisions: found.decisions, caseStatus: found.status, issuedAt: moderationStart.addingTimeInterval(240))
        let key = try EvidencePack.signingKey(secret: try await f.storage.sharedSecret(named: EvidencePack.keyName))
        return (document, try EvidencePack.signed(document, key: key))
    }

    @Test func aPackHoldsOnlyItsReportersDataAndVerifies() async throws {
        let f = try await filedAndDecided()
        defer { f.db.removeLater() }
        let (document, file) = try await pack(f, report: f.reportA)
        let text = String(decoding: file, as: UTF8.self)
        #expect(document.report.id == "report-a" && document.report.details == "A-OWN-WORDS")
        #expect(document.content.text == "tu es nul 😡\n<b>" && document.content.authorId == "author-9")
        #expect(document.moderationCase.status == "decided" && document.moderationCase.decisions.count == 1)
        #expect(document.moderationCase.decisions[0].restrictions == [.contentRemoved])
        // Nothing of reporter B, no reporter id at all, no moderator's name.
        for absent in ["reporter-b", "report-b", "B-SNAPSHOT", "B-OWN-WORDS", "reporter-a", "\"mia\""] { #expect(!text.contains(absent), "\(absent)") }
        let key = try EvidencePack.signingKey(secret: try await f.storage.sharedSecret(named: EvidencePack.keyName))
        #expect(EvidencePack.verify(file) == .valid(document, publicKey: EvidencePack.publicKeyText(key)))
        #expect(EvidencePack.verify(file, expectedKey: EvidencePack.publicKeyText(key)) == .valid(document, publicKey: EvidencePack.publicKeyText(key)))
        // B's pack is B's: its own words, the same decision.
        let (other, otherFile) = try await pack(f, report: f.reportB)
        #expect(other.report.details == "B-OWN-WORDS" && other.content.text == "B-SNAPSHOT")
        #expect(!String(decoding: otherFile, as: UTF8.self).contains("A-OWN-WORDS"))
        #expect(other.moderationCase.decisions.map(\.id) == document.moderationCase.decisions.map(\.id))
        // The text's own hash is the SHA-256 of exactly what was sent.
        #expect(document.content.textSHA256 == Fingerprint.sha256(Data("tu es nul 😡\n<b>".utf8)))
    }

    @Test func anyChangedByteFailsAndAnotherKeyIsNotTheExpectedOne() async throws {
        let f = try await filedAndDecided()
        defer { f.db.removeLater() }
        let (_, file) = try await pack(f, report: f.reportA)
        var bytes = [UInt8](file)
        for index in bytes.indices {
            let original = bytes[index]
            // Another printable byte, so the file stays text (the hardest case to catch).
            bytes[index] = original == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
            guard case .invalid = EvidencePack.verify(Data(bytes)) else {
                Issue.record("a change at byte \(index) still verifies")
                return
            }
            bytes[index] = original
        }
        // A byte added or removed fails too.
        #expect(EvidencePack.verify(file + Data(" ".utf8)) != EvidencePack.verify(file))
        if case .valid = EvidencePack.verify(Data(file.dropLast())) { Issue.record("a truncated pack verifies") }
        // A pack re-signed by another key verifies alone, but not as this instance's.
        let (document, _) = try await pack(f, report: f.reportA)
        let stranger = try EvidencePack.signingKey(secret: Data(repeating: 7, count: 32))
        let forged = try EvidencePack.signed(document, key: stranger)
        let ours = try EvidencePack.signingKey(secret: try await f.storage.sharedSecret(named: EvidencePack.keyName))
        if case .valid = EvidencePack.verify(forged, expectedKey: EvidencePack.publicKeyText(ours)) { Issue.record("another key passes as ours") }
        if case .invalid = EvidencePack.verify(forged) { Issue.record("a well-formed pack by another key is still well formed") }
        // Editing a field and fixing the file's form is caught by the signature and hashes.
        var edited = document
        edited.content.authorId = "someone-else"
        let tampered = try EvidencePack.canonical(
            EvidencePack.File(document: edited, signature: try JSONDecoder().decode(EvidencePack.File.self, from: file).signature))
        if case .valid = EvidencePack.verify(tampered) { Issue.record("an edited author verifies") }
    }

    @Test func theTargetIsStoredAndReadBack() async throws {
        let db = try await TestDatabase.make()
        defer { db.removeLater() }
        let (tenant, _) = try await db.storage.createTenant(name: "acme", now: moderationStart)
        var forFriend = draft(reporter: "parent-1", text: "t", details: "d")
        forFriend.reporter.isTarget = false
        forFriend.target = "child-7"
        _ = try await submit(db.storage, tenant, forFriend, id: "report-friend", at: moderationStart)
        _ = try await submit(db.storage, tenant, draft(reporter: "lea", text: "t", details: "d"), id: "report-own", at: moderationStart)
        #expect(try await db.storage.report(id: "report-friend", tenantId: tenant.id)?.draft.target == "child-7")
        let own = try #require(try await db.storage.report(id: "report-own", tenantId: tenant.id))
        #expect(own.draft.target == nil && own.draft.targetId == "lea")
        let stored = try await db.rows("SELECT target_id FROM reports ORDER BY id").map { try $0.string("target_id") }
        #expect(stored == ["child-7", "lea"])
    }

    @Test func aReportersOwnComplaintsAreTheirsAlone() async throws {
        let f = try await filedAndDecided()
        defer { f.db.removeLater() }
        let found = try #require(try await f.storage.moderationCase(id: f.caseId, tenantId: f.tenant.id, now: moderationStart.addingTimeInterval(240)))
        let decision = try #require(found.decisionInForce)
        let filing = AppealFiling(
            tenantId: f.tenant.id, request: AppealRequest(decisionId: decision.id, party: .reporter, userId: "reporter-b", explanation: "Not enough."),
            receivedAt: moderationStart.addingTimeInterval(300), idempotencyKey: nil, requestHash: "h")
        guard case .created = try await f.storage.fileAppeal(filing) else { Issue.record("reporter B appeals"); return }
        let now = moderationStart.addingTimeInterval(400)
        #expect(try await f.storage.appeals(caseId: f.caseId, tenantId: f.tenant.id, appellantId: "reporter-a", now: now).isEmpty)
        let mine = try await f.storage.appeals(caseId: f.caseId, tenantId: f.tenant.id, appellantId: "reporter-b", now: now)
        #expect(mine.count == 1 && mine[0].party == .reporter && mine[0].status == "open")
        let (other, _) = try await f.storage.createTenant(name: "other", now: moderationStart)
        #expect(try await f.storage.appeals(caseId: f.caseId, tenantId: other.id, appellantId: "reporter-b", now: now).isEmpty)
    }
}
